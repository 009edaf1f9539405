/**
 * The mobile profile of the browser bench: a paced server (mobile network) and CDP CPU throttling,
 * cold then warm start in one browser profile per run, for onet-match and sql.js.
 *
 * Each run gets its own persistent profile (a fresh user-data directory): the warm start then
 * finds what a returning visitor's browser keeps, the HTTP disk cache included. An ordinary
 * incognito-like context keeps its HTTP cache in memory and does not keep a multi-megabyte
 * response, which would make every sql.js "warm" start download its database again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { WorkerTargets } from './worker-targets.js';
import { summarizeRuns, type RunSummary } from '../lib/stats.js';
import type { ContenderName } from '../types.js';
import type { StartResult } from './protocol.js';

/** The mobile profile: a phone-class CPU and a mobile network. */
export interface MobileProfile {
  network: { bytesPerSecond: number; latencyMs: number };
  /** CDP `Emulation.setCPUThrottlingRate` rate (4: four times slower). */
  cpuSlowdown: number;
}

export interface MobileResults {
  profile: MobileProfile;
  /**
   * Which threads the CPU throttling reached: Chromium throttles the page's main thread; whether
   * its Worker targets accept the same command is recorded here rather than assumed.
   */
  cpuThrottled: { page: boolean; workers: boolean };
  start: Partial<Record<ContenderName, { cold: RunSummary; warm: RunSummary }>>;
}

/**
 * Applies CPU throttling to a page and to every Worker it starts (each held paused until the
 * command was answered, so none of its start-up runs unthrottled). `workers()` says whether every
 * Worker so far accepted it.
 */
async function throttleCpu(context: BrowserContext, page: Page, rate: number): Promise<{ page: boolean; workers: () => boolean }> {
  let workersOk: boolean | undefined;
  const targets = await WorkerTargets.attach(context, page, {
    onAttach: async (t, sessionId) => {
      const ok = await t.send(sessionId, 'Emulation.setCPUThrottlingRate', { rate }).then(
        () => true,
        () => false,
      );
      workersOk = (workersOk ?? true) && ok;
    },
  });
  const pageOk = await targets.cdp.send('Emulation.setCPUThrottlingRate', { rate }).then(
    () => true,
    () => false,
  );
  return { page: pageOk, workers: () => workersOk ?? false };
}

/** What the profile needs from the harness (passed in, so that this module does not import it back). */
export interface MobileOptions {
  routes: Record<string, string>;
  mobileRuns: number;
  mobile: MobileProfile;
  log: (line: string) => void;
  timeoutMs: number;
  startServer: (
    routes: Record<string, string>,
    options: { throttle: MobileProfile['network']; gzip: readonly string[]; cacheable: boolean },
  ) => Promise<{ server: { close(): void }; origin: string }>;
  waitResults: (page: Page, timeoutMs: number) => Promise<unknown>;
  /** The Chromium executable and flags the rest of the bench uses. */
  executablePath: string;
  chromiumArgs: readonly string[];
}

/** Runs the mobile profile: `o.mobileRuns` cold + warm starts per contender. */
export async function runMobileProfile(o: MobileOptions): Promise<MobileResults> {
  const slow = await o.startServer(o.routes, { throttle: o.mobile.network, gzip: ['.sqlite', '.wasm', '.json', '.js', '.html'], cacheable: true });
  o.log(
    `  mobile profile (${((o.mobile.network.bytesPerSecond * 8) / 1e6).toFixed(0)} Mbit/s, ${o.mobile.network.latencyMs} ms per request, CPU ${o.mobile.cpuSlowdown}× slower)…`,
  );
  const samples: Partial<Record<ContenderName, { cold: number[]; warm: number[] }>> = {};
  const throttled = { page: true, workers: true };
  try {
    for (let run = 0; run < o.mobileRuns; run++) {
      for (const [name, coldPhase, warmPhase] of [
        ['onet-match', 'onet-cold', 'onet-warm'],
        ['sql.js', 'sql-cold', 'sql-cold'],
      ] as const) {
        const db = `onet-match-bench-mobile-${Date.now()}`;
        const profileDir = mkdtempSync(join(tmpdir(), 'onet-match-bench-profile-'));
        const ctx = await chromium.launchPersistentContext(profileDir, { executablePath: o.executablePath, args: [...o.chromiumArgs], headless: true });
        try {
          const times: number[] = [];
          for (const phase of [coldPhase, warmPhase]) {
            const p = await ctx.newPage();
            const t = await throttleCpu(ctx, p, o.mobile.cpuSlowdown);
            await p.goto(`${slow.origin}/bench/index.html?phase=${phase}&light=1&db=${db}`);
            const r = (await o.waitResults(p, o.timeoutMs * 4)) as StartResult;
            times.push(r.toFirstAnswer);
            throttled.page &&= t.page;
            throttled.workers &&= t.workers();
            await p.close();
          }
          const m = (samples[name] ??= { cold: [], warm: [] });
          m.cold.push(times[0]!);
          m.warm.push(times[1]!);
        } finally {
          await ctx.close();
          rmSync(profileDir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    slow.server.close();
  }
  return {
    profile: o.mobile,
    cpuThrottled: throttled,
    start: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, { cold: summarizeRuns([v.cold]), warm: summarizeRuns([v.warm]) }])),
  };
}
