/** `<onet-related-activities>` in Chromium against the fixture snapshot: combobox, activities, results, sort, paging. */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { openEngine, type OnetEngine } from '../../src/index.js';
import '../../src/define.js';
import { OnetRelatedActivitiesElement } from '../../src/elements/index.js';
import { FIXTURE_MANIFEST, FIXTURE_MODERN_MANIFEST } from '../support/paths.js';
import { next } from './support/events.js';

const manifest = `/${FIXTURE_MANIFEST}`;
const SALES = '41-9941.00'; // Widget Sales Representatives: 3 activities, 3 related occupations
let engine: OnetEngine;

beforeAll(async () => {
  engine = await openEngine({ snapshot: manifest, dbName: `onet-match-test-${crypto.randomUUID()}` });
});
afterAll(() => engine.close());
afterEach(() => document.body.replaceChildren());

/** The fixture in the modern layout, built with --pair-with the classic fixture (its DWAs answer to their classic IDs too). */
const openModern = () => openEngine({ snapshot: `/${FIXTURE_MODERN_MANIFEST}`, dbName: `onet-match-test-${crypto.randomUUID()}` });

const results = (el: EventTarget) => next(el, 'onet-results', (d) => d.list === 'results');
/** The suggestions for `keyword` (keystrokes arrive one by one, so earlier prefixes may be answered first). */
const suggestions = (el: EventTarget, keyword: string) => next(el, 'onet-results', (d) => d.list === 'suggestions' && d.route.includes(`keyword=${encodeURIComponent(keyword)}&`));

function mount(attrs: Record<string, string> = {}, withEngine = engine): OnetRelatedActivitiesElement {
  const el = document.createElement('onet-related-activities');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.engine = withEngine;
  el.debounce = 0;
  const main = document.createElement('main');
  main.append(el);
  document.body.append(main);
  return el;
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!;
const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const titles = (el: Element) => $$(el, '[part=result] [part=title]').map((t) => t.textContent);
const options = (el: Element) => $$(el, '[role=option]');

describe('<onet-related-activities>', () => {
  test('is registered and mirrors its attributes', () => {
    expect(customElements.get('onet-related-activities')).toBe(OnetRelatedActivitiesElement);
    const el = document.createElement('onet-related-activities');
    expect(el.occupation).toBe('');
    expect(el.activities).toEqual([]);
    expect(el.sort).toBe('shared');
    el.occupation = SALES;
    el.activities = ['a', 'b'];
    el.sort = 'zone';
    el.pageSize = 2;
    expect([el.getAttribute('occupation'), el.getAttribute('activities'), el.getAttribute('sort'), el.getAttribute('page-size')]).toEqual([SALES, 'a,b', 'zone', '2']);
    el.activities = null;
    expect(el.hasAttribute('activities')).toBe(false);
  });

  test('combobox keyboard flow: type, ArrowDown/Up, Escape closes, Enter chooses, focus moves to step 2', async () => {
    const el = mount();
    await next(el, 'onet-ready');
    const input = $<HTMLInputElement>(el, 'input[role=combobox]');
    const listbox = $(el, '[role=listbox]');
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.labels?.[0]?.textContent).toBe('1. Find your occupation');
    expect($(el, '[part=activities]').hidden).toBe(true);

    await userEvent.tab();
    expect(el.shadowRoot!.activeElement).toBe(input);
    const found = suggestions(el, 'widg');
    await userEvent.keyboard('widg');
    expect(await found).toMatchObject({ total: 4, start: 1, end: 4, route: '/online/related_activities?keyword=widg&end=10' });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(listbox.hidden).toBe(false);
    expect(options(el).map((o) => o.firstChild?.textContent)).toEqual([
      'Widget Inspectors',
      'Widget Sales Representatives',
      'Widget Demonstrators',
      'Widget Inspectors and Testers',
    ]); // docs/ranking.md: more names with the word first
    expect($(el, '[part=search-status]').textContent).toBe('4 occupations found.');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);

    await userEvent.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options(el)[0]!.id);
    expect(options(el).map((o) => o.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false', 'false']);
    await userEvent.keyboard('{ArrowUp}'); // wraps to the last
    expect(input.getAttribute('aria-activedescendant')).toBe(options(el)[3]!.id);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options(el)[2]!.id);

    await userEvent.keyboard('{Escape}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(listbox.hidden).toBe(true);
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    expect(input.value).toBe('widg');

    // ArrowDown re-opens on the first suggestion; Enter chooses.
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(options(el)[1]!.textContent).toContain('Widget Sales Representatives');
    const chosen = next(el, 'onet-select');
    const shown = results(el);
    await userEvent.keyboard('{Enter}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.value).toBe('Widget Sales Representatives');
    expect(el.occupation).toBe(SALES);
    expect(el.hasAttribute('activities')).toBe(false);
    const activities = (await engine.occupationActivities(SALES)).map((a) => a.id);
    expect(await chosen).toEqual({ kind: 'occupation', occupation: { code: SALES, title: 'Widget Sales Representatives' }, activities });
    const step2 = $<HTMLFieldSetElement>(el, '[part=activities]');
    expect(step2.hidden).toBe(false);
    expect(el.shadowRoot!.activeElement).toBe(step2);
    expect(step2.querySelector('legend')?.textContent).toBe('2. Choose the activities you do as Widget Sales Representatives');
    const boxes = $$<HTMLInputElement>(el, '[part=activity] input[type=checkbox]');
    expect(boxes.map((b) => [b.value, b.checked])).toEqual(activities.map((id) => [id, true]));
    expect(await shown).toMatchObject({ total: 3, start: 1, end: 3 });
    expect($(el, '[part=status]').textContent).toBe('3 occupations match.');

    // Escape with the list closed clears the input.
    input.focus();
    await userEvent.keyboard('{Escape}');
    expect(input.value).toBe('');
  });

  test('a click on a suggestion chooses it; fewer than two letters search nothing', async () => {
    const el = mount();
    await next(el, 'onet-ready');
    const input = $<HTMLInputElement>(el, 'input[role=combobox]');
    await userEvent.click(input);
    await userEvent.keyboard('c');
    expect(options(el)).toHaveLength(0);
    const found = suggestions(el, 'caf');
    await userEvent.keyboard('af');
    expect((await found).total).toBeGreaterThan(0);
    const option = options(el).find((o) => o.textContent?.startsWith('Café Managers'))!;
    const shown = results(el);
    await userEvent.click(option);
    await shown;
    expect(el.occupation).toBe('11-9941.00');
    expect(input.value).toBe('Café Managers');
    // Searching by code works too.
    const byCode = suggestions(el, '51-9941');
    await userEvent.fill(input, '51-9941');
    expect(await byCode).toMatchObject({ total: 2 });
    expect(options(el).map((o) => o.querySelector('.code')?.textContent)).toEqual(['51-9941.00', '51-9941.01']);
  });

  test('activities: select all / clear / toggle update the attribute, the results and fire onet-select', async () => {
    const el = mount({ occupation: SALES });
    await results(el);
    const ids = (await engine.occupationActivities(SALES)).map((a) => a.id);
    const boxes = () => $$<HTMLInputElement>(el, '[part=activity] input');
    expect(boxes().every((b) => b.checked)).toBe(true);
    expect(el.activities).toEqual(ids);

    let selected = next(el, 'onet-select');
    await userEvent.click($(el, '[part=clear]'));
    expect(await selected).toEqual({ kind: 'activities', occupation: { code: SALES, title: 'Widget Sales Representatives' }, activities: [] });
    expect(el.getAttribute('activities')).toBe('');
    await expect.poll(() => $(el, '[part=status]').textContent).toBe('Select at least one activity to see related occupations.');
    expect(titles(el)).toEqual([]);
    expect(boxes().some((b) => b.checked)).toBe(false);

    selected = next(el, 'onet-select');
    let shown = results(el);
    await userEvent.click(boxes()[2]!);
    expect(await selected).toMatchObject({ kind: 'activities', activities: [ids[2]] });
    expect(el.getAttribute('activities')).toBe(ids[2]);
    const one = await shown;
    expect(one.route).toBe(`/online/related_activities/results/${SALES}?activities=${ids[2]}&sort=shared&start=1&end=20`);
    expect(await engine.get(one.route)).toMatchObject({ total: one.total });

    shown = results(el);
    await userEvent.click($(el, '[part=select-all]'));
    expect(el.activities).toEqual(ids);
    expect((await shown).total).toBe(3);
  });

  test('each result lists shared and similar activities, with the full list collapsible', async () => {
    const el = mount({ occupation: SALES });
    await results(el);
    const expected = await engine.relatedActivities({ code: SALES, activities: (await engine.occupationActivities(SALES)).map((a) => a.id) });
    const items = $$(el, '[part=result]');
    expect(items).toHaveLength(expected.occupation.length);
    for (const [i, o] of expected.occupation.entries()) {
      const li = items[i]!;
      expect(li.querySelector('[part=title]')?.textContent).toBe(o.title);
      expect(li.querySelector('[part=code]')?.textContent).toBe(o.code);
      expect(li.querySelector('[part=zone]')?.textContent).toBe(o.job_zone?.title ?? 'Job zone not available');
      const { shared, similar, full } = o.activities;
      expect(li.querySelector('[part=counts]')?.textContent).toBe(`${shared.length} shared, ${similar.length} similar of ${full.length} activities`);
      const lists = [...li.querySelectorAll(':scope > ul')].map((ul) => [...ul.children].map((x) => x.textContent));
      expect(lists).toEqual([shared, similar].filter((l) => l.length).map((l) => l.map((a) => a.title)));
      const details = li.querySelector('details')!;
      expect(details.open).toBe(false);
      expect(details.querySelector('summary')?.textContent).toBe(`All ${full.length} activities of ${o.title}`);
      expect([...details.querySelectorAll('li')].map((x) => x.textContent)).toEqual(full.map((a) => a.title));
    }
    // The summary is a native disclosure: Enter opens it.
    const summary = items[0]!.querySelector('summary')!;
    summary.focus();
    await userEvent.keyboard('{Enter}');
    expect(items[0]!.querySelector('details')!.open).toBe(true);
  });

  test('attributes alone drive it: occupation + activities + sort + page-size, paging and sort', async () => {
    const ids = (await engine.occupationActivities(SALES)).map((a) => a.id);
    const el = mount({ occupation: SALES, activities: ids.join(','), sort: 'title', 'page-size': '1' });
    expect(await results(el)).toMatchObject({ total: 3, start: 1, end: 1, route: expect.stringContaining('sort=title&start=1&end=1') });
    expect($<HTMLInputElement>(el, 'input[role=combobox]').value).toBe('Widget Sales Representatives');
    const byTitle = (await engine.relatedActivities({ code: SALES, activities: ids, sort: 'title' })).occupation.map((o) => o.title);
    expect(titles(el)).toEqual(byTitle.slice(0, 1));
    expect($(el, '[part=range]').textContent).toBe('1–1 of 3');
    expect($<HTMLSelectElement>(el, 'select[part=sort]').value).toBe('title');

    let shown = results(el);
    await userEvent.click($(el, '[part=next]'));
    expect(await shown).toMatchObject({ start: 2, end: 2 });
    expect($(el, '[part=range]').textContent).toBe('2–2 of 3');
    expect(titles(el)).toEqual(byTitle.slice(1, 2));

    shown = results(el);
    await userEvent.click($(el, '[part=next]'));
    await shown;
    expect($(el, '[part=range]').textContent).toBe('3–3 of 3');
    expect($<HTMLButtonElement>(el, '[part=next]').disabled).toBe(true);

    shown = results(el);
    await userEvent.click($(el, '[part=prev]'));
    expect(await shown).toMatchObject({ start: 2 });

    // Sorting resets to page 1 and reorders.
    el.pageSize = 3;
    for (const sort of ['code', 'zone', 'similar', 'shared'] as const) {
      shown = results(el);
      await userEvent.selectOptions($<HTMLSelectElement>(el, 'select[part=sort]'), sort);
      expect(await shown).toMatchObject({ start: 1, end: 3 });
      expect(el.sort).toBe(sort);
      expect(titles(el)).toEqual((await engine.relatedActivities({ code: SALES, activities: ids, sort })).occupation.map((o) => o.title));
    }
  });

  test('an occupation without activities says so and offers no results', async () => {
    const el = mount({ occupation: '41-9942.00' }); // Widget Demonstrators: no DWAs in the fixture
    await expect.poll(() => $(el, '[part=activities]').hidden).toBe(false);
    expect($(el, '[part=activities] .hint').textContent).toContain('no detailed work activities');
    expect($(el, '.actions').hidden).toBe(true);
    expect($$(el, '[part=activity]')).toHaveLength(0);
    expect(titles(el)).toEqual([]);
    expect($(el, '[role=alert]').textContent).toBe('');
  });

  test('an unknown occupation shows NOT_FOUND; unknown activity ids are ignored', async () => {
    const el = mount({ occupation: '99-9999.00' });
    const error = await next(el, 'onet-error');
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect($(el, '[role=alert] [part=error-code]').textContent).toBe('NOT_FOUND');
    expect($(el, '[part=activities]').hidden).toBe(true);
    const shown = results(el);
    el.setAttribute('activities', '4.A.9.z.9.I99.D99');
    el.occupation = SALES;
    await expect.poll(() => $(el, '[part=status]').textContent).toBe('Select at least one activity to see related occupations.');
    expect($(el, '[role=alert]').textContent).toBe('');
    el.activities = null;
    expect((await shown).total).toBe(3);
  });

  test('ids of the other O*NET layout select their activities on a paired snapshot; the attribute keeps them until the user changes the selection', async () => {
    const modern = await openModern();
    try {
      const own = (await modern.occupationActivities(SALES)).map((a) => a.id);
      const classic = (await engine.occupationActivities(SALES)).map((a) => a.id);
      expect(own).toHaveLength(3);
      expect(own).not.toEqual(classic);
      // A classic id, its modern twin (one activity, selected once), another classic id, junk and an unknown id (ignored).
      const given = [classic[0]!, own[0]!, classic[2]!, 'junk', '4.A.9.z.9.I99.D99'].join(',');
      const el = mount({ occupation: SALES, activities: given }, modern);
      const shown = await results(el);
      expect(shown.route).toBe(`/online/related_activities/results/${SALES}?activities=${own[0]},${own[2]}&sort=shared&start=1&end=20`);
      const boxes = $$<HTMLInputElement>(el, '[part=activity] input[type=checkbox]');
      expect(boxes.map((b) => [b.value, b.checked])).toEqual([
        [own[0], true],
        [own[1], false],
        [own[2], true],
      ]);
      const expected = await engine.relatedActivities({ code: SALES, activities: [classic[0]!, classic[2]!] });
      expect(shown.total).toBe(expected.total);
      expect(titles(el)).toEqual(expected.occupation.map((o) => o.title));
      expect($(el, '[role=alert]').textContent).toBe('');
      expect(el.getAttribute('activities')).toBe(given);

      const selected = next(el, 'onet-select');
      const again = results(el);
      await userEvent.click(boxes[1]!);
      expect(await selected).toMatchObject({ kind: 'activities', activities: own });
      expect(el.getAttribute('activities')).toBe(own.join(','));
      expect((await again).route).toContain(`activities=${own.join(',')}&`);
    } finally {
      modern.close();
    }
  });

  test('on a snapshot built without --pair-with, ids of the other layout are ignored like unknown ones', async () => {
    const paired = await openModern();
    const modern = (await paired.occupationActivities(SALES).finally(() => paired.close())).map((a) => a.id);
    const el = mount({ occupation: SALES, activities: modern.join(',') });
    await expect.poll(() => $(el, '[part=status]').textContent).toBe('Select at least one activity to see related occupations.');
    expect($$<HTMLInputElement>(el, '[part=activity] input[type=checkbox]').some((b) => b.checked)).toBe(false);
    expect($(el, '[role=alert]').textContent).toBe('');
  });
});
