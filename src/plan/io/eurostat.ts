/**
 * Eurostat-style symmetric input–output tables as the iotables project stores them
 * (e.g. the Eurostat Manual's table 15.4, Germany 1995): one row per product or primary
 * input, label columns first (`t_rows2, t_rows2_lab, …, iotables_row`), then one column
 * per product named like its row, then final-use columns and totals.
 *
 * Read by names, not positions: a sector is a column whose name is also the label of a
 * row; gross output is the `P1` / `output_bp` row (output at basic prices, the column
 * totals A is divided by); labour is the employment row (`EMP`, `employment_total`) or,
 * failing that, compensation of employees (`D1`) as a money proxy.
 */
import type { CsvRecord } from './csv.js';
import { finish, Grid, LayoutError, type Conversion, type SourceFile } from './publisher.js';

const OUTPUT_ROW = ['p1', 'output_bp', 'output', 'total_output', 'output at basic prices', 'p1_bp'];
const OUTPUT_COL = ['output_bp', 'total_output', 'output', 'p1'];
const EMPLOYMENT_ROW = ['emp', 'employment_total', 'employment total', 'employment_domestic_total', 'employment'];
const COMPENSATION_ROW = ['d1', 'compensation_employees', 'compensation of employees'];
const TOTAL = /total|^output|^p1$/i;

export function convertEurostat(files: readonly SourceFile[]): Conversion {
  if (files.length !== 1) throw new LayoutError(`eurostat: expected one file (a symmetric input–output table), got ${files.length}`);
  const g = new Grid(files[0]!);
  const notes: string[] = [];
  const rows = g.records.slice(1);
  // Every label a row carries, lower-cased: its cells that are not numbers.
  const keys = rows.map((r) => new Set(r.fields.filter((f, c) => !g.isNumeric(r, c)).map((f) => f.trim().toLowerCase())));
  const rowOf = (names: readonly string[], exclude: ReadonlySet<CsvRecord> = new Set()) => {
    for (const name of names) {
      const k = keys.findIndex((ks, i) => ks.has(name) && !exclude.has(rows[i]!));
      if (k >= 0) return rows[k]!;
    }
    return undefined;
  };

  const sectorCols: number[] = [];
  const sectorRows: CsvRecord[] = [];
  g.header.forEach((name, c) => {
    const key = name.trim().toLowerCase();
    if (c === 0 || key === '' || TOTAL.test(key)) return;
    const k = keys.findIndex((ks) => ks.has(key));
    if (k >= 0 && !sectorRows.includes(rows[k]!)) {
      sectorCols.push(c);
      sectorRows.push(rows[k]!);
    }
  });
  if (sectorCols.length === 0) throw g.error(1, 'no sector columns: expected columns named like the labels of the product rows (e.g. agriculture_group, CPA_A01)');
  const sectors = sectorCols.map((c) => g.header[c]!.trim());
  const n = sectors.length;
  const taken = new Set(sectorRows);

  const flows = sectorRows.map((r, i) => Float64Array.from(sectorCols, (c, j) => g.value(r, c, () => `flow from ${sectors[i]} to ${sectors[j]}`)));
  const outRow = rowOf(OUTPUT_ROW, taken);
  let totalOutput: Float64Array;
  let where: (j: number) => number;
  if (outRow) {
    totalOutput = Float64Array.from(sectorCols, (c, j) => g.value(outRow, c, () => `output of ${sectors[j]}`));
    where = () => outRow.line;
  } else {
    const col = g.header.findIndex((h) => OUTPUT_COL.includes(h.trim().toLowerCase()));
    if (col < 0) throw g.error(1, 'no output: expected a row P1 / output_bp (output at basic prices) or an output_bp column');
    totalOutput = Float64Array.from(sectorRows, (r, i) => g.value(r, col, () => `output of ${sectors[i]}`));
    where = (j) => sectorRows[j]!.line;
    notes.push(`gross output from the "${g.header[col]}" column (no P1 row)`);
  }

  let labour: Float64Array | undefined;
  const emp = rowOf(EMPLOYMENT_ROW, taken);
  const comp = emp ? undefined : rowOf(COMPENSATION_ROW, taken);
  const labourRow = emp ?? comp;
  if (labourRow) {
    labour = Float64Array.from(sectorCols, (c, j) => g.value(labourRow, c, () => `labour of ${sectors[j]}`));
    notes.push(emp ? `labour: employment (line ${emp.line})` : `labour: compensation of employees (line ${comp!.line}), a money proxy: the table has no employment row`);
  } else notes.push('no labour: the table has neither an employment nor a compensation row');

  // Final-use columns (for the check only): numeric columns after the first sector column
  // that are neither sectors nor totals.
  const finalCols = g.header
    .map((h, c) => c)
    .filter((c) => c > sectorCols[0]! && !sectorCols.includes(c) && !TOTAL.test(g.header[c]!.trim()) && sectorRows.every((r) => g.isNumeric(r, c)));
  const publishedFinalDemand = Float64Array.from(sectorRows, (r, i) => finalCols.reduce((s, c) => s + g.value(r, c, () => `final use ${g.header[c]} of ${sectors[i]}`), 0));
  if (n > 0) notes.unshift(`eurostat: ${n} sectors (${sectors.slice(0, 3).join(', ')}${n > 3 ? ', …' : ''}), final-use columns ${finalCols.map((c) => g.header[c]).join(', ') || 'none'}`);
  return finish({ sectors, flows, totalOutput, ...(labour ? { labour } : {}), ...(finalCols.length ? { publishedFinalDemand } : {}), where, grid: g }, notes);
}
