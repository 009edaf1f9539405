/**
 * Data cannot break the components' layout or reorder the text around it. The fixture engine's
 * answers are rewritten on their way to the element (every `title` and `description`, the job zone,
 * the attribution), as a snapshot built from hostile source data would answer:
 *  - a 10 KB word with no break opportunity: the element stays within its 320 px container and the
 *    page gains no horizontal scroll (it used to grow about 145,000 px wide);
 *  - a title ending in an unclosed right-to-left override (U+202E), or in right-to-left text: the
 *    O*NET-SOC code shown beside it, the next title of a list and the text after it keep their
 *    left-to-right order (checked on the rendered glyph boxes, not on the DOM).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { openEngine, type OnetEngine } from '../../src/index.js';
import '../../src/define.js';
import type { OnetRelatedActivitiesElement, OnetSoftSkillsElement } from '../../src/elements/index.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const SALES = '41-9941.00';
const SKILLS = '2.B.1.a,2.B.1.b,2.B.1.c,2.B.1.d,2.B.1.e,2.B.1.f,2.A.2.b,2.B.2.i';
const WIDTH = 320;
/** 10 KB without a break opportunity. */
const LONG = 'W'.repeat(10_000);
const RLO = '\u202E';

let engine: OnetEngine;
beforeAll(async () => {
  engine = await openEngine({ snapshot: `/${FIXTURE_MANIFEST}`, dbName: `onet-match-test-${crypto.randomUUID()}` });
});
afterAll(() => engine.close());
afterEach(() => document.body.replaceChildren());

/** The page's scroll width without the element (the test runner's own page may scroll a little). */
let pageWidth = 0;

/** `value` with every `title` / `description` string (at any depth) passed through `text`. */
function rewrite<T>(value: T, text: (s: string) => string): T {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, text)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, (k === 'title' || k === 'description') && typeof v === 'string' ? text(v) : rewrite(v, text)])) as T;
  }
  return value;
}

/** The fixture engine, its answers rewritten by {@link rewrite} (and its attribution too). */
function hostile(text: (s: string) => string): OnetEngine {
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A) =>
      rewrite(await fn(...args), text);
  const info = engine.summary.info as unknown as Record<string, unknown> | undefined;
  return {
    ...engine,
    summary: { ...engine.summary, info: { ...info, attribution: text(String(info?.attribution ?? 'Attribution')) } } as OnetEngine['summary'],
    softSkills: wrap(engine.softSkills),
    softSkillResults: wrap(engine.softSkillResults),
    searchOccupations: wrap(engine.searchOccupations),
    occupationActivities: wrap(engine.occupationActivities),
    relatedActivities: wrap(engine.relatedActivities),
    resolveActivities: wrap(engine.resolveActivities),
  };
}

function mount<K extends 'onet-soft-skills' | 'onet-related-activities'>(tag: K, attrs: Record<string, string>, withEngine: OnetEngine): HTMLElementTagNameMap[K] {
  pageWidth = document.scrollingElement!.scrollWidth;
  const box = document.createElement('div');
  box.id = 'container';
  box.setAttribute('style', `width:${WIDTH}px`);
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.engine = withEngine;
  if ('debounce' in el) el.debounce = 0;
  box.append(el);
  document.body.append(box);
  return el;
}

const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** Renders the results, opens every disclosure, and (related) the occupation suggestions. */
async function renderAll(el: OnetSoftSkillsElement | OnetRelatedActivitiesElement): Promise<void> {
  await expect.poll(() => $$(el, '[part=result]').length, { timeout: 10_000 }).toBeGreaterThan(1);
  for (const d of $$(el, 'details')) (d as HTMLDetailsElement).open = true;
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part=input]');
  if (input) {
    input.focus();
    input.value = 'widg';
    input.dispatchEvent(new Event('input'));
    await expect.poll(() => $$(el, '[role=option]').length, { timeout: 10_000 }).toBeGreaterThan(1);
  }
}

/** Horizontal overflow: of the element (its shadow tree included), of each of its boxes, of the page. */
function overflow(el: HTMLElement) {
  const boxes = $$(el, '*').filter((n) => n.clientWidth > 0 && n.scrollWidth > n.clientWidth + 1 && getComputedStyle(n).overflowX !== 'auto');
  return {
    element: el.scrollWidth - el.clientWidth,
    container: document.getElementById('container')!.scrollWidth - WIDTH,
    page: document.scrollingElement!.scrollWidth - pageWidth,
    boxes: boxes.map((n) => `${n.localName}${n.part.length ? `[part=${n.part.value}]` : ''} ${n.scrollWidth}px`).slice(0, 5),
    /** How far the rightmost box of the shadow tree reaches past the element (sub-pixel rounding aside). */
    right: Math.max(0, Math.round(Math.max(...$$(el, '*').map((n) => n.getBoundingClientRect().right)) - el.getBoundingClientRect().right - 0.5)),
  };
}

/**
 * Whether `node`'s text `[from, to)` is laid out in reading order, left to right: its last visible
 * character is right of its first on the same line, or on a later line.
 */
function leftToRight(node: Text, from = 0, to = node.data.length): boolean {
  const range = document.createRange();
  const at = (i: number) => {
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect();
  };
  const [first, last] = [at(from), at(to - 1)];
  return Math.abs(first.top - last.top) < 2 ? first.left < last.left : last.top > first.top;
}

/** The first Text node under `el` whose data contains `needle`. */
function textNode(el: Node, needle: string): Text {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.includes(needle)) return n as Text;
  throw new Error(`no text node with ${JSON.stringify(needle)}`);
}

/** Every code shown (results and suggestions) reads left to right, after the title it belongs to. */
function checkCodes(el: HTMLElement): void {
  const codes = $$(el, '[part=result] .code, [role=option] .code');
  expect(codes.length).toBeGreaterThan(2);
  for (const code of codes) {
    const text = textNode(code, '-');
    expect(leftToRight(text), `code ${text.data} is laid out right to left`).toBe(true);
    const before = document.createRange();
    before.setStart(code.parentElement!, 0);
    before.setEndBefore(code);
    const rects = [...before.getClientRects()].filter((r) => r.width > 0);
    const lastLine = rects.reduce((a, b) => (b.top > a.top + 2 || (Math.abs(b.top - a.top) <= 2 && b.right > a.right) ? b : a));
    const codeRect = code.getBoundingClientRect();
    // Same line: the code follows the title; otherwise it is on a later line.
    if (Math.abs(codeRect.top - lastLine.top) < 4) expect(codeRect.left, `code ${text.data} before its title`).toBeGreaterThanOrEqual(lastLine.right - 1);
    else expect(codeRect.top, `code ${text.data} above its title`).toBeGreaterThan(lastLine.top);
  }
}

describe('hostile text in the data', () => {
  test('<onet-related-activities>: a 10 KB word in every title and description stays inside a 320 px container', async () => {
    const el = mount(
      'onet-related-activities',
      { occupation: SALES },
      hostile((s) => `${s} ${LONG}`),
    );
    await renderAll(el);
    expect(el.shadowRoot!.textContent).toContain(LONG);
    expect(overflow(el)).toEqual({ element: 0, container: 0, page: 0, boxes: [], right: 0 });
  });

  test('<onet-soft-skills>: a 10 KB word in every title and description stays inside a 320 px container', async () => {
    const el = mount(
      'onet-soft-skills',
      { skills: SKILLS },
      hostile((s) => `${s} ${LONG}`),
    );
    await renderAll(el);
    expect(el.shadowRoot!.textContent).toContain(LONG);
    expect(overflow(el)).toEqual({ element: 0, container: 0, page: 0, boxes: [], right: 0 });
  });

  test('a 10 KB word in an error message stays inside the container', async () => {
    const el = mount('onet-soft-skills', { skills: `2.B.1.a,${LONG}` }, engine);
    await expect.poll(() => el.shadowRoot!.querySelector('[part=error-code]')?.textContent, { timeout: 10_000 }).toBeTruthy();
    expect(overflow(el)).toEqual({ element: 0, container: 0, page: 0, boxes: [], right: 0 });
  });

  for (const [name, text] of [
    ['an unclosed right-to-left override (U+202E)', (s: string) => `${s}${RLO}`],
    ['right-to-left text', (s: string) => `${s} שלום`],
  ] as const) {
    test(`a title ending in ${name}: codes and neighbouring titles keep their order (<onet-related-activities>)`, async () => {
      const el = mount('onet-related-activities', { occupation: SALES }, hostile(text));
      await renderAll(el);
      checkCodes(el);
      // The counts line after a result's title, and the legend's own words, read left to right.
      for (const counts of $$(el, '[part=counts]')) {
        expect(leftToRight(textNode(counts, 'shared'))).toBe(true);
      }
    });

    test(`a title ending in ${name}: codes and neighbouring titles keep their order (<onet-soft-skills>)`, async () => {
      const el = mount('onet-soft-skills', { skills: SKILLS }, hostile(text));
      await renderAll(el);
      checkCodes(el);
      // "Your matching skills: A, B": B (after A's override) still reads left to right.
      const matched = $$(el, '[part=matched]').find((p) => p.textContent!.includes(','))!;
      expect(matched).toBeDefined();
      const titles = [...matched.textContent!.matchAll(/(?:: |, )([A-Z][a-z]+)/g)].map((m) => m[1]!);
      expect(titles.length).toBeGreaterThan(1);
      const second = textNode(matched, titles[1]!);
      const at = second.data.indexOf(titles[1]!);
      expect(leftToRight(second, at, at + titles[1]!.length), `"${titles[1]}" after "${titles[0]}" is laid out right to left`).toBe(true);
    });
  }
});
