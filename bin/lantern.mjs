#!/usr/bin/env node
// The `lantern` command runs the compiled CLI (dist/cli.js), as `npm start` runs dist/main.js: plain node,
// no TypeScript runner. dist/ is compiled first when src/ has changed (quick when nothing has).
import { buildDist } from '../scripts/build.mjs';

await buildDist();
await import('../dist/cli.js');
