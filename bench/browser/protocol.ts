/** Messages and URLs shared by the bench page, its Workers and the Node harness. */
import type { SnapshotInfo } from '../../src/snapshot/schema.js';
import type { CareerRunResult } from '../careers/latency.js';
import type { CareerQuerySet } from '../careers/queries.js';
import type { QueryRunResult } from '../lib/runner.js';
import type { QuerySet, SoftSkillsQuery } from '../types.js';

/** Served paths (see harness.ts). */
/** Asked for by the bench page right after its first answer on a cold start (see ServedLog in ./harness.ts). */
export const FIRST_ANSWER_MARK = '/__first-answer';

export const URLS = {
  manifest: '/snapshot/manifest.json',
  benchData: '/data/bench-data.json',
  sqlite: '/data/onet.sqlite',
  sqlWasm: '/data/sql-wasm.wasm',
  naive: '/data/naive.json',
} as const;

/** /data/bench-data.json */
export interface BenchData {
  info: SnapshotInfo;
  queries: QuerySet;
  /** The career routes' queries, timed after `queries` for onet-match and the naive baseline only. */
  careerQueries: CareerQuerySet;
  /** The "first answer" of every start-up measurement. */
  firstQuery: SoftSkillsQuery;
  /** The first keyword search (builds onet-match's lazy search index). */
  firstSearchRoute: string;
  runs: number;
  roundTripRuns: number;
  checkEvery: number;
  /** See RunnerOptions.minSampleMs. */
  minSampleMs: number;
}

/** Baseline cold start, measured inside its Worker (durations in ms). */
export interface BaselineColdResult {
  stages: Record<string, number>;
  bytes: Record<string, number>;
}

export type WorkerRequest = { type: 'cold'; data: Pick<BenchData, 'info' | 'firstQuery'> } | { type: 'queries'; data: BenchData; dbName: string };

export type WorkerReply =
  | { type: 'log'; line: string }
  | { type: 'cold'; result: BaselineColdResult }
  | { type: 'queries'; result: QueryRunResult; careers: CareerRunResult; crossOriginIsolated: boolean }
  | { type: 'error'; message: string };

/**
 * A baseline Worker's message loop: runs `coldStart` when the page asks for a cold start and
 * replies with its result, or with the error (message and stack) it failed with.
 */
export function serveColdStart(coldStart: (data: Extract<WorkerRequest, { type: 'cold' }>['data']) => Promise<BaselineColdResult>): void {
  const reply = (m: WorkerReply) => postMessage(m);
  self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
    const req = e.data;
    if (req.type !== 'cold') return;
    try {
      reply({ type: 'cold', result: await coldStart(req.data) });
    } catch (error) {
      reply({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
    }
  };
}

/** What a page phase leaves in `window.__results`. */
export interface StartResult {
  /** ms from the open call to the first answer (and to the first keyword search). */
  toFirstAnswer: number;
  toFirstSearch: number;
  /** Stage → ms (onet-match: from progress events; baselines: measured in the Worker). */
  stages: Record<string, number>;
  source?: string;
  storage?: string;
  crossOriginIsolated: boolean;
  /** Main-thread round trips through the Worker (onet-match cold phase): kind → runs → ms. */
  roundTrip?: Record<string, number[][]>;
}
