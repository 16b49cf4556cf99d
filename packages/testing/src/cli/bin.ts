#!/usr/bin/env node
import { run } from './main';

// The `wootkit-standin` executable (also `npx @wootkit/testing`): it stops on the first Ctrl+C or SIGTERM.
const stopped = new Promise<NodeJS.Signals>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stopped }).then((code) => {
  process.exitCode = code;
  // Normally nothing is left and the process ends now; if something still holds it open, end it anyway.
  setTimeout(() => process.exit(code), 1_000).unref();
});
