/**
 * How PostgreSQL and Ruby see the values the contact filter compares, so the stand-in can compare like the SQL
 * Chatwoot builds. A `null` is SQL's NULL: every comparison with it is unknown, so the row is not kept.
 */

/** `column ->> 'key'` of a JSON column: strings as they are, other JSON values as their JSON text, absent → NULL. */
export function jsonText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Ruby's `blank?`: nil, false, an empty or whitespace-only string, an empty array or hash. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** `text ILIKE pattern`: `%` any run, `_` one character, `\` escapes; case-insensitive, whole string. */
export function ilike(text: string, pattern: string): boolean {
  return likeMatch(text, pattern, 'isu');
}

/** `text LIKE pattern`: the same, case-sensitive. */
export function like(text: string, pattern: string): boolean {
  return likeMatch(text, pattern, 'su');
}

function likeMatch(text: string, pattern: string, flags: string): boolean {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\' && index + 1 < pattern.length) source += escapeRegExp(pattern[++index]!);
    else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, flags).test(text);
}

function escapeRegExp(text: string): string {
  // Only the characters special outside a class: with the `u` flag, escaping any other (`-`, `/`) is a SyntaxError.
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** PostgreSQL's boolean input: true/yes/on/false/no/off or a unique prefix of one, `1`, `0`; else undefined. */
export function pgBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (word === '') return undefined;
  const means = (words: string[], digit: string) => word === digit || words.some((candidate) => candidate.startsWith(word));
  const truthy = means(['true', 'yes', 'on'], '1');
  const falsy = means(['false', 'no', 'off'], '0');
  // "o" starts both on and off: PostgreSQL refuses it, as it refuses anything else.
  return truthy === falsy ? undefined : truthy;
}

/** A string cast to `date`: its calendar day as `YYYY-MM-DD` (a written day wins over any zone), or undefined. */
export function pgDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const written = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value);
  if (written) return Number.isFinite(Date.parse(written[1]!)) ? written[1] : undefined;
  const time = Date.parse(value.trim());
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : undefined;
}

/** A unix-seconds column cast to `date`. */
export function dayOfSeconds(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** PostgreSQL's `numeric` input; undefined when the text is not a number. */
export function pgNumeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) return undefined;
  return Number(value);
}
