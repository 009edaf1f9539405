/**
 * Turns raw measurements into bench/results.json (every metric: unit, sample count, p50, p95),
 * checks the performance targets, computes the ratios to onet-match, and renders the Markdown report.
 */
import { round, summarizeRuns, type RunSummary } from './lib/stats.js';
import type { QueryRunResult } from './lib/runner.js';
import type { BrowserResults } from './browser/harness.js';
import { CAREER_CONTENDERS, type CareerRunResult } from './careers/latency.js';
import type { CareerQuality } from './careers/quality.js';
import { CAREER_KINDS, CAREER_KIND_LABELS, type CareerKind } from './careers/queries.js';
import type { BundleSizes } from './browser/build.js';
import type { NodeResults } from './node/bench-node.js';
import { CONTENDERS, KIND_LABELS, QUERY_KINDS, type ContenderName, type QueryKind } from './types.js';

export interface Metric {
  unit: 'ms' | 'bytes';
  samples: number;
  p50: number;
  p95: number;
  /** Per-run p50/p95 (headline = median over runs). */
  runs?: RunSummary['runs'];
  note?: string;
}

const ms = (s: RunSummary | undefined, note?: string): Metric | undefined =>
  s && { unit: 'ms', samples: s.samples, p50: round(s.p50), p95: round(s.p95), runs: s.runs, ...(note ? { note } : {}) };
const bytes = (v: number, note?: string): Metric => ({ unit: 'bytes', samples: 1, p50: v, p95: v, ...(note ? { note } : {}) });
const bytesOf = (values: number[], note?: string): Metric => {
  const s = summarizeRuns([values]);
  return { unit: 'bytes', samples: s.samples, p50: Math.round(s.p50), p95: Math.round(s.p95), ...(note ? { note } : {}) };
};

export interface Target {
  id: string;
  description: string;
  /** Where it is measured; `quality`: answer quality on the snapshot (computed in Node). */
  environment: 'browser' | 'node' | 'size' | 'quality';
  limit: string;
  measured: number;
  unit: string;
  met: boolean;
}

export interface Results {
  meta: Record<string, unknown>;
  size: Record<string, unknown>;
  node?: Record<string, unknown>;
  browser?: Record<string, unknown>;
  ratios: Record<string, unknown>[];
  /** The career routes: quality on the snapshot (Node) and latency in the bench Worker. */
  careers?: Record<string, unknown>;
  targets: Target[];
  answers: { checked: Record<string, unknown>; mismatches: QueryRunResult['mismatches']; errors: QueryRunResult['errors'] };
}

export interface SizeInputs {
  manifest: { bytes: number; sections: readonly { name: string; bytes: number; rawBytes: number }[] };
  sqlWasm: { bytes: number; gzip: number };
  sqlite: { bytes: number; gzip: number };
  naive: { bytes: number; gzip: number };
  bundles?: BundleSizes;
}

function queryMetrics(q: QueryRunResult): Record<string, Record<string, Metric>> {
  const out: Record<string, Record<string, Metric>> = {};
  for (const c of CONTENDERS) {
    const byKind = q.samples[c];
    if (!byKind) continue;
    out[c] = {};
    for (const kind of QUERY_KINDS) {
      const runs = byKind[kind];
      if (runs) out[c][kind] = ms(summarizeRuns(runs))!;
    }
  }
  return out;
}

function careerMetrics(c: CareerRunResult): Partial<Record<string, Partial<Record<CareerKind, Metric>>>> {
  const out: Partial<Record<string, Partial<Record<CareerKind, Metric>>>> = {};
  for (const name of CAREER_CONTENDERS) {
    const byKind = c.samples[name];
    if (!byKind) continue;
    const m: Partial<Record<CareerKind, Metric>> = (out[name] = {});
    for (const kind of CAREER_KINDS) {
      const runs = byKind[kind];
      if (runs) m[kind] = ms(summarizeRuns(runs))!;
    }
  }
  return out;
}

/** Career p95 target (ms, in the Worker) per kind. */
const CAREER_P95_LIMIT = 2;
/** Share of Primary-Short related occupations in the top 10 the similarity must reach. */
const RELATED_TOP10_TARGET = 0.6;

function stageMetrics(stages: Record<string, RunSummary> | undefined): Record<string, Metric> {
  return Object.fromEntries(Object.entries(stages ?? {}).map(([k, v]) => [k, ms(v)!]));
}

export function buildResults(
  meta: Record<string, unknown>,
  size: SizeInputs,
  node: NodeResults | undefined,
  browser: BrowserResults | undefined,
  careers?: CareerQuality,
): Results {
  const sizeOut: Results['size'] = {
    snapshot: {
      compressed: bytes(size.manifest.bytes, 'the .snap file: header + one raw-deflate blob per section'),
      sections: Object.fromEntries(size.manifest.sections.map((s) => [s.name, { compressed: bytes(s.bytes), inflated: bytes(s.rawBytes) }])),
    },
    'sql.js': {
      wasm: bytes(size.sqlWasm.bytes),
      wasmGzip: bytes(size.sqlWasm.gzip),
      database: bytes(size.sqlite.bytes),
      databaseGzip: bytes(size.sqlite.gzip),
      totalGzip: bytes(size.sqlWasm.gzip + size.sqlite.gzip, 'wasm + database, each gzip -9 (the best case for sql.js over the wire)'),
      total: bytes(size.sqlWasm.bytes + size.sqlite.bytes),
    },
    naive: { json: bytes(size.naive.bytes), jsonGzip: bytes(size.naive.gzip) },
  };
  if (size.bundles) {
    sizeOut.bundles = {
      source: size.bundles.source,
      mainGzip: bytes(size.bundles.main.gzip, 'main-thread entry (openEngine, routes, errors, comlink)'),
      workerGzip: bytes(size.bundles.worker.gzip, 'Worker chunk (loader, IndexedDB store, codec, engine, fflate, idb, comlink)'),
      lazyGzip: bytes(size.bundles.lazy.gzip, "lazy chunks (mode: 'inline' fallback), loaded only without Worker support"),
      main: bytes(size.bundles.main.bytes),
      worker: bytes(size.bundles.worker.bytes),
      files: size.bundles.files,
    };
  }

  const results: Results = { meta, size: sizeOut, ratios: [], targets: [], answers: { checked: {}, mismatches: [], errors: [] } };
  if (node) {
    results.node = {
      start: Object.fromEntries(Object.entries(node.start).map(([c, stages]) => [c, stageMetrics(stages)])),
      queries: queryMetrics(node.queries),
      sampleRepetitions: node.queries.repeat,
      heapAfterLoad: Object.fromEntries(
        Object.entries(node.heap).map(([c, h]) => [
          c,
          { ...bytes(h.total, 'process.memoryUsage() delta after gc: heapUsed + arrayBuffers'), heapUsed: h.heapUsed, arrayBuffers: h.arrayBuffers },
        ]),
      ),
    };
    results.answers.checked.node = node.queries.checked;
    results.answers.mismatches.push(...node.queries.mismatches.map((m) => ({ ...m, route: `[node] ${m.route}` })));
    results.answers.errors.push(...node.queries.errors.map((e) => ({ ...e, route: `[node] ${e.route}` })));
  }
  if (browser) {
    results.browser = {
      chromium: browser.chromium,
      crossOriginIsolated: browser.crossOriginIsolated,
      start: Object.fromEntries(
        Object.entries(browser.start).map(([c, modes]) => [c, { cold: stageMetrics(modes.cold), ...(modes.warm ? { warm: stageMetrics(modes.warm) } : {}) }]),
      ),
      queries: queryMetrics(browser.queries),
      sampleRepetitions: browser.queries.repeat,
      roundTrip: Object.fromEntries(Object.entries(browser.roundTrip).map(([k, v]) => [k, ms(v, 'main thread → Worker → main thread (openEngine().get)')])),
      workerHeap: Object.fromEntries(
        Object.entries(browser.heap).map(([k, h]) => [
          k,
          { ...bytesOf(h.values, 'CDP Runtime.getHeapUsage on the Worker target: usedSize + backingStorageSize + embedderHeapUsedSize'), detail: h.detail },
        ]),
      ),
    };
    const ex = browser.experiments;
    (results.browser as Record<string, unknown>).experiments = {
      decompress: ex.decompress && {
        note: "snapshot decompression alone, in a fresh Worker: the loader's fflate path vs the browser's native DecompressionStream('deflate-raw') (output checked byte for byte)",
        fflate: ms(ex.decompress.fflate),
        native: ms(ex.decompress.native),
        identicalOutput: ex.decompress.identical,
      },
      idbFirst: ex.idbFirst && {
        note: 'warm starts from the cold run’s install, alternating: as measured above (plain: the page opens IndexedDB for the first time inside the clock) and after the page opened IndexedDB, read the install record and closed it before the clock started (opened)',
        plain: Object.fromEntries(Object.entries(ex.idbFirst.plain).map(([k, v]) => [k, ms(v)])),
        opened: Object.fromEntries(Object.entries(ex.idbFirst.opened).map(([k, v]) => [k, ms(v)])),
      },
      network: ex.network && {
        note: `cold start to first answer over an emulated network (${(ex.network.throttle.bytesPerSecond * 8) / 1e6} Mbit/s, ${ex.network.throttle.latencyMs} ms per request; baselines' files gzip-encoded)`,
        throttle: ex.network.throttle,
        start: Object.fromEntries(Object.entries(ex.network.start).map(([c, v]) => [c, ms(v)])),
      },
      mobile: ex.mobile && {
        note: `mobile profile: ${(ex.mobile.profile.network.bytesPerSecond * 8) / 1e6} Mbit/s, ${ex.mobile.profile.network.latencyMs} ms per request, CPU ${ex.mobile.profile.cpuSlowdown}× slower (CDP Emulation.setCPUThrottlingRate); cold start in a fresh browser profile, then warm start from a new page of it (files but the manifest cacheable for an hour)`,
        profile: ex.mobile.profile,
        cpuThrottled: ex.mobile.cpuThrottled,
        start: Object.fromEntries(Object.entries(ex.mobile.start).map(([c, v]) => [c, { cold: ms(v.cold), warm: ms(v.warm) }])),
      },
    };
    results.answers.checked.browser = browser.queries.checked;
    results.answers.mismatches.push(...browser.queries.mismatches.map((m) => ({ ...m, route: `[browser] ${m.route}` })));
    results.answers.errors.push(...browser.queries.errors.map((e) => ({ ...e, route: `[browser] ${e.route}` })));
  }

  if (careers || browser) {
    const latency = browser && careerMetrics(browser.careers);
    results.careers = {
      quality: careers && {
        relatedTop10: {
          note: `share of O*NET's "Primary-Short" Related Occupations (a table the ranking never reads) found in the top ${careers.related.k}, pooled over every skill-rated occupation that has them (relatedRecall, src/engine/careers/evaluate.ts)`,
          occupations: careers.related.occupations,
          skillRated: careers.related.rated,
          k: careers.related.k,
          'onet-match': round(careers.related['onet-match']),
          naive: round(careers.related.naive),
          naiveNote: 'Pearson correlation of the two occupations’ skill and knowledge levels (naiveLevelCorrelation)',
          target: RELATED_TOP10_TARGET,
          met: careers.related['onet-match'] >= RELATED_TOP10_TARGET,
          seconds: round(careers.related.seconds, 2),
        },
        interestsSelfRank: {
          note: 'every occupation with the six Interests (OI) scores, queried through /online/interests/results with its own scores: share ranked within the first 1 % of those occupations',
          occupations: careers.interests.occupations,
          rankLimit: careers.interests.limit,
          within: careers.interests.within,
          share: round(careers.interests.share),
          worstRank: careers.interests.worstRank,
          target: 1,
          met: careers.interests.share === 1,
          seconds: round(careers.interests.seconds, 2),
        },
      },
      browser: latency && {
        note: 'per-query latency inside the bench Worker, one phase per contender (warm-up, then the timed runs): onet-match, then the naive career baseline over the naive JSON (bench/careers/naive.ts); no answer check: the baseline ranks with a different algorithm, so its answers differ by design',
        queriesPerKind: Object.fromEntries(CAREER_KINDS.map((k) => [k, browser.careers.samples['onet-match']?.[k]?.[0]?.length ?? 0])),
        queries: latency,
        ratios: Object.fromEntries(
          CAREER_KINDS.map((k) => {
            const o = latency['onet-match']?.[k];
            const n = latency.naive?.[k];
            return [k, o && n ? { ratioP50: round(n.p50 / o.p50, 1), ratioP95: round(n.p95 / o.p95, 1) } : undefined];
          }),
        ),
        errors: browser.careers.errors,
      },
    };
  }

  // Ratios to onet-match (> 1: onet-match is that many times faster / smaller).
  for (const env of ['browser', 'node'] as const) {
    const q = env === 'browser' ? browser?.queries : node?.queries;
    if (!q) continue;
    const m = queryMetrics(q);
    for (const kind of QUERY_KINDS) {
      const base = m['onet-match']?.[kind];
      if (!base) continue;
      const row: Record<string, unknown> = { environment: env, metric: `${KIND_LABELS[kind]} latency`, kind, unit: 'ms', 'onet-match': { p50: base.p50, p95: base.p95 } };
      for (const c of ['sql.js', 'naive'] as const) {
        const other = m[c]?.[kind];
        if (other) row[c] = { p50: other.p50, p95: other.p95, ratioP50: round(other.p50 / base.p50, 1), ratioP95: round(other.p95 / base.p95, 1) };
      }
      results.ratios.push(row);
    }
  }
  const startOf = (env: 'browser' | 'node', c: ContenderName) => (env === 'browser' ? browser?.start[c]?.cold['to first answer'] : node?.start[c]?.['to first answer']);
  for (const env of ['browser', 'node'] as const) {
    const base = startOf(env, 'onet-match');
    if (!base) continue;
    const row: Record<string, unknown> = {
      environment: env,
      metric: env === 'browser' ? 'cold start to first answer' : 'in-process load to first answer',
      unit: 'ms',
      'onet-match': { p50: round(base.p50) },
    };
    for (const c of ['sql.js', 'naive'] as const) {
      const other = startOf(env, c);
      if (other) row[c] = { p50: round(other.p50), ratioP50: round(other.p50 / base.p50, 1) };
    }
    results.ratios.push(row);
  }
  const net = browser?.experiments.network;
  if (net?.start['onet-match']) {
    const base = net.start['onet-match'];
    const row: Record<string, unknown> = {
      environment: 'browser, emulated network',
      metric: `cold start to first answer at ${(net.throttle.bytesPerSecond * 8) / 1e6} Mbit/s`,
      unit: 'ms',
      'onet-match': { p50: round(base.p50) },
    };
    for (const c of ['sql.js', 'naive'] as const) {
      const other = net.start[c];
      if (other) row[c] = { p50: round(other.p50), ratioP50: round(other.p50 / base.p50, 1) };
    }
    results.ratios.push(row);
  }
  const mobile = browser?.experiments.mobile;
  if (mobile?.start['onet-match']) {
    for (const mode of ['cold', 'warm'] as const) {
      const base = mobile.start['onet-match'][mode];
      const other = mobile.start['sql.js']?.[mode];
      results.ratios.push({
        environment: 'browser, mobile profile',
        metric: `${mode} start to first answer`,
        unit: 'ms',
        'onet-match': { p50: round(base.p50) },
        ...(other ? { 'sql.js': { p50: round(other.p50), ratioP50: round(other.p50 / base.p50, 1) } } : {}),
      });
    }
  }
  results.ratios.push({
    environment: 'size',
    metric: 'download (gzip -9 for the baselines)',
    unit: 'bytes',
    'onet-match': { p50: size.manifest.bytes },
    'sql.js': { p50: size.sqlWasm.gzip + size.sqlite.gzip, ratioP50: round((size.sqlWasm.gzip + size.sqlite.gzip) / size.manifest.bytes, 1) },
    naive: { p50: size.naive.gzip, ratioP50: round(size.naive.gzip / size.manifest.bytes, 1) },
  });

  results.targets = checkTargets(size, browser, node, careers);
  return results;
}

function checkTargets(size: SizeInputs, browser: BrowserResults | undefined, node: NodeResults | undefined, careers: CareerQuality | undefined): Target[] {
  const t: Target[] = [];
  const add = (id: string, description: string, environment: Target['environment'], limit: string, measured: number, unit: string, met: boolean) =>
    t.push({ id, description, environment, limit, measured: round(measured, 3), unit, met });
  if (browser) {
    const m = queryMetrics(browser.queries);
    const limits: Record<QueryKind, number> = { softSkills: 1, relatedActivities: 2, search: 1, list: 5, details: 5 };
    for (const kind of QUERY_KINDS) {
      const p95 = m['onet-match']?.[kind]?.p95 ?? Number.NaN;
      add(`${kind}-p95`, `${KIND_LABELS[kind]} p95 (in the Worker)`, 'browser', `≤ ${limits[kind]} ms`, p95, 'ms', p95 <= limits[kind]);
    }
    for (const kind of QUERY_KINDS) {
      const r = (m['sql.js']?.[kind]?.p50 ?? Number.NaN) / (m['onet-match']?.[kind]?.p50 ?? Number.NaN);
      add(`${kind}-vs-sqljs`, `${KIND_LABELS[kind]}: sql.js p50 ÷ onet-match p50`, 'browser', '≥ 20×', r, '×', r >= 20);
    }
    const cold = browser.start['onet-match']?.cold['to first answer']?.p50 ?? Number.NaN;
    const sqlCold = browser.start['sql.js']?.cold['to first answer']?.p50 ?? Number.NaN;
    const warm = browser.start['onet-match']?.warm?.['to first answer']?.p50 ?? Number.NaN;
    add(
      'cold-start',
      'cold start to first answer (manifest + the section files the answer reads: fetch, verify, inflate, decode, index; the rest installs after it)',
      'browser',
      '≤ 1000 ms',
      cold,
      'ms',
      cold <= 1000,
    );
    const firstBytes = Math.max(...(browser.coldBytes?.beforeFirstAnswer ?? [Number.NaN]));
    add(
      'cold-bytes',
      'cold start: snapshot bytes fetched before the first answer (manifest + section files; most of any run)',
      'browser',
      '≤ 300 KB',
      firstBytes / 1000,
      'KB',
      firstBytes <= 300_000,
    );
    add(
      'cold-vs-sqljs',
      'sql.js cold start (wasm + database fetch, wasm init, open, first answer) ÷ onet-match cold start',
      'browser',
      '≥ 3×',
      sqlCold / cold,
      '×',
      sqlCold / cold >= 3,
    );
    add('warm-start', 'warm start to first answer (IndexedDB → decode → index)', 'browser', '≤ 120 ms', warm, 'ms', warm <= 120);
    const mobile = browser.experiments.mobile;
    if (mobile) {
      const mobileRatio = (mobile.start['sql.js']?.cold.p50 ?? Number.NaN) / (mobile.start['onet-match']?.cold.p50 ?? Number.NaN);
      add('mobile-cold-vs-sqljs', 'mobile profile: sql.js cold start ÷ onet-match cold start', 'browser', '≥ 4×', mobileRatio, '×', mobileRatio >= 4);
    }
    const heap = browser.heap['onet-match: retained with all indexes (after search + every query kind)'];
    const heapP50 = heap ? summarizeRuns([heap.values]).p50 : Number.NaN;
    add('worker-heap', 'Worker heap after load, every index built (JS heap + ArrayBuffers, after GC)', 'browser', '≤ 60 MB', heapP50 / 1e6, 'MB', heapP50 <= 60e6);
    for (const kind of QUERY_KINDS) {
      const p95 = browser.roundTrip[kind]?.p95 ?? Number.NaN;
      add(`${kind}-roundtrip-p95`, `${KIND_LABELS[kind]}: main-thread round trip p95`, 'browser', '≤ 5 ms', p95, 'ms', p95 <= 5);
    }
    const c = careerMetrics(browser.careers)['onet-match'];
    const ids: Record<CareerKind, string> = { careerChangers: 'careers-p95', careerProfile: 'careers-profile-p95', interests: 'interests-p95' };
    for (const kind of CAREER_KINDS) {
      const p95 = c?.[kind]?.p95 ?? Number.NaN;
      add(ids[kind], `${CAREER_KIND_LABELS[kind]} p95 (in the Worker)`, 'browser', `≤ ${CAREER_P95_LIMIT} ms`, p95, 'ms', p95 <= CAREER_P95_LIMIT);
    }
  }
  if (careers) {
    const r = careers.related;
    add(
      'careers-related-top10',
      `careers like mine: O*NET Primary-Short related occupations in the top ${r.k} (${r.occupations} skill-rated occupations; naive level correlation ${(100 * r.naive).toFixed(1)} %)`,
      'quality',
      `≥ ${100 * RELATED_TOP10_TARGET} %`,
      r['onet-match'],
      'share',
      r['onet-match'] >= RELATED_TOP10_TARGET,
    );
    const i = careers.interests;
    add(
      'interests-self-top1pct',
      `careers that fit my interests: occupations ranked within the first 1 % (top ${i.limit}) by their own Interests profile (${i.occupations} occupations)`,
      'quality',
      '100 %',
      i.share,
      'share',
      i.share === 1,
    );
  }
  if (node) {
    // In the browser a new snapshot's search index is built while it is checked before install, so
    // the index build is timed where it stands alone: the first search on a freshly loaded engine.
    const build = node.start['onet-match']?.['first search']?.p50 ?? Number.NaN;
    add('search-index-build', 'search index build: first keyword search on a freshly loaded engine', 'node', '≤ 150 ms', build, 'ms', build <= 150);
  }
  add('snapshot-size', 'compressed snapshot', 'size', '≤ 3 MB', size.manifest.bytes / 1e6, 'MB', size.manifest.bytes <= 3e6);
  const sqlTotal = size.sqlWasm.gzip + size.sqlite.gzip;
  add('size-vs-sqljs', 'snapshot ÷ (sql.js wasm + database, gzip -9)', 'size', '≤ 0.333', size.manifest.bytes / sqlTotal, '', size.manifest.bytes * 3 <= sqlTotal);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Markdown

const fmtMs = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
const fmtBytes = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} MB` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} kB` : `${v} B`);
const fmtShare = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '—');
const fmtRatio = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? `${v >= 100 ? v.toFixed(0) : v.toFixed(1)}×` : '—');

type Q = Record<string, Record<string, Metric>>;

export function renderMarkdown(r: Results): string {
  const lines: string[] = [];
  const meta = r.meta as {
    date: string;
    quick: boolean;
    runs: number;
    startRuns: number;
    queriesPerKind: number;
    seed: number;
    chromium?: string;
    node: string;
    cpus: number;
    snapshot: { release: string; sha256: string };
  };
  lines.push(
    `Run ${meta.date} — O*NET ${meta.snapshot.release} snapshot \`${meta.snapshot.sha256.slice(0, 12)}\`, ${meta.queriesPerKind} seeded queries per kind (seed ${meta.seed}), ${meta.runs} timed runs, ${meta.startRuns} start-up runs${meta.quick ? ' (**--quick smoke run**)' : ''}; Node ${meta.node}${meta.chromium ? `, Chromium ${meta.chromium}` : ''}, ${meta.cpus} cores.`,
  );
  lines.push('');
  const mism = r.answers.mismatches.length;
  lines.push(
    `Answers: ${mism === 0 ? '**identical**' : `**${mism} MISMATCHES**`} — every checked sql.js and naive answer equals onet-match's JSON (${describeChecked(r.answers.checked)}); ${r.answers.errors.length} errors.`,
  );
  lines.push('');

  lines.push('### Targets');
  lines.push('');
  lines.push('| target | where | limit | measured | |');
  lines.push('|---|---|---|---|---|');
  for (const t of r.targets) {
    const v =
      t.unit === 'ms'
        ? `${fmtMs(t.measured)} ms`
        : t.unit === '×'
          ? fmtRatio(t.measured)
          : t.unit === 'MB'
            ? `${t.measured.toFixed(2)} MB`
            : t.unit === 'share'
              ? fmtShare(t.measured)
              : t.measured.toFixed(3);
    lines.push(`| ${t.description} | ${t.environment} | ${t.limit} | ${v} | ${t.met ? '✅ met' : '❌ missed'} |`);
  }
  lines.push('');

  lines.push('### Ratios to onet-match (how many times slower / bigger the baseline is)');
  lines.push('');
  lines.push('| environment | metric | onet-match p50 | sql.js p50 | × | naive p50 | × | onet-match p95 | sql.js p95 (×) | naive p95 (×) |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const row of r.ratios) {
    const o = row['onet-match'] as { p50: number; p95?: number };
    const s = row['sql.js'] as { p50: number; p95?: number; ratioP50: number; ratioP95?: number } | undefined;
    const n = row.naive as { p50: number; p95?: number; ratioP50: number; ratioP95?: number } | undefined;
    const f = row.unit === 'bytes' ? fmtBytes : (v: number) => `${fmtMs(v)} ms`;
    const p95 = (x: { p95?: number; ratioP95?: number } | undefined) => (x?.p95 === undefined ? '—' : `${f(x.p95)} (${fmtRatio(x.ratioP95)})`);
    lines.push(
      `| ${row.environment} | ${row.metric} | ${f(o.p50)} | ${s ? f(s.p50) : '—'} | **${fmtRatio(s?.ratioP50)}** | ${n ? f(n.p50) : '—'} | **${fmtRatio(n?.ratioP50)}** | ${o.p95 === undefined ? '—' : f(o.p95)} | ${p95(s)} | ${p95(n)} |`,
    );
  }
  lines.push('');

  for (const env of ['browser', 'node'] as const) {
    const e = r[env] as { queries: Q; start: Record<string, unknown>; roundTrip?: Record<string, Metric> } | undefined;
    if (!e) continue;
    lines.push(`### Per-query latency, ${env === 'browser' ? 'headless Chromium (inside a Worker)' : 'Node'} — ms, p50 / p95 (median over runs)`);
    lines.push('');
    lines.push(`| query kind | onet-match | sql.js | naive |${env === 'browser' ? ' onet-match main-thread round trip |' : ''}`);
    lines.push(`|---|---|---|---|${env === 'browser' ? '---|' : ''}`);
    for (const kind of QUERY_KINDS) {
      const cell = (c: string) => {
        const m = e.queries[c]?.[kind];
        return m ? `${fmtMs(m.p50)} / ${fmtMs(m.p95)}` : '—';
      };
      const rt = e.roundTrip?.[kind];
      lines.push(
        `| ${KIND_LABELS[kind]} | ${cell('onet-match')} | ${cell('sql.js')} | ${cell('naive')} |${env === 'browser' ? ` ${rt ? `${fmtMs(rt.p50)} / ${fmtMs(rt.p95)}` : '—'} |` : ''}`,
      );
    }
    lines.push('');
  }

  lines.push(...renderCareers(r));

  const b = r.browser as { start: Record<string, { cold: Record<string, Metric>; warm?: Record<string, Metric> }>; workerHeap: Record<string, Metric> } | undefined;
  if (b) {
    lines.push('### Start-up in headless Chromium — ms, median over start-up runs');
    lines.push('');
    for (const [c, modes] of Object.entries(b.start)) {
      for (const [mode, stages] of Object.entries(modes)) {
        if (!stages) continue;
        const parts = Object.entries(stages)
          .filter(([k]) => k !== 'to first answer' && k !== 'to first search')
          .map(([k, m]) => `${k} ${fmtMs(m.p50)}`);
        const search = stages['to first search'] ? `; to first keyword search **${fmtMs(stages['to first search'].p50)}**` : '';
        lines.push(`- **${c}, ${mode}: ${fmtMs(stages['to first answer']?.p50)} ms to first answer**${search} — ${parts.join(' · ')}`);
      }
    }
    lines.push('');
    lines.push('### Worker heap (CDP `Runtime.getHeapUsage` after `HeapProfiler.collectGarbage`, median)');
    lines.push('');
    lines.push('| measurement | total | JS heap | ArrayBuffers |');
    lines.push('|---|---|---|---|');
    for (const [k, m] of Object.entries(b.workerHeap)) {
      const d = (m as Metric & { detail: { usedSize: number; backingStorageSize: number }[] }).detail;
      const mid = d[Math.floor(d.length / 2)];
      lines.push(`| ${k} | ${fmtBytes(m.p50)} | ${mid ? fmtBytes(mid.usedSize) : '—'} | ${mid ? fmtBytes(mid.backingStorageSize) : '—'} |`);
    }
    lines.push('');
  }
  const ex = (
    r.browser as
      | {
          experiments?: {
            decompress?: { fflate: Metric; native: Metric; identicalOutput: boolean };
            idbFirst?: { plain: Record<string, Metric>; opened: Record<string, Metric> };
            network?: { note: string; start: Record<string, Metric> };
            mobile?: { note: string; cpuThrottled: { page: boolean; workers: boolean }; start: Record<string, { cold: Metric; warm: Metric }> };
          };
        }
      | undefined
  )?.experiments;
  if (ex?.decompress || ex?.idbFirst || ex?.network || ex?.mobile) {
    lines.push('### Experiments (not targets)');
    lines.push('');
    if (ex.idbFirst) {
      const side = (k: 'plain' | 'opened') => {
        const m = ex.idbFirst![k];
        const stage = (name: string) => fmtMs(m[name]?.p50);
        return `**${stage('to first answer')} ms** (Worker start ${stage('worker start + IndexedDB open')} · first answer ${stage('first answer')}; ${m['to first answer']?.samples ?? 0} starts)`;
      };
      lines.push(
        `- **Warm start and the first IndexedDB open of a page** (p50, alternating in the cold run's context): as above ${side('plain')}; with IndexedDB opened on the page before the clock started ${side('opened')}.`,
      );
    }
    if (ex.decompress) {
      lines.push(
        `- **Decompression** of the whole snapshot in a fresh Worker: fflate (the loader today) **${fmtMs(ex.decompress.fflate.p50)} ms**, native \`DecompressionStream('deflate-raw')\` **${fmtMs(ex.decompress.native.p50)} ms** (${fmtRatio(ex.decompress.fflate.p50 / ex.decompress.native.p50)} faster; output ${ex.decompress.identicalOutput ? 'byte-identical' : '**DIFFERENT**'}).`,
      );
    }
    if (ex.network) {
      const o = ex.network.start['onet-match']?.p50;
      const part = (c: string) => {
        const v = ex.network!.start[c]?.p50;
        return v === undefined || o === undefined ? '' : `, ${c} ${fmtMs(v)} ms (${fmtRatio(v / o)})`;
      };
      lines.push(
        `- **Slow network**, ${ex.network.note.replace(/^cold start to first answer over /, '')}: cold start to first answer onet-match **${fmtMs(o)} ms**${part('sql.js')}${part('naive')}.`,
      );
    }
    if (ex.mobile) {
      const m = ex.mobile;
      const mode = (k: 'cold' | 'warm') => {
        const o = m.start['onet-match']?.[k].p50;
        const sql = m.start['sql.js']?.[k].p50;
        return `${k} onet-match **${fmtMs(o)} ms**, sql.js ${fmtMs(sql)} ms (${fmtRatio(sql !== undefined && o !== undefined ? sql / o : undefined)})`;
      };
      const reached = m.cpuThrottled.workers
        ? 'page and Workers'
        : m.cpuThrottled.page
          ? 'the page’s main thread only (Chromium refused it on Worker targets)'
          : 'no thread (Chromium refused it)';
      lines.push(`- **Mobile profile**, ${m.note.replace(/^mobile profile: /, '')}; CPU throttling reached ${reached}: ${mode('cold')}; ${mode('warm')}.`);
    }
    lines.push('');
  }
  const n = r.node as { start: Record<string, Record<string, Metric>>; heapAfterLoad: Record<string, Metric> } | undefined;
  if (n) {
    lines.push('### Node, in-process load (JIT-warm after the first run) — ms, median');
    lines.push('');
    for (const [c, stages] of Object.entries(n.start)) {
      const parts = Object.entries(stages)
        .filter(([k]) => !k.startsWith('to first'))
        .map(([k, m]) => `${k} ${fmtMs(m.p50)}`);
      lines.push(`- **${c}: ${fmtMs(stages['to first answer']?.p50)} ms to first answer** — ${parts.join(' · ')}; retained heap ${fmtBytes(n.heapAfterLoad[c]?.p50 ?? 0)}`);
    }
    lines.push('');
  }

  const size = r.size as {
    snapshot: { compressed: Metric; sections: Record<string, { compressed: Metric; inflated: Metric }> };
    'sql.js': Record<string, Metric>;
    naive: Record<string, Metric>;
    bundles?: { source: string; mainGzip: Metric; workerGzip: Metric; lazyGzip: Metric; main: Metric; worker: Metric };
  };
  lines.push('### Download sizes');
  lines.push('');
  lines.push(`- onet-match snapshot: **${fmtBytes(size.snapshot.compressed.p50)}** (deflate level 9 per section)`);
  lines.push(
    `- sql.js: wasm ${fmtBytes(size['sql.js'].wasm!.p50)} (gzip ${fmtBytes(size['sql.js'].wasmGzip!.p50)}) + database ${fmtBytes(size['sql.js'].database!.p50)} (gzip ${fmtBytes(size['sql.js'].databaseGzip!.p50)}) = **${fmtBytes(size['sql.js'].totalGzip!.p50)} gzipped**, ${fmtBytes(size['sql.js'].total!.p50)} raw`,
  );
  lines.push(`- naive JSON: ${fmtBytes(size.naive.json!.p50)} (gzip **${fmtBytes(size.naive.jsonGzip!.p50)}**)`);
  if (size.bundles) {
    lines.push(
      `- onet-match code (${size.bundles.source}): main thread, promise API only (\`index.js\` + its static imports; with both components see \`npm run size\`) **${fmtBytes(size.bundles.mainGzip.p50)} gzip** (${fmtBytes(size.bundles.main.p50)}), Worker **${fmtBytes(size.bundles.workerGzip.p50)} gzip** (${fmtBytes(size.bundles.worker.p50)}), lazy inline fallback ${fmtBytes(size.bundles.lazyGzip.p50)} gzip`,
    );
  }
  lines.push('');
  lines.push('<details><summary>Snapshot sections (compressed / inflated)</summary>');
  lines.push('');
  lines.push('| section | compressed | inflated |');
  lines.push('|---|---|---|');
  const secs = Object.entries(size.snapshot.sections).sort((a, b) => b[1].compressed.p50 - a[1].compressed.p50);
  for (const [name, s] of secs) lines.push(`| ${name} | ${fmtBytes(s.compressed.p50)} | ${fmtBytes(s.inflated.p50)} |`);
  lines.push('');
  lines.push('</details>');
  if (mism > 0) {
    lines.push('');
    lines.push('### Answer mismatches (first 10)');
    for (const m of r.answers.mismatches.slice(0, 10)) lines.push(`- ${m.contender} ${m.kind} \`${m.route}\`: ${m.difference.replace(/\n/g, ' ')}`);
  }
  return lines.join('\n');
}

/** The careers section: quality on the snapshot, then latency in the Worker (no answer check). */
function renderCareers(r: Results): string[] {
  const c = r.careers as
    | {
        quality?: {
          relatedTop10: { occupations: number; k: number; 'onet-match': number; naive: number; target: number; met: boolean };
          interestsSelfRank: { occupations: number; rankLimit: number; within: number; share: number; worstRank: number; met: boolean };
        };
        browser?: {
          queriesPerKind: Record<string, number>;
          queries: Record<string, Partial<Record<CareerKind, Metric>>>;
          ratios: Record<string, { ratioP50: number; ratioP95: number } | undefined>;
        };
      }
    | undefined;
  if (!c) return [];
  const lines = ['### Careers and interests', ''];
  if (c.quality) {
    const rel = c.quality.relatedTop10;
    const int = c.quality.interestsSelfRank;
    lines.push(
      `- **Related occupations** (O*NET's "Primary-Short" Related Occupations, a table the ranking never reads): share found in the top ${rel.k} over the ${rel.occupations} skill-rated occupations that have them — onet-match **${fmtShare(rel['onet-match'])}**, naive correlation of skill and knowledge levels ${fmtShare(rel.naive)} (target ≥ ${fmtShare(rel.target)}: ${rel.met ? 'met' : '**missed**'}).`,
    );
    lines.push(
      `- **Interests**: ${int.within} of the ${int.occupations} occupations with Interests scores, each queried with its own six scores, rank within the first 1 % (top ${int.rankLimit})${int.worstRank ? `; worst rank ${int.worstRank}` : ''} (target: all, ${int.met ? 'met' : '**missed**'}).`,
    );
    lines.push('');
  }
  if (c.browser) {
    const b = c.browser;
    const counts = [...new Set(Object.values(b.queriesPerKind))].join('/');
    lines.push(
      `Latency inside the bench Worker — ms, p50 / p95 (median over runs), ${counts} seeded queries per route form, one phase per contender (bench/careers/latency.ts). The naive baseline ranks per query from the JSON rows with a simpler algorithm (bench/careers/naive.ts): answers differ by design and are **not compared**.`,
    );
    lines.push('');
    lines.push('| route | onet-match | naive | naive ÷ onet-match (p50 / p95) |');
    lines.push('|---|---|---|---|');
    for (const kind of CAREER_KINDS) {
      const cell = (name: string) => {
        const m = b.queries[name]?.[kind];
        return m ? `${fmtMs(m.p50)} / ${fmtMs(m.p95)}` : '—';
      };
      const ratio = b.ratios[kind];
      lines.push(`| ${CAREER_KIND_LABELS[kind]} | ${cell('onet-match')} | ${cell('naive')} | ${ratio ? `${fmtRatio(ratio.ratioP50)} / ${fmtRatio(ratio.ratioP95)}` : '—'} |`);
    }
    lines.push('');
  }
  return lines;
}

function describeChecked(checked: Record<string, unknown>): string {
  return Object.entries(checked)
    .map(([env, byContender]) => {
      const counts = Object.entries(byContender as Record<string, Record<string, number>>)
        .filter(([c]) => c !== 'onet-match')
        .map(([c, kinds]) => `${c} ${Object.values(kinds).reduce((a, b) => a + b, 0)}`);
      return `${env}: ${counts.join(', ')}`;
    })
    .join('; ');
}
