import { HttpError } from './http';

/**
 * What Chatwoot answers when an exception escapes its controllers (an unrescued ActiveRecord::RecordNotUnique, a
 * NoMethodError, an SQL error): Rails' ActionDispatch::PublicExceptions body for a JSON request.
 */
export function internalServerError(): HttpError {
  return new HttpError(500, { status: 500, error: 'Internal Server Error' });
}
