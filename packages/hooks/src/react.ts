/** `@wootkit/hooks/react`: Chatwoot for React 18+ apps. */
export {
  ChatwootProvider,
  useChatwoot,
  useChatwootController,
  useChatwootEvent,
  useChatwootUser,
} from './react/bindings';
export type * from './shared/public-types';
