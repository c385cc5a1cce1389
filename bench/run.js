#!/usr/bin/env node
// `npm run bench -- NAME [args]` runs bench/NAME.ts. Each benchmark prints its
// measurements and, last, one machine-readable line: `BENCH name=NAME key=value …`.
import { existsSync, readdirSync } from 'node:fs';
import { register } from 'tsx/esm/api';

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
if (!name || !existsSync(new URL(`./${name}.ts`, import.meta.url))) {
  console.error(`usage: npm run bench -- NAME   (available: ${available.join(', ')})`);
  process.exit(2);
}
register();
process.argv = [process.argv[0], `bench/${name}.ts`, ...rest];
await import(`./${name}.ts`);
