#!/usr/bin/env node
// The `wootkit` executable. A committed file rather than dist/cli.js itself, so that installing the workspace before
// the first build can link it (pnpm warns about a bin whose file does not exist yet).
import '../dist/cli.js';
