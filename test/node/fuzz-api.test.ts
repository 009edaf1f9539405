/**
 * Property-based robustness of the promise API's typed methods (src/api/client.ts, in-page engine
 * over the fixture snapshot served from a local HTTP server): 1,500 generated arguments per typed
 * method (9 methods) and for get(route) — 15,000 calls — plus 300 generated openEngine() option objects.
 *
 * Arguments are mostly well-shaped queries with hostile fields (wrong types, NaN/Infinity/huge/
 * fractional/negative numbers, unicode and unpaired surrogates, 10^5-item lists, own `__proto__` /
 * `constructor` / `prototype` keys made with JSON.parse, throwing getters, Proxies, unknown extra
 * properties), and sometimes anything at all. Every call must return a promise (never throw) that
 * settles within a deadline, either with a well-shaped response or with an OnetError whose code is
 * VALIDATION_ERROR (with a `field`), NOT_FOUND or NOT_AVAILABLE; and Object.prototype stays clean.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openEngine, OnetError, type OnetEngine } from '../../src/index.js';
import { TEST_SNAPSHOT_DIR } from '../support/paths.js';

const RUNS_PER_METHOD = 1_500;
/** Per-call deadline: generous (calls take well under a millisecond) so a loaded machine never trips it, yet a hang fails. */
const DEADLINE_MS = 5_000;

const fixtureDir = resolve(import.meta.dirname, '../..', TEST_SNAPSHOT_DIR, 'fixture');
let server: Server;
let base: string;
let engine: OnetEngine;

beforeAll(async () => {
  // /manifest.json + the snapshot from the fixture; /garbage/manifest.json is not JSON; all else 404.
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/garbage/manifest.json') return void res.end(Buffer.from([0xff, 0x00, 0x7b, 0x22]));
    if (/^\/[\w.-]+$/.test(path)) {
      try {
        return void res.end(readFileSync(join(fixtureDir, path.slice(1))));
      } catch {
        /* 404 below */
      }
    }
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  engine = await openEngine({ snapshot: `${base}/manifest.json`, mode: 'inline', storage: 'memory' });
});

afterAll(async () => {
  engine?.close();
  await new Promise((done) => server?.close(done));
});

// ---------------------------------------------------------------------------------------------
// Hostile values

const surrogates = ['\uD800', '\uDFFF', 'a\uD83Dz', '\uDE00abc', '\uD83D\uDE00'];
const hostileStrings = [
  '',
  ' ',
  ',',
  ',,',
  'a,b',
  '0',
  '-1',
  '1e9',
  '1.5',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  'all',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  '%',
  '%00',
  '%E0%A4%A',
  '\u0000',
  '\n\t',
  '../../etc/passwd',
  '?a=b&c=d',
  '#frag',
  '/',
  '//',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"\'`',
  '２',
  'İ',
  'ﬃ',
  'e\u0301',
  '🙂',
  '👩‍👩‍👧',
  '\u202Etxt',
  ...surrogates,
];
const bigString = 'x'.repeat(100_000);
const HUGE = 100_000;

const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 190, max: 1_100 }).map((n) => 'ab '.repeat(n).slice(0, n)) },
  { weight: 1, arbitrary: fc.constant(bigString) },
);
const anyNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, 2, 3, 5, 20, 99, 100, 101, 1.5, -1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e21, 1e308, Number.MIN_VALUE, Number.EPSILON),
  fc.integer({ min: -5, max: 2_000 }),
  fc.double(),
);
/** A Proxy whose every trap throws, except `has` for fast-check's own clone probe. */
function hostileProxy(): object {
  const trap = () => {
    throw new Error('proxy trap');
  };
  return new Proxy({}, { has: (_, key) => (key === fc.cloneMethod ? false : trap()), ownKeys: trap, get: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
}

/** Objects a JSON body or a careless host could hand over. */
const trickyObjects = (): unknown[] => {
  const throwing = {};
  Object.defineProperty(throwing, 'skills', {
    enumerable: true,
    get: () => {
      throw new Error('getter exploded');
    },
  });
  Object.defineProperty(throwing, 'keyword', {
    enumerable: true,
    get: () => {
      throw new Error('getter exploded');
    },
  });
  return [
    JSON.parse('{"__proto__": {"polluted": "yes"}}'),
    JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
    JSON.parse('{"prototype": {"polluted": "yes"}, "toString": 1, "valueOf": null}'),
    Object.create(null),
    Object.create({ skills: ['2.B.1.a'], keyword: 'widget', code: '41-9941.00' }),
    throwing,
    hostileProxy(),
    { toString: 0, valueOf: 0 },
    {
      [Symbol.toPrimitive]: () => {
        throw new Error('toPrimitive');
      },
    },
    Object.freeze({ a: 1 }),
    new Date(NaN),
    /regex/,
    new Map([['skills', ['2.B.1.a']]]),
    new Set(['2.B.1.a']),
    new Uint8Array(8),
    Promise.resolve(1),
    new Error('an error'),
    globalThis,
    Object.prototype,
    Array.prototype,
  ];
};
const TRICKY = trickyObjects();
const leaf = fc.oneof(
  anyString,
  anyNumber,
  fc.boolean(),
  fc.constantFrom(
    null,
    undefined,
    Symbol('s'),
    10n,
    () => 1,
    function named() {},
    class {},
  ),
  fc.nat(TRICKY.length - 1).map((i) => TRICKY[i]),
);
/** Keys that commonly break naive object handling, plus random ones. */
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'length', '0', '', ' ', 'skills ', 'Skills', 'page_size', 'job_zone'),
  fc.string({ maxLength: 10 }),
);

/** A list: mostly `item`s, sometimes anything, sometimes huge or sparse. */
function listOf(item: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(item, { minLength: 1, maxLength: 6 }) },
    { weight: 3, arbitrary: fc.array(fc.oneof(item, anyString, leaf), { maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('2.B.1.a', '4.A.1', '', 'x'), fc.integer({ min: 900, max: HUGE })).map(([v, n]) => new Array<string>(n).fill(v)) },
    { weight: 1, arbitrary: fc.constant(new Array<string>(HUGE).fill('2.B.1.a')) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((n) => new Array(n)) },
    { weight: 1, arbitrary: item.map((v) => [`${v},${v}`]) },
  );
}

/** Any value at all, including nested objects and arrays with hostile keys. */
const anything = fc.oneof(
  { weight: 4, arbitrary: leaf },
  {
    weight: 1,
    arbitrary: fc.anything({
      maxDepth: 2,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withBoxedValues: true,
      key: hostileKey,
    }),
  },
);

/** Builds an object from entries with own keys only (defineProperty, so `__proto__` is an own key, not a prototype change). */
function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
  return out;
}

/**
 * A query argument: each known field is absent, valid or hostile; sometimes extra unknown fields;
 * sometimes a JSON.parse'd object with an own `__proto__`; sometimes not an object at all.
 */
function queryOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const field = (name: string, valid: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary: valid }, { weight: 2, arbitrary: anything }).map((v) => [name, v] as const);
  const known = fc.tuple(...Object.entries(fields).map(([name, valid]) => field(name, valid)));
  const shaped = fc
    .tuple(known, fc.oneof({ weight: 8, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(fc.tuple(hostileKey, anything), { maxLength: 3 }) }))
    .map(([k, extra]) => objectOf([...k.filter(([, v]) => v !== undefined), ...extra]));
  const withProto = shaped.map((q) => {
    try {
      // A JSON body with an own "__proto__" key next to the real fields.
      return Object.assign(JSON.parse('{"__proto__": {"polluted": "yes", "skills": ["2.B.1.a"]}}'), q) as unknown;
    } catch {
      return q;
    }
  });
  return fc.oneof({ weight: 12, arbitrary: shaped }, { weight: 1, arbitrary: withProto }, { weight: 2, arbitrary: anything });
}

// Valid-looking values from the fixture (fixtures/README.md).
const SKILLS = ['2.B.1.a', '2.B.1.b', '2.B.1.c', '2.B.1.d', '2.B.1.e', '2.B.1.f', '2.A.2.b', '2.B.2.i', '2.B.1.z', '2.C.1.a'];
const CODES = ['41-9941.00', '41-9942.00', '15-2941.00', '15-2941.01', '11-9941.00', '35-9941.00', '99-9999.00', '41-9941', '41-9941.0', '29-1051.00'];
const DWAS = ['4.A.4.a.1.I81.D03', '4.A.4.a.1.I81.D01', '4.A.3.b.6.I81.D03', '4.A.2.a.2.I05.D04', '4.A.1', 'x'];
const start = fc.oneof(fc.integer({ min: 1, max: 30 }), anyNumber);
const validString = (values: readonly string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: anyString });

const ARGS = {
  softSkills: anything,
  softSkillResults: queryOf({ skills: listOf(validString(SKILLS)), sort: validString(['skills_covered', 'my_matches', 'title', 'code', 'zone']), start, end: start }),
  searchOccupations: queryOf({ keyword: validString(['widget', 'data', 'café', 'Wranglers', '41-9941', '41', 'sales representative']), start, end: start }),
  occupationActivities: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CODES) }, { weight: 2, arbitrary: anyString }, { weight: 2, arbitrary: anything }),
  relatedActivities: queryOf({
    code: validString(CODES),
    activities: listOf(validString(DWAS)),
    sort: validString(['shared', 'similar', 'title', 'code', 'zone']),
    start,
    end: start,
  }),
  resolveActivities: queryOf({ activities: listOf(validString([...DWAS, '4.A.1.b.2.cc.1'])) }),
  listOccupations: fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 8,
      arbitrary: queryOf({ page: start, pageSize: start, jobZone: fc.oneof(fc.integer({ min: 0, max: 6 }), anyNumber), brightOutlook: fc.boolean(), green: fc.boolean() }),
    },
  ),
  stemTypes: anything,
  stemOccupations: queryOf({
    type: fc.oneof(fc.constantFrom<unknown>(1, 2, 3, 4, 5, 'all', 0, 6, '1', 'ALL'), anyNumber),
    jobFamily: validString(['15-0000', '11-0000', '41-0000', '99-0000', '15-1000']),
    sort: validString(['job_family', 'title', 'code', 'stem_occupation_type']),
    start,
    end: start,
  }),
  occupationDetails: queryOf({
    keyword: validString([...CODES, 'Widget Sales Representatives', 'Café Managers', 'widget']),
    location: validString(['US', '0', 'IL', 'Illinois', '61299', 'Chicago, IL', 'Atlantis']),
    sections: fc.oneof(
      fc.dictionary(
        fc.constantFrom('tasks', 'dwas', 'skills', 'knowledge', 'training', 'interest', 'bogus', '__proto__'),
        fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: leaf }),
        { maxKeys: 4 },
      ),
      anything,
    ),
  }),
  careerChangers: queryOf({
    code: validString(CODES),
    sort: validString(['similarity', 'zone', 'title', 'code']),
    jobZone: fc.oneof(fc.constantFrom<unknown>(1, 3, 5, 0, '1-3', '3-1', '2-'), anyNumber),
    brightOutlook: fc.boolean(),
    start,
    end: start,
  }),
  careerChangersForSkills: queryOf({
    skills: fc.oneof(
      fc.dictionary(validString(['2.A.1.a', '2.B.1.a', '2.A.2.a', '2.C.1.e', '2.B.1.z']), fc.oneof(fc.double({ min: -1, max: 8, noNaN: true }), anyNumber), { maxKeys: 4 }),
      anything,
    ),
    sort: validString(['similarity', 'zone', 'title', 'code']),
    start,
    end: start,
  }),
  rateableSkills: anything,
  interestResults: queryOf({
    realistic: fc.oneof(fc.double({ min: 0, max: 41, noNaN: true }), anyNumber),
    social: fc.oneof(fc.integer({ min: 1, max: 7 }), anyNumber),
    investigative: fc.integer({ min: 0, max: 40 }),
    artistic: fc.integer({ min: 1, max: 7 }),
    enterprising: fc.integer({ min: 1, max: 7 }),
    conventional: fc.integer({ min: 1, max: 7 }),
    scale: validString(['oi', 'ip']),
    code: validString(['SIA', 'rc', 'E', 'SS', 'XYZ']),
    jobZone: fc.oneof(fc.constantFrom<unknown>(2, '1-2'), anyNumber),
    sort: validString(['fit', 'zone', 'title', 'code']),
    start,
    end: start,
  }),
  get: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom('/online/soft_skills', '/info', '/online/stem_occupations', '/v1/occupations?page=2', '/online/related_activities?keyword=widget', '/nope'),
    },
    { weight: 3, arbitrary: anyString },
    { weight: 2, arbitrary: anything },
  ),
} satisfies Record<string, fc.Arbitrary<unknown>>;

type Method = keyof typeof ARGS;
const METHODS = Object.keys(ARGS) as Method[];
const ALLOWED_CODES = new Set(['VALIDATION_ERROR', 'NOT_FOUND', 'NOT_AVAILABLE']);

// ---------------------------------------------------------------------------------------------
// Checks

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

/** A paged response: `start`, `end`, `total` and an `occupation` array of `{code, title}`. */
function expectPage(body: unknown): void {
  expect(isObject(body)).toBe(true);
  const page = body as { start: unknown; end: unknown; total: unknown; occupation: unknown };
  expect([page.start, page.end, page.total].every(isCount), JSON.stringify(body).slice(0, 200)).toBe(true);
  expect(Array.isArray(page.occupation)).toBe(true);
  for (const o of page.occupation as Record<string, unknown>[]) expect(typeof o.code === 'string' && typeof o.title === 'string').toBe(true);
}

/** The shape each method promises (docs/api.md). */
const SHAPES: Record<Method, (body: unknown) => void> = {
  softSkills: (b) => expect(isObject(b) && Array.isArray(b.social) && Array.isArray(b.thinking) && (b.social as unknown[]).length > 0).toBe(true),
  softSkillResults: expectPage,
  searchOccupations: expectPage,
  occupationActivities: (b) => {
    expect(Array.isArray(b)).toBe(true);
    for (const a of b as Record<string, unknown>[]) expect(typeof a.id === 'string' && typeof a.title === 'string').toBe(true);
  },
  relatedActivities: expectPage,
  resolveActivities: (b) => {
    expect(isObject(b) && Array.isArray(b.activities)).toBe(true);
    for (const a of (b as { activities: Record<string, unknown>[] }).activities) {
      expect(typeof a.given === 'string' && (typeof a.id === 'string' ? typeof a.title === 'string' : a.id === null && a.title === null)).toBe(true);
    }
  },
  listOccupations: (b) => {
    expect(isObject(b) && isObject(b.data)).toBe(true);
    const data = (b as { data: Record<string, unknown> }).data;
    expect(Array.isArray(data.items) && isCount(data.total) && isCount(data.page)).toBe(true);
  },
  stemTypes: (b) => expect(Array.isArray(b) && (b as unknown[]).length > 0).toBe(true),
  stemOccupations: expectPage,
  occupationDetails: (b) => expect(isObject(b)).toBe(true),
  careerChangers: expectPage,
  careerChangersForSkills: expectPage,
  rateableSkills: (b) => expect(isObject(b) && Array.isArray(b.skill) && (b.skill as unknown[]).length > 0).toBe(true),
  interestResults: expectPage,
  get: (b) => expect(b !== null && typeof b === 'object').toBe(true),
};

/** Calls `method` with `arg`: must return a promise (no synchronous throw) that settles before the deadline. */
async function settle(method: Method, arg: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  const fn = engine[method] as (a: unknown) => Promise<unknown>;
  let promise: Promise<unknown>;
  try {
    promise = fn(arg);
  } catch (error) {
    throw new Error(`${method} threw synchronously: ${String(error)}`, { cause: error });
  }
  expect(promise).toBeInstanceOf(Promise);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${method} did not settle within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A short, safe description of a generated value for failure messages (values can be huge or hostile). */
function label(value: unknown, depth = 0): string {
  try {
    if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value) + (value.length > 60 ? ` (${value.length} chars)` : '');
    if (Array.isArray(value))
      return `[${value
        .slice(0, 5)
        .map((v) => label(v, depth + 1))
        .join(', ')}${value.length > 5 ? `, … (${value.length} items)` : ''}]`;
    if (typeof value === 'object' && value !== null) {
      if (depth > 2) return '{…}';
      const keys = Object.keys(value);
      return `{${keys
        .slice(0, 8)
        .map((k) => `${JSON.stringify(k)}: ${label((value as Record<string, unknown>)[k], depth + 1)}`)
        .join(', ')}${keys.length > 8 ? ', …' : ''}}`;
    }
    if (typeof value === 'number' && Object.is(value, -0)) return '-0';
    return typeof value === 'bigint' ? `${value}n` : String(value);
  } catch {
    return '<unreadable>';
  }
}

/** Fails with a message built only on failure (labels of huge values are not free). */
function ensure(condition: boolean, message: () => string): void {
  if (!condition) expect.fail(message());
}

async function check(method: Method, arg: unknown): Promise<void> {
  const outcome = await settle(method, arg);
  if (outcome.ok) {
    SHAPES[method](outcome.value);
    JSON.stringify(outcome.value);
    return;
  }
  const error = outcome.error as OnetError;
  ensure(error instanceof OnetError, () => `${method}(${label(arg)}) rejected with ${String(error)}`);
  ensure(ALLOWED_CODES.has(error.code), () => `${method}(${label(arg)}) → ${error.code}: ${error.message}`);
  ensure(typeof error.message === 'string' && error.message.length > 0, () => `${method}(${label(arg)}): empty message`);
  ensure(error.status === { VALIDATION_ERROR: 422, NOT_FOUND: 404, NOT_AVAILABLE: 501 }[error.code as string], () => `${method}(${label(arg)}): status ${error.status}`);
  if (error.code === 'VALIDATION_ERROR') ensure(typeof error.field === 'string' && error.field.length > 0, () => `${method}(${label(arg)}): no field`);
  JSON.stringify(error.toJSON());
}

function expectCleanPrototypes(): void {
  for (const proto of [Object.prototype, Array.prototype, Function.prototype, String.prototype]) expect(Object.keys(proto)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

// ---------------------------------------------------------------------------------------------

describe(`typed methods under generated input (${RUNS_PER_METHOD.toLocaleString('en-US')} per method, ${(RUNS_PER_METHOD * METHODS.length).toLocaleString('en-US')} calls)`, () => {
  test.each(METHODS.map((m, i) => [m, i] as const))(
    '%s: every call answers or rejects with a typed error',
    async (method, i) => {
      await fc.assert(
        fc.asyncProperty(ARGS[method], (arg) => check(method, arg)),
        { numRuns: RUNS_PER_METHOD, seed: 20261122 + i },
      );
      expectCleanPrototypes();
    },
    60_000,
  );

  test('wrong types are validation errors on the right field', async () => {
    const cases: [Method, unknown, string][] = [
      ['softSkillResults', null, 'query'],
      ['softSkillResults', { skills: {} }, 'skills'],
      ['softSkillResults', { skills: ['2.B.1.a', 7] }, 'skills'],
      ['softSkillResults', { skills: ['2.B.1.a,2.B.1.b'] }, 'skills'],
      ['softSkillResults', { skills: ['\uD800'] }, 'skills'],
      ['softSkillResults', { skills: new Array(HUGE).fill('2.B.1.a') }, 'skills'],
      ['softSkillResults', { skills: ['2.B.1.a'], start: 1.5 }, 'start'],
      ['softSkillResults', { skills: ['2.B.1.a'], end: NaN }, 'end'],
      ['softSkillResults', { skills: ['2.B.1.a'], sort: { toString: () => 'title' } }, 'sort'],
      ['softSkillResults', { skills: ['2.B.1.a'], sorts: 'title' }, 'sorts'],
      ['softSkillResults', JSON.parse('{"skills": ["2.B.1.a"], "__proto__": {"polluted": 1}}'), '__proto__'],
      ['softSkillResults', Object.create({ skills: ['2.B.1.a'] }), 'skills'],
      [
        'softSkillResults',
        Object.defineProperty({}, 'skills', {
          enumerable: true,
          get: () => {
            throw new Error('getter exploded');
          },
        }),
        'query',
      ],
      ['softSkillResults', hostileProxy(), 'query'],
      ['searchOccupations', { keyword: undefined }, 'keyword'],
      ['searchOccupations', { keyword: () => 'widget' }, 'keyword'],
      ['searchOccupations', { keyword: 'a\uDC00b' }, 'keyword'],
      ['occupationActivities', undefined, 'code'],
      ['occupationActivities', Symbol('x'), 'code'],
      ['occupationActivities', { toString: () => '41-9941.00' }, 'code'],
      ['relatedActivities', { code: '41-9941.00', activities: [['4.A.1']] }, 'activities'],
      ['resolveActivities', { activities: [{}] }, 'activities'],
      ['resolveActivities', {}, 'activities'],
      ['listOccupations', { pageSize: [5] }, 'page_size'],
      ['listOccupations', { pageSize: 500 }, 'page_size'],
      ['listOccupations', { jobZone: Infinity }, 'job_zone'],
      ['listOccupations', { brightOutlook: 'maybe' }, 'bright_outlook'],
      ['listOccupations', 'page=2', 'query'],
      ['stemOccupations', { type: {} }, 'type'],
      ['stemOccupations', {}, 'type'],
      ['occupationDetails', { keyword: '41-9941.00', sections: { tasks: 'yes' } }, 'tasks'],
      ['occupationDetails', { keyword: '41-9941.00', sections: ['tasks'] }, 'sections'],
      ['occupationDetails', { keyword: '41-9941.00', sections: { tasks: {} } }, 'sections'],
      ['occupationDetails', { keyword: [1] }, 'keyword'],
      ['get', 42, 'route'],
    ];
    for (const [method, arg, field] of cases) {
      const outcome = await settle(method, arg);
      expect(outcome.ok, `${method}(${label(arg)}) resolved`).toBe(false);
      expect((outcome as { error: unknown }).error, `${method}(${label(arg)})`).toMatchObject({ name: 'OnetError', code: 'VALIDATION_ERROR', field });
    }
    // Valid typed arguments still answer exactly like the route.
    expect(await engine.softSkillResults({ skills: ['2.B.1.a', '2.B.1.b'], sort: 'title', start: 1, end: 5 })).toEqual(
      await engine.get('/online/soft_skills/results?skills=2.B.1.a,2.B.1.b&sort=title&start=1&end=5'),
    );
    const data = (body: unknown) => (body as { data: unknown }).data;
    expect(data(await engine.listOccupations({ page: 2, pageSize: 3, jobZone: 3 }))).toEqual(data(await engine.get('/v1/occupations?page=2&page_size=3&job_zone=3')));
    expectCleanPrototypes();
  }, 30_000);
});

/** A value created when the options are assembled (fresh signals; URLs that need the server's port). */
class Make {
  constructor(readonly create: () => unknown) {}
}
const make = (create: () => unknown) => new Make(create);

describe('openEngine() under generated options (300 option objects)', () => {
  test('every call opens an engine or rejects with a typed error, within the deadline', async () => {
    const opened: OnetEngine[] = [];
    const snapshot = fc.oneof(
      { weight: 6, arbitrary: fc.constant(make(() => `${base}/manifest.json`)) },
      {
        weight: 4,
        arbitrary: fc.constantFrom(
          make(() => `${base}/missing/manifest.json`),
          make(() => `${base}/garbage/manifest.json`),
          make(() => new URL(`${base}/manifest.json`)),
          make(() => 'relative/manifest.json'),
          make(() => 'http://[::1'),
          make(() => 'a:b'),
          make(() => 'javascript:alert(1)'),
          make(() => 'data:application/json,{}'),
          make(() => 'http://127.0.0.1:1/manifest.json'),
          make(() => ''),
          make(() => 42),
          make(() => null),
          make(() => ({ href: `${base}/manifest.json` })),
        ),
      },
    );
    const options = fc
      .record(
        {
          snapshot,
          mode: fc.oneof(fc.constantFrom('inline', 'auto', 'worker'), anything),
          storage: fc.oneof(fc.constantFrom('memory', 'indexeddb'), anything),
          dbName: fc.oneof(anyString, anything),
          timeoutMs: fc.oneof(fc.constantFrom(5_000, 1, 2 ** 31, 2 ** 31 - 1), anyNumber, anything),
          callTimeoutMs: fc.oneof(fc.constant(5_000), anyNumber, anything),
          offline: fc.oneof(fc.boolean(), anything),
          fallbackToInstalled: fc.oneof(fc.boolean(), anything),
          warmUp: fc.oneof(fc.boolean(), anything),
          onProgress: fc.oneof(
            fc.constantFrom(
              () => {},
              () => {
                throw new Error('listener bug');
              },
            ),
            anything,
          ),
          signal: fc.oneof(
            fc.constantFrom(
              make(() => AbortSignal.abort()),
              make(() => new AbortController().signal),
              make(() => ({ aborted: 'no' })),
            ),
            anything,
          ),
          workerUrl: fc.oneof(anyString, anything),
          createWorker: anything,
          extra: anything,
        },
        { requiredKeys: [] },
      )
      .map((o) => {
        const out: Record<string, unknown> = { ...o };
        for (const k of ['snapshot', 'signal'] as const) if (out[k] instanceof Make) out[k] = out[k].create();
        return out;
      });
    // Mostly the valid core with one or two hostile options, sometimes anything at all.
    const arg = fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .tuple(
            options,
            fc.subarray(
              ['mode', 'storage', 'dbName', 'timeoutMs', 'callTimeoutMs', 'offline', 'fallbackToInstalled', 'warmUp', 'onProgress', 'signal', 'workerUrl', 'createWorker', 'extra'],
              { maxLength: 2 },
            ),
          )
          .map(([o, keep]) => {
            const q: Record<string, unknown> = { snapshot: o.snapshot, mode: 'inline', storage: 'memory' };
            for (const k of keep) if (k in o) q[k] = o[k];
            return q;
          }),
      },
      { weight: 1, arbitrary: anything },
    );
    await fc.assert(
      fc.asyncProperty(arg, async (options) => {
        let promise: Promise<OnetEngine>;
        try {
          promise = openEngine(options as never);
        } catch (error) {
          throw new Error(`openEngine threw synchronously: ${String(error)}`, { cause: error });
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        const outcome = await Promise.race([
          promise.then(
            (e) => ({ ok: true as const, e }),
            (error: unknown) => ({ ok: false as const, error }),
          ),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`openEngine(${label(options)}) did not settle`)), 10_000))),
        ]).finally(() => clearTimeout(timer));
        if (outcome.ok) {
          opened.push(outcome.e);
          expect(outcome.e.summary.release).toBe('0.1');
          return;
        }
        const error = outcome.error as OnetError;
        ensure(error instanceof OnetError, () => `openEngine(${label(options)}) rejected with ${String(error)}`);
        ensure(
          ['VALIDATION_ERROR', 'NETWORK', 'TIMEOUT', 'ABORTED', 'NOT_AVAILABLE', 'SNAPSHOT_CORRUPT'].includes(error.code),
          () => `openEngine(${label(options)}) → ${error.code}: ${error.message}`,
        );
        if (error.code === 'VALIDATION_ERROR') ensure(!!error.field, () => `openEngine(${label(options)}): no field`);
      }),
      { numRuns: 300, seed: 4242 },
    );
    for (const e of opened) e.close();
    expect(opened.length).toBeGreaterThan(20);
    expectCleanPrototypes();
  }, 120_000);
});
