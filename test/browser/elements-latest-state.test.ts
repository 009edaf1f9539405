/**
 * Only the latest state renders. Property-based, in Chromium, against the fixture snapshot in a real
 * Worker: each run mounts an element, lets it settle on a generated starting state, then applies a
 * generated burst of attribute changes (occupation, activities, skills, sort, page-size) a few
 * milliseconds apart or less (same task, next microtask, next task, a 1–4 ms timer), while every
 * engine answer is delayed by a generated 0–6 ms (so answers come back in any order, as they do
 * from a busy Worker). Once no engine call is in flight, the render must be exactly the one the
 * final attributes ask for: the occupation in step 2's legend and input, its activities and which
 * are checked, the ranked results (codes, in order), the range, the status and the alert — the same
 * answers the engine gives for that state, asked directly.
 *
 * Before every element request was tied to the render that made it, `occupation` X → Y → X within a
 * few ms left the attribute saying X while the legend, activities and results showed Y.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { openEngine, type OnetEngine } from '../../src/index.js';
import '../../src/define.js';
import type { OnetEventDetails, OnetRelatedActivitiesElement, OnetSoftSkillsElement } from '../../src/elements/index.js';
import { toOnetError } from '../../src/errors.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const RUNS = 100;
/** Occupations of the fixture (with and without activities), one that does not exist, and junk. */
const OCCUPATIONS = ['11-9941.00', '15-2941.00', '41-9941.00', '41-9942.00', '43-9941.00', '51-9941.00', '53-7941.00', '99-9999.00', ' 41-9941.00 ', ''];
const SKILLS = ['2.B.1.a', '2.B.1.b', '2.B.1.c', '2.B.1.d', '2.B.1.e', '2.B.1.f', '2.A.2.b', '2.B.2.i', '2.Z.9.z'];
const RELATED_SORTS = ['shared', 'similar', 'title', 'code', 'zone', 'bogus'];
const SOFT_SORTS = ['skills_covered', 'my_matches', 'title', 'code', 'zone', 'bogus'];
const PAGE_SIZES = ['1', '2', '3', '20', '0', 'x'];

let engine: OnetEngine;
/** Every DWA id of the fixture occupations above (activities values are drawn from these). */
let dwas: string[] = [];

beforeAll(async () => {
  engine = await openEngine({ snapshot: `/${FIXTURE_MANIFEST}`, dbName: `onet-match-test-${crypto.randomUUID()}` });
  const lists = await Promise.all(OCCUPATIONS.map((code) => engine.occupationActivities(code.trim()).catch(() => [])));
  dwas = [...new Set(lists.flat().map((a) => a.id))];
});
afterAll(() => engine.close());
afterEach(() => document.body.replaceChildren());

// ---------------------------------------------------------------------------------------------
// A slow, out-of-order engine

/** Engine calls in flight. */
let pending = 0;

/** `engine` with every answer (or error) held back by the next of `delays` ms (cycled). */
function jittered(delays: readonly number[]): OnetEngine {
  let i = 0;
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      pending++;
      const ms = delays.length ? delays[i++ % delays.length]! : 0;
      try {
        const settled = await fn(...args).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        await new Promise((r) => setTimeout(r, ms));
        if ('error' in settled) throw settled.error;
        return settled.value;
      } finally {
        pending--;
      }
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

/** A macrotask without setTimeout's clamping. */
const channel = new MessageChannel();
const nextTask = () =>
  new Promise<void>((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

/** Waits until no engine call is in flight and the element had a few tasks to render. */
async function settle(): Promise<void> {
  const started = performance.now();
  let quiet = 0;
  while (performance.now() - started < 15_000) {
    await new Promise((r) => setTimeout(r, 0));
    quiet = pending === 0 ? quiet + 1 : 0;
    if (quiet >= 3) return;
  }
  throw new Error(`the element did not settle (${pending} engine calls pending)`);
}

// ---------------------------------------------------------------------------------------------
// Generated bursts

type Gap = 'none' | 'microtask' | 'task' | 1 | 2 | 3 | 4;
interface Change {
  readonly name: string;
  readonly value: string | null;
  /** How long to wait before the next change. */
  readonly gap: Gap;
}

const gap = fc.constantFrom<Gap>('none', 'microtask', 'task', 'task', 1, 2, 3, 4);
const change = (values: Record<string, fc.Arbitrary<string | null>>) =>
  fc.oneof(...Object.entries(values).map(([name, value]) => fc.record({ name: fc.constant(name), value, gap })));
const orNull = (a: fc.Arbitrary<string>) => fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });

const relatedChange = () =>
  change({
    occupation: orNull(fc.constantFrom(...OCCUPATIONS)),
    activities: orNull(fc.subarray(dwas).map((ids) => ids.join(','))),
    sort: orNull(fc.constantFrom(...RELATED_SORTS)),
    'page-size': orNull(fc.constantFrom(...PAGE_SIZES)),
  });
const softChange = () =>
  change({
    skills: orNull(fc.subarray(SKILLS, { maxLength: 4 }).map((s) => s.join(','))),
    sort: orNull(fc.constantFrom(...SOFT_SORTS)),
    'page-size': orNull(fc.constantFrom(...PAGE_SIZES)),
  });

/** A burst that favours the occupation going back and forth (X → Y → X), the shape of the race. */
const relatedBurst = () =>
  fc.oneof(
    fc.array(relatedChange(), { minLength: 1, maxLength: 8 }),
    fc
      .tuple(fc.constantFrom(...OCCUPATIONS.slice(0, 7)), fc.constantFrom(...OCCUPATIONS.slice(0, 7)), gap, gap, fc.array(relatedChange(), { maxLength: 3 }))
      .map(([x, y, g1, g2, rest]): Change[] => [{ name: 'occupation', value: y, gap: g1 }, { name: 'occupation', value: x, gap: g2 }, ...rest]),
  );

async function wait(g: Exclude<Gap, 'none'>): Promise<void> {
  if (g === 'microtask') await null;
  else if (g === 'task') await nextTask();
  else await new Promise((r) => setTimeout(r, g));
}

function apply(el: HTMLElement, c: Change): void {
  if (c.value === null) el.removeAttribute(c.name);
  else el.setAttribute(c.name, c.value);
}

const describeRun = (start: readonly Change[], burst: readonly Change[]) =>
  `start ${start.map((c) => `${c.name}=${JSON.stringify(c.value)}`).join(' ')}; burst ${burst.map((c) => `${c.name}=${JSON.stringify(c.value)} (${c.gap})`).join(' → ')}`;

// ---------------------------------------------------------------------------------------------
// What the final attributes ask for

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const unique = (value: string | null) => [
  ...new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/** What the element shows, in comparable form. */
function rendered(el: HTMLElement) {
  const alert = $(el, '[part=error]');
  return {
    error: alert.querySelector('[part=error-code]')?.textContent ?? (alert.textContent || null),
    results: $$(el, '[part=result] [part=code]').map((c) => c.textContent),
    range: $(el, '[part=range]').textContent,
    status: $(el, '[part=status]').textContent,
    busy: $(el, '[part=results]').hasAttribute('aria-busy'),
  };
}

/** The page the engine gives for `ask`, in the form of {@link rendered}. */
async function expectedPage(ask: () => Promise<{ start: number; end: number; total: number; occupation: readonly { code: string }[] }>, emptyStatus: string) {
  try {
    const page = await ask();
    const fmt = (n: number) => n.toLocaleString('en-US');
    const { start, end, total } = page;
    return {
      error: null,
      results: page.occupation.map((o) => o.code),
      range: total ? `${fmt(start)}–${fmt(end)} of ${fmt(total)}` : '',
      status: total
        ? `${total === 1 ? '1 occupation matches' : `${fmt(total)} occupations match`}.${total > end - start + 1 ? ` Showing ${fmt(start)}–${fmt(end)}.` : ''}`
        : emptyStatus,
      busy: false,
    };
  } catch (error) {
    return { error: toOnetError(error).code, results: [], range: expect.any(String), status: '', busy: false };
  }
}

async function checkRelated(el: OnetRelatedActivitiesElement, what: string): Promise<void> {
  const code = (el.getAttribute('occupation') ?? '').trim();
  const step2 = $(el, '[part=activities]');
  const output = $(el, '[part=results]').parentElement!;
  if (!code) {
    expect(step2.hidden && output.hidden, `nothing shown without an occupation: ${what}`).toBe(true);
    return;
  }
  let activities;
  try {
    activities = await engine.occupationActivities(code);
  } catch (error) {
    expect({ hidden: step2.hidden, error: rendered(el).error }, what).toEqual({ hidden: true, error: toOnetError(error).code });
    return;
  }
  const found = await engine.searchOccupations({ keyword: code, end: 1 });
  const title = found.occupation.find((o) => o.code === code)?.title ?? code;
  const known = new Set(activities.map((a) => a.id));
  const attr = el.getAttribute('activities');
  const ids = attr === null ? activities.map((a) => a.id) : unique(attr).filter((id) => known.has(id));
  const boxes = $$(el, '[part=activity] input') as HTMLInputElement[];
  expect(
    {
      hidden: step2.hidden,
      legend: step2.querySelector('legend')!.textContent,
      input: ($(el, '[part=input]') as HTMLInputElement).value,
      activities: boxes.map((b) => b.value),
      checked: boxes.filter((b) => b.checked).map((b) => b.value),
      ...rendered(el),
    },
    what,
  ).toEqual({
    hidden: false,
    legend: `2. Choose the activities you do as ${title}`,
    input: title,
    activities: activities.map((a) => a.id),
    checked: activities.map((a) => a.id).filter((id) => ids.includes(id)),
    ...(ids.length === 0
      ? { error: null, results: [], range: expect.any(String), status: activities.length ? 'Select at least one activity to see related occupations.' : '', busy: false }
      : await expectedPage(() => engine.relatedActivities({ code, activities: ids, sort: el.sort, start: 1, end: el.pageSize }), 'No occupations match.')),
  });
}

async function checkSoft(el: OnetSoftSkillsElement, what: string): Promise<void> {
  const skills = unique(el.getAttribute('skills'));
  const boxes = $$(el, '[part=skill] input') as HTMLInputElement[];
  expect({ checked: boxes.filter((b) => b.checked).map((b) => b.value), ...rendered(el) }, what).toEqual({
    checked: boxes.map((b) => b.value).filter((v) => skills.includes(v)),
    ...(skills.length === 0
      ? { error: null, results: [], range: expect.any(String), status: 'Select one or more soft skills to see matching occupations.', busy: false }
      : await expectedPage(() => engine.softSkillResults({ skills, sort: el.sort as never, start: 1, end: el.pageSize }), 'No occupations match.')),
  });
}

// ---------------------------------------------------------------------------------------------

async function run(tag: 'onet-related-activities' | 'onet-soft-skills', start: readonly Change[], burst: readonly Change[], delays: readonly number[]): Promise<void> {
  document.body.replaceChildren();
  const el = document.createElement(tag);
  const errors: OnetEventDetails['onet-error'][] = [];
  el.addEventListener('onet-error', (e) => errors.push(e.detail));
  for (const c of start) apply(el, c);
  el.engine = jittered(delays);
  document.body.append(el);
  await settle();
  for (const c of burst) {
    apply(el, c);
    if (c.gap !== 'none') await wait(c.gap); // 'none': the next change in the same task, before any microtask
  }
  await settle();
  const what = describeRun(start, burst);
  if (tag === 'onet-related-activities') await checkRelated(el as OnetRelatedActivitiesElement, what);
  else await checkSoft(el as OnetSoftSkillsElement, what);
  for (const e of errors) expect(e.code, what).not.toBe('INTERNAL');
}

const delays = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 12 });

describe(`only the latest state renders (${RUNS} generated bursts of attribute changes per element)`, () => {
  test('<onet-related-activities>: occupation, activities, sort and page-size changed a few ms apart', async () => {
    const start = fc
      .tuple(fc.constantFrom(...OCCUPATIONS.slice(0, 7)), fc.array(relatedChange(), { maxLength: 2 }))
      .map(([code, rest]): Change[] => [{ name: 'occupation', value: code, gap: 'none' }, ...rest]);
    await fc.assert(
      fc.asyncProperty(start, relatedBurst(), delays, (s, b, d) => run('onet-related-activities', s, b, d)),
      { numRuns: RUNS, seed: 41 },
    );
  }, 180_000);

  test('<onet-soft-skills>: skills, sort and page-size changed a few ms apart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(softChange(), { maxLength: 2 }), fc.array(softChange(), { minLength: 1, maxLength: 8 }), delays, (s, b, d) => run('onet-soft-skills', s, b, d)),
      { numRuns: RUNS, seed: 42 },
    );
  }, 180_000);

  test('occupation X → Y → X within a few ms shows X (the reported race, replayed 5 times)', async () => {
    for (let trial = 0; trial < 5; trial++) {
      await run(
        'onet-related-activities',
        [{ name: 'occupation', value: '41-9941.00', gap: 'none' }],
        [
          { name: 'occupation', value: '51-9941.00', gap: 2 },
          { name: 'occupation', value: '41-9941.00', gap: 'none' },
        ],
        [trial],
      );
    }
  }, 60_000);
});
