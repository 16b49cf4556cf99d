import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFakeChatwoot, type FakeChatwoot } from '../src/index';

// The stand-in's Action Cable endpoint (Chatwoot v4.15.1, app/channels/room_channel.rb), with a real ws client.
let fake: FakeChatwoot;
const clients: WebSocket[] = [];

beforeEach(async () => {
  fake = await startFakeChatwoot();
});
afterEach(async () => {
  for (const client of clients) client.terminate();
  clients.length = 0;
  await fake.close();
});

/** Opens a cable socket and collects every frame it receives. */
async function connect() {
  const client = new WebSocket(`${fake.url.replace('http', 'ws')}/cable`, 'actioncable-v1-json');
  clients.push(client);
  const frames: Array<Record<string, unknown>> = [];
  client.on('message', (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
  return { client, frames };
}

/** Waits (bounded: 5 s) until `check` holds. */
async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('cable protocol', () => {
  it('speaks actioncable-v1-json: welcome, then a ping every 3 s', async () => {
    const { client, frames } = await connect();
    expect(client.protocol).toBe('actioncable-v1-json');
    await until(() => frames.some((frame) => frame.type === 'welcome'));
    await until(() => frames.some((frame) => frame.type === 'ping'), 4000);
    const ping = frames.find((frame) => frame.type === 'ping')!;
    expect(Math.abs((ping.message as number) - Date.now() / 1000)).toBeLessThan(5);
  }, 8000);

  it('confirms an agent RoomChannel subscription and marks the agent online; update_presence keeps them online', async () => {
    const [agent] = fake.api.seed({ agents: [{ name: 'Sam', email: 'sam@example.test', role: 'agent' }] }).agents;
    expect(fake.api.cable.isUserOnline(agent!.id)).toBe(false);
    const { client, frames } = await connect();
    const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: `pubsub-user-${agent!.id}`, account_id: 1, user_id: agent!.id });
    client.send(JSON.stringify({ command: 'subscribe', identifier }));
    await until(() => frames.some((frame) => frame.type === 'confirm_subscription'));
    expect(frames.find((frame) => frame.type === 'confirm_subscription')).toEqual({ identifier, type: 'confirm_subscription' });
    expect(fake.api.cable.isUserOnline(agent!.id)).toBe(true);
    client.send(JSON.stringify({ command: 'message', identifier, data: JSON.stringify({ action: 'update_presence' }) }));
  });

  it('neither confirms nor rejects a wrong token, and keeps the socket open', async () => {
    const { client, frames } = await connect();
    const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: 'nope', account_id: 1, user_id: 1 });
    client.send(JSON.stringify({ command: 'subscribe', identifier }));
    client.send('not json');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(frames.filter((frame) => frame.identifier !== undefined)).toEqual([]);
    expect(client.readyState).toBe(WebSocket.OPEN);
  });

  it('drops every cable connection on demand', async () => {
    const { client } = await connect();
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    fake.api.cable.dropConnections();
    await closed;
    expect(client.readyState).toBe(WebSocket.CLOSED);
  });
});
