#!/usr/bin/env node
import { run } from './main';

// The `wootkit` executable: everything lives in run(), so tests can drive it in-process as well as as a child.
run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`wootkit: unexpected failure (${error instanceof Error ? error.name : 'error'})\n`);
    process.exitCode = 1;
  },
);
