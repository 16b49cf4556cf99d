export { startFakeChatwoot } from './fake-chatwoot';
export type { FakeChatwoot, FakeChatwootOptions } from './fake-chatwoot';
export type { FakeWidget, FakeWidgetOptions } from './widget/index';
export type { FakeApi, FakeApiOptions } from './api/index';
export type { RouteModule } from './route';
