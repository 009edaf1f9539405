/**
 * The built demo in real Chromium (playwright-core, /usr/bin/chromium), served by `vite preview`,
 * with the fixture snapshot (built by the global setup):
 *  - the script-tag page (IIFE bundle) renders both components under the strict CSP, with no violation;
 *  - the PWA: installable, and after one online visit it loads and answers queries with the
 *    network off AND the server gone;
 *  - no request leaves the origin, and every request is for a file of the app (or the snapshot);
 *  - the dev server (`npm start`) serves the snapshot and the IIFE bundle, with the CSP header.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, createServer, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotFiles } from '../../tools/build/demo.js';
import { freePort } from '../support/net.js';
import { TEST_SNAPSHOT_DIR } from '../support/paths.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG = join(ROOT, 'vite.config.ts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURE_SNAPSHOT = join(ROOT, TEST_SNAPSHOT_DIR, 'fixture');
/** A soft skill and an occupation with activities in the fixture database. */
const SKILL = '2.B.1.b';
const OCCUPATION = '15-2941.00';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self'; connect-src 'self'; img-src 'self' data:; manifest-src 'self'";

/** What these tests read of the fixture's manifest.json (the builder writes section files). */
interface FixtureManifest {
  readonly file: string;
  readonly sections: readonly { readonly file: string }[];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Records CSP violations (DOM events, via a CDP init script that the CSP does not apply to) and console errors. */
async function watch(context: BrowserContext): Promise<{ violations: string[]; errors: string[]; requests: string[] }> {
  const log = { violations: [] as string[], errors: [] as string[], requests: [] as string[] };
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  context.on('request', (request) => log.requests.push(request.url()));
  const onPage = (page: Page) => {
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) log.violations.push(m.text());
      if (m.type() === 'error') log.errors.push(m.text());
    });
    page.on('pageerror', (e) => log.errors.push(String(e)));
  };
  context.on('page', onPage);
  return log;
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

/** Selects a soft skill on `<onet-soft-skills>` and waits for results. */
async function softSkillResults(page: Page, selector = 'onet-soft-skills'): Promise<number> {
  await page.locator(`${selector} [part~="picker"] input[type=checkbox]`).first().waitFor({ timeout: 20_000 });
  await page.locator(selector).evaluate((el, skill) => el.setAttribute('skills', skill), SKILL);
  const results = page.locator(`${selector} [part~="result"]`);
  await results.first().waitFor({ timeout: 20_000 });
  return results.count();
}

/** Picks an occupation on `<onet-related-activities>` and waits for related occupations. */
async function relatedResults(page: Page): Promise<number> {
  await page.locator('onet-related-activities').evaluate((el, code) => el.setAttribute('occupation', code), OCCUPATION);
  const results = page.locator('onet-related-activities [part~="result"]');
  await results.first().waitFor({ timeout: 20_000 });
  return results.count();
}

/** Uses the ESM page's own UI (promise API): rank by one soft skill. */
async function esmRank(page: Page): Promise<number> {
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20_000 });
  await page.locator(`input[name=skill][value="${SKILL}"]`).check();
  await page.locator('#rank').click();
  const items = page.locator('#skills-results li');
  await items.first().waitFor({ timeout: 10_000 });
  return items.count();
}

describe('demo (production build, vite preview, Chromium)', () => {
  let outDir: string;
  let server: PreviewServer | undefined;
  let browser: Browser;
  let origin: string;
  let appFiles: Set<string>;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'onet-demo-'));
    process.env.ONET_DEMO_SNAPSHOT = FIXTURE_SNAPSHOT;
    await build({ configFile: CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    appFiles = new Set(listFiles(outDir).map((f) => `/${relative(outDir, f).split(sep).join('/')}`));
    const port = await freePort();
    server = await preview({ configFile: CONFIG, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
    origin = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('builds every page, the IIFE bundle with its Worker, the snapshot and the service worker', () => {
    for (const f of [
      '/index.html',
      '/script-tag.html',
      '/esm.html',
      '/sw.js',
      '/manifest.webmanifest',
      '/icon-192.png',
      '/icon-512.png',
      '/lib/onet-match.iife.js',
      '/snapshot/manifest.json',
    ]) {
      expect(appFiles, f).toContain(f);
    }
    expect([...appFiles].some((f) => /^\/lib\/worker-[\w-]+\.js$/.test(f))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(FIXTURE_SNAPSHOT, 'manifest.json'), 'utf8')) as FixtureManifest;
    expect(appFiles).toContain(`/snapshot/${manifest.file}`);
    // Every section file the manifest names, byte for byte; nothing else from the snapshot folder.
    expect(manifest.sections.length).toBeGreaterThan(0);
    for (const s of manifest.sections) expect(readFileSync(join(outDir, 'snapshot', s.file)).equals(readFileSync(join(FIXTURE_SNAPSHOT, s.file))), s.file).toBe(true);
    expect([...appFiles].filter((f) => f.startsWith('/snapshot/')).sort()).toEqual(
      ['/snapshot/manifest.json', `/snapshot/${manifest.file}`, ...manifest.sections.map((s) => `/snapshot/${s.file}`)].sort(),
    );
    for (const page of ['index.html', 'script-tag.html', 'esm.html']) {
      const html = readFileSync(join(outDir, page), 'utf8');
      expect(html, page).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}"`);
      expect(html, `${page}: no inline script`).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, `${page}: no inline style`).not.toMatch(/<style|\sstyle=/);
      expect(html, `${page}: attribution`).toMatch(
        /O\*NET 29\.3 Database<\/a> by the U\.S\. Department of Labor,\s+Employment and Training Administration \(USDOL\/ETA\)\. Used under the/,
      );
    }
    const sw = readFileSync(join(outDir, 'sw.js'), 'utf8');
    expect(sw).toContain('"./snapshot/manifest.json"');
    // The whole file is not precached: the engine loads the same bytes from the section files.
    expect(sw).not.toContain(`"./snapshot/${manifest.file}"`);
    // Section files are named by content: precached without a revision, like Vite's hashed assets.
    const precache = new Map((JSON.parse(/\[\{"revision".*?\}\]/s.exec(sw)![0]) as { url: string; revision: string | null }[]).map((e) => [e.url, e.revision]));
    for (const s of manifest.sections) expect(precache.get(`./snapshot/${s.file}`), s.file).toBeNull();
    expect(precache.get('./snapshot/manifest.json')).toMatch(/^[0-9a-f]+$/);
    expect(precache.has(`./snapshot/${manifest.file}`)).toBe(false);
    expect(sw).toContain('"./lib/onet-match.iife.js"');
  });

  it('script-tag page: every component renders under the strict CSP, no violation, same-origin only', async () => {
    const context = await browser.newContext();
    const log = await watch(context);
    try {
      const page = await context.newPage();
      const response = await page.goto(`${origin}/script-tag.html`);
      expect(response?.headers()['content-security-policy']).toBe(CSP);
      expect(await softSkillResults(page)).toBeGreaterThan(0);
      expect(await relatedResults(page)).toBeGreaterThan(0);
      await expect.poll(() => page.locator('onet-soft-skills [part~="attribution"]').textContent()).toContain('O*NET');

      // custom-elements.json matches the registered classes: attributes = observedAttributes, and
      // every part rendered is documented.
      const cem = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as {
        modules: { declarations: { tagName?: string; attributes?: { name: string }[]; cssParts?: { name: string }[] }[] }[];
      };
      const documented = new Map(
        cem.modules
          .flatMap((m) => m.declarations)
          .filter((d) => d.tagName)
          .map((d) => [d.tagName!, d]),
      );
      const live = await page.evaluate(() =>
        ['onet-soft-skills', 'onet-related-activities', 'onet-career-explorer'].map((tag) => {
          const ctor = customElements.get(tag) as (CustomElementConstructor & { observedAttributes?: string[] }) | undefined;
          const parts = new Set<string>();
          for (const el of document.querySelectorAll(tag)) for (const p of el.shadowRoot?.querySelectorAll('[part]') ?? []) for (const name of p.part) parts.add(name);
          return { tag, observed: [...(ctor?.observedAttributes ?? [])], parts: [...parts] };
        }),
      );
      expect(live.map((l) => l.tag).sort()).toEqual([...documented.keys()].sort());
      for (const { tag, observed, parts } of live) {
        expect((documented.get(tag)?.attributes ?? []).map((a) => a.name).sort(), tag).toEqual(observed.sort());
        expect(parts.length, tag).toBeGreaterThan(0);
        const known = (documented.get(tag)?.cssParts ?? []).map((p) => p.name);
        for (const part of parts) expect(known, `${tag} part ${part}`).toContain(part);
      }
      expect(await cspViolations(page)).toEqual([]);
      expect(log.violations).toEqual([]);
      expect(log.errors).toEqual([]);
      // The Worker came from beside the IIFE bundle (lib/), resolved from the script's own URL.
      expect(log.requests.some((u) => /\/lib\/worker-[\w-]+\.js$/.test(u))).toBe(true);
      for (const url of log.requests) {
        expect(new URL(url).origin, url).toBe(origin);
        expect(appFiles, url).toContain(new URL(url).pathname);
      }
    } finally {
      await context.close();
    }
  }, 60_000);

  it('PWA: installable; after one online visit it loads and answers queries offline, server gone', async () => {
    const context = await browser.newContext();
    const log = await watch(context);
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      expect(await softSkillResults(page)).toBeGreaterThan(0);
      // Precache complete = the service worker activated and controls the page.
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready' && navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
      const cached = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const key of await caches.keys()) for (const req of await (await caches.open(key)).keys()) urls.push(new URL(req.url).pathname);
        return urls;
      });
      const manifest = JSON.parse(readFileSync(join(FIXTURE_SNAPSHOT, 'manifest.json'), 'utf8')) as FixtureManifest;
      expect(cached).toEqual(
        expect.arrayContaining([
          '/',
          '/index.html',
          '/esm.html',
          '/script-tag.html',
          '/snapshot/manifest.json',
          ...manifest.sections.map((s) => `/snapshot/${s.file}`),
          '/lib/onet-match.iife.js',
          '/manifest.webmanifest',
        ]),
      );
      // The engine reads the section files; the whole file (the same bytes) is not cached besides.
      expect(cached).not.toContain(`/snapshot/${manifest.file}`);

      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      // Playwright's contexts are incognito-like: that is the only installability error allowed.
      const blocking = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
      expect(blocking.map((e) => `${e.errorId} ${e.errorArguments.map((a) => a.value).join(' ')}`)).toEqual([]);
      const { url: manifestUrl, errors: manifestErrors } = await cdp.send('Page.getAppManifest');
      expect(manifestUrl).toBe(`${origin}/manifest.webmanifest`);
      expect(manifestErrors).toEqual([]);
      await cdp.detach();

      // Offline: no network for the browser, and no server either.
      await context.setOffline(true);
      await server!.close();
      server = undefined;

      await page.reload();
      expect(await softSkillResults(page)).toBeGreaterThan(0);

      await page.goto(`${origin}/esm.html`);
      expect(await esmRank(page)).toBeGreaterThan(0);

      await page.goto(`${origin}/script-tag.html`);
      expect(await softSkillResults(page)).toBeGreaterThan(0);
      expect(await relatedResults(page)).toBeGreaterThan(0);

      expect(await cspViolations(page)).toEqual([]);
      expect(log.violations).toEqual([]);
      for (const url of log.requests) {
        expect(new URL(url).origin, url).toBe(origin);
        const path = new URL(url).pathname;
        expect(path === '/' || appFiles.has(path), url).toBe(true);
      }
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe('demo dev server (npm start)', () => {
  it('serves the pages with the CSP header, the snapshot and the IIFE bundle; components work', async () => {
    process.env.ONET_DEMO_SNAPSHOT = FIXTURE_SNAPSHOT;
    const port = await freePort();
    const server = await createServer({ configFile: CONFIG, logLevel: 'warn', server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null } });
    await server.listen();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
    try {
      const origin = `http://127.0.0.1:${port}`;
      const manifest = await fetch(`${origin}/snapshot/manifest.json`);
      expect(manifest.status).toBe(200);
      const fixture = JSON.parse(readFileSync(join(FIXTURE_SNAPSHOT, 'manifest.json'), 'utf8')) as FixtureManifest;
      expect(((await manifest.json()) as { file: string }).file).toBe(fixture.file);
      for (const s of fixture.sections) {
        const section = await fetch(`${origin}/snapshot/${s.file}`);
        expect(section.status, s.file).toBe(200);
        expect(Buffer.from(await section.arrayBuffer()).equals(readFileSync(join(FIXTURE_SNAPSHOT, s.file))), s.file).toBe(true);
      }
      // Only the files the manifest names: not the build's fingerprint beside them.
      expect((await fetch(`${origin}/snapshot/fingerprint`)).status).toBe(404);
      const context = await browser.newContext();
      const log = await watch(context);
      const page = await context.newPage();
      const response = await page.goto(`${origin}/script-tag.html`);
      expect(response?.headers()['content-security-policy']).toBe(CSP);
      expect(await softSkillResults(page)).toBeGreaterThan(0);
      await page.goto(`${origin}/esm.html`);
      expect(await esmRank(page)).toBeGreaterThan(0);
      expect(await cspViolations(page)).toEqual([]);
      expect(log.violations).toEqual([]);
      for (const url of log.requests) expect(new URL(url).origin, url).toBe(origin);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});

describe('the demo ships the files its snapshot manifest names', () => {
  it('lists the manifest, the snapshot and every section file; refuses names that are not flat files beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onet-demo-snapshot-'));
    const saved = process.env.ONET_DEMO_SNAPSHOT;
    try {
      cpSync(FIXTURE_SNAPSHOT, dir, { recursive: true });
      process.env.ONET_DEMO_SNAPSHOT = dir;
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as FixtureManifest;
      expect(snapshotFiles().files).toEqual(['manifest.json', manifest.file, ...manifest.sections.map((s) => s.file)]);
      const write = (change: (m: { file: string; sections: { file: string }[] }) => void) => {
        const m = JSON.parse(JSON.stringify(manifest)) as { file: string; sections: { file: string }[] };
        change(m);
        writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
      };
      write((m) => (m.sections[0]!.file = 'skills.0000000000000000.bin'));
      expect(() => snapshotFiles()).toThrow(/names a section file that is not beside it: skills\.0000000000000000\.bin/);
      write((m) => (m.sections[0]!.file = '../fixture-next/manifest.json'));
      expect(() => snapshotFiles()).toThrow(/sections\.file/);
      write((m) => (m.file = '..'));
      expect(() => snapshotFiles()).toThrow(/names a snapshot file that is not beside it: \.\./);
      write(() => undefined);
      rmSync(join(dir, manifest.sections[1]!.file));
      expect(() => snapshotFiles()).toThrow(new RegExp(`section file that is not beside it: ${manifest.sections[1]!.file.replace(/\./g, '\\.')}`));
    } finally {
      if (saved === undefined) delete process.env.ONET_DEMO_SNAPSHOT;
      else process.env.ONET_DEMO_SNAPSHOT = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
