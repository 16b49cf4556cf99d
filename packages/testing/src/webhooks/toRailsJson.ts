// Rails' `to_json` (ActiveSupport's JSON escaping) writes these as \u escapes; JSON.stringify keeps them as they are.
const RAILS_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Serialises like Chatwoot (Rails `to_json`): compact JSON with `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX`.
 * The bytes differ from `JSON.stringify` whenever a message contains HTML-ish text, which is why receivers must
 * verify signatures on the raw body. Those characters only ever occur inside JSON strings, so a global replace is safe.
 */
export function toRailsJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => RAILS_ESCAPES[char]!);
}
