/**
 * The canonical input–output CSV (../shared/data/io/README.md, docs/formats.md):
 *
 *     sector,S1,S2,S3,final_demand,total_output
 *     S1,10,20,5,65,100
 *     S2,30,0,40,130,200
 *     S3,0,50,10,90,150
 *     labour,12.5,40,20,,
 *
 * Cell (i, j) is the flow Z[i][j] from sector i to sector j; rows come in the order of
 * the columns; an empty cell is 0; the `labour` row is optional. Reading refuses, naming
 * the line and the sector: a table that is not square or not in column order, a cell
 * that is not a number, a negative flow, output or labour (final demand may be negative:
 * inventory draw-downs, imports), a sector with zero output that uses inputs or labour,
 * and a row whose total output differs from its flows plus final demand by more than
 * 0.1 % of it. The largest mismatch within that is returned for the caller to report.
 */
import { csrFromTriplets, type Csr } from '../solve/csr.js';
import { csvField, csvNumber, IoFileError, parseNumber, readCsv } from './csv.js';

export interface IoTable {
  sectors: string[];
  /** Z, sectors × sectors. */
  flows: Csr;
  finalDemand: Float64Array;
  totalOutput: Float64Array;
  /** Labour per sector (persons, hours or compensation), when the table has it. */
  labour?: Float64Array;
}

export interface ParsedTable extends IoTable {
  /** The line of each sector's row, for messages about a sector found after reading. */
  lines: Int32Array;
  /** The largest |x_i − Σ_j Z_ij − final_demand_i| relative to x_i, and where. */
  largestMismatch: { sector: string; relative: number; absolute: number };
}

/** Refused: more than this share of x_i between total output and flows + final demand. */
export const BALANCE_TOLERANCE = 1e-3;

const LABOUR_ROW = /^(labour|labor)$/i;
const FINAL_DEMAND = /^final[_ ]demand$/i;
const TOTAL_OUTPUT = /^total[_ ]output$/i;

export function parseCanonical(text: string): ParsedTable {
  const records = readCsv(text);
  if (records.length === 0) throw new IoFileError(1, 'the file is empty: expected a header "sector,S1,…,Sn,final_demand,total_output"');
  const header = records[0]!;
  // Trailing empty columns (a spreadsheet's trailing commas) are not part of the table.
  let width = header.fields.length;
  while (width > 1 && header.fields[width - 1] === '' && records.every((r) => (r.fields[width - 1] ?? '') === '')) width--;
  for (const r of records) if (r.fields.length > width && r.fields.slice(width).every((f) => f === '')) r.fields.length = width;
  let fdCol = -1;
  let xCol = -1;
  const sectorCols: number[] = [];
  const sectors: string[] = [];
  const seen = new Map<string, number>();
  for (let c = 1; c < width; c++) {
    const name = header.fields[c]!;
    if (FINAL_DEMAND.test(name)) fdCol = c;
    else if (TOTAL_OUTPUT.test(name)) xCol = c;
    else {
      if (name === '') throw new IoFileError(header.line, `column ${c + 1} of the header has no sector name`);
      if (seen.has(name)) throw new IoFileError(header.line, `sector "${name}" is named twice in the header (columns ${seen.get(name)! + 1} and ${c + 1})`);
      seen.set(name, c);
      sectorCols.push(c);
      sectors.push(name);
    }
  }
  if (xCol < 0) throw new IoFileError(header.line, 'the header has no total_output column');
  if (sectors.length === 0) throw new IoFileError(header.line, 'the header names no sectors');
  const n = sectors.length;
  const ri: number[] = [];
  const ci: number[] = [];
  const zv: number[] = [];
  const finalDemand = new Float64Array(n);
  const totalOutput = new Float64Array(n);
  const rowSum = new Float64Array(n);
  const lines = new Int32Array(n);
  let labour: Float64Array | undefined;
  let labourLine = 0;
  let row = 0;

  const cell = (rec: { line: number; fields: string[] }, c: number, what: string): number => {
    const t = rec.fields[c]!;
    if (t === '') return 0;
    const v = parseNumber(t);
    if (v === undefined) throw new IoFileError(rec.line, `${what}: "${t}" is not a number`);
    return v;
  };

  for (const rec of records.slice(1)) {
    const label = rec.fields[0]!;
    if (rec.fields.length !== width)
      throw new IoFileError(rec.line, `row "${label}" has ${rec.fields.length} fields but the header has ${width}`);
    if (LABOUR_ROW.test(label)) {
      if (labour) throw new IoFileError(rec.line, `a second labour row (the first is on line ${labourLine})`);
      labour = new Float64Array(n);
      labourLine = rec.line;
      for (let k = 0; k < n; k++) {
        const v = cell(rec, sectorCols[k]!, `labour of ${sectors[k]}`);
        if (v < 0) throw new IoFileError(rec.line, `negative labour ${v} for sector ${sectors[k]}`);
        labour[k] = v;
      }
      continue;
    }
    if (labour) throw new IoFileError(rec.line, `row "${label}" after the labour row: the labour row comes last`);
    if (row >= n)
      throw new IoFileError(rec.line, `not square: row "${label}" is row ${row + 1} but the header has ${n} sector columns`);
    if (label !== sectors[row]) {
      const at = sectors.indexOf(label);
      throw new IoFileError(
        rec.line,
        at < 0
          ? `not square: row "${label}" is not a sector of the header (expected "${sectors[row]}")`
          : `row "${label}" where "${sectors[row]}" was expected: rows must come in the order of the columns`,
      );
    }
    lines[row] = rec.line;
    for (let k = 0; k < n; k++) {
      const v = cell(rec, sectorCols[k]!, `flow from ${label} to ${sectors[k]}`);
      if (v < 0) throw new IoFileError(rec.line, `negative flow ${v} from ${label} to ${sectors[k]}: flows between sectors must be ≥ 0`);
      if (v !== 0) {
        ri.push(row);
        ci.push(k);
        zv.push(v);
        rowSum[row]! += v;
      }
    }
    const x = cell(rec, xCol, `total_output of ${label}`);
    if (x < 0) throw new IoFileError(rec.line, `negative total_output ${x} for sector ${label}`);
    totalOutput[row] = x;
    finalDemand[row] = fdCol >= 0 ? cell(rec, fdCol, `final_demand of ${label}`) : x - rowSum[row]!;
    row++;
  }
  if (row < n)
    throw new IoFileError(header.line, `not square: ${n} sector columns but ${row} sector rows (no row for ${sectors.slice(row, row + 3).join(', ')}${n - row > 3 ? ', …' : ''})`);

  const flows = csrFromTriplets(n, n, ri, ci, zv);
  const inputs = new Float64Array(n);
  for (let p = 0; p < flows.values.length; p++) inputs[flows.colIdx[p]!]! += flows.values[p]!;
  for (let j = 0; j < n; j++) {
    if (totalOutput[j] !== 0) continue;
    if (inputs[j]! > 0) throw new IoFileError(lines[j]!, `sector ${sectors[j]} has total output 0 but uses inputs (its column sums to ${inputs[j]})`);
    if (labour && labour[j]! > 0) throw new IoFileError(labourLine, `sector ${sectors[j]} has labour ${labour[j]} but total output 0`);
  }
  const largestMismatch = { sector: sectors[0]!, relative: 0, absolute: 0 };
  for (let i = 0; i < n; i++) {
    const x = totalOutput[i]!;
    const off = Math.abs(x - rowSum[i]! - finalDemand[i]!);
    // Rounding of the sums themselves is not a mismatch.
    const noise = 1e-9 * (x + rowSum[i]! + Math.abs(finalDemand[i]!));
    const relative = off <= noise ? 0 : x === 0 ? Infinity : off / x;
    if (relative > BALANCE_TOLERANCE)
      throw new IoFileError(
        lines[i]!,
        `sector ${sectors[i]}: total_output ${x} but flows + final_demand = ${rowSum[i]! + finalDemand[i]!} (off by ${x === 0 ? off : `${(100 * relative).toPrecision(3)} %`}, more than 0.1 %)`,
      );
    if (relative > largestMismatch.relative) Object.assign(largestMismatch, { sector: sectors[i], relative, absolute: off });
  }
  return { sectors, flows, finalDemand, totalOutput, ...(labour ? { labour } : {}), lines, largestMismatch };
}

/** Writes the table as canonical CSV (every number as the shortest text that reads back
 *  as the same double; zeros as 0). */
export function writeCanonical(t: IoTable): string {
  const n = t.sectors.length;
  const out: string[] = [['sector', ...t.sectors, 'final_demand', 'total_output'].map(csvField).join(',')];
  const row = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    row.fill('0');
    for (let p = t.flows.rowPtr[i]!; p < t.flows.rowPtr[i + 1]!; p++) row[t.flows.colIdx[p]!] = csvNumber(t.flows.values[p]!);
    out.push(`${csvField(t.sectors[i]!)},${row.join(',')},${csvNumber(t.finalDemand[i]!)},${csvNumber(t.totalOutput[i]!)}`);
  }
  if (t.labour) out.push(`labour,${Array.from(t.labour, csvNumber).join(',')},,`);
  return `${out.join('\n')}\n`;
}

/**
 * A final-demand file `sector,final_demand` (header optional): one line per sector,
 * sectors not listed demand 0. Refused, naming the line: an unknown sector, a sector
 * listed twice, a value that is not a number, a line without exactly two fields.
 */
export function parseDemand(text: string, sectors: readonly string[]): Float64Array {
  const index = new Map(sectors.map((s, i) => [s, i]));
  const d = new Float64Array(sectors.length);
  const lineOf = new Map<number, number>();
  const records = readCsv(text);
  if (records.length === 0) throw new IoFileError(1, 'the file is empty: expected "sector,final_demand" lines');
  for (const [k, rec] of records.entries()) {
    if (rec.fields.length !== 2) throw new IoFileError(rec.line, `expected 2 fields (sector,final_demand), got ${rec.fields.length}`);
    const [name, value] = rec.fields as [string, string];
    if (k === 0 && parseNumber(value) === undefined && (FINAL_DEMAND.test(value) || !index.has(name))) continue; // the header
    const i = index.get(name);
    if (i === undefined) throw new IoFileError(rec.line, `unknown sector "${name}": not in the table`);
    if (lineOf.has(i)) throw new IoFileError(rec.line, `sector ${name} is listed twice (also on line ${lineOf.get(i)})`);
    const v = value === '' ? 0 : parseNumber(value);
    if (v === undefined) throw new IoFileError(rec.line, `final_demand of ${name}: "${value}" is not a number`);
    lineOf.set(i, rec.line);
    d[i] = v;
  }
  return d;
}
