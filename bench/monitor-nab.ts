/**
 * The change filter on the Numenta Anomaly Benchmark's labelled series (the shared subset,
 * ../shared/data/timeseries), scored with NAB's rules (standard profile, src/monitor/nab),
 * beside two baselines (EWMA control chart, seasonal naive) and, for reference, the
 * published per-file scores of Numenta HTM and ARTime on the same files. Each detector
 * is scored with its default sensitivity and with the sensitivity NAB would pick (NAB
 * optimises every detector's threshold on the corpus it reports). Also the filter's
 * throughput (values/s) beside the EWMA chart's, on the same values in the same run.
 * Usage: npm run bench -- monitor-nab [--data DIR]
 */
import { createEwma, createSeasonalNaive, updateEwma, updateSeasonalNaive } from '../src/monitor/filter/baselines.js';
import { createFilter, DEFAULT_OPTIONS, updateFilter, type FilterOptions } from '../src/monitor/filter/index.js';
import { loadCorpus, type NabFile } from '../src/monitor/nab/corpus.js';
import { normalisedScore, PROFILES, scoreFile, type CostMatrix } from '../src/monitor/nab/score.js';

const i = process.argv.indexOf('--data');
const DATA = i > 0 ? process.argv[i + 1]! : new URL('../../shared/data/timeseries', import.meta.url).pathname;
const corpus = loadCorpus(DATA);
const rows = corpus.reduce((a, f) => a + f.values.length, 0);
// NAB normalises by the windows of its label file (combined_windows.json), see src/monitor/nab/score.ts.
const windowCount = corpus.reduce((a, f) => a + f.windows.length, 0);

/** Rows at which a detector flags a change, as it would know it (causal: the row it became credible). */
type Detector = (f: NabFile) => number[];

const filter = (threshold: number, options: Partial<FilterOptions> = {}): Detector => (f) => {
  const s = createFilter({ ...options, threshold });
  const out: number[] = [];
  for (let k = 0; k < f.values.length; k++) if (updateFilter(s, f.values[k]!, f.times[k]!).change) out.push(k);
  return out;
};
const ewma = (limit: number): Detector => (f) => {
  const s = createEwma({ limit });
  const out: number[] = [];
  for (let k = 0; k < f.values.length; k++) if (updateEwma(s, f.values[k]!).change) out.push(k);
  return out;
};
const naive = (k: number): Detector => (f) => {
  const s = createSeasonalNaive({ k });
  const out: number[] = [];
  for (let r = 0; r < f.values.length; r++) if (updateSeasonalNaive(s, f.values[r]!, f.times[r]!).change) out.push(r);
  return out;
};

interface Scored {
  score: number;
  raw: number;
  detected: number;
  windows: number;
  fp: number;
  perFile: number[];
}
function score(d: Detector, cost: CostMatrix = PROFILES.standard): Scored {
  let raw = 0;
  let windows = 0;
  let detected = 0;
  let fp = 0;
  const perFile: number[] = [];
  for (const f of corpus) {
    const s = scoreFile(f.times, f.windows, d(f), cost);
    raw += s.score;
    windows += s.windows;
    detected += s.detected;
    fp += s.falsePositives;
    perFile.push(s.score);
  }
  return { score: normalisedScore(raw, windows, windowCount, cost), raw, detected, windows, fp, perFile };
}

// Published per-file raw scores, standard profile (numenta/NAB results/<detector>/<detector>_standard_scores.csv:
// numenta at commit 4b89bafeb45bbfdc8a393521cf70f2e0a3af8cc5, ARTime at 5a98e4f15e4508b2d1472ac31db2467dd87a9a28).
const PUBLISHED: Record<string, Record<string, number>> = {
  'Numenta HTM': {
    'realKnownCause/ambient_temperature_system_failure.csv': -0.758599859273,
    'realKnownCause/cpu_utilization_asg_misconfiguration.csv': -0.255718003788,
    'realKnownCause/ec2_request_latency_system_failure.csv': 1.70586905384,
    'realKnownCause/machine_temperature_system_failure.csv': 1.36013273774,
    'realKnownCause/nyc_taxi.csv': 2.43572773247,
    'realTraffic/occupancy_6005.csv': 0.861272490375,
    'realTraffic/speed_7578.csv': 3.19572468045,
    'realTraffic/TravelTime_387.csv': 0.371826726451,
    'realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv': 1.27956648491,
    'realAWSCloudwatch/rds_cpu_utilization_cc0c53.csv': -0.138449197924,
  },
  ARTime: {
    'realKnownCause/ambient_temperature_system_failure.csv': 1.6577326504395065,
    'realKnownCause/cpu_utilization_asg_misconfiguration.csv': -0.257470331859453,
    'realKnownCause/ec2_request_latency_system_failure.csv': 1.3905835377463662,
    'realKnownCause/machine_temperature_system_failure.csv': 2.5563301921824606,
    'realKnownCause/nyc_taxi.csv': 3.775210013719179,
    'realTraffic/occupancy_6005.csv': 0.3602790466645597,
    'realTraffic/speed_7578.csv': 3.1077313980278403,
    'realTraffic/TravelTime_387.csv': 1.9284703309998337,
    'realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv': 1.6316790938898516,
    'realAWSCloudwatch/rds_cpu_utilization_cc0c53.csv': 1.4900140859924367,
  },
};

const nullWindows = score(() => []).windows;
console.log(`NAB subset: ${corpus.length} files, ${rows} values, ${nullWindows} scored windows of ${windowCount} (null detector 0, perfect 100)`);
const published: Record<string, number> = {};
for (const [name, files] of Object.entries(PUBLISHED)) {
  const raw = corpus.reduce((a, f) => a + files[f.name]!, 0);
  published[name] = normalisedScore(raw, nullWindows, windowCount, PROFILES.standard);
  console.log(`${name.padEnd(28)} published, on these files  ${published[name]!.toFixed(1)}`);
}

const families: { name: string; key: string; knob: string; values: number[]; fallback: number; make: (v: number) => Detector }[] = [
  { name: 'change filter (ours)', key: 'filter', knob: 'threshold', values: [0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999], fallback: DEFAULT_OPTIONS.threshold, make: filter },
  // The same without the refractory time after a flag: how much of the score that rule buys.
  { name: 'change filter, no refractory', key: 'filter_norefractory', knob: 'threshold', values: [0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999], fallback: DEFAULT_OPTIONS.threshold, make: (v) => filter(v, { refractoryMs: 0 }) },
  { name: 'EWMA chart', key: 'ewma', knob: 'L', values: [2.5, 3, 3.5, 4, 5, 6], fallback: 3, make: ewma },
  { name: 'seasonal naive', key: 'naive', knob: 'k', values: [3, 4, 5, 6, 8, 10], fallback: 4, make: naive },
];
const fields: string[] = [];
for (const fam of families) {
  const results = fam.values.map((v) => ({ v, s: score(fam.make(v)) }));
  const best = results.reduce((a, b) => (b.s.score > a.s.score ? b : a));
  const def = results.find((r) => r.v === fam.fallback)!;
  console.log(`${fam.name}: ${results.map((r) => `${fam.knob}=${r.v} → ${r.s.score.toFixed(1)} (${r.s.detected}/${r.s.windows} windows, ${r.s.fp} FP)`).join('; ')}`);
  console.log(`${fam.name.padEnd(28)} default (${fam.knob}=${def.v})  ${def.s.score.toFixed(1)}   NAB-optimised (${fam.knob}=${best.v})  ${best.s.score.toFixed(1)}`);
  if (fam.key.startsWith('filter')) console.log(`  per file at the default: ${corpus.map((f, k) => `${f.name.split('/')[1]!.replace('.csv', '')} ${def.s.perFile[k]!.toFixed(2)}`).join(', ')}`);
  fields.push(`${fam.key}=${def.s.score.toFixed(1)} ${fam.key}_best=${best.s.score.toFixed(1)} ${fam.key}_best_${fam.knob.toLowerCase()}=${best.v}`);
}

// Throughput: every value of the corpus through a fresh filter per file, against the EWMA chart.
function rate(run: () => void): number {
  run(); // warm up
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return rows / (Math.min(...times) / 1000);
}
let sink = 0;
const filterRate = rate(() => {
  for (const f of corpus) {
    const s = createFilter();
    for (let k = 0; k < f.values.length; k++) sink += updateFilter(s, f.values[k]!, f.times[k]!).forecast;
  }
});
const ewmaRate = rate(() => {
  for (const f of corpus) {
    const s = createEwma();
    for (let k = 0; k < f.values.length; k++) sink += updateEwma(s, f.values[k]!).forecast;
  }
});
if (Number.isNaN(sink) && sink === 0) console.log('');
console.log(`throughput: filter ${Math.round(filterRate)} values/s, EWMA chart ${Math.round(ewmaRate)} values/s (ratio ${(filterRate / ewmaRate).toFixed(3)})`);
console.log(
  `BENCH name=monitor-nab files=${corpus.length} values=${rows} ${fields.join(' ')} htm_published=${published['Numenta HTM']!.toFixed(1)} artime_published=${published.ARTime!.toFixed(1)} ` +
    `filter_values_per_s=${Math.round(filterRate)} ewma_values_per_s=${Math.round(ewmaRate)} filter_vs_ewma=${(filterRate / ewmaRate).toFixed(3)}`,
);
