/** Input–output tables: the canonical CSV and converters from publishers' layouts. */
import { convertBeaMakeUse } from './bea.js';
import { convertEurostat } from './eurostat.js';
import { convertOecd } from './oecd.js';
import type { Conversion, SourceFile } from './publisher.js';

export { BALANCE_TOLERANCE, parseCanonical, parseDemand, writeCanonical, type IoTable, type ParsedTable } from './canonical.js';
export { IoFileError } from './csv.js';
export { LayoutError, type Conversion, type SourceFile } from './publisher.js';
export { convertBeaMakeUse, convertEurostat, convertOecd };

/** The publishers' layouts `cordon plan convert --from` knows. */
export const CONVERTERS: Readonly<Record<string, (files: readonly SourceFile[]) => Conversion>> = {
  eurostat: convertEurostat,
  oecd: convertOecd,
  'bea-make-use': convertBeaMakeUse,
};
