/** `@wootkit/hooks/preact`: Chatwoot for Preact apps (state also as signals). */
export {
  ChatwootProvider,
  useChatwoot,
  useChatwootController,
  useChatwootEvent,
  useChatwootSignal,
  useChatwootUser,
} from './preact/bindings';
export type * from './shared/public-types';
