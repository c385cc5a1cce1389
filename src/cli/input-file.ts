import { readFileSync } from 'node:fs';

/** Reads an offline command's input file; on failure says why on `err` (`FILE: cannot read it (ENOENT)`) and returns undefined. */
export function readInputFile(file: string, err: (s: string) => void): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    err(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return undefined;
  }
}
