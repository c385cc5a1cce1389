import type { CountResult, Election, Method } from './ballots.js';
import { countIrv } from './irv.js';
import { countSchulze } from './schulze.js';
import { countApproval, countPlurality } from './simple.js';
import { countStv } from './stv.js';

export * from './ballots.js';
export { parseBlt, writeBlt } from './blt.js';
export { countStv, countIrv, countPlurality, countApproval, countSchulze };
export { renderTable } from './table.js';

/** Counts an election by the named method; `seed` decides any draw by lot. */
export function count(e: Election, method: Method, seed = 0): CountResult {
  switch (method) {
    case 'stv':
      return countStv(e, seed);
    case 'irv':
      return countIrv(e, seed);
    case 'plurality':
      return countPlurality(e, seed);
    case 'approval':
      return countApproval(e, seed);
    case 'schulze':
      return countSchulze(e, seed);
  }
}
