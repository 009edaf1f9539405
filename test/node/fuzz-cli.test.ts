/**
 * Property-based robustness of the `onet-match` command line (tools/cli.ts): 2,000 generated argv
 * arrays through the in-process `main()`, plus 8 real processes. Arguments mix well-formed
 * invocations with unknown flags, missing values, huge and unicode strings, and `--snapshot`
 * pointing at nonexistent paths, directories, devices and corrupt manifests/snapshots.
 *
 * Every run must end with exit code 0 and a JSON response on stdout, or exit code 1/2 and a JSON
 * `{ "error": { code, message, status, field } }` with a documented code (never INTERNAL), within
 * a deadline, and nothing on stderr: no uncaught exception, no stack trace.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { main } from '../../tools/cli.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const RUNS = 2_000;
const DEADLINE_MS = 10_000;
const root = resolve(import.meta.dirname, '../..');
const manifestPath = resolve(root, FIXTURE_MANIFEST);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
const snap = readFileSync(resolve(manifestPath, '..', manifest.file as string));

const ARG_ERRORS = new Set(['VALIDATION_ERROR']);
const RUN_ERRORS = new Set(['VALIDATION_ERROR', 'NOT_FOUND', 'NOT_AVAILABLE', 'NETWORK', 'SNAPSHOT_CORRUPT', 'SNAPSHOT_VERSION']);

let dir: string;
/** Bad `--snapshot` targets, created in beforeAll. */
let badSnapshots: string[] = [];

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'onet-cli-fuzz-'));
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    mkdirSync(resolve(path, '..'), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  const withManifest = (name: string, changes: Record<string, unknown>, snapBytes?: Uint8Array) => {
    if (snapBytes) file(`${name}/${manifest.file as string}`, snapBytes);
    return file(`${name}/manifest.json`, JSON.stringify({ ...manifest, ...changes }));
  };
  const flipped = Uint8Array.from(snap);
  flipped[flipped.length >> 1]! ^= 0x55;
  const garbage = randomBytes(snap.length);
  badSnapshots = [
    file('empty.json', ''),
    file('random.bin', randomBytes(512)),
    file('truncated.json', '{"format":'),
    file('null.json', 'null'),
    file('array.json', '[]'),
    file('proto.json', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    withManifest('version', { formatVersion: 99 }),
    withManifest('missing-snapshot', {}),
    withManifest('bad-sha', {}, flipped),
    withManifest('garbage-snapshot', { sha256: sha(garbage), bytes: garbage.length }, garbage),
    withManifest('traversal', { file: '../../../../etc/passwd' }),
    withManifest('huge-claim', { bytes: 1e15 }, snap),
    withManifest('no-sections', { sections: 'all' }, snap),
    dir,
    '/dev/zero',
    '/dev/null',
    join(dir, 'does/not/exist/manifest.json'),
    join(dir, 'nul\0byte.json'),
    join(dir, 'x'.repeat(5_000)),
    join(dir, 'ünï', '😀', 'manifest.json'),
    'http://127.0.0.1:1/manifest.json',
    '',
  ];
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

const ROUTES = [
  '/info',
  '/online/soft_skills',
  '/online/soft_skills/results?skills=2.B.1.a,2.B.1.b',
  '/online/soft_skills/results?skills=nope',
  '/online/related_activities?keyword=widget',
  '/online/related_activities/activities/41-9941.00',
  '/online/related_activities/activities/99-9999.00',
  '/v1/occupations?page=2&page_size=3',
  '/v1/occupations?green=true',
  '/online/stem_occupations/all',
  '/v1/occupation/41-9941.00/US',
  '/nope',
];
const hostile = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '-',
    '--',
    '---',
    '-h',
    '--help',
    '--verbose',
    '--snapshot=',
    '--SNAPSHOT',
    '—snapshot',
    '-snapshot',
    'get',
    'GET',
    'put',
    '__proto__',
    'constructor',
    '%',
    '\0',
    '\u202E',
    '😀',
    '<script>',
    '../../etc/passwd',
    '/'.repeat(20_000),
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'z'.repeat(n)),
);
const route = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ROUTES) }, { weight: 1, arbitrary: hostile });
/** Index into [valid manifest, ...badSnapshots] (resolved at run time, after beforeAll). */
const snapshotChoice = fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 2, arbitrary: fc.nat(21) });
const snapshotArgs = (i: number, form: 'split' | 'equals'): string[] => {
  const path = i < 0 ? manifestPath : badSnapshots[i % badSnapshots.length]!;
  return form === 'split' ? ['--snapshot', path] : [`--snapshot=${path}`];
};

const argv = fc.oneof(
  // Well-formed, in any order.
  {
    weight: 5,
    arbitrary: fc
      .tuple(route, snapshotChoice, fc.constantFrom('split', 'equals') as fc.Arbitrary<'split' | 'equals'>, fc.boolean())
      .map(([r, s, form, first]) => (first ? [...snapshotArgs(s, form), 'get', r] : ['get', r, ...snapshotArgs(s, form)])),
  },
  // Well-formed with a stray token somewhere.
  {
    weight: 3,
    arbitrary: fc.tuple(route, snapshotChoice, hostile, fc.nat(4)).map(([r, s, extra, at]) => {
      const args = ['get', r, ...snapshotArgs(s, 'split')];
      args.splice(at, 0, extra);
      return args;
    }),
  },
  // Missing pieces.
  { weight: 1, arbitrary: fc.constantFrom([], ['get'], ['--snapshot'], ['get', '/info', '--snapshot'], ['/info'], ['get', '--snapshot', manifestPath]) },
  // Anything.
  { weight: 2, arbitrary: fc.array(fc.oneof(hostile, fc.constantFrom('get', '--snapshot', ...ROUTES)), { maxLength: 6 }) },
);

/** Runs main() in-process; returns the exit code and the parsed output. */
async function run(args: readonly string[]): Promise<{ code: number; out: string }> {
  let out = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const code = await Promise.race([
    main(args, (t) => (out += t)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`main(${short(args)}) did not finish within ${DEADLINE_MS} ms`)), DEADLINE_MS))),
  ]).finally(() => clearTimeout(timer));
  return { code, out };
}

const short = (args: readonly string[]) => JSON.stringify(args.map((a) => (a.length > 60 ? `${a.slice(0, 60)}…(${a.length})` : a)));

function checkOutput(args: readonly string[], code: number, out: string): void {
  const where = () => `${short(args)} → exit ${code}: ${out.slice(0, 300)}`;
  if (![0, 1, 2].includes(code)) expect.fail(`unexpected exit code: ${where()}`);
  let json: unknown;
  try {
    json = JSON.parse(out);
  } catch {
    expect.fail(`stdout is not one JSON document: ${where()}`);
  }
  const error = (json as { error?: { code?: unknown; message?: unknown; status?: unknown; field?: unknown } } | null)?.error;
  if (code === 0) {
    if (json === null || typeof json !== 'object' || error !== undefined) expect.fail(`exit 0 without a response: ${where()}`);
    return;
  }
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || error.message === '' || typeof error.status !== 'number')
    expect.fail(`no error JSON: ${where()}`);
  if (!(code === 2 ? ARG_ERRORS : RUN_ERRORS).has(error.code)) expect.fail(`undocumented code ${error.code}: ${where()}`);
  if (/\n\s+at .+:\d+:\d+/.test(out)) expect.fail(`stack trace in the output: ${where()}`);
}

describe(`CLI arguments under generated input (${RUNS.toLocaleString('en-US')} argv arrays)`, () => {
  test('every run exits 0 with JSON or 1/2 with an error JSON, quickly and quietly', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const stdout = vi.spyOn(process.stdout, 'write');
    const counts = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;
    try {
      await fc.assert(
        fc.asyncProperty(argv, async (args) => {
          const { code, out } = await run(args);
          checkOutput(args, code, out);
          counts[code]!++;
        }),
        { numRuns: RUNS, seed: 1905 },
      );
      expect(stderr.mock.calls.map((c) => String(c[0])).filter((s) => /Error|\n\s+at /.test(s))).toEqual([]);
      expect(stdout).not.toHaveBeenCalledWith(expect.stringContaining('"error"'));
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
    // The generator reaches all three outcomes in a meaningful share.
    for (const code of [0, 1, 2]) expect(counts[code], JSON.stringify(counts)).toBeGreaterThan(RUNS / 20);
    expect(Object.keys(Object.prototype)).toEqual([]);
  }, 120_000);

  test('each bad --snapshot target is a typed error (exit 1), never a hang', async () => {
    for (const path of badSnapshots) {
      const { code, out } = await run(['get', '/info', '--snapshot', path]);
      checkOutput(['get', '/info', '--snapshot', path], code, out);
      expect(code, path).toBe(path === '' ? 2 : 1); // an empty value is a missing --snapshot value
    }
    const code = (args: string[]) => run(args).then((r) => JSON.parse(r.out).error?.code as string | undefined);
    expect(await code(['get', '/info', '--snapshot', '/dev/zero'])).toBe('NOT_FOUND');
    expect(await code(['get', '/info', '--snapshot', join(dir, 'version/manifest.json')])).toBe('SNAPSHOT_VERSION');
    expect(await code(['get', '/info', '--snapshot', join(dir, 'bad-sha/manifest.json')])).toBe('SNAPSHOT_CORRUPT');
    expect(await code(['get', '/info', '--snapshot', join(dir, 'garbage-snapshot/manifest.json')])).toBe('SNAPSHOT_CORRUPT');
    expect(await code(['get', '/info', '--snapshot', join(dir, 'huge-claim/manifest.json')])).toBe('SNAPSHOT_CORRUPT');
    expect(await code(['get', '/info', '--snapshot', 'http://127.0.0.1:1/manifest.json'])).toBe('NETWORK');
  }, 60_000);

  test('8 real processes: JSON on stdout, the documented exit code, nothing on stderr', async () => {
    const entry = 'import { main } from "./tools/cli.ts"; process.exitCode = await main(process.argv.slice(1));';
    const cases: [string[], number][] = [
      [['get', '/online/soft_skills', '--snapshot', manifestPath], 0],
      [['get', '/online/related_activities/activities/99-9999.00', '--snapshot', manifestPath], 1],
      [['get', '/info', '--snapshot', '/dev/zero'], 1],
      [['get', '/info', '--snapshot', join(dir, 'garbage-snapshot/manifest.json')], 1],
      [['get', '\uD800😀\u202E', '--snapshot', manifestPath], 1],
      [['get', 'x'.repeat(100_000), '--snapshot', manifestPath], 1],
      [['--verbose', 'get', '/info'], 2],
      [['get', '/info', '--snapshot'], 2],
    ];
    const results = await Promise.all(
      cases.map(
        ([args]) =>
          new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
            execFile(
              process.execPath,
              ['--import', 'tsx', '--input-type=module', '-e', entry, '--', ...args],
              { cwd: root, timeout: 90_000, maxBuffer: 1 << 24 },
              (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
            );
          }),
      ),
    );
    results.forEach(({ code, stdout, stderr }, i) => {
      const [args, expected] = cases[i]!;
      expect(
        stderr.split('\n').filter((l) => l.trim() && !/ExperimentalWarning|--trace-warnings|npm warn/.test(l)),
        short(args),
      ).toEqual([]);
      expect(code, `${short(args)}: ${stdout.slice(0, 200)}`).toBe(expected);
      checkOutput(args, code, stdout);
    });
  }, 120_000);
});
