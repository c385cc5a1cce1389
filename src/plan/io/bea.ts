/**
 * US BEA make and use tables (e.g. the 2007 detailed benchmark, before redefinitions,
 * producers' prices) to a commodity × commodity table with the industry-technology
 * assumption, as USEEIO builds it:
 *   B = U[commodity, industry] · diag(g)⁻¹   (g = industry output, the Use row T008)
 *   D = V[industry, commodity] · diag(q)⁻¹   (q = commodity output, the Make column sums)
 *   A = B · D, so Z = A · diag(q) = B · V and x = q.
 * Labour is compensation of employees (Use row V00100), a money proxy, moved to
 * commodities the same way: labour_c = Σ_k V00100_k / g_k · V[k, c].
 *
 * Use layout: first column the row code; commodity rows until the first T0…/V0… row;
 * industry columns until T001 (total intermediate) or the first final-demand column F….
 * Make layout: industry rows until T007; commodity columns until T008. Which file is which
 * is told by the name (…Make…, …Use…) or, failing that, by the Use's T001/F… columns.
 */
import type { CsvRecord } from './csv.js';
import { finish, Grid, LayoutError, type Conversion, type SourceFile } from './publisher.js';

const TOTAL_OR_VALUE_ADDED = /^(T0|V0)/i;
const FINAL_OR_TOTAL_COL = /^(T0|F0|F1)/i;

export function convertBeaMakeUse(files: readonly SourceFile[]): Conversion {
  if (files.length !== 2) throw new LayoutError(`bea-make-use: expected two files, the make and the use table, got ${files.length}`);
  const [make, use] = whichIsWhich(files.map((f) => new Grid(f)));
  const notes: string[] = [];

  // Use: commodities × industries, then T008 (industry output) and V00100 (compensation).
  const useRows = use.records.slice(1);
  const lastCommodity = useRows.findIndex((r) => TOTAL_OR_VALUE_ADDED.test(r.fields[0]!.trim()));
  const commodityRows = useRows.slice(0, lastCommodity < 0 ? useRows.length : lastCommodity);
  const industryEnd = use.header.findIndex((h, c) => c > 0 && FINAL_OR_TOTAL_COL.test(h.trim()));
  const industries = use.header.slice(1, industryEnd < 0 ? use.header.length : industryEnd).map((h) => h.trim());
  const commodities = commodityRows.map((r) => r.fields[0]!.trim());
  if (industries.length === 0 || commodities.length === 0) throw use.error(1, 'no industry columns or commodity rows found in the use table');
  const useRow = (code: string) => useRows.find((r) => r.fields[0]!.trim().toUpperCase() === code);

  // Make: industries × commodities, matched by code (the orders may differ).
  const makeRows = make.records.slice(1).filter((r) => !TOTAL_OR_VALUE_ADDED.test(r.fields[0]!.trim()));
  const makeRowOf = new Map(makeRows.map((r) => [r.fields[0]!.trim(), r]));
  const makeColOf = new Map(make.header.map((h, c) => [h.trim(), c]));
  for (const k of industries) if (!makeRowOf.has(k)) throw make.error(1, `industry ${k} of the use table has no row in the make table`);
  for (const c of commodities) if (!makeColOf.has(c) || makeColOf.get(c) === 0) throw make.error(1, `commodity ${c} of the use table has no column in the make table`);
  const extra = makeRows.find((r) => !industries.includes(r.fields[0]!.trim()));
  if (extra) throw make.error(extra.line, `industry ${extra.fields[0]} of the make table is not a column of the use table`);

  const m = industries.length;
  const n = commodities.length;
  const V = industries.map((k) => {
    const r = makeRowOf.get(k)!;
    return Float64Array.from(commodities, (c) => make.value(r, makeColOf.get(c)!, () => `make of ${c} by industry ${k}`));
  });
  const U = commodityRows.map((r, i) => Float64Array.from({ length: m }, (_, k) => use.value(r, k + 1, () => `use of ${commodities[i]} by industry ${industries[k]}`)));

  const q = new Float64Array(n);
  const h = new Float64Array(m);
  V.forEach((row, k) => row.forEach((v, c) => ((q[c]! += v), (h[k]! += v))));
  const t008 = useRow('T008');
  const g = t008 ? Float64Array.from({ length: m }, (_, k) => use.value(t008, k + 1, () => `T008 (output) of industry ${industries[k]}`)) : h;
  notes.push(
    `bea-make-use: ${n} commodities × ${m} industries, industry-technology assumption (A = B·D); x = commodity output (make column sums); ` +
      (t008 ? 'industry output g = use row T008' : 'industry output g = make row sums (no T008 row)'),
  );
  for (let k = 0; k < m; k++)
    if (!(g[k]! > 0) && U.some((row) => row[k] !== 0)) throw use.error(t008?.line ?? 1, `industry ${industries[k]} has output ${g[k]} but uses inputs`);

  // Z = B·V = Σ_k U[:, k] / g_k · V[k, :].
  const Z = Array.from({ length: n }, () => new Float64Array(n));
  for (let k = 0; k < m; k++) {
    if (!(g[k]! > 0)) continue;
    const vk = V[k]!;
    for (let i = 0; i < n; i++) {
      const b = U[i]![k]! / g[k]!;
      if (b === 0) continue;
      const zi = Z[i]!;
      for (let c = 0; c < n; c++) zi[c]! += b * vk[c]!;
    }
  }

  let labour: Float64Array | undefined;
  const comp = useRow('V00100') ?? useRow('V001');
  if (comp) {
    labour = new Float64Array(n);
    for (let k = 0; k < m; k++) {
      const perUnit = g[k]! > 0 ? use.value(comp, k + 1, () => `compensation of industry ${industries[k]}`) / g[k]! : 0;
      if (perUnit !== 0) for (let c = 0; c < n; c++) labour[c]! += perUnit * V[k]![c]!;
    }
    notes.push(`labour: compensation of employees (use row ${comp.fields[0]}, line ${comp.line}), a money proxy, by industry technology`);
  } else notes.push('no labour: the use table has no compensation row V00100');

  // Published final demand, for the check: the F… columns of the use table.
  const finalCols = use.header.map((_, c) => c).filter((c) => /^F/i.test(use.header[c]!.trim()));
  const publishedFinalDemand = Float64Array.from(commodityRows, (r: CsvRecord, i) => finalCols.reduce((s, c) => s + use.value(r, c, () => `final use ${use.header[c]} of ${commodities[i]}`), 0));
  return finish(
    { sectors: commodities, flows: Z, totalOutput: q, ...(labour ? { labour } : {}), ...(finalCols.length ? { publishedFinalDemand } : {}), where: (j) => commodityRows[j]!.line, grid: use },
    notes,
  );
}

/** [make, use]: by file name, else the use table is the one with T001 or F… columns. */
function whichIsWhich(grids: Grid[]): [Grid, Grid] {
  const named = (re: RegExp) => grids.findIndex((g) => re.test(g.file.name.split(/[\\/]/).pop()!));
  let u = named(/use/i);
  const mk = named(/make|supply/i);
  if (u < 0 || mk < 0 || u === mk) u = grids.findIndex((g) => g.header.some((h) => /^(T001|F0)/i.test(h.trim())));
  if (u < 0) throw grids[0]!.error(1, 'cannot tell the use table from the make table: name them …Make… and …Use…, or give the use table its T001/F… columns');
  return [grids[1 - u]!, grids[u]!];
}
