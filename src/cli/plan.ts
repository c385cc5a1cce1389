import type { Command } from 'commander';
import { renameSync, writeFileSync } from 'node:fs';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from '../core/problem.js';
import { readInputFile } from './input-file.js';
import { CONVERTERS, IoFileError, LayoutError, parseCanonical, parseDemand, writeCanonical, type Conversion, type ParsedTable } from '../plan/io/index.js';
import { balancedPlan, labourCoefficients, leontiefSolver, NoConvergenceError, NotProductiveError, technicalCoefficients } from '../plan/solve/index.js';

type Out = (s: string) => void;

/** Outputs smaller than this share of the largest are rounding noise of the solve (a
 *  sector with no output of its own, e.g. imports, comes out at ±1e-13 of the largest). */
const NOISE = 1e-12;
/** The table's own final demand must give back its total output to this (relative). */
const CONSISTENCY = 1e-6;


function fileError(file: string, e: IoFileError): string {
  if (e.file) return e.message;
  return e.line > 0 ? `${file}:${e.line}: ${e.reason}` : `${file}: ${e.reason}`;
}

/** `cordon plan convert`: a publisher's layout to the canonical CSV. Writes nothing on error. */
export function runConvert(files: string[], opts: { from?: string; output?: string }, out: Out, err: Out): number {
  const layouts = Object.keys(CONVERTERS);
  if (opts.from === undefined || !layouts.includes(opts.from)) {
    err(`--from: must be one of ${layouts.join(', ')}${opts.from === undefined ? '' : `, got "${opts.from}"`}`);
    return EXIT_BAD_INPUT;
  }
  const sources = [];
  for (const name of files) {
    const text = readInputFile(name, err);
    if (text === undefined) return EXIT_BAD_INPUT;
    sources.push({ name, text });
  }
  let conversion: Conversion;
  try {
    conversion = CONVERTERS[opts.from]!(sources);
  } catch (e) {
    if (e instanceof IoFileError) err(fileError(files[0]!, e));
    else if (e instanceof LayoutError) err(e.message);
    else throw e;
    return EXIT_BAD_INPUT;
  }
  const csv = writeCanonical(conversion.table);
  try {
    parseCanonical(csv); // what we write must read back
  } catch (e) {
    if (!(e instanceof IoFileError)) throw e;
    err(`${opts.from}: the converted table does not read back (line ${e.line} of the output: ${e.reason}); nothing written`);
    return EXIT_FAILURE;
  }
  for (const n of conversion.notes) err(n);
  if (opts.output === undefined) out(csv);
  else {
    const tmp = `${opts.output}.${process.pid}.tmp`;
    writeFileSync(tmp, csv);
    renameSync(tmp, opts.output);
    err(`wrote ${opts.output}`);
  }
  return EXIT_OK;
}

/** `cordon plan solve`: the balanced plan (gross output and labour per sector) for the
 *  table's own final demand or a demand file. */
export function runSolve(opts: { table?: string; demand?: string; json?: boolean }, out: Out, err: Out): number {
  if (opts.table === undefined) {
    err('--table: required: the canonical IO table (CSV), e.g. --table economy.csv');
    return EXIT_BAD_INPUT;
  }
  const file = opts.table;
  const text = readInputFile(file, err);
  if (text === undefined) return EXIT_BAD_INPUT;
  let table: ParsedTable;
  let demand: Float64Array;
  try {
    table = parseCanonical(text);
  } catch (e) {
    if (e instanceof IoFileError) {
      err(fileError(file, e));
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  if (opts.demand !== undefined) {
    const dText = readInputFile(opts.demand, err);
    if (dText === undefined) return EXIT_BAD_INPUT;
    try {
      demand = parseDemand(dText, table.sectors);
    } catch (e) {
      if (e instanceof IoFileError) {
        err(fileError(opts.demand, e));
        return EXIT_BAD_INPUT;
      }
      throw e;
    }
  } else demand = table.finalDemand;

  const x = table.totalOutput;
  const a = technicalCoefficients(table.flows, x);
  const l = table.labour ? labourCoefficients(table.labour, x) : undefined;
  let plan: ReturnType<typeof balancedPlan>;
  let method: string;
  try {
    const solver = leontiefSolver(a);
    method = `${solver.method}; productive: spectral radius ≤ ${solver.productivity.spectralRadius.toPrecision(4)} (${solver.productivity.how})`;
    plan = balancedPlan(solver, demand, l);
  } catch (e) {
    if (e instanceof NotProductiveError) {
      const names = e.sectors.slice(0, 10).map((i) => table.sectors[i]!);
      const more = e.sectors.length > 10 ? ` and ${e.sectors.length - 10} more` : '';
      const line = e.sectors.length ? table.lines[e.sectors[0]!]! : 0;
      err(
        `${file}${line ? `:${line}` : ''}: the table is not productive (spectral radius of A ${e.spectralRadius.toPrecision(4)} ≥ 1): ` +
          `sectors ${names.join(', ')}${more} use more of each other than they make`,
      );
      return EXIT_BAD_INPUT;
    }
    if (e instanceof NoConvergenceError) {
      err(`${file}: ${e.message}`);
      return EXIT_FAILURE;
    }
    throw e;
  }
  const output = plan.output;
  let largest = 0;
  for (const v of output) largest = Math.max(largest, Math.abs(v));
  for (let i = 0; i < output.length; i++) if (Math.abs(output[i]!) <= NOISE * largest) output[i] = 0;
  const labour = plan.labour ? Float64Array.from(output, (v, i) => v * l![i]!) : undefined;
  const total = labour ? labour.reduce((s, v) => s + v, 0) : null;

  if (opts.json) {
    const sectors = table.sectors.map((sector, i) => ({ sector, gross_output: output[i]!, labour: labour ? labour[i]! : null }));
    out(JSON.stringify({ sectors, total_labour: total }));
  } else out(renderPlan(table.sectors, output, labour, total));

  err(`solved by ${method}`);
  if (!table.labour) err('the table has no labour row: labour is not known');
  if (opts.demand === undefined) {
    // The consistency check: the table's own final demand must give back its total output.
    let worst = { i: 0, rel: 0 };
    let scale = Number.MIN_VALUE;
    for (const v of x) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < x.length; i++) {
      const rel = Math.abs(output[i]! - x[i]!) / Math.max(Math.abs(x[i]!), NOISE * scale);
      if (rel > worst.rel) worst = { i, rel };
    }
    const where = `largest relative difference ${worst.rel.toExponential(1)}, sector ${table.sectors[worst.i]}`;
    err(
      worst.rel <= CONSISTENCY
        ? `check: the table's own final demand gives back its total output (${where})`
        : `check FAILED: the table's own final demand does not give back its total output to ${CONSISTENCY} (${where}; the table's rows balance only to ${table.largestMismatch.relative.toExponential(1)})`,
    );
  }
  return EXIT_OK;
}

function renderPlan(sectors: readonly string[], output: Float64Array, labour: Float64Array | undefined, total: number | null): string {
  const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1e15 || Math.abs(v) < 1e-3 ? v.toExponential(6) : v.toFixed(3));
  const rows = sectors.map((s, i) => [s, fmt(output[i]!), labour ? fmt(labour[i]!) : '—']);
  const head = ['sector', 'gross_output', 'labour'];
  const width = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(width[c]!) : v.padStart(width[c]!))).join('  ');
  return [line(head), ...rows.map(line), '', `total labour: ${total === null ? '— (no labour row)' : fmt(total)}`].join('\n');
}

/** `cordon plan …`: the input–output model and the plan (issue 6). Offline commands live here. */
export function registerPlan(program: Command, result: { code: number }, out: Out, err: Out): void {
  const plan = program.command('plan').description('the input–output model of the economy and the plan');
  plan
    .command('convert <files...>')
    .description("turn a publisher's input–output table into the canonical CSV (docs/formats.md)")
    .option('--from <layout>', `the publisher's layout: ${Object.keys(CONVERTERS).join(', ')}`)
    .option('-o, --output <file>', 'where to write the canonical CSV (default: standard output)')
    .action((files: string[], opts: { from?: string; output?: string }) => {
      result.code = runConvert(files, opts, out, err);
    });
  plan
    .command('solve')
    .description('the balanced plan: gross output and labour per sector for a final demand (default: the table\'s own)')
    .option('--table <file>', 'the canonical IO table (CSV)')
    .option('--demand <file>', 'final demand, CSV "sector,final_demand" (sectors not listed: 0)')
    .option('--json', 'print {"sectors":[{"sector","gross_output","labour"}…],"total_labour"}')
    .action((opts: { table?: string; demand?: string; json?: boolean }) => {
      result.code = runSolve(opts, out, err);
    });
}
