/**
 * Reads the script-tag build's configuration from its `<script>` element's `data-*` attributes. Bad attributes give
 * a console warning and are left out; they never stop the page.
 */
import type { ChatwootSettings, CreateChatwootOptions, LoadStrategy } from './types';
import { isValidSetting, SETTING_TYPES } from './validate';

/**
 * The load strategy when `data-load` is absent: the facade (wootkit's launcher; Chatwoot is fetched on the visitor's
 * first sign of intent). Everything else reads the strategy through this one constant.
 */
export const DEFAULT_SCRIPT_LOAD: LoadStrategy = 'facade';

/** Attributes that are not widget settings. */
const OWN_ATTRIBUTES = ['baseUrl', 'websiteToken', 'load', 'user', 'nonce', 'timeoutMs', 'color', 'label', 'coreSrc'];

const warn = (message: string) => console.warn(`[wootkit] script tag: ${message}`);

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    warn(`data-${name} is not valid JSON; ignored`);
    return undefined;
  }
}

/** The longest delay `setTimeout` keeps (2^31 - 1 ms, ~24.8 days): a longer one would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** A number of milliseconds, at most `MAX_DELAY_MS` (NaN stays NaN: core reports it). */
const delay = (text: string) => Math.min(Number(text), MAX_DELAY_MS);

function parseLoad(text: string | undefined): LoadStrategy {
  if (text === undefined) return DEFAULT_SCRIPT_LOAD;
  if (['eager', 'idle', 'interaction', 'manual', 'facade'].includes(text)) return text as LoadStrategy;
  if (/^\d+$/.test(text)) return { delayMs: delay(text) };
  warn(`data-load="${text}" is not a load strategy or a delay in ms; using ${DEFAULT_SCRIPT_LOAD}`);
  return DEFAULT_SCRIPT_LOAD;
}

/**
 * `data-website-token` → `websiteToken`, as `dataset` names it. A plain loop: every page runs this before any
 * interaction, and a regular expression's first use costs the page ~1 ms of compiling (measured in Chromium).
 */
function datasetKey(attribute: string): string {
  let key = '';
  for (let i = 5; i < attribute.length; i++) {
    const next = attribute[i + 1]!;
    if (attribute[i] == '-' && next >= 'a' && next <= 'z') {
      key += next.toUpperCase();
      i++;
    } else key += attribute[i];
  }
  return key;
}

/** The options for `createChatwoot`, or null when the tag names no website token (then only the API is exposed). */
export function readScriptOptions(script: HTMLOrSVGScriptElement | null): CreateChatwootOptions | null {
  // From the attributes rather than `dataset`, which some DOMs leave empty-valued attributes out of; by name, as
  // strings, which spares the page the `Attr` objects that walking `attributes` creates.
  const data: Record<string, string> = {};
  for (const name of (script as HTMLElement | null)?.getAttributeNames() ?? []) {
    if (name.startsWith('data-')) data[datasetKey(name)] = script!.getAttribute(name)!;
  }
  if (!data.websiteToken && !data.baseUrl) return null;
  const settings: Record<string, unknown> = {};
  for (const [key, text = ''] of Object.entries(data)) {
    if (OWN_ATTRIBUTES.includes(key)) continue;
    const type = SETTING_TYPES[key as keyof ChatwootSettings];
    // Booleans as HTML does them: present (or "true") is true, "false" is false.
    const value = type === 0 ? text !== 'false' : text;
    if (isValidSetting(key, value)) settings[key] = value;
    else warn(`data-${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}="${text}" is not a setting Chatwoot knows; ignored`);
  }
  // The launcher ignores a colour the CSSOM refuses (facade.ts); say so here, where the attribute is.
  if (data.color) {
    const probe = document.createElement('i').style;
    probe.color = data.color;
    if (!probe.color) warn(`data-color="${data.color}" is not a CSS colour; using the default`);
  }
  const user = data.user === undefined ? undefined : parseJson('user', data.user);
  return {
    baseUrl: data.baseUrl ?? '',
    websiteToken: data.websiteToken ?? '',
    settings,
    load: parseLoad(data.load),
    nonce: data.nonce ?? ((script as HTMLElement | null)?.nonce || undefined),
    ...(user !== undefined && { user: user as CreateChatwootOptions['user'] }),
    ...(data.timeoutMs && { timeoutMs: delay(data.timeoutMs) }),
    facade: { color: data.color, label: data.label },
  };
}
