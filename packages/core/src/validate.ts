/**
 * Bad input is reported, never thrown: these checks return a problem (a `WootkitError`) or the cleaned value, and the
 * controller turns problems into an `error` event, `state.error` and one console warning.
 */
import { WootkitError } from './errors';
import type { ChatwootSettings, CreateChatwootOptions, IdentifiedUser, LoadStrategy } from './types';

/** Every setting Chatwoot's SDK reads: 0 boolean, 1 string, or the values it accepts. */
export const SETTING_TYPES: Record<keyof ChatwootSettings, 0 | 1 | string[]> = {
  position: ['left', 'right'],
  type: ['standard', 'expanded_bubble'],
  launcherTitle: 1,
  locale: 1,
  useBrowserLanguage: 0,
  darkMode: ['light', 'auto', 'dark'],
  hideMessageBubble: 0,
  showPopoutButton: 0,
  showUnreadMessagesDialog: 0,
  widgetStyle: ['standard', 'flat'],
  baseDomain: 1,
  welcomeTitle: 1,
  welcomeDescription: 1,
  availableMessage: 1,
  unavailableMessage: 1,
  enableFileUpload: 0,
  enableEmojiPicker: 0,
  enableEndConversation: 0,
};

/** Options after validation: defaults applied, bad optional parts dropped. */
export interface NormalizedOptions {
  baseUrl: string;
  /** The widget's origin: the only origin whose messages we accept and the only one we post to. */
  origin: string;
  websiteToken: string;
  settings: ChatwootSettings;
  user?: IdentifiedUser;
  load: LoadStrategy;
  nonce?: string;
  timeoutMs: number;
}

export const isObject = (value: unknown): value is Record<string, any> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

const isText = (value: unknown): value is string => typeof value === 'string' && !!value.trim();

/** Whether a setting is one Chatwoot knows, with a value of the type it expects. */
export function isValidSetting(key: string, value: unknown): boolean {
  // Own keys only: a setting named `constructor` or `__proto__` must not find Object.prototype's members.
  const type = Object.hasOwn(SETTING_TYPES, key) ? SETTING_TYPES[key as keyof ChatwootSettings] : undefined;
  return type === 0 ? typeof value == 'boolean' : type === 1 ? isText(value) : !!type?.includes(value as string);
}

/**
 * Checks a method's argument: `0` a non-empty string, `1` an object with at least one key, or the allowed values.
 * Returns the problem, or undefined.
 */
export function checkArgument(method: string, kind: 0 | 1 | unknown[], value: unknown): WootkitError | undefined {
  if (kind === 0 ? !isText(value) : kind === 1 ? !isObject(value) || !Object.keys(value).length : !kind.includes(value)) {
    return new WootkitError('invalid_argument', `${method}: bad argument`);
  }
}

/** Checks `setUser`'s arguments; returns the user as wootkit holds it (identifier as a string) or a problem. */
export function checkUser(identifier: unknown, user: unknown): IdentifiedUser | WootkitError {
  return !isText(identifier) && !Number.isFinite(identifier)
    ? new WootkitError('invalid_argument', 'setUser: bad identifier')
    : !isObject(user) || !['email', 'name', 'avatar_url'].some((key) => isText(user[key]))
      ? new WootkitError('invalid_argument', 'setUser: needs email, name or avatar_url')
      : { identifier: String(identifier), user };
}

/**
 * Validates `createChatwoot`'s options. Without a usable `baseUrl` and `websiteToken` there are no options (fatal).
 * Any other problem is reported and that part falls back to its default; settings are passed on as given (the SDK
 * ignores what it does not know) but each unknown or ill-typed one is reported.
 */
export function normalizeOptions(input: CreateChatwootOptions): {
  options?: NormalizedOptions;
  problems: WootkitError[];
} {
  const problems: WootkitError[] = [];
  const check = (ok: unknown, what: string) => ok || problems.push(new WootkitError('invalid_options', 'bad ' + what));
  const { baseUrl, websiteToken, settings = {}, user, load = 'eager', nonce = '', timeoutMs = 15e3 } = isObject(input)
    ? input
    : ({} as CreateChatwootOptions);
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // reported just below
  }
  check(/^https?:$/.test(url?.protocol!), 'baseUrl');
  check(isText(websiteToken), 'websiteToken');
  if (problems.length) return { problems };

  check(isObject(settings), 'settings');
  for (const key in settings) check(isValidSetting(key, settings[key as keyof ChatwootSettings]), 'setting ' + key);
  const { identifier, ...fields } = Object(user);
  const checked = user && checkUser(identifier, fields);
  if (checked instanceof WootkitError) check(0, 'user: ' + checked.message);
  const loadOk = ['eager', 'idle', 'interaction', 'manual', 'facade'].includes(load as string) || (load as any)?.delayMs >= 0;
  check(loadOk, 'load');
  check(timeoutMs > 0, 'timeoutMs');
  check(typeof nonce == 'string', 'nonce');
  return {
    problems,
    options: {
      baseUrl: url!.origin + url!.pathname.replace(/\/+$/, ''),
      origin: url!.origin,
      websiteToken,
      settings,
      user: checked instanceof WootkitError ? undefined : checked,
      load: loadOk ? load : 'eager',
      nonce: nonce as string, // checked above; a script's `nonce` makes a string of it anyway
      timeoutMs: timeoutMs > 0 ? timeoutMs : 15e3,
    },
  };
}
