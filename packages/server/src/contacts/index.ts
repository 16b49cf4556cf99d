export type { Customer, ContactMatchOptions } from './Customer';
export { InvalidCustomerError } from './InvalidCustomerError';
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
