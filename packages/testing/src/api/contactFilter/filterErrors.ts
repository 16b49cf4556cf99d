import { HttpError, errors } from '../http';
import { CONTACT_FILTER_KEYS } from './filterKeys';

/**
 * The answers of Chatwoot's contact filter when it refuses a payload: its four CustomFilter exceptions become a 422
 * `{ error }` (config/locales/en.yml, errors.custom_filters), and anything that crashes its Ruby or its SQL a 500.
 */
export const filterErrors = {
  invalidAttribute: (key: string) =>
    errors.unprocessable(
      `Invalid attribute key - [${key}]. The key should be one of [${Object.keys(CONTACT_FILTER_KEYS).join(',')}] ` +
        'or a custom attribute defined in the account.',
    ),
  invalidOperator: (key: string, allowed: readonly string[]) =>
    errors.unprocessable(`Invalid operator. The allowed operators for ${key} are [${allowed.join(',')}].`),
  invalidQueryOperator: () => errors.unprocessable('Query operator must be either "AND" or "OR".'),
  invalidValue: (key: string) => errors.unprocessable(`Invalid value. The values provided for ${key} are invalid`),
  /** A NoMethodError in the service or an SQL error (syntax, type mismatch): Rails' generic 500. */
  crashed: () => new HttpError(500, { status: 500, error: 'Internal Server Error' }),
};
