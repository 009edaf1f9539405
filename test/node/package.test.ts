/**
 * The published package: `npm run build:lib` output against the exports map, the Worker file and
 * its references, custom-elements.json, then `npm pack` → install into a fresh app in a temp
 * folder → `vite build` of that app, a TypeScript check of its imports, and the app running in
 * Chromium both from Vite's dev server (dependency pre-bundling on: no optimizeDeps.exclude) and
 * from the build. Then the framework recipes of docs/embedding.md (test/frameworks/: React 19,
 * Vue 3, Svelte 5), from the same tarball: each built with its Vite plugin, rendered on the server
 * in Node, and clicked through in Chromium.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, createServer, preview, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/net.js';
import { BUDGETS, measureLibrary, overBudget } from '../../tools/size.js';
import { TEST_SNAPSHOT_DIR } from '../support/paths.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'dist/lib');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURE_SNAPSHOT = join(ROOT, TEST_SNAPSHOT_DIR, 'fixture');
/** The packed tarball (set by the first describe's beforeAll, shared with the framework apps). */
let tarball = '';
/** Written by `npm run build:lib` (@custom-elements-manifest/analyzer, custom-elements-manifest.config.mjs). */
const MANIFEST_PATH = join(ROOT, 'custom-elements.json');

/** Child processes get a plain environment: no test-runner NODE_ENV / VITEST variables. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_ENV;
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  return env;
}

async function npm(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('npm', args, { cwd, env: childEnv(), maxBuffer: 64 << 20 });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

interface Pkg {
  main: string;
  module: string;
  types: string;
  exports: Record<string, string | Record<string, string>>;
  sideEffects: string[];
  customElements: string;
  files: string[];
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Pkg;

describe('package (npm run build:lib, npm pack, install into a fresh Vite app)', () => {
  let tmp: string;
  let app: string;
  let cemBeforeBuild: string;
  let packedFiles: string[];
  let browser: Browser | undefined;

  beforeAll(async () => {
    // Compare before build:lib regenerates it: the committed file must already be current.
    cemBeforeBuild = existsSync(MANIFEST_PATH) ? readFileSync(MANIFEST_PATH, 'utf8') : '';
    tmp = mkdtempSync(join(tmpdir(), 'onet-pkg-'));
    await npm(['run', 'build:lib'], ROOT);
    const packed = JSON.parse(await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT)) as { filename: string; files: { path: string }[] }[];
    packedFiles = packed[0]!.files.map((f) => f.path);
    tarball = join(tmp, packed[0]!.filename);
    app = join(tmp, 'app');
    mkdirSync(join(app, 'public'), { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'onet-consumer', private: true, type: 'module' }));
    // The package's dependencies come from the npm cache that `npm ci` filled (or the registry).
    await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], app);
    cpSync(FIXTURE_SNAPSHOT, join(app, 'public/snapshot'), { recursive: true });
    writeFileSync(
      join(app, 'index.html'),
      '<!doctype html><html><head><meta charset="utf-8"><title>consumer</title><script type="module" src="./main.ts"></script></head>' +
        '<body><onet-soft-skills skills="2.B.1.b"></onet-soft-skills><p id="out"></p></body></html>',
    );
    writeFileSync(
      join(app, 'main.ts'),
      [
        "import { openEngine, type OnetEngine } from 'onet-match';",
        "import 'onet-match/define';",
        "import type { OnetSoftSkillsElement } from 'onet-match/elements';",
        "import type { createEngine, decodeSnapshot } from 'onet-match/engine';",
        'export type Check = [OnetSoftSkillsElement, typeof createEngine, typeof decodeSnapshot];',
        "const engine: OnetEngine = await openEngine({ snapshot: 'snapshot/manifest.json' });",
        "const page = await engine.softSkillResults({ skills: ['2.B.1.b'] });",
        "document.getElementById('out')!.textContent = `${engine.mode} ${page.total}`;",
        "document.documentElement.dataset.done = 'yes';",
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['main.ts'],
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('exports map: types first in every condition, every target built and packed', () => {
    const targets: string[] = [pkg.main, pkg.module, pkg.types, pkg.customElements];
    for (const [key, value] of Object.entries(pkg.exports)) {
      if (typeof value === 'string') {
        targets.push(value);
        continue;
      }
      expect(Object.keys(value)[0], `exports["${key}"]`).toBe('types');
      expect(value.types, key).toMatch(/\.d\.ts$/);
      targets.push(...Object.values(value));
    }
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './custom-elements.json', './define', './elements', './engine', './iife', './package.json']);
    expect(pkg.exports['./iife']).toBe('./dist/lib/onet-match.iife.js');
    for (const target of targets) {
      expect(existsSync(join(ROOT, target)), target).toBe(true);
      expect(packedFiles, target).toContain(posix.normalize(target));
    }
    expect(packedFiles.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('demo/'))).toBe(false);
  });

  it('onet-match/engine runs in Node from the installed package: decode a snapshot, answer a route', async () => {
    const manifest = JSON.parse(readFileSync(join(app, 'public/snapshot/manifest.json'), 'utf8')) as { file: string };
    const script = [
      "import { readFileSync } from 'node:fs';",
      "import { createEngine, decodeSnapshot } from 'onet-match/engine';",
      `const engine = createEngine(decodeSnapshot(new Uint8Array(readFileSync(${JSON.stringify(join('public/snapshot', manifest.file))}))));`,
      "const page = engine.get('/online/soft_skills/results?skills=2.B.1.b');",
      'console.log(JSON.stringify({ total: page.total, bad: engine.handle(`/online/soft_skills/results?skills=x`).status }));',
    ].join('\n');
    writeFileSync(join(app, 'node-check.mjs'), script);
    const { stdout } = await run(process.execPath, ['node-check.mjs'], { cwd: app });
    const out = JSON.parse(stdout) as { total: number; bad: number };
    expect(out.total).toBeGreaterThan(0);
    expect(out.bad).toBe(422);
  });

  it('sideEffects: only the define module and the IIFE bundle (and their sources)', () => {
    expect(pkg.sideEffects.filter((p) => p.startsWith('./dist/')).sort()).toEqual(['./dist/lib/define.js', './dist/lib/onet-match.iife.js']);
    for (const p of pkg.sideEffects) expect(p, p).toMatch(/^\.\/(dist\/lib\/(define|onet-match\.iife)\.js|src\/(define|iife)\.ts)$/);
  });

  it('the Worker is its own self-contained file, referenced as new URL("./worker-….js", import.meta.url)', () => {
    const workers = readdirSync(LIB).filter((f) => /^worker-[\w-]+\.js$/.test(f));
    expect(workers).toHaveLength(1);
    const worker = readFileSync(join(LIB, workers[0]!), 'utf8');
    expect(worker).toMatch(/WorkerGlobalScope/);
    expect(worker, 'no imports: loadable as-is by the IIFE bundle').not.toMatch(/\bfrom\s*["'`]|\bimport\s*\(\s*["'`]|^import\s/m);
    const refs = listFiles(LIB)
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/new Worker\(new URL\("(\.{1,2}\/worker-[\w-]+\.js)", import\.meta\.url\), \{ type: "module" \}\)/g)].map((m) =>
          resolve(join(f, '..'), m[1]!),
        ),
      );
    expect(refs).toEqual([join(LIB, workers[0]!)]);
    const iife = readFileSync(join(LIB, 'onet-match.iife.js'), 'utf8');
    expect(iife).toContain(workers[0]);
    expect(iife).toContain('currentScript');
    expect(iife).not.toMatch(/import\.meta|\bimport\s*\(/);
    expect(iife).toContain('onet-soft-skills');
  });

  it('size budgets hold for the built files (npm run size)', () => {
    const files = new Map(listFiles(LIB).map((f) => [posix.relative(LIB, f), new Uint8Array(readFileSync(f))]));
    const sizes = measureLibrary(files);
    expect(overBudget(sizes), JSON.stringify(Object.fromEntries(Object.entries(sizes).map(([k, m]) => [k, m.gzip])))).toEqual([]);
    expect(sizes.main.gzip).toBeLessThanOrEqual(BUDGETS.main);
    expect(sizes.main.files).toEqual(expect.arrayContaining(['index.js', 'elements.js', 'define.js']));
    expect(sizes.main.files.some((f) => f.includes('inline-engine'))).toBe(false);
  });

  it('custom-elements.json: up to date with the element sources, and packed', () => {
    expect(cemBeforeBuild, 'custom-elements.json is stale: run `npm run manifest`').toBe(readFileSync(MANIFEST_PATH, 'utf8'));
    const cem = JSON.parse(cemBeforeBuild) as {
      modules: { path: string; declarations: { tagName?: string; events?: { name: string; type?: { text: string } }[] }[]; exports: { kind: string; name: string }[] }[];
    };
    const tags = cem.modules
      .flatMap((m) => m.declarations)
      .map((d) => d.tagName)
      .filter(Boolean)
      .sort();
    expect(tags).toEqual(['onet-career-explorer', 'onet-related-activities', 'onet-soft-skills']);
    // Every element declares the events it inherits, with their detail types.
    for (const element of cem.modules.flatMap((m) => m.declarations).filter((d) => d.tagName)) {
      const events = Object.fromEntries((element.events ?? []).map((e) => [e.name, e.type?.text]));
      expect(events, element.tagName).toMatchObject({
        'onet-ready': 'CustomEvent<OnetReadyDetail>',
        'onet-release-change': 'CustomEvent<OnetReleaseChangeDetail>',
        'onet-error': 'CustomEvent<OnetErrorDetail>',
      });
    }
    const defined = cem.modules
      .flatMap((m) => m.exports)
      .filter((e) => e.kind === 'custom-element-definition')
      .map((e) => e.name)
      .sort();
    expect(defined).toEqual(tags);
    for (const m of cem.modules) expect(existsSync(join(ROOT, m.path)), m.path).toBe(true);
    expect(packedFiles).toContain('custom-elements.json');
  });

  it('a fresh app: tsc resolves the types of every entry; vite build emits the Worker chunk', async () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', app], { cwd: app, env: childEnv() }).catch((e: { stdout?: string }) => {
      throw new Error(`tsc in the consumer app failed:\n${e.stdout ?? ''}`);
    });
    const outputs = await build({ root: app, configFile: false, logLevel: 'warn', build: { outDir: join(app, 'dist'), emptyOutDir: true, write: true } });
    const files = (Array.isArray(outputs) ? outputs : [outputs as Rolldown.RolldownOutput]).flatMap((o) => o.output);
    const workerChunk = files.find((f) => f.type === 'asset' && /worker-[\w-]+\.js$/.test(f.fileName) && String(f.source).includes('WorkerGlobalScope'));
    expect(workerChunk, files.map((f) => f.fileName).join(', ')).toBeDefined();
    const referenced = files.some((f) => f.type === 'chunk' && f.code.includes(posix.basename(workerChunk!.fileName)));
    expect(referenced).toBe(true);
  }, 60_000);

  async function answers(page: Page): Promise<void> {
    await page.waitForFunction(() => document.documentElement.dataset.done === 'yes', null, { timeout: 20_000 });
    expect(await page.textContent('#out')).toMatch(/^worker [1-9]\d*$/);
    await page.locator('onet-soft-skills [part~="result"]').first().waitFor({ timeout: 20_000 });
  }

  it('the app runs in Chromium from the Vite dev server (default optimizeDeps) and from its build', async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
    const devPort = await freePort();
    const dev = await createServer({ root: app, configFile: false, logLevel: 'warn', server: { host: '127.0.0.1', port: devPort, strictPort: true, hmr: false, watch: null } });
    await dev.listen();
    try {
      const page = await browser.newPage();
      const workers: string[] = [];
      page.on('worker', (w) => workers.push(w.url()));
      await page.goto(`http://127.0.0.1:${devPort}/`);
      await answers(page);
      expect(
        workers.some((u) => /\/node_modules\/onet-match\/dist\/lib\/worker-[\w-]+\.js/.test(u)),
        workers.join(', '),
      ).toBe(true);
      await page.close();
    } finally {
      await dev.close();
    }
    const previewPort = await freePort();
    const server = await preview({
      root: app,
      configFile: false,
      logLevel: 'warn',
      build: { outDir: join(app, 'dist') },
      preview: { host: '127.0.0.1', port: previewPort, strictPort: true, open: false },
    });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${previewPort}/`);
      await answers(page);
      await page.close();
    } finally {
      await server.close();
    }
  }, 60_000);
});

/**
 * The framework packages, from the npm registry: each supports Vite 8 (peerDependencies checked
 * when they were chosen). Vite itself at the version this repository builds with.
 */
const FRAMEWORK_PACKAGES = ['react@^19', 'react-dom@^19', '@vitejs/plugin-react@^6', 'vue@^3', '@vitejs/plugin-vue@^6', 'svelte@^5', '@sveltejs/vite-plugin-svelte@^7'];
/** Each app, its server entry, and the files docs/embedding.md quotes whole. */
const FRAMEWORKS = [
  { name: 'React 19', dir: 'react', server: 'src/server.jsx', documented: ['src/main.jsx', 'src/App.jsx'] },
  { name: 'Vue 3', dir: 'vue', server: 'src/server.js', documented: ['vite.config.js', 'src/main.js', 'src/App.vue'] },
  { name: 'Svelte 5', dir: 'svelte', server: 'src/server.js', documented: ['src/main.js', 'src/App.svelte'] },
] as const;

describe('framework recipes (docs/embedding.md): React, Vue and Svelte apps from the packed tarball', () => {
  let root: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    expect(tarball, 'the package describe packs first').not.toBe('');
    root = join(join(tarball, '..'), 'frameworks');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'onet-frameworks', private: true, type: 'module' }));
    const vite = (JSON.parse(readFileSync(join(ROOT, 'node_modules/vite/package.json'), 'utf8')) as { version: string }).version;
    // One install for the three apps (they sit side by side under it).
    await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, `vite@${vite}`, ...FRAMEWORK_PACKAGES], root);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    const tmp = tarball && join(tarball, '..');
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Runs the app's own Vite (installed from the registry), as its developers would. */
  async function vite(app: string, args: string[]): Promise<void> {
    await run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), ...args, '--logLevel', 'warn'], { cwd: app, env: childEnv(), maxBuffer: 16 << 20 }).catch(
      (e: { stdout?: string; stderr?: string }) => {
        throw new Error(`vite ${args.join(' ')} in ${app} failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
      },
    );
  }

  for (const fw of FRAMEWORKS) {
    it(`${fw.name}: builds, renders on the server without a DOM, and drives the element both ways in Chromium`, async () => {
      const docs = readFileSync(join(ROOT, 'docs/embedding.md'), 'utf8');
      for (const file of fw.documented)
        expect(docs, `docs/embedding.md quotes test/frameworks/${fw.dir}/${file} as it is`).toContain(readFileSync(join(ROOT, 'test/frameworks', fw.dir, file), 'utf8').trimEnd());
      const app = join(root, fw.dir);
      cpSync(join(ROOT, 'test/frameworks', fw.dir), app, { recursive: true });
      cpSync(FIXTURE_SNAPSHOT, join(app, 'public/snapshot'), { recursive: true });
      await vite(app, ['build']);

      // SSR-safe: the component renders in Node (the client entry alone registers the elements).
      await vite(app, ['build', '--ssr', fw.server, '--outDir', 'dist-server']);
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', "const m = await import('./dist-server/server.js'); console.log(await m.render());"], {
        cwd: app,
        env: childEnv(),
      });
      expect(stdout).toMatch(/<onet-soft-skills snapshot="\/snapshot\/manifest\.json" page-size="5"/);

      const port = await freePort();
      const server = await preview({
        root: app,
        configFile: false,
        logLevel: 'warn',
        build: { outDir: join(app, 'dist') },
        preview: { host: '127.0.0.1', port, strictPort: true, open: false },
      });
      const page = await browser!.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`${m.type()}: ${m.text()}`));
      try {
        await page.goto(`http://127.0.0.1:${port}/`);
        const el = page.locator('onet-soft-skills');
        const status = () => el.locator('[part~="status"]').textContent();
        const heard = async () => `${(await page.textContent('#total')) ?? ''}`.replace(/ occupations$/, '');
        const shown = async () => /^([\d,]+) occupations? match/.exec((await status()) ?? '')?.[1]?.replace(/,/g, '');

        // Framework state → property: the array became the element's selection; its event came back.
        await el.locator('[part~="result"]').first().waitFor({ timeout: 20_000 });
        expect(await el.getAttribute('skills')).toBe('2.B.1.b');
        await expect.poll(heard, { timeout: 10_000 }).toBe(await shown());

        await page.click('#add');
        await expect.poll(() => el.getAttribute('skills'), { timeout: 10_000 }).toBe('2.B.1.b,2.B.1.a');
        await expect.poll(async () => [await heard(), await shown()].join(' '), { timeout: 10_000 }).toMatch(/^(\d+) \1$/);

        // Element → framework state: a click inside the element reaches the app through onet-select
        // (the skills in the picker's display order), and the app's state flows back unchanged.
        const sorted = async (text: Promise<string | null>) => ((await text) ?? '').split(/[ ,]/).sort().join(' ');
        await el.locator('input[type=checkbox][value="2.B.1.c"]').check();
        await expect.poll(() => sorted(page.textContent('#skills')), { timeout: 10_000 }).toBe('2.B.1.a 2.B.1.b 2.B.1.c');
        expect((await page.textContent('#skills'))!.split(' ').join(',')).toBe(await el.getAttribute('skills'));
        await el.locator('input[type=checkbox][value="2.B.1.a"]').uncheck();
        await expect.poll(() => sorted(page.textContent('#skills')), { timeout: 10_000 }).toBe('2.B.1.b 2.B.1.c');
        expect(await sorted(el.getAttribute('skills'))).toBe('2.B.1.b 2.B.1.c');
        await expect.poll(async () => [await heard(), await shown()].join(' '), { timeout: 10_000 }).toMatch(/^(\d+) \1$/);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
        await server.close();
      }
    }, 180_000);
  }
});
