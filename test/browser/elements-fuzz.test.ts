/**
 * Property-based robustness of the web components' inputs in Chromium: generated hostile and
 * random values for every observed attribute and mirrored property of <onet-soft-skills> and
 * <onet-related-activities> (plus typing into the occupation combobox), against the fixture
 * snapshot. Each run mounts a fresh element, applies 1–6 generated changes and then a valid state.
 *
 * After every change: no uncaught error or unhandled rejection; the shadow root holds only the
 * component's own elements (no <img>/<script>/<iframe>, no on* or style attributes, no injected
 * links) and nothing is added to the light DOM; every `onet-error` has a documented code (never
 * INTERNAL; VALIDATION_ERROR names a field); a property set to a value of the wrong type is
 * reported as VALIDATION_ERROR on that attribute and ignored; getters keep their documented types.
 * After the valid state: the element renders results again.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ErrorCodes, openEngine, type OnetEngine } from '../../src/index.js';
import '../../src/define.js';
import { closeSharedEngines, configureSharedEngines, type OnetEventDetails, type OnetRelatedActivitiesElement, type OnetSoftSkillsElement } from '../../src/elements/index.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const RUNS = 200;
const manifest = `/${FIXTURE_MANIFEST}`;
const SALES = '41-9941.00';

let base: OnetEngine;
/** Engine calls in flight (through {@link tracked}). */
let pending = 0;
/** Uncaught errors and unhandled rejections seen by the page. */
const uncaught: string[] = [];
const onError = (e: ErrorEvent) => uncaught.push(`error: ${e.message}`);
const onRejection = (e: PromiseRejectionEvent) => uncaught.push(`unhandled rejection: ${String(e.reason)}`);

/** The engine with every call counted, so a test can wait until the element is idle. */
function tracked(engine: OnetEngine): OnetEngine {
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      pending++;
      const p = fn(...args);
      void p.then(
        () => pending--,
        () => pending--,
      );
      return p;
    };
  return {
    ...engine,
    get: wrap(engine.get),
    softSkills: wrap(engine.softSkills),
    softSkillResults: wrap(engine.softSkillResults),
    searchOccupations: wrap(engine.searchOccupations),
    occupationActivities: wrap(engine.occupationActivities),
    relatedActivities: wrap(engine.relatedActivities),
    resolveActivities: wrap(engine.resolveActivities),
  };
}
let engine: OnetEngine;

beforeAll(async () => {
  base = await openEngine({ snapshot: manifest, mode: 'inline', storage: 'memory' });
  engine = tracked(base);
  // Engines the elements open themselves (after `engine = null`): in-page, in memory, quick to fail.
  configureSharedEngines({ mode: 'inline', storage: 'memory', timeoutMs: 3_000 });
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});
afterAll(() => {
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  configureSharedEngines({});
  base.close();
});
afterEach(() => {
  document.body.replaceChildren();
  closeSharedEngines();
});

/** A macrotask without setTimeout's clamping (lets fetches, events and message ports make progress). */
const channel = new MessageChannel();
const nextTask = () =>
  new Promise<void>((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

/** Waits until no engine call is in flight and timers queued so far (debounce 0) have run. */
async function settle(): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < 15_000) {
    await nextTask();
    if (pending === 0) {
      await new Promise((r) => setTimeout(r, 0));
      if (pending === 0) return;
    }
  }
  throw new Error(`the element did not settle (${pending} engine calls pending)`);
}

// ---------------------------------------------------------------------------------------------
// Generated values

const hostileText = [
  '',
  ' ',
  ',',
  ',,,',
  '0',
  '-1',
  '1e9',
  '99999999999',
  '1.5',
  'NaN',
  'Infinity',
  '0x10',
  '２',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"><svg onload=window.__pwned=3>',
  'javascript:window.__pwned=4',
  '%',
  '%00',
  '\u0000',
  '\n',
  '\uD800',
  'a\uDC00',
  '😀',
  '\u202Eevil',
  'e\u0301',
  'ﬃ',
  '2.B.1.a',
  '2.B.1.a,2.B.1.b',
  ' 2.B.1.c , ,2.B.1.c',
  '2.B.1.z',
  'skills_covered',
  'my_matches',
  'title',
  'code',
  'zone',
  'shared',
  'similar',
  '41-9941.00',
  '41-9942.00',
  '99-9999.00',
  '41-9941',
  '4.A.4.a.1.I81.D03',
  '4.A.4.a.1.I81.D03,4.A.4.a.1.I81.D01',
  '5',
  '100',
  '101',
  '20',
];
const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileText) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => '2.B.1.a,'.repeat(Math.ceil(n / 8)).slice(0, n)) },
);
const SNAPSHOTS = [
  manifest,
  manifest,
  '',
  ' ',
  'snapshot/manifest.json',
  '/no/such/manifest.json',
  'http://[',
  '//[::1',
  'http://127.0.0.1:1/manifest.json',
  'javascript:window.__pwned=5',
  'data:application/json,{}',
  'data:text/html,<script>window.__pwned=6</script>',
  'about:blank',
  '<img src=x onerror="window.__pwned=7">',
  '\uD800',
  '%',
  '../'.repeat(30) + 'etc/passwd',
];
const anything = fc.oneof(
  { weight: 3, arbitrary: text },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      null,
      undefined,
      NaN,
      Infinity,
      -1,
      0,
      1.5,
      5,
      1e21,
      true,
      false,
      10n,
      Symbol('s'),
      () => 1,
      {},
      [],
      ['2.B.1.a', 5],
      [null],
      new Array(3),
      Object.create(null),
      JSON.parse('{"__proto__": {"polluted": true}}'),
      {
        toString: () => {
          throw new Error('toString');
        },
      },
      document.createElement('img'),
      new Date(),
    ),
  },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000, max: 1_000 }) },
  { weight: 1, arbitrary: fc.double() },
);

type Action = { kind: 'attr'; name: string; value: string | null } | { kind: 'prop'; name: string; value: unknown } | { kind: 'type'; value: string };

const attr = (names: readonly string[]) =>
  fc.record({
    kind: fc.constant('attr' as const),
    name: fc.constantFrom(...names),
    value: fc.oneof({ weight: 8, arbitrary: text }, { weight: 1, arbitrary: fc.constant(null) }),
  });
const prop = (names: readonly string[]) => fc.record({ kind: fc.constant('prop' as const), name: fc.constantFrom(...names), value: anything });
const snapshotChange = fc.oneof(
  fc.record({ kind: fc.constant('attr' as const), name: fc.constant('snapshot'), value: fc.constantFrom(...SNAPSHOTS) }),
  fc.record({ kind: fc.constant('prop' as const), name: fc.constant('engine'), value: fc.constantFrom<unknown>(null, 'live') }),
);

const SOFT_ATTRS = ['page-size', 'sort', 'skills'];
const RELATED_ATTRS = ['page-size', 'sort', 'occupation', 'activities'];
const softActions = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: attr(SOFT_ATTRS) },
    { weight: 4, arbitrary: prop(['pageSize', 'sort', 'skills', 'snapshot', 'engine']) },
    { weight: 1, arbitrary: snapshotChange },
  ),
  { minLength: 1, maxLength: 6 },
);
const relatedActions = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: attr(RELATED_ATTRS) },
    { weight: 4, arbitrary: prop(['pageSize', 'sort', 'occupation', 'activities', 'snapshot', 'engine', 'debounce']) },
    { weight: 1, arbitrary: snapshotChange },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('type' as const), value: text }) },
  ),
  { minLength: 1, maxLength: 6 },
);

// ---------------------------------------------------------------------------------------------
// Checks

const OWN_TAGS = new Set([
  'div',
  'span',
  'progress',
  'select',
  'option',
  'label',
  'p',
  'ol',
  'ul',
  'li',
  'button',
  'a',
  'fieldset',
  'legend',
  'input',
  'details',
  'summary',
  'strong',
  'meter',
  'code',
  'bdi',
]);
const OWN_LINKS = new Set(['https://www.onetcenter.org/', 'https://creativecommons.org/licenses/by/4.0/']);
const CODES = new Set<string>(Object.keys(ErrorCodes));
const label = (v: unknown) => {
  try {
    if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v);
    if (typeof v === 'symbol' || typeof v === 'bigint' || typeof v === 'function') return String(v);
    return JSON.stringify(v)?.slice(0, 80) ?? String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
};

function checkInert(el: HTMLElement, what: () => string): void {
  const root = el.shadowRoot!;
  for (const node of root.querySelectorAll('*')) {
    const tag = node.localName;
    if (!OWN_TAGS.has(tag)) expect.fail(`<${tag}> inside the shadow root after ${what()}`);
    for (const a of node.getAttributeNames()) if (/^on/i.test(a) || a === 'style' || a === 'srcdoc') expect.fail(`${tag}[${a}] after ${what()}`);
    if (tag === 'a' && !OWN_LINKS.has((node as HTMLAnchorElement).href)) expect.fail(`link to ${(node as HTMLAnchorElement).href} after ${what()}`);
  }
  if (el.childNodes.length !== 0) expect.fail(`light DOM children after ${what()}`);
  if ((window as { __pwned?: unknown }).__pwned !== undefined) expect.fail(`payload ran after ${what()}`);
  if (uncaught.length) expect.fail(`${uncaught.join('; ')} after ${what()}`);
  // The alert shows a documented code, as text.
  const code = root.querySelector('[part=error-code]');
  if (code && !CODES.has(code.textContent ?? '')) expect.fail(`alert code ${code.textContent} after ${what()}`);
}

function checkErrors(errors: OnetEventDetails['onet-error'][], what: () => string): void {
  for (const e of errors) {
    if (!CODES.has(e.code) || e.code === 'INTERNAL') expect.fail(`onet-error ${e.code} (${e.message}) after ${what()}`);
    if (e.code === 'VALIDATION_ERROR' && !e.field) expect.fail(`VALIDATION_ERROR without field (${e.message}) after ${what()}`);
    if (typeof e.message !== 'string' || !e.message) expect.fail(`onet-error without message after ${what()}`);
  }
}

/** Attribute of a mirrored property. */
const ATTRIBUTE: Record<string, string> = {
  pageSize: 'page-size',
  sort: 'sort',
  skills: 'skills',
  snapshot: 'snapshot',
  occupation: 'occupation',
  activities: 'activities',
  engine: 'engine',
  debounce: 'debounce',
};

/** True when the property setter must refuse `value` (docs/components.md, "Attributes and properties"). */
function refused(name: string, value: unknown): boolean {
  if (name === 'engine') return value !== null && value !== undefined && value !== 'live';
  if (name === 'debounce') return false; // a plain field: anything else than 0…2^31−1 ms is used as 200
  if (value === null || value === undefined || typeof value === 'string') return false;
  if (name === 'pageSize') return typeof value !== 'number';
  if (name === 'skills' || name === 'activities') return !(Array.isArray(value) && value.every((v) => typeof v === 'string'));
  return true;
}

/** Applies one action; returns a description for messages. */
function apply(el: HTMLElement, action: Action, errors: OnetEventDetails['onet-error'][]): string {
  const element = el as unknown as Record<string, unknown>;
  if (action.kind === 'attr') {
    if (action.value === null) el.removeAttribute(action.name);
    else el.setAttribute(action.name, action.value);
    return `setAttribute(${action.name}, ${label(action.value)})`;
  }
  if (action.kind === 'type') {
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part=input]')!;
    input.focus();
    input.value = action.value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return `typed ${label(action.value)}`;
  }
  const { name } = action;
  const value = name === 'engine' && action.value === 'live' ? engine : action.value;
  const before = errors.length;
  const attribute = el.getAttribute(ATTRIBUTE[name]!);
  element[name] = value;
  const what = `.${name} = ${label(action.value)}`;
  if (refused(name, action.value)) {
    const report = errors[before];
    if (!report || report.code !== 'VALIDATION_ERROR' || report.field !== ATTRIBUTE[name])
      expect.fail(`${what} was not reported as VALIDATION_ERROR on ${ATTRIBUTE[name]}: ${JSON.stringify(report)}`);
    if (el.getAttribute(ATTRIBUTE[name]!) !== attribute) expect.fail(`${what} changed the attribute although it was refused`);
  } else if (errors.length > before && errors[before]!.code === 'VALIDATION_ERROR' && errors[before]!.message.startsWith(`"${ATTRIBUTE[name]}" cannot be`)) {
    expect.fail(`${what} was refused although it is valid`);
  }
  return what;
}

/** The getters keep their documented types whatever was set. */
function checkGetters(el: OnetSoftSkillsElement | OnetRelatedActivitiesElement, sorts: readonly string[], what: () => string): void {
  const ok =
    Number.isInteger(el.pageSize) &&
    el.pageSize >= 1 &&
    el.pageSize <= 100 &&
    sorts.includes(el.sort) &&
    typeof el.snapshot === 'string' &&
    el.snapshot.length > 0 &&
    ('skills' in el ? Array.isArray(el.skills) && el.skills.every((s) => typeof s === 'string' && s === s.trim() && s !== '' && !s.includes(',')) : true) &&
    ('occupation' in el ? typeof el.occupation === 'string' && Array.isArray(el.activities) && el.activities.every((s) => typeof s === 'string') : true);
  if (!ok) expect.fail(`getters out of their types after ${what()}`);
}

async function fuzz(
  tag: 'onet-soft-skills' | 'onet-related-activities',
  actions: fc.Arbitrary<Action[]>,
  sorts: readonly string[],
  valid: (el: HTMLElement) => void,
  seed: number,
): Promise<number> {
  let count = 0;
  await fc.assert(
    fc.asyncProperty(actions, async (steps) => {
      document.body.replaceChildren();
      const el = document.createElement(tag) as OnetSoftSkillsElement | OnetRelatedActivitiesElement;
      const errors: OnetEventDetails['onet-error'][] = [];
      el.addEventListener('onet-error', (e) => errors.push(e.detail));
      el.engine = engine;
      if ('debounce' in el) el.debounce = 0;
      document.body.append(el);
      await settle();
      const done: string[] = [];
      const what = () => done.join(' → ');
      for (const step of steps) {
        done.push(apply(el, step, errors));
        count++;
        await settle();
        checkInert(el, what);
        checkErrors(errors, what);
        checkGetters(el, sorts, what);
      }
      // Back to a valid state: the element still works.
      const results = new Promise<OnetEventDetails['onet-results']>((resolve) => el.addEventListener('onet-results', (e) => e.detail.list === 'results' && resolve(e.detail)));
      el.engine = engine;
      valid(el);
      await settle();
      const shown = await Promise.race([results, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      if (!shown || shown.total === 0) expect.fail(`no results after returning to a valid state from ${what()}`);
      await settle();
      if (el.shadowRoot!.querySelectorAll('[part=result]').length === 0) expect.fail(`no result rendered after ${what()}`);
      if (el.shadowRoot!.querySelector('[part=error]')!.textContent !== '') expect.fail(`an error is still shown after ${what()}`);
      checkInert(el, what);
    }),
    { numRuns: RUNS, seed },
  );
  return count;
}

describe(`element attributes and properties under generated input (${RUNS} runs per element, 1–6 changes each: about 700 generated values per element)`, () => {
  test('<onet-soft-skills>', async () => {
    const count = await fuzz(
      'onet-soft-skills',
      softActions,
      ['skills_covered', 'my_matches', 'title', 'code', 'zone'],
      (el) => {
        el.setAttribute('skills', '2.B.1.a,2.B.1.b');
        el.removeAttribute('page-size');
        el.setAttribute('sort', 'title');
      },
      31,
    );
    expect(count).toBeGreaterThanOrEqual(600);
    expect(Object.keys(Object.prototype)).toEqual([]);
  }, 120_000);

  test('<onet-related-activities>', async () => {
    const count = await fuzz(
      'onet-related-activities',
      relatedActions,
      ['shared', 'similar', 'title', 'code', 'zone'],
      (el) => {
        el.setAttribute('occupation', SALES);
        el.removeAttribute('activities');
        el.removeAttribute('page-size');
        el.setAttribute('sort', 'shared');
      },
      32,
    );
    expect(count).toBeGreaterThanOrEqual(600);
    expect(Object.keys(Object.prototype)).toEqual([]);
  }, 120_000);

  test('wrong-type properties are reported on their attribute and ignored', async () => {
    const el = document.createElement('onet-soft-skills');
    const errors: OnetEventDetails['onet-error'][] = [];
    el.addEventListener('onet-error', (e) => errors.push(e.detail));
    el.skills = ['2.B.1.a'];
    el.skills = 'oops' as never; // a string is the comma-separated value itself
    expect(el.skills).toEqual(['oops']);
    el.skills = [1, 2] as never;
    el.pageSize = { valueOf: () => 5 } as never;
    el.sort = Symbol('title') as never;
    el.engine = { get: 'not a function' } as never;
    el.snapshot = 42 as never;
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['VALIDATION_ERROR', 'skills'],
      ['VALIDATION_ERROR', 'page-size'],
      ['VALIDATION_ERROR', 'sort'],
      ['VALIDATION_ERROR', 'engine'],
      ['VALIDATION_ERROR', 'snapshot'],
    ]);
    expect([el.getAttribute('skills'), el.getAttribute('page-size'), el.getAttribute('sort'), el.getAttribute('snapshot'), el.engine]).toEqual(['oops', null, null, null, null]);
    el.skills = null as never;
    expect(el.hasAttribute('skills')).toBe(false);
    const related = document.createElement('onet-related-activities');
    related.addEventListener('onet-error', (e) => errors.push(e.detail));
    related.activities = [null] as never;
    related.occupation = 41 as never;
    related.activities = null;
    expect(errors.slice(-2).map((e) => e.field)).toEqual(['activities', 'occupation']);
    expect(related.hasAttribute('activities')).toBe(false);
  });

  test('a snapshot attribute that is not a URL is a VALIDATION_ERROR on snapshot', async () => {
    const el = document.createElement('onet-soft-skills');
    el.setAttribute('snapshot', 'http://[');
    const error = new Promise<OnetEventDetails['onet-error']>((resolve) => el.addEventListener('onet-error', (e) => resolve(e.detail), { once: true }));
    document.body.append(el);
    expect(await error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'snapshot' });
  });
});
