// The types an app using the hooks needs, from one import.
export type { ChatwootActions, ChatwootProviderProps, ChatwootUserInput, UseChatwootResult } from './types';
export type {
  ChatwootController,
  ChatwootEvents,
  ChatwootState,
  ChatwootStatus,
  ChatwootUser,
  CreateChatwootOptions,
  WootkitError,
  WootkitErrorCode,
} from '@wootkit/core';
