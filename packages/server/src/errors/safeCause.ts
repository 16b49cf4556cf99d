/**
 * A copy of an error that keeps what helps a person (name, message, system error code) and drops everything else:
 * a custom `fetch` may hang its `Request`, headers or config on the error it throws, and with them the API token.
 * Any occurrence of a given secret in a message is replaced by `[redacted]`. Nested causes are copied the same way.
 */
export function safeCause(error: unknown, secrets: readonly string[], depth = 0): Error {
  const scrub = (text: string) => secrets.reduce((out, secret) => (secret ? out.split(secret).join('[redacted]') : out), text);
  if (!(error instanceof Error)) return new Error(scrub(typeof error === 'string' ? error : 'non-Error value thrown'));
  const inner = (error as { cause?: unknown }).cause;
  const copy = new Error(scrub(error.message), inner !== undefined && depth < 3 ? { cause: safeCause(inner, secrets, depth + 1) } : undefined);
  copy.name = error.name;
  for (const key of ['code', 'errno', 'syscall'] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') {
      Object.defineProperty(copy, key, { value: typeof value === 'string' ? scrub(value) : value, enumerable: true });
    }
  }
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
