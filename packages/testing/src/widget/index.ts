// Placeholder until the widget stand-in lands (issue 2): answers nothing.
import type { RouteModule } from '../route';

export interface FakeWidgetOptions {}
export interface FakeWidget extends RouteModule {
  setBaseUrl?(url: string): void;
}

export function createFakeWidget(_options: FakeWidgetOptions = {}): FakeWidget {
  return { handle: () => false };
}
