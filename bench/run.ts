/**
 * `npm run bench` — onet-match vs sql.js vs a naive JSON engine, on the full O*NET snapshot, in
 * Node and in headless Chromium. Writes bench/results.json, regenerates the results section of
 * bench/README.md and bench/chart.svg. Method and caveats: bench/README.md.
 *
 *   npm run bench                     full run (200 queries per kind, 3 timed runs, 5 start-up runs)
 *   npm run bench -- --quick          smoke run (40 queries per kind, 1 run); writes bench/results-quick.json only
 *   options: --count N --runs N --start-runs N --seed N --min-sample-ms X --node-only --browser-only --no-network --no-mobile --no-readme
 *
 * Exit code 1 when any baseline answer differs from onet-match's (or a query fails); missed
 * performance targets are reported (results.json `targets[].met`), not turned into a failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs as parseCommandLine } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createEngine } from '../src/engine/engine.js';
import { loadSnapshotFile } from '../tools/node-snapshot.js';
import { buildBenchPage, libBundleSizes, type BundleSizes } from './browser/build.js';
import { runBrowserBench, type BrowserResults, type MobileProfile, type Throttle } from './browser/harness.js';
import type { BenchData } from './browser/protocol.js';
import { careerQuality } from './careers/quality.js';
import { generateCareerQueries } from './careers/queries.js';
import { renderChart } from './chart.js';
import { BENCH_DIR, REPO_ROOT, SQLJS_BROWSER_WASM, buildInputs } from './node/inputs.js';
import { runNodeBench, type NodeResults } from './node/bench-node.js';
import { generateQueries } from './queries.js';
import { runSearchQuality, timeBatchCoding } from './search-quality/compare.js';
import { searchGrowth } from './search-quality/growth.js';
import { renderUpdate, snapshotUpdate, UPDATE_SHARE_TARGET, type SnapshotUpdate } from './delta/delta.js';
import { DELTA_EXTRAS, DELTA_SOURCE } from './delta/paths.js';
import { buildResults, renderMarkdown } from './report.js';
import type { SoftSkillsQuery } from './types.js';

interface Args {
  quick: boolean;
  count: number;
  runs: number;
  startRuns: number;
  roundTripRuns: number;
  networkRuns: number;
  mobileRuns: number;
  seed: number;
  minSampleMs: number;
  node: boolean;
  browser: boolean;
  readme: boolean;
}

/** The command line (node:util parseArgs, strict: an unknown or misspelt option is an error, not ignored). */
function parseArgs(argv: string[]): Args {
  const { values } = parseCommandLine({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean', default: false },
      count: { type: 'string' },
      runs: { type: 'string' },
      'start-runs': { type: 'string' },
      seed: { type: 'string' },
      'min-sample-ms': { type: 'string' },
      'node-only': { type: 'boolean', default: false },
      'browser-only': { type: 'boolean', default: false },
      'no-network': { type: 'boolean', default: false },
      'no-mobile': { type: 'boolean', default: false },
      'no-readme': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  const num = (name: 'count' | 'runs' | 'start-runs' | 'seed', fallback: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} needs a positive integer`);
    return v;
  };
  const minSampleMs = values['min-sample-ms'] === undefined ? 0 : Number(values['min-sample-ms']);
  if (!Number.isFinite(minSampleMs) || minSampleMs < 0) throw new Error('--min-sample-ms needs a number ≥ 0');
  return {
    quick,
    count: num('count', quick ? 40 : 200),
    runs: num('runs', quick ? 1 : 3),
    startRuns: num('start-runs', quick ? 1 : 5),
    roundTripRuns: quick ? 1 : 2,
    networkRuns: values['no-network'] ? 0 : quick ? 1 : 2,
    mobileRuns: values['no-mobile'] ? 0 : quick ? 1 : 3,
    seed: num('seed', 20250529),
    minSampleMs,
    node: !values['browser-only'],
    browser: !values['node-only'],
    readme: !quick && !values['no-readme'],
  };
}

const FIRST_QUERY: SoftSkillsQuery = { kind: 'softSkills', route: '/online/soft_skills/results?skills=2.B.1.a', skills: ['2.B.1.a'] };
const FIRST_SEARCH = '/online/related_activities?keyword=nurse';
/** The emulated network of the network experiment: 20 Mbit/s, 40 ms per request. */
const NETWORK: Throttle = { bytesPerSecond: 2_500_000, latencyMs: 40 };
/** The mobile profile: 10 Mbit/s, 40 ms per request, CPU four times slower (CDP throttling). */
const MOBILE: MobileProfile = { network: { bytesPerSecond: 1_250_000, latencyMs: 40 }, cpuSlowdown: 4 };
const README_START = '<!-- bench:results:start (generated by npm run bench; do not edit by hand) -->';
const README_END = '<!-- bench:results:end -->';
// The results section sits between prettier-ignore-start/end comments: generated text stays as written, so `prettier --check .` holds after a bench run.

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const manifestPath = resolve(REPO_ROOT, 'build/snapshot/manifest.json');
  if (!existsSync(manifestPath)) {
    log('No build/snapshot/manifest.json: running npm run snapshot…');
    const r = spawnSync('npm', ['run', 'snapshot'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run snapshot failed');
  }
  const { snapshot, manifest } = await loadSnapshotFile(manifestPath);
  log(`Snapshot ${manifest.release} (${(manifest.bytes / 1e6).toFixed(2)} MB, sha256 ${manifest.sha256.slice(0, 12)})`);

  const validator = createEngine(snapshot);
  const queries = generateQueries(snapshot, { count: args.count, seed: args.seed, isValid: (route) => validator.handle(route).status === 200 });
  const careerQueries = generateCareerQueries(validator, { count: args.count, seed: args.seed });
  log(`Generated ${args.count} queries per kind (seed ${args.seed})`);
  const inputs = await buildInputs(snapshot, manifest.sha256, log);

  const file = (p: string) => {
    const b = readFileSync(p);
    return { bytes: b.length, gzip: gzipSync(b, { level: 9 }).length };
  };
  const tmp = mkdtempSync(join(tmpdir(), 'onet-match-bench-'));
  let bundles: BundleSizes | undefined;
  let node: NodeResults | undefined;
  let browser: BrowserResults | undefined;
  try {
    if (args.node) {
      node = await runNodeBench({
        manifestPath,
        inputs,
        queries,
        runs: args.runs,
        startRuns: args.startRuns,
        checkEvery: 1,
        minSampleMs: args.minSampleMs,
        firstRoute: FIRST_QUERY.route,
        firstSearchRoute: FIRST_SEARCH,
        log,
      });
    }
    log('Bundling (Vite build)…');
    bundles = await libBundleSizes(join(tmp, 'lib'), log);
    if (args.browser) {
      await buildBenchPage(join(tmp, 'page'));
      const data: BenchData = {
        info: snapshot.info,
        queries,
        careerQueries,
        firstQuery: FIRST_QUERY,
        firstSearchRoute: FIRST_SEARCH,
        runs: args.runs,
        roundTripRuns: args.roundTripRuns,
        checkEvery: 1,
        minSampleMs: args.minSampleMs,
      };
      writeFileSync(join(tmp, 'bench-data.json'), JSON.stringify(data));
      browser = await runBrowserBench({
        routes: {
          '/bench/': join(tmp, 'page'),
          '/snapshot/': resolve(REPO_ROOT, 'build/snapshot'),
          '/data/bench-data.json': join(tmp, 'bench-data.json'),
          '/data/onet.sqlite': inputs.sqlitePath,
          '/data/sql-wasm.wasm': SQLJS_BROWSER_WASM,
          '/data/naive.json': inputs.naivePath,
        },
        coldRuns: args.startRuns,
        networkRuns: args.networkRuns,
        network: NETWORK,
        mobileRuns: args.mobileRuns,
        mobile: MOBILE,
        log,
        timeoutMs: 120_000,
      });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const meta = {
    date: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    quick: args.quick,
    seed: args.seed,
    queriesPerKind: args.count,
    runs: args.runs,
    startRuns: args.startRuns,
    roundTripRuns: args.roundTripRuns,
    minSampleMs: args.minSampleMs,
    node: process.version,
    chromium: browser?.chromium,
    cpus: cpus().length,
    loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
    commit,
    snapshot: { release: manifest.release, sha256: manifest.sha256, bytes: manifest.bytes },
    headline: 'p50/p95 of a metric = median over runs of each run’s p50/p95; ratios = baseline ÷ onet-match',
  };
  // Career routes: similarity vs O*NET's Related Occupations, interests self-rank (in Node).
  log('Career quality (related occupations, interests)…');
  const careers = careerQuality(validator);
  const results = buildResults(
    meta,
    { manifest, sqlWasm: file(SQLJS_BROWSER_WASM), sqlite: file(inputs.sqlitePath), naive: file(inputs.naivePath), bundles },
    node,
    browser,
    careers,
  );
  // Search quality (onet-match vs MiniSearch on bench/search-quality/queries.json) and batch coding speed.
  log('Search quality and batch coding…');
  const quality = runSearchQuality(snapshot, createEngine(snapshot));
  const batch = timeBatchCoding(snapshot);
  const growth = searchGrowth(snapshot, manifest.bytes);
  const target = quality.contenders['onet-match'].target;
  const searchQuality = {
    queries: quality.queries,
    contenders: Object.fromEntries(Object.entries(quality.contenders).map(([name, c]) => [name, { all: c.all, target: c.target, byKind: c.byKind }])),
    batchCoding: batch,
    snapshotGrowth: growth,
    targets: [
      { id: 'search-hit1', label: 'lay words, abbreviations, misspellings: right occupation first', value: target.hit1, target: 0.95, met: target.hit1 >= 0.95 },
      { id: 'search-hit3', label: 'lay words, abbreviations, misspellings: in the top 3', value: target.hit3, target: 0.99, met: target.hit3 >= 0.99 },
      {
        id: 'search-vs-minisearch',
        label: 'hit@1 ahead of MiniSearch',
        value: target.hit1 - quality.contenders.MiniSearch.target.hit1,
        target: 0,
        met: target.hit1 > quality.contenders.MiniSearch.target.hit1,
      },
      { id: 'batch-10k', label: '10,000 titles coded (s)', value: batch.seconds, target: 5, met: batch.seconds <= 5 },
      {
        id: 'search-snapshot-growth',
        label: `snapshot growth for the search signals (${growth.bytes.toLocaleString('en-US')} compressed bytes)`,
        value: growth.growth,
        target: 0.05,
        met: growth.growth <= 0.05,
      },
    ],
  };
  // What an update downloads when a release changes one table (two builds of the real source, a few seconds).
  log('Snapshot update with one table changed (two builds)…');
  let update: SnapshotUpdate | undefined;
  try {
    update = await snapshotUpdate({ source: DELTA_SOURCE, extras: DELTA_EXTRAS });
  } catch (error) {
    log(`snapshot update figure skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
  const snapshotUpdateResult = update && {
    ...update,
    targets: [
      {
        id: 'update-one-table',
        label: `update downloads ≤ ${100 * UPDATE_SHARE_TARGET} % of the snapshot when one table changed`,
        value: update.updateShare,
        target: UPDATE_SHARE_TARGET,
        met: update.updateShare <= UPDATE_SHARE_TARGET,
      },
    ],
  };
  const out = resolve(BENCH_DIR, args.quick ? 'results-quick.json' : 'results.json');
  writeFileSync(out, JSON.stringify({ ...results, searchQuality, ...(snapshotUpdateResult ? { snapshotUpdate: snapshotUpdateResult } : {}) }, null, 1) + '\n');
  const markdown =
    renderMarkdown(results) +
    `\n\n### Search quality (bench/search-quality/, ${quality.queries} queries)\n\n${quality.table}\n\n` +
    `Batch coding: ${batch.titles.toLocaleString('en-US')} titles (${batch.distinct.toLocaleString('en-US')} distinct) in ${batch.seconds.toFixed(2)} s, index build included (target ≤ 5 s).\n\n` +
    searchQuality.targets.map((t) => `- ${t.met ? 'met' : 'MISSED'}: ${t.label} — ${t.id === 'batch-10k' ? t.value.toFixed(2) : (100 * t.value).toFixed(1) + ' %'}`).join('\n') +
    (update ? `\n\n${renderUpdate(update)}` : '');
  log('');
  log(markdown);
  log('');
  log(`Wrote ${out}`);
  if (args.readme && node && browser) {
    const readmePath = resolve(BENCH_DIR, 'README.md');
    const readme = existsSync(readmePath)
      ? readFileSync(readmePath, 'utf8')
      : `# Benchmark\n\n<!-- prettier-ignore-start -->\n${README_START}\n${README_END}\n<!-- prettier-ignore-end -->\n`;
    const a = readme.indexOf(README_START);
    const b = readme.indexOf(README_END);
    if (a < 0 || b < a) throw new Error(`bench/README.md lacks the ${README_START} … ${README_END} markers`);
    writeFileSync(readmePath, `${readme.slice(0, a + README_START.length)}\n\n${markdown}\n\n${readme.slice(b)}`);
    writeFileSync(resolve(BENCH_DIR, 'chart.svg'), renderChart(results) + '\n');
    log('Updated bench/README.md (results section) and bench/chart.svg');
  }
  const careerErrors = browser?.careers.errors ?? [];
  const failed = results.answers.mismatches.length + results.answers.errors.length + careerErrors.length;
  const missed = results.targets.filter((t) => !t.met);
  log(`Targets: ${results.targets.length - missed.length}/${results.targets.length} met${missed.length ? ` — missed: ${missed.map((t) => t.id).join(', ')}` : ''}`);
  if (failed) log(`FAILED: ${results.answers.mismatches.length} answer mismatches, ${results.answers.errors.length + careerErrors.length} errors`);
  for (const e of careerErrors.slice(0, 10)) log(`  ${e.contender} ${e.kind} ${e.route}: ${e.message}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A command-line mistake gets its message and the options, not a stack trace.
    const usage = error instanceof Error && (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS') || error.message.startsWith('--'));
    console.error(
      usage
        ? `${error.message}\noptions: --quick --count N --runs N --start-runs N --seed N --min-sample-ms X --node-only --browser-only --no-network --no-mobile --no-readme`
        : error,
    );
    process.exit(2);
  },
);
