/**
 * The website inbox's widget colour, as Chatwoot's inbox API gives it (`widget_color`), for the page's facade
 * launcher (`data-color`): the launcher shown before the widget loads should already be the bubble's colour.
 */
import type { ChatwootClient } from '@wootkit/server';

/** `#rgb` or `#rrggbb`, as Chatwoot's colour picker stores it. */
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `undefined` when the inbox cannot be read or has no usable colour: the launcher then keeps its default. */
export async function readWidgetColor(client: ChatwootClient, inboxId: number): Promise<string | undefined> {
  try {
    const color = (await client.inboxes.get(inboxId)).widget_color;
    return typeof color === 'string' && HEX_COLOR.test(color) ? color : undefined;
  } catch {
    return undefined;
  }
}
