/**
 * Accessibility (axe-core, zero violations in the initial, results and error states) and safety
 * (hostile data and attributes render as text, never as markup) of both components.
 */
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { OnetError, openEngine, type OnetEngine } from '../../src/index.js';
import '../../src/define.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';
import { next } from './support/events.js';

const manifest = `/${FIXTURE_MANIFEST}`;
const ALL = ['2.B.1.a', '2.B.1.b', '2.B.1.c', '2.B.1.d', '2.B.1.e', '2.B.1.f', '2.A.2.b', '2.B.2.i'];
let engine: OnetEngine;

declare global {
  interface Window {
    __pwned?: number;
  }
}

beforeAll(async () => {
  engine = await openEngine({ snapshot: manifest, dbName: `onet-match-test-${crypto.randomUUID()}` });
});
afterAll(() => engine.close());
afterEach(() => {
  document.body.replaceChildren();
  delete window.__pwned;
});

function mount<K extends 'onet-soft-skills' | 'onet-related-activities'>(tag: K, attrs: Record<string, string> = {}, using: OnetEngine = engine): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.engine = using;
  if ('debounce' in el) el.debounce = 0;
  const main = document.createElement('main');
  main.append(el);
  document.body.append(main);
  return el;
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;

/** axe on the element (it walks open shadow roots); returns "rule: targets" lines for readable failures. */
async function violations(el: Element): Promise<string[]> {
  const result = await axe.run(el, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')} — ${v.help}`);
}

describe('axe-core: no violations', () => {
  test('<onet-soft-skills>: initial, results (with a details open) and error states', async () => {
    const el = mount('onet-soft-skills', { 'page-size': '5' });
    await next(el, 'onet-ready');
    await expect.poll(() => el.shadowRoot!.querySelectorAll('input[type=checkbox]').length).toBe(8);
    expect(await violations(el)).toEqual([]);

    const shown = next(el, 'onet-results');
    el.skills = ALL;
    await shown;
    $<HTMLDetailsElement>(el, 'details').open = true;
    expect(el.shadowRoot!.querySelectorAll('[part=result]').length).toBe(5);
    expect(await violations(el)).toEqual([]);

    const failed = next(el, 'onet-error');
    el.skills = ['nope'];
    await failed;
    expect($(el, '[role=alert]').textContent).toContain('VALIDATION_ERROR');
    expect(await violations(el)).toEqual([]);
  });

  test('<onet-related-activities>: initial, suggestions open, results and error states', async () => {
    const el = mount('onet-related-activities');
    await next(el, 'onet-ready');
    expect(await violations(el)).toEqual([]);

    const input = $<HTMLInputElement>(el, 'input');
    await userEvent.click(input);
    const found = next(el, 'onet-results', (d) => d.route.includes('keyword=widget%20sales'));
    await userEvent.keyboard('widget sales');
    await found;
    await userEvent.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(await violations(el)).toEqual([]);

    const shown = next(el, 'onet-results', (d) => d.list === 'results');
    await userEvent.keyboard('{Enter}');
    await shown;
    $<HTMLDetailsElement>(el, '[part=result] details').open = true;
    expect(await violations(el)).toEqual([]);

    const failed = next(el, 'onet-error');
    el.occupation = '12-nope';
    await failed;
    expect(await violations(el)).toEqual([]);
  });

  test('while the snapshot installs (progress bar) and after it failed', async () => {
    const el = document.createElement('onet-soft-skills');
    el.snapshot = '/no/such/manifest.json';
    const failed = next(el, 'onet-error');
    document.body.append(el);
    await Promise.resolve();
    expect($(el, '[part=progress]').hidden).toBe(false);
    expect(await violations(el)).toEqual([]);
    await failed;
    expect(await violations(el)).toEqual([]);
  });
});

describe('the axe check itself', () => {
  test('sees problems inside the shadow root', async () => {
    const el = mount('onet-soft-skills');
    await next(el, 'onet-ready');
    el.shadowRoot!.querySelector('[part=picker]')!.append(document.createElement('input'), document.createElement('button'));
    const found = await violations(el);
    expect(found.some((v) => v.startsWith('label'))).toBe(true);
    expect(found.some((v) => v.startsWith('button-name'))).toBe(true);
  });
});

describe('keyboard focus is visible', () => {
  test('controls get a focus outline from the stylesheet', async () => {
    const el = mount('onet-soft-skills');
    await expect.poll(() => el.shadowRoot!.querySelectorAll('input[type=checkbox]').length).toBe(8);
    await userEvent.tab();
    const focused = el.shadowRoot!.activeElement!;
    expect(focused.matches(':focus-visible')).toBe(true);
    const style = getComputedStyle(focused);
    expect(style.outlineStyle).toBe('solid');
    expect(Number.parseFloat(style.outlineWidth)).toBeGreaterThanOrEqual(2);
  });
});

// ---------------------------------------------------------------------------------------------
// Injection

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const BOTH = `${IMG}${SCRIPT}<b>bold</b>`;

/** An engine whose every string is markup. */
function hostileEngine(): OnetEngine {
  const job_zone = { code: 2, title: BOTH };
  const activities = [
    { id: '4.A.1', title: IMG },
    { id: '4.A.2', title: SCRIPT },
  ];
  const fail = () => Promise.reject(new OnetError('NOT_AVAILABLE', BOTH, { field: IMG }));
  return {
    mode: 'inline',
    summary: {
      source: 'network',
      storage: 'memory',
      release: BOTH,
      sha256: BOTH,
      info: { release: BOTH, source: BOTH, attribution: `Attribution ${BOTH}` },
      warnings: [BOTH],
      updateError: null,
      storageError: null,
      stale: false,
      previousRelease: null,
      repaired: null,
      installing: false,
      persisted: null,
    },
    get: fail,
    installed: () => Promise.reject(new OnetError('NOT_AVAILABLE', BOTH)),
    softSkills: async () => ({
      social: [{ code: '2.B.1.b', title: IMG, description: SCRIPT, example: [{ level: 28, description: BOTH }] }],
      thinking: [{ code: '2.A.2.b', title: SCRIPT, description: IMG, example: [] }],
    }),
    softSkillResults: async () => ({
      start: 1,
      end: 1,
      total: 1,
      occupation: [
        {
          href: 'javascript:window.__pwned=3',
          code: IMG,
          title: SCRIPT,
          tags: { bright_outlook: true },
          job_zone,
          skills_matched: [{ code: '2.B.1.b', title: IMG, level: 50, importance: 50 }],
          skills_other: [{ code: '2.A.2.b', title: SCRIPT, level: 50, importance: 50 }],
        },
      ],
    }),
    searchOccupations: async () => ({ start: 1, end: 1, total: 1, occupation: [{ href: BOTH, code: '41-9942.00', title: BOTH, tags: {} }] }),
    occupationActivities: async () => activities,
    resolveActivities: async (q) => ({ activities: q.activities.map((given) => ({ given, id: activities[0]!.id, title: BOTH })) }),
    relatedActivities: async () => ({
      start: 1,
      end: 1,
      total: 1,
      occupation: [{ href: BOTH, code: IMG, title: SCRIPT, tags: {}, job_zone, activities: { shared: [activities[0]!], similar: [activities[1]!], full: activities } }],
    }),
    listOccupations: fail,
    stemTypes: fail,
    stemOccupations: fail,
    occupationDetails: fail,
    careerChangers: async () => ({
      start: 1,
      end: 1,
      total: 1,
      occupation: [
        {
          href: BOTH,
          code: IMG,
          title: SCRIPT,
          tags: { bright_outlook: true },
          job_zone,
          similarity: 80,
          strengths: { skills: [{ code: '2.A.1.a', title: IMG, domain: 'skills', current_level: 50, required_level: 50, importance: 60 }], knowledge: [], shared_activities: 2 },
          to_learn: [{ code: '2.C.1.e', title: SCRIPT, domain: 'knowledge', current_level: 20, required_level: 60, importance: 70 }],
        },
      ],
    }),
    careerChangersForSkills: fail,
    rateableSkills: fail,
    interestResults: async () => ({
      start: 1,
      end: 1,
      total: 1,
      occupation: [
        { href: BOTH, code: IMG, title: SCRIPT, tags: {}, job_zone, fit: 90, fit_label: 'great', high_point: BOTH, matching_interests: [{ letter: 'S', title: IMG, score: 80 }] },
      ],
    }),
    close() {},
  };
}

/** No element of the payloads exists in the shadow root and nothing ran. */
function assertInert(el: Element): void {
  const root = el.shadowRoot!;
  expect(root.querySelectorAll('img, script, b, iframe, object, embed, [onerror]')).toHaveLength(0);
  expect(root.querySelectorAll('style, [style]')).toHaveLength(0);
  expect(window.__pwned).toBeUndefined();
}

describe('no HTML injection', () => {
  test('<onet-soft-skills> renders hostile data as text', async () => {
    const el = mount('onet-soft-skills', {}, hostileEngine());
    const shown = next(el, 'onet-results');
    await expect.poll(() => el.shadowRoot!.querySelectorAll('input[type=checkbox]').length).toBe(2);
    await userEvent.click($(el, 'input[type=checkbox]'));
    await shown;
    const text = el.shadowRoot!.textContent!;
    for (const payload of [IMG, SCRIPT, BOTH]) expect(text).toContain(payload);
    expect($(el, 'label').textContent).toBe(IMG);
    expect($(el, '[part=result] [part=title]').textContent).toBe(SCRIPT);
    expect($(el, '[part=attribution]').textContent).toContain(`Attribution ${BOTH}`);
    // No link is built from data (the result's href is not rendered).
    expect([...el.shadowRoot!.querySelectorAll('a')].map((a) => a.protocol)).toEqual(['https:', 'https:']);
    assertInert(el);
  });

  test('<onet-related-activities> renders hostile suggestions, activities and results as text', async () => {
    const el = mount('onet-related-activities', {}, hostileEngine());
    await next(el, 'onet-ready');
    const input = $<HTMLInputElement>(el, 'input');
    await userEvent.click(input);
    const found = next(el, 'onet-results', (d) => d.route.includes('keyword=widget&'));
    await userEvent.keyboard('widget');
    await found;
    expect($(el, '[role=option]').firstChild?.textContent).toBe(BOTH);
    const shown = next(el, 'onet-results', (d) => d.list === 'results');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await shown;
    expect(input.value).toBe(BOTH);
    expect($(el, 'legend').textContent).toContain(BOTH);
    expect($(el, '[part=activity] label').textContent).toBe(IMG);
    expect($(el, '[part=result] [part=title]').textContent).toBe(SCRIPT);
    expect($(el, '[part=result] [part=zone]').textContent).toBe(BOTH);
    assertInert(el);
  });

  test('error messages and fields with markup render as text', async () => {
    const el = mount(
      'onet-related-activities',
      { occupation: '41-9942.00' },
      {
        ...hostileEngine(),
        occupationActivities: () => Promise.reject(new OnetError('VALIDATION_ERROR', BOTH, { field: IMG })),
      },
    );
    const error = await next(el, 'onet-error');
    expect(error).toEqual({ code: 'VALIDATION_ERROR', message: BOTH, field: IMG });
    expect($(el, '[role=alert]').textContent).toBe(`Error VALIDATION_ERROR: ${BOTH}`);
    assertInert(el);
  });

  test('attributes with payloads (real engine) are treated as data', async () => {
    const skills = mount('onet-soft-skills', { skills: IMG, sort: SCRIPT, 'page-size': IMG });
    const e1 = await next(skills, 'onet-error');
    expect(e1).toMatchObject({ code: 'VALIDATION_ERROR', field: 'skills' });
    expect($(skills, '[role=alert]').textContent).toContain('<img');
    expect(skills.sort).toBe('skills_covered');
    expect(skills.pageSize).toBe(20);
    assertInert(skills);

    const related = mount('onet-related-activities', { occupation: BOTH, activities: SCRIPT, sort: IMG });
    const e2 = await next(related, 'onet-error');
    expect(e2).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect($(related, '[role=alert]').textContent).toContain('<img');
    assertInert(related);

    // The snapshot attribute is only ever a URL to fetch.
    const bad = document.createElement('onet-soft-skills');
    bad.setAttribute('snapshot', `javascript:${IMG}`);
    const e3 = next(bad, 'onet-error');
    document.body.append(bad);
    expect((await e3).code).toMatch(/NETWORK|VALIDATION_ERROR/);
    assertInert(bad);
  });

  test("the fixture's HTML-looking alternate title finds its occupation and stays text", async () => {
    const el = mount('onet-related-activities');
    await next(el, 'onet-ready');
    const input = $<HTMLInputElement>(el, 'input');
    await userEvent.click(input);
    const found = next(el, 'onet-results');
    await userEvent.fill(input, '<b>Bold</b> Widget');
    expect((await found).total).toBeGreaterThan(0);
    expect($(el, '[role=option]').firstChild?.textContent).toBe('Widget Demonstrators');
    assertInert(el);
  });

  test('the component sources never parse markup', () => {
    const sources = import.meta.glob('../../src/elements/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    expect(Object.keys(sources).length).toBeGreaterThanOrEqual(6);
    for (const [file, source] of Object.entries(sources)) {
      const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|createContextualFragment|setHTMLUnsafe|DOMParser/);
    }
  });
});
