/**
 * The launcher's look, as CSS-in-JS applied through the CSSOM (`element.style`): no `<style>` tag, so it needs no
 * CSP `style-src` allowance, and nothing leaks into the host page's styles. Sizes and placement copy Chatwoot's own
 * bubble (64 px, 20 px from the corner), so the real bubble replaces it in place, with no layout shift.
 */

/** Chatwoot's default widget colour. */
export const DEFAULT_FACADE_COLOR = '#1f93ff';

/** Above the page, and above Chatwoot's bubble holder (2147483000) while both are on screen. */
const Z_INDEX = '2147483001';

/** Everything but the colour, which `mountFacade` sets through the CSSOM (that keeps only a real colour). */
export function launcherStyle(position: 'left' | 'right', expanded: boolean): string {
  const shape = expanded
    ? 'height:48px;min-width:64px;padding:0 20px;border-radius:24px'
    : 'height:64px;width:64px;padding:0;border-radius:50%';
  return (
    `position:fixed;bottom:20px;${position}:20px;z-index:${Z_INDEX};${shape};border:0;margin:0;` +
    'color:#fff;box-shadow:0 4px 24px rgba(0,0,0,.16);cursor:pointer;display:flex;align-items:center;' +
    'justify-content:center;gap:8px;font:600 16px/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;' +
    'box-sizing:border-box'
  );
}

/**
 * The chat icon, a speech bubble drawn by one element's CSS in the button's (white) text colour. Not an SVG: a page's
 * first SVG element costs it ~1.5 ms of main-thread time before any interaction (parser, SVG set-up; measured in
 * Chromium), about as much as all the rest of the launcher's drawing.
 */
export const ICON_STYLE = 'display:block;width:24px;height:20px;background:currentColor;border-radius:12px 12px 12px 3px';
