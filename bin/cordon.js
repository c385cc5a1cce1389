#!/usr/bin/env node
// Entry point of the `cordon` command. Runs the TypeScript sources directly through
// tsx, so `npx cordon …` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

// `cordon … | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
