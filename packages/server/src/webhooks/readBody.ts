import { WebhookVerificationError } from '../errors/WebhookVerificationError';

/**
 * Reads a request body up to `maxBytes`, counting the bytes as they stream in: a missing or lying Content-Length
 * cannot make us buffer more than the limit.
 *
 * @throws {WebhookVerificationError} `payload_too_large`.
 */
export async function readBodyWithLimit(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  if (declaredLength != null && Number(declaredLength) > maxBytes) throw tooLarge(maxBytes);
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number): WebhookVerificationError {
  return new WebhookVerificationError('payload_too_large', `The webhook body is larger than ${maxBytes} bytes`);
}
