/**
 * What the converters from publishers' layouts share: a grid of labelled rows read from
 * one file, and the last step that turns flows, output and labour into a canonical table
 * by the recipe of ../shared/data/io/README.md — final demand d = x − Σ_j Z[i][j], which
 * equals the sum of the final-use columns up to the publisher's rounding (the converter
 * reports the largest difference), so the table's own final demand gives back x.
 */
import { csrFromDense } from '../solve/csr.js';
import type { IoTable } from './canonical.js';
import { IoFileError, parseNumber, readCsv, type CsvRecord } from './csv.js';

/** The converter was given the wrong files (how many, or which is which cannot be told). */
export class LayoutError extends Error {}

export interface SourceFile {
  name: string;
  text: string;
}

/** A table converted, and what was assumed or found on the way (for stderr). */
export interface Conversion {
  table: IoTable;
  notes: string[];
}

// Cells publishers use for "nothing": BEA writes NA, some tables "…", "-" or (D) (suppressed).
const EMPTY = /^(|NA|N\/A|\.\.\.|…|-|–|\(D\))$/i;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

export class Grid {
  readonly records: CsvRecord[];
  constructor(readonly file: SourceFile) {
    try {
      this.records = readCsv(file.text);
    } catch (e) {
      if (e instanceof IoFileError) throw new IoFileError(e.line, e.reason, file.name);
      throw e;
    }
    if (this.records.length < 2) throw this.error(1, 'the file has no table (fewer than two lines)');
  }

  get header(): string[] {
    return this.records[0]!.fields;
  }

  error(line: number, reason: string): IoFileError {
    return new IoFileError(line, reason, this.file.name);
  }

  /** The number in a cell; publishers' empty markers are 0; anything else is refused. */
  value(rec: CsvRecord, col: number, what: () => string): number {
    const t = (rec.fields[col] ?? '').trim();
    if (EMPTY.test(t)) return 0;
    const v = parseNumber(THOUSANDS.test(t) ? t.replace(/,/g, '') : t);
    if (v === undefined) throw this.error(rec.line, `${what()}: "${t}" is not a number`);
    return v;
  }

  /** Whether a cell holds a number (or a publisher's empty marker). */
  isNumeric(rec: CsvRecord, col: number): boolean {
    const t = (rec.fields[col] ?? '').trim();
    return EMPTY.test(t) || parseNumber(THOUSANDS.test(t) ? t.replace(/,/g, '') : t) !== undefined;
  }
}

export interface Recipe {
  sectors: string[];
  /** Z as dense rows (publishers' symmetric tables are small: ≤ a few thousand sectors). */
  flows: Float64Array[];
  totalOutput: Float64Array;
  labour?: Float64Array;
  /** The sum of the publisher's final-use columns, to compare with the recipe's d. */
  publishedFinalDemand?: Float64Array;
  /** Where each sector's output is, for an error about a sector (file and line). */
  where: (sector: number) => IoFileError['line'];
  grid: Grid;
}

/**
 * Finishes a conversion: a negative flow between sectors (used goods sold back, an
 * inventory valuation adjustment) is not an input to production, so it moves to the row's
 * final demand (x = ΣZ + d still holds; the count is noted); d = x − ΣZ; a sector with no
 * output that uses inputs is refused.
 */
export function finish(r: Recipe, notes: string[]): Conversion {
  const n = r.sectors.length;
  const x = r.totalOutput;
  let negatives = 0;
  let negativeSum = 0;
  const finalDemand = new Float64Array(n);
  const inputs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = r.flows[i]!;
    let s = 0;
    for (let j = 0; j < n; j++) {
      if (row[j]! < 0) {
        negatives++;
        negativeSum += row[j]!;
        row[j] = 0;
      }
      s += row[j]!;
      inputs[j]! += row[j]!;
    }
    // 15 significant digits: exact for publishers' decimals, without the float noise of the sum.
    finalDemand[i] = Number((x[i]! - s).toPrecision(15));
  }
  for (let j = 0; j < n; j++)
    if (x[j] === 0 && inputs[j]! > 0) throw r.grid.error(r.where(j), `sector ${r.sectors[j]} has output 0 but uses inputs (${inputs[j]})`);
    else if (x[j]! < 0) throw r.grid.error(r.where(j), `sector ${r.sectors[j]} has negative output ${x[j]}`);
  if (negatives > 0)
    notes.push(`${negatives} negative flows between sectors (together ${round(negativeSum)}) moved to final demand: the Leontief model takes flows ≥ 0`);
  if (r.publishedFinalDemand) {
    let worst = { i: -1, off: 0, rel: 0 };
    for (let i = 0; i < n; i++) {
      const off = Math.abs(finalDemand[i]! - r.publishedFinalDemand[i]!);
      const scale = Math.max(Math.abs(x[i]!), Math.abs(r.publishedFinalDemand[i]!), 1e-300);
      if (off / scale > worst.rel) worst = { i, off, rel: off / scale };
    }
    notes.push(
      worst.i < 0
        ? 'final demand = output − intermediate use, equal to the final-use columns'
        : `final demand = output − intermediate use; its largest difference from the sum of the final-use columns is ${round(worst.off)} for ${r.sectors[worst.i]} ` +
            `(${(100 * worst.rel).toPrecision(2)} % of its output or final use: the publisher's rounding${negatives ? ' and the moved negative flows' : ''})`,
    );
  }
  const table: IoTable = { sectors: r.sectors, flows: csrFromDense(r.flows), finalDemand, totalOutput: x, ...(r.labour ? { labour: r.labour } : {}) };
  return { table, notes };
}

const round = (v: number) => Number(v.toPrecision(6));
