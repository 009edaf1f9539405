/**
 * The demo's service worker across an update, in real Chromium (playwright-core): two production
 * builds of the demo that differ in their home page's script (so in its chunk names and in the
 * service worker's cache version), served in turn by a small static server that can fail a file.
 *
 *  1. Version 1 online: the worker installs and controls the page.
 *  2. Version 2 deployed, but its precache is interrupted (one file fails): the new worker is
 *     discarded. Offline, the page is still version 1, whole: the elements are defined and answer.
 *     (Before caches were versioned end to end, the old worker had already stored version 2's
 *     index.html, fetched online, beside version 1's chunks; offline it served that page, whose
 *     chunks it never had, and the elements were never defined.)
 *  3. Version 2 deployed whole: after one online visit the new worker takes over; offline the page
 *     is version 2, whole. Its files named by content (section files, chunks shared by both
 *     versions) came from version 1's cache, not from the network.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/net.js';
import { TEST_SNAPSHOT_DIR } from '../support/paths.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG = join(ROOT, 'vite.config.ts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURE_SNAPSHOT = join(ROOT, TEST_SNAPSHOT_DIR, 'fixture');
const SKILL = '2.B.1.b';
/** A file of the build the home page does not load: failing it interrupts only the precache. */
const FAILING = '/icon-512.png';

/** Marks a build: its home page script sets `<html data-build>` (which changes its chunk's hash). */
function versionTag(version: string): Plugin {
  const entry = join(ROOT, 'demo/index.ts');
  return {
    name: 'test:version-tag',
    transform(code, id) {
      if (id.split('?')[0] !== entry) return null;
      return `${code}\ndocument.documentElement.dataset.build = ${JSON.stringify(version)};\n`;
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A static server over `state.root`; paths in `state.failing` answer 500. Logs the paths asked for. */
function staticServer(state: { root: string; failing: Set<string>; log: string[] }): Server {
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    state.log.push(path);
    if (state.failing.has(path)) {
      res.writeHead(500).end('interrupted');
      return;
    }
    const file = normalize(join(state.root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(state.root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
}

/** Selects a soft skill on the home page's `<onet-soft-skills>` and waits for results. */
async function softSkillResults(page: Page): Promise<number> {
  await page.locator('onet-soft-skills [part~="picker"] input[type=checkbox]').first().waitFor({ timeout: 20_000 });
  await page.locator('onet-soft-skills').evaluate((el, skill) => el.setAttribute('skills', skill), SKILL);
  const results = page.locator('onet-soft-skills [part~="result"]');
  await results.first().waitFor({ timeout: 20_000 });
  return results.count();
}

/**
 * Asks the registration for an update (joining one in progress) and resolves with the new worker's
 * fate: 'activated' or 'redundant'; 'current' when the worker in control is already the latest.
 */
async function updateOutcome(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const reg = (await navigator.serviceWorker.getRegistration())!;
    const fate = (w: ServiceWorker) =>
      new Promise<string>((resolve) => {
        const check = () => (w.state === 'activated' || w.state === 'redundant') && resolve(w.state);
        w.addEventListener('statechange', check);
        check();
      });
    let pending = reg.installing ?? reg.waiting;
    if (pending) return fate(pending);
    let found: ServiceWorker | null = null;
    reg.addEventListener('updatefound', () => (found ??= reg.installing), { once: true });
    // Resolves once the check is done; a new worker has then been found (and is installing).
    await reg.update().catch(() => undefined);
    pending = found ?? reg.installing ?? reg.waiting;
    return pending ? fate(pending) : 'current';
  });
}

describe('demo service worker: an interrupted update never mixes versions', () => {
  let tmp: string;
  let browser: Browser;
  let server: Server | undefined;
  let origin: string;
  const state = { root: '', failing: new Set<string>(), log: [] as string[] };
  const dirs: Record<'v1' | 'v2', string> = { v1: '', v2: '' };

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'onet-sw-'));
    process.env.ONET_DEMO_SNAPSHOT = FIXTURE_SNAPSHOT;
    for (const version of ['v1', 'v2'] as const) {
      dirs[version] = join(tmp, version);
      await build({ configFile: CONFIG, logLevel: 'warn', plugins: [versionTag(version)], build: { outDir: dirs[version], emptyOutDir: true } });
    }
    state.root = dirs.v1;
    const port = await freePort();
    server = staticServer(state);
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    origin = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('offline after an interrupted update: the previous version, whole; after a complete one: the new version', async () => {
    const context = await browser.newContext();
    const errors: string[] = [];
    context.on('page', (p) => p.on('pageerror', (e) => errors.push(String(e))));
    try {
      const page = await context.newPage();
      const build = () => page.evaluate(() => document.documentElement.dataset.build);
      const defined = () => page.evaluate(() => !!customElements.get('onet-soft-skills'));

      // 1. Version 1, online: cached and in control.
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 60_000 });
      expect(await build()).toBe('v1');

      // 2. Version 2 is deployed; one of its files fails while the new worker caches it.
      state.root = dirs.v2;
      state.failing.add(FAILING);
      state.log.length = 0;
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 20_000 });
      expect(await updateOutcome(page)).toBe('redundant');
      expect(state.log, 'the new worker tried to cache the failing file').toContain(FAILING);

      await context.setOffline(true);
      await page.reload();
      expect(await build(), 'offline after the interrupted update').toBe('v1');
      expect(await defined()).toBe(true);
      expect(await softSkillResults(page)).toBeGreaterThan(0);
      await page.goto(`${origin}/index.html`);
      expect(await build()).toBe('v1');
      expect(await softSkillResults(page)).toBeGreaterThan(0);

      // 3. Version 2, complete this time: the next online visit installs it, and it takes over.
      state.failing.clear();
      await context.setOffline(false);
      state.log.length = 0;
      await page.goto(`${origin}/`);
      expect(['activated', 'current']).toContain(await updateOutcome(page));
      // The section files are named by content and version 1 had them: copied, not downloaded.
      expect(state.log.filter((path) => path.endsWith('.bin'))).toEqual([]);
      expect(state.log, 'files with a revision are downloaded').toContain('/snapshot/manifest.json');
      // Pages keep the version they were served by until the new worker is complete and active.
      await expect.poll(async () => (await page.reload(), build()), { timeout: 60_000, interval: 1_000 }).toBe('v2');
      await context.setOffline(true);
      await page.reload();
      expect(await build(), 'offline after the complete update').toBe('v2');
      expect(await defined()).toBe(true);
      expect(await softSkillResults(page)).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
