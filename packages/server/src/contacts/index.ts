export type { Customer, ContactMatchOptions, ContactLockOptions } from './Customer';
export { InvalidCustomerError } from './InvalidCustomerError';
export { ContactLockTimeoutError } from './ContactLockTimeoutError';
export { findContact, type ContactQuery } from './findContact';
export { upsertContact, type UpsertAction, type UpsertResult } from './upsertContact';
export { findOrCreateContact } from './findOrCreateContact';
export {
  syncContacts,
  type SyncContactsOptions,
  type SyncFailure,
  type SyncProgress,
  type SyncReport,
} from './syncContacts';
