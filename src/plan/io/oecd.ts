/**
 * OECD harmonised national input–output tables (the CSV of one country and year):
 * columns `D01 … D97T98` (industries, ISIC Rev. 4 groups) then final uses (`HFCE, NPISH,
 * GGFC, GFCF, INVNT, DPABR, CONS_NONRES, EXPO, IMPO`); rows `TTL_01 … TTL_97T98` (total
 * use: domestic and imported together), taxes, `VALU`, `OUTPUT`.
 *
 * A sector is a column `D<code>` with a row `TTL_<code>`; where the table splits use into
 * `DOM_<code>` and `IMP_<code>` rows instead, Z is their sum (total use, as TTL is). Imports
 * then sit in final demand as the negative `IMPO` column, which the recipe d = x − ΣZ
 * reproduces. OECD tables carry no employment; a row `EMPN`/`EMP`/`D1` is used if present.
 */
import type { CsvRecord } from './csv.js';
import { finish, Grid, LayoutError, type Conversion, type SourceFile } from './publisher.js';

const OUTPUT_ROW = /^(OUTPUT|PROD|P1|TOTAL_OUTPUT)$/i;
const LABOUR_ROWS = [/^(EMPN|EMP|EMPE)$/i, /^(D1|COMP|LABR)$/i];
const TOTAL_COL = /^(TOTAL|TTL.*|OUTPUT|.*_TTL|TOTAL_.*)$/i;

export function convertOecd(files: readonly SourceFile[]): Conversion {
  if (files.length !== 1) throw new LayoutError(`oecd: expected one file (a national input–output table), got ${files.length}`);
  const g = new Grid(files[0]!);
  const notes: string[] = [];
  const rows = g.records.slice(1);
  const label = (r: CsvRecord) => r.fields[0]!.trim();
  const byPrefix = (prefix: string) => {
    const m = new Map<string, CsvRecord>();
    for (const r of rows) {
      const l = label(r);
      const us = l.indexOf('_');
      if (us > 0 && l.slice(0, us).toUpperCase() === prefix) m.set(l.slice(us + 1).toUpperCase(), r);
    }
    return m;
  };
  const ttl = byPrefix('TTL');
  const dom = byPrefix('DOM');
  const imp = byPrefix('IMP');
  const use = ttl.size > 0 ? ttl : dom;
  if (use.size === 0) throw g.error(2, 'no rows of intermediate use: expected TTL_<industry> (or DOM_<industry>) rows');

  const sectorCols: number[] = [];
  const codes: string[] = [];
  g.header.forEach((h, c) => {
    const name = h.trim().toUpperCase();
    const code = /^D\d/.test(name) ? name.slice(1) : name;
    if (c > 0 && use.has(code)) {
      sectorCols.push(c);
      codes.push(code);
    }
  });
  if (sectorCols.length === 0) throw g.error(1, 'no industry columns: expected columns D<code> matching the rows TTL_<code>');
  const sectors = sectorCols.map((c) => g.header[c]!.trim());
  // Every industry-coded row (ISIC codes start with a digit; TTL_INT_FNL is a total) needs its column.
  const missing = [...use.keys()].filter((k) => /^\d/.test(k) && !codes.includes(k));
  if (missing.length) throw g.error(use.get(missing[0]!)!.line, `row ${label(use.get(missing[0]!)!)} has no industry column D${missing[0]}: the table is not square`);

  const flows = codes.map((code, i) => {
    const r = use.get(code)!;
    const row = Float64Array.from(sectorCols, (c, j) => g.value(r, c, () => `flow from ${sectors[i]} to ${sectors[j]}`));
    const m = use === dom ? imp.get(code) : undefined;
    if (m) sectorCols.forEach((c, j) => (row[j]! += g.value(m, c, () => `imported flow from ${sectors[i]} to ${sectors[j]}`)));
    return row;
  });
  if (use === dom) notes.push(imp.size ? 'intermediate use = domestic (DOM_) + imported (IMP_) rows' : 'intermediate use = domestic (DOM_) rows only: imported inputs are outside Z');

  const outRow = rows.find((r) => OUTPUT_ROW.test(label(r)));
  if (!outRow) throw g.error(1, 'no OUTPUT row (gross output by industry)');
  const totalOutput = Float64Array.from(sectorCols, (c, j) => g.value(outRow, c, () => `OUTPUT of ${sectors[j]}`));

  let labour: Float64Array | undefined;
  for (const re of LABOUR_ROWS) {
    const r = rows.find((x) => re.test(label(x)));
    if (!r) continue;
    labour = Float64Array.from(sectorCols, (c, j) => g.value(r, c, () => `${label(r)} of ${sectors[j]}`));
    notes.push(`labour: row ${label(r)} (line ${r.line})`);
    break;
  }
  if (!labour) notes.push('no labour: OECD tables have no employment or compensation row (value added is not labour)');

  const useRows = codes.map((c) => use.get(c)!);
  const finalCols = g.header
    .map((_, c) => c)
    .filter((c) => c > 0 && !sectorCols.includes(c) && !TOTAL_COL.test(g.header[c]!.trim()) && useRows.every((r) => g.isNumeric(r, c)));
  const publishedFinalDemand = Float64Array.from(codes, (code, i) => {
    const rs = [use.get(code)!, ...(use === dom && imp.get(code) ? [imp.get(code)!] : [])];
    return rs.reduce((s, r) => s + finalCols.reduce((t, c) => t + g.value(r, c, () => `final use ${g.header[c]} of ${sectors[i]}`), 0), 0);
  });
  notes.unshift(`oecd: ${sectors.length} industries (${sectors.slice(0, 3).join(', ')}, …), final-use columns ${finalCols.map((c) => g.header[c]).join(', ') || 'none'}`);
  return finish(
    { sectors, flows, totalOutput, ...(labour ? { labour } : {}), ...(finalCols.length ? { publishedFinalDemand } : {}), where: () => outRow.line, grid: g },
    notes,
  );
}
