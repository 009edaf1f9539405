/** `<onet-soft-skills>` in Chromium against the fixture snapshot: picker, results, sort, paging, events, keyboard. */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { openEngine, type OnetEngine } from '../../src/index.js';
import '../../src/define.js';
import { closeSharedEngines, configureSharedEngines, OnetSoftSkillsElement } from '../../src/elements/index.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';
import { next } from './support/events.js';

const manifest = `/${FIXTURE_MANIFEST}`;
const ALL = ['2.B.1.a', '2.B.1.b', '2.B.1.c', '2.B.1.d', '2.B.1.e', '2.B.1.f', '2.A.2.b', '2.B.2.i'];
let engine: OnetEngine;

beforeAll(async () => {
  engine = await openEngine({ snapshot: manifest, dbName: `onet-match-test-${crypto.randomUUID()}` });
});
afterAll(() => engine.close());
afterEach(() => {
  document.body.replaceChildren();
  closeSharedEngines();
});

/** Mounts an `<onet-soft-skills>` inside a <main>, with the shared test engine unless `inject` is false. */
function mount(attrs: Record<string, string> = {}, inject = true): OnetSoftSkillsElement {
  const el = document.createElement('onet-soft-skills');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (inject) el.engine = engine;
  const main = document.createElement('main');
  main.append(el);
  document.body.append(main);
  return el;
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const titles = (el: Element) => $$(el, '[part=result] [part=title]').map((t) => t.textContent);

describe('<onet-soft-skills>', () => {
  test('is registered, with the tag map and mirrored properties', () => {
    expect(customElements.get('onet-soft-skills')).toBe(OnetSoftSkillsElement);
    const el = document.createElement('onet-soft-skills');
    expect(el).toBeInstanceOf(OnetSoftSkillsElement);
    expect(el.snapshot).toBe('snapshot/manifest.json');
    expect(el.pageSize).toBe(20);
    expect(el.sort).toBe('skills_covered');
    el.skills = ['2.B.1.a', '2.B.1.b'];
    el.sort = 'title';
    el.pageSize = 5;
    el.snapshot = '/x/manifest.json';
    expect(el.getAttribute('skills')).toBe('2.B.1.a,2.B.1.b');
    expect(el.getAttribute('sort')).toBe('title');
    expect(el.getAttribute('page-size')).toBe('5');
    expect(el.getAttribute('snapshot')).toBe('/x/manifest.json');
    el.setAttribute('skills', ' 2.B.1.c , ,2.B.1.c,2.B.1.d');
    expect(el.skills).toEqual(['2.B.1.c', '2.B.1.d']);
    el.setAttribute('sort', 'bogus');
    expect(el.sort).toBe('skills_covered');
    el.setAttribute('page-size', '5000');
    expect(el.pageSize).toBe(100);
  });

  test('renders the picker in two fieldsets with descriptions and level examples, and the attribution', async () => {
    const el = document.createElement('onet-soft-skills');
    el.engine = engine;
    const ready = next(el, 'onet-ready');
    document.body.append(el);
    // The licence's attribution is there from the first render, before any data.
    expect($(el, '[part=attribution]').textContent).toMatch(/O\*NET Database .*USDOL\/ETA.*CC BY 4\.0/);
    expect((await ready).summary).toBe(engine.summary);
    await expect.poll(() => $$(el, 'input[type=checkbox]').length).toBe(8);
    const legends = $$(el, '[part=picker] fieldset > legend').map((l) => l.textContent);
    expect(legends).toEqual(['Social skills', 'Thinking skills']);
    const first = $<HTMLInputElement>(el, 'input[type=checkbox]');
    expect(first.value).toBe('2.B.1.b');
    expect(first.labels?.[0]?.textContent).toBe('Coordination');
    expect(el.shadowRoot!.getElementById(first.getAttribute('aria-describedby')!)?.textContent).toBe("Adjusting actions in relation to others' actions.");
    const examples = $(el, '[part=skill] details');
    expect(examples.querySelector('summary')?.textContent).toBe('Examples of Coordination');
    expect(examples.querySelectorAll('li')).toHaveLength(3);
    expect(examples.querySelector('li')?.textContent).toBe('Level 28: Trade shifts with a coworker to cover a lunch break');
    expect($(el, '[role=status]').textContent).toBe('Select one or more soft skills to see matching occupations.');
    expect($(el, '[part=attribution]').textContent).toContain(engine.summary.info.attribution);
    const links = $$<HTMLAnchorElement>(el, '[part=attribution] a').map((a) => a.href);
    expect(links).toEqual(['https://www.onetcenter.org/', 'https://creativecommons.org/licenses/by/4.0/']);
    expect($(el, '[part=progress]').hidden).toBe(true);
  });

  test('keyboard: Tab to a skill, Space selects it, results and events follow', async () => {
    const el = mount();
    await expect.poll(() => $$(el, 'input[type=checkbox]').length).toBe(8);
    const selected = next(el, 'onet-select');
    const results = next(el, 'onet-results');
    await userEvent.tab();
    expect(el.shadowRoot!.activeElement).toBe($(el, 'input[type=checkbox]'));
    await userEvent.keyboard(' ');
    expect(await selected).toEqual({ kind: 'skills', skills: ['2.B.1.b'], code: '2.B.1.b', selected: true });
    expect(el.getAttribute('skills')).toBe('2.B.1.b');
    const detail = await results;
    expect(detail).toEqual({ total: 4, start: 1, end: 4, route: '/online/soft_skills/results?skills=2.B.1.b&sort=skills_covered&start=1&end=20', list: 'results' });
    expect(await engine.get(detail.route)).toMatchObject({ total: 4 });
    expect($(el, '[role=status]').textContent).toBe('4 occupations match.');
    expect($(el, '[role=status]').getAttribute('aria-live')).toBe('polite');
    expect(titles(el)).toHaveLength(4);
    // Tab on to the next skill and add it with the keyboard as well.
    await userEvent.tab();
    expect(el.shadowRoot!.activeElement?.tagName).toBe('SUMMARY');
    await userEvent.tab();
    const again = next(el, 'onet-results');
    await userEvent.keyboard(' ');
    expect(el.skills).toEqual(['2.B.1.b', '2.B.1.e']);
    expect((await again).total).toBe(7);
    // Unchecking everything goes back to the prompt.
    await userEvent.keyboard(' ');
    await userEvent.click($(el, 'input[type=checkbox]'));
    await expect.poll(() => $(el, '[role=status]').textContent).toBe('Select one or more soft skills to see matching occupations.');
    expect(titles(el)).toEqual([]);
    expect(el.getAttribute('skills')).toBe('');
  });

  test('shows title, code, job zone, Bright Outlook badge, coverage and skills of each result', async () => {
    const el = mount({ skills: ALL.join(','), 'page-size': '3' });
    await next(el, 'onet-results');
    const expected = await engine.softSkillResults({ skills: ALL, end: 3 });
    const items = $$(el, '[part=result]');
    expect(items).toHaveLength(3);
    for (const [i, o] of expected.occupation.entries()) {
      const li = items[i]!;
      expect(li.querySelector('[part=title]')?.textContent).toBe(o.title);
      expect(li.querySelector('[part=code]')?.textContent).toBe(o.code);
      expect(li.querySelector('[part=zone]')?.textContent).toBe(o.job_zone?.title ?? 'Job zone not available');
      expect(li.querySelector('[part=badge]')?.textContent ?? null).toBe(o.tags.bright_outlook ? 'Bright Outlook' : null);
      const matched = o.skills_matched.length;
      const high = matched + o.skills_other.length;
      const meter = li.querySelector('meter')!;
      expect([meter.value, meter.max]).toEqual([matched, high]);
      expect(li.querySelector('[part=coverage]')?.textContent).toBe(`${matched} of ${high} high-level soft skills (${Math.round((100 * matched) / high)}%)`);
      expect(el.shadowRoot!.getElementById(meter.getAttribute('aria-labelledby')!)).not.toBeNull();
      expect(li.querySelector('[part=matched]')?.textContent).toBe(`Your matching skills: ${o.skills_matched.map((s) => s.title).join(', ')}`);
    }
    expect(items[0]!.querySelector('[part=badge]')?.textContent).toBe('Bright Outlook');
    // An occupation with skills the user did not pick lists them as "other".
    el.skills = ['2.B.1.b'];
    await next(el, 'onet-results');
    const other = $$(el, '[part=other]').map((p) => p.textContent);
    expect(other.length).toBeGreaterThan(0);
    expect(other[0]).toMatch(/^Other high-level skills: /);
  });

  test('paging: Next and Previous move the window, the range text and the results', async () => {
    const el = mount({ skills: ALL.join(','), 'page-size': '5' });
    const first = await next(el, 'onet-results');
    expect(first).toMatchObject({ total: 12, start: 1, end: 5 });
    const range = $(el, '[part=range]');
    const prev = $<HTMLButtonElement>(el, '[part=prev]');
    const nextButton = $<HTMLButtonElement>(el, '[part=next]');
    expect(range.textContent).toBe('1–5 of 12');
    expect(prev.disabled).toBe(true);
    expect($(el, '[role=status]').textContent).toBe('12 occupations match. Showing 1–5.');
    const page1 = titles(el);

    let page = next(el, 'onet-results');
    await userEvent.click(nextButton);
    expect(await page).toMatchObject({ start: 6, end: 10, total: 12, route: expect.stringContaining('start=6&end=10') });
    expect(range.textContent).toBe('6–10 of 12');
    const page2 = titles(el);
    expect(page2).toHaveLength(5);
    expect(page2.some((t) => page1.includes(t))).toBe(false);
    expect(prev.disabled).toBe(false);

    page = next(el, 'onet-results');
    await userEvent.keyboard('{Enter}'); // focus stayed on Next
    expect(await page).toMatchObject({ start: 11, end: 12 });
    expect(range.textContent).toBe('11–12 of 12');
    expect(nextButton.disabled).toBe(true);
    // The focused button became disabled: focus moves to the result list instead of being lost.
    expect(el.shadowRoot!.activeElement).toBe($(el, '[part=results]'));

    page = next(el, 'onet-results');
    await userEvent.click(prev);
    expect(await page).toMatchObject({ start: 6, end: 10 });
    expect(titles(el)).toEqual(page2);

    // Changing the selection starts again at the first page.
    page = next(el, 'onet-results');
    el.skills = ALL.slice(0, 7);
    expect(await page).toMatchObject({ start: 1 });
  });

  test('sort: the select reorders the results and mirrors the sort attribute', async () => {
    const el = mount({ skills: ALL.join(','), 'page-size': '12' });
    await next(el, 'onet-results');
    const select = $<HTMLSelectElement>(el, 'select[part=sort]');
    expect([...select.options].map((o) => [o.value, o.text])).toEqual([
      ['skills_covered', 'Share of skills covered'],
      ['my_matches', 'Number of my skills matched'],
      ['title', 'Title'],
      ['code', 'O*NET-SOC code'],
      ['zone', 'Job zone'],
    ]);
    expect(select.labels?.[0]?.textContent).toBe('Sort by');
    const byCoverage = titles(el);
    for (const sort of ['title', 'code', 'zone'] as const) {
      const changed = next(el, 'onet-results');
      await userEvent.selectOptions(select, sort);
      expect((await changed).route).toContain(`sort=${sort}`);
      expect(el.getAttribute('sort')).toBe(sort);
      const expected = await engine.softSkillResults({ skills: ALL, sort, end: 12 });
      expect(titles(el)).toEqual(expected.occupation.map((o) => o.title));
    }
    const byTitle = (await engine.softSkillResults({ skills: ALL, sort: 'title', end: 12 })).occupation.map((o) => o.title);
    expect(byTitle).toEqual([...byTitle].sort((a, b) => a.localeCompare(b)));
    expect(byTitle).not.toEqual(byCoverage);
    // Setting the attribute updates the select.
    const changed = next(el, 'onet-results');
    el.setAttribute('sort', 'my_matches');
    await changed;
    expect(select.value).toBe('my_matches');
  });

  test('an invalid skills attribute shows the error code in an alert and fires onet-error', async () => {
    const el = document.createElement('onet-soft-skills');
    el.engine = engine;
    el.setAttribute('skills', '2.B.1.a,9.Z.9');
    const error = next(el, 'onet-error');
    document.body.append(el);
    expect(await error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'skills', message: expect.stringContaining('9.Z.9') });
    const alert = $(el, '[role=alert]');
    expect(alert.querySelector('[part=error-code]')?.textContent).toBe('VALIDATION_ERROR');
    expect(alert.textContent).toContain('9.Z.9');
    // Fixing the attribute clears the alert.
    const results = next(el, 'onet-results');
    el.skills = ['2.B.1.a'];
    await results;
    expect(alert.textContent).toBe('');
  });

  test('the snapshot attribute opens one shared engine per URL, with a progress bar and onet-progress / onet-ready', async () => {
    configureSharedEngines({ dbName: `onet-match-test-${crypto.randomUUID()}` });
    const a = mount({ snapshot: manifest }, false);
    const b = document.createElement('onet-soft-skills');
    b.snapshot = manifest;
    const stages: string[] = [];
    const bars: { visible: boolean; label: string; value: number | null }[] = [];
    a.addEventListener('onet-progress', (e) => {
      stages.push(e.detail.stage);
      const bar = $<HTMLProgressElement>(a, '[part=progress] progress');
      const label = a.shadowRoot!.getElementById(bar.getAttribute('aria-labelledby')!)!.textContent!;
      bars.push({ visible: !$(a, '[part=progress]').hidden, label, value: bar.hasAttribute('value') ? bar.value : null });
    });
    expect($(a, '[part=progress]').hidden).toBe(true); // shown from the first microtask on
    await Promise.resolve();
    await Promise.resolve();
    expect($(a, '[part=progress]').hidden).toBe(false);
    expect(a.engine).toBeNull();
    const readyA = next(a, 'onet-ready');
    const readyB = next(b, 'onet-ready');
    document.body.append(b);
    const { summary } = await readyA;
    await readyB;
    expect(summary.release).toBe('0.1');
    expect(stages).toContain('download');
    expect(stages.at(-1)).toBe('ready');
    expect(bars.every((p) => p.visible)).toBe(true);
    expect(bars.find((p) => p.label.startsWith('Downloading'))).toBeDefined();
    expect($(a, '[part=progress]').hidden).toBe(true);
    expect(a.engine).not.toBeNull();
    expect(b.engine).toBe(a.engine);
    // The engine works for the element.
    const results = next(a, 'onet-results');
    a.skills = ['2.B.1.a'];
    expect((await results).total).toBe(3);
  });

  test('a snapshot that cannot be fetched shows NETWORK in the alert', async () => {
    configureSharedEngines({ dbName: `onet-match-test-${crypto.randomUUID()}`, timeoutMs: 5000 });
    const el = document.createElement('onet-soft-skills');
    el.snapshot = '/no/such/manifest.json';
    const error = next(el, 'onet-error');
    document.body.append(el);
    expect(await error).toMatchObject({ code: 'NETWORK', field: expect.any(String) });
    expect($(el, '[role=alert] [part=error-code]').textContent).toBe('NETWORK');
    expect($(el, '[part=progress]').hidden).toBe(true);
  });
});

describe('OnetSoftSkillsElement.define', () => {
  test('registers under the default tag once; calling again, or under another name, never throws', () => {
    // src/define.ts (imported above) already called it.
    expect(customElements.get('onet-soft-skills')).toBe(OnetSoftSkillsElement);
    expect(OnetSoftSkillsElement.defaultTag).toBe('onet-soft-skills');
    expect(() => OnetSoftSkillsElement.define()).not.toThrow();
    // The class is registered already: a second name is left alone instead of a NotSupportedError.
    expect(() => OnetSoftSkillsElement.define('other-soft-skills')).not.toThrow();
    expect(customElements.get('other-soft-skills')).toBeUndefined();
    // A subclass is a new constructor: it registers under the name given.
    class Custom extends OnetSoftSkillsElement {}
    Custom.define('custom-soft-skills');
    expect(customElements.get('custom-soft-skills')).toBe(Custom);
    expect(() => Custom.define('custom-soft-skills')).not.toThrow();
  });
});
