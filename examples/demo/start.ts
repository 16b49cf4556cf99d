// `pnpm demo`: the whole wootkit round trip on 127.0.0.1 — see README.md beside this file.
import type { ActivityEntry } from './src/activity-log';
import { DemoConfigError, readDemoConfig } from './src/config';
import { startDemo } from './src/start-demo';

const printEntry = (entry: ActivityEntry) => console.log(`  [${entry.step}] ${entry.text}`);

try {
  const config = readDemoConfig();
  const demo = await startDemo(config, { onLog: printEntry });
  const online = demo.agents.filter((agent) => agent.availability === 'online').map((agent) => agent.name);
  console.log(`
wootkit demo is running
  Demo page:  ${demo.url}   ← open this in a browser
  Chatwoot:   ${demo.chatwootUrl}${demo.mode === 'stand-in' ? '   (embedded in-memory stand-in; set CHATWOOT_* to use a real one)' : ''}
  Agents online: ${online.join(', ') || 'none'}

Try it: log in with the form (the Mexican number 55 1234 5678 is filled in), open the chat, send a message, and
watch the live log: verified webhook → contact matched by phone → round-robin assignment → auto-reply in the widget.
Press Ctrl+C to stop.
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (error instanceof DemoConfigError) {
    console.error(`wootkit demo: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
