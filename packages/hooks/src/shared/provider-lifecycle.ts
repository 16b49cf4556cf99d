/**
 * Which controller a `<ChatwootProvider options>` uses, and when it is destroyed. This is binding logic (core has
 * no notion of mounting): Chatwoot allows one widget per page, so the page holds one slot.
 *
 * - Providers for the same inbox (baseUrl + websiteToken) share the slot's controller: two providers, StrictMode's
 *   double render and double mount, a key change or a hot reload never create a second one.
 * - A provider for another inbox destroys the old controller before creating its own, so the new widget starts clean.
 * - When the last provider unmounts the controller is destroyed a task later (unless `keepAlive`), so an unmount
 *   followed at once by a mount (StrictMode, hot reload, moving the provider) keeps the widget.
 * - On the server nothing is shared: every render gets its own inert controller, so requests never meet.
 */
import { createChatwoot, WootkitError, type ChatwootController, type CreateChatwootOptions } from '@wootkit/core';

// The slot, as plain variables (they minify to one letter each).
let slotKey: string | undefined;
let slotController: ChatwootController | undefined;
/** Mounted providers using the slot's controller. */
let slotUsers = 0;
let slotTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The controller for `options`, created on first use. Called during render, so it must be idempotent: a render
 * that is thrown away leaves a controller in the slot that the next provider for the same inbox reuses.
 */
export function acquireController(options: CreateChatwootOptions): ChatwootController {
  if (typeof document === 'undefined') return createChatwoot(options);
  const key = `${options?.baseUrl} ${options?.websiteToken}`;
  if (!slotController || slotKey !== key) {
    slotController?.destroy();
    slotKey = key;
    slotUsers = 0;
    slotController = createChatwoot(options);
  }
  return slotController;
}

/** A provider using `controller` has mounted. */
export function retainController(controller: ChatwootController): void {
  if (slotController === controller) {
    slotUsers++;
    clearTimeout(slotTimer);
  }
}

/** A provider using `controller` has unmounted; the last one out destroys it unless `keepAlive`. */
export function releaseController(controller: ChatwootController, keepAlive: boolean | undefined): void {
  if (slotController !== controller || --slotUsers > 0 || keepAlive) return;
  slotTimer = setTimeout(() => {
    if (slotController === controller && !slotUsers) {
      slotController = undefined;
      controller.destroy();
    }
  });
}

/** What a hook throws when no provider is above it (a programming error, so thrown rather than reported). */
export function missingProvider(): WootkitError {
  return new WootkitError('invalid_argument', 'wootkit hook used outside <ChatwootProvider>');
}
