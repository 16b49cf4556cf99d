// Placeholder until the REST API stand-in lands (issue 4): answers nothing.
import type { RouteModule } from '../route';

export interface FakeApiOptions {}
export interface FakeApi extends RouteModule {
  setBaseUrl?(url: string): void;
}

export function createFakeApi(_options: FakeApiOptions = {}): FakeApi {
  return { handle: () => false };
}
