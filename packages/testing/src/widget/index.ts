export { createFakeWidget } from './create-fake-widget';
export { renderHostPage, type HostPageMode, type HostPageOptions } from './pages';
export { HMAC_FAILED_MESSAGE } from './identity';
export type * from './types';
export { CHATWOOT_WINDOW_EVENTS, recordChatwootWindowEvents, type RecordedWindowEvent } from './window-events';
