/**
 * DWA IDs of either O*NET layout (src/engine/dwa-ids.ts, docs/api.md): the fixture in the modern
 * layout paired with the classic one (`fixture-modern`) answers classic IDs exactly as it answers
 * its own, the classic fixture paired the other way (`fixture-paired`) answers modern IDs, and
 * responses always carry the snapshot's own IDs. The unpaired classic fixture refuses modern IDs
 * with a suggestion naming `--pair-with`.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { OnetError } from '../../src/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import { buildDwaIdResolver, dwaIdLayout } from '../../src/engine/dwa-ids.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { fixtureEngine, fixtureModernEngine, fixturePairedEngine } from '../support/engines.js';
import { modernActivityId } from '../support/modern-layout.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let classic: Engine;
let modern: Engine;
let paired: Engine;
beforeAll(async () => {
  [classic, modern, paired] = await Promise.all([fixtureEngine(), fixtureModernEngine(), fixturePairedEngine()]);
});

const INSPECTOR = '51-9941.00';
const ROUTES = [['4.A.1.b.2.I81.D01'], ['4.A.3.b.6.I81.D01', '4.A.4.a.1.I81.D01'], ['4.A.3.b.6.I81.D01', '4.A.4.a.1.I81.D01', '4.A.3.b.6.I81.D03']];
const QUERIES = ['', '&sort=similar', '&sort=title&start=1&end=1', '&sort=zone&end=1'];
const results = (code: string, ids: readonly string[], rest = '') => `/online/related_activities/results/${code}?activities=${ids.join(',')}${rest}`;

const CLASSIC_ID = /\d+(?:\.[A-Za-z0-9]+)*\.I\d+\.D\d+/g;
/** `value` with every classic DWA id (also inside routes) in its modern form. */
function modernIds(value: Json): Json {
  if (typeof value === 'string') return value.replace(CLASSIC_ID, (id) => modernActivityId(id));
  if (Array.isArray(value)) return value.map(modernIds);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, modernIds(v)]));
  return value;
}

function error(engine: Engine, route: string): OnetError {
  try {
    engine.get(route);
  } catch (e) {
    expect(e).toBeInstanceOf(OnetError);
    return e as OnetError;
  }
  throw new Error(`${route} answered`);
}

describe('the shape of a DWA id', () => {
  test('classic and modern layouts, nothing else', () => {
    expect(dwaIdLayout('4.A.2.a.2.I05.D04')).toBe('classic');
    expect(dwaIdLayout('4.A.4.b.4.I09.D03')).toBe('classic');
    expect(dwaIdLayout('4.A.4.b.4.j.12')).toBe('modern');
    expect(dwaIdLayout('4.A.1.b.2.cc.1')).toBe('modern');
    for (const id of ['4.A.1', '4.A.1.a.1', '4.A.4.b.4.I09', '4.A.4.b.4.j', 'x', '', '4.A.2.a.2.I05.D04 ', '2.B.1.a', '4.A.4.b.4.J.12'])
      expect(dwaIdLayout(id), id).toBeUndefined();
  });
});

describe('a paired snapshot accepts DWA ids of either layout and answers with its own', () => {
  test('modern snapshot, classic ids: the same answer as with its own ids (and as the classic snapshot, ids aside)', () => {
    for (const ids of ROUTES) {
      for (const rest of QUERIES) {
        const own = modern.get(results(INSPECTOR, ids.map(modernActivityId), rest));
        expect(modern.get(results(INSPECTOR, ids, rest)), results(INSPECTOR, ids, rest)).toEqual(own);
        expect(own).toEqual(modernIds(classic.get(results(INSPECTOR, ids, rest))));
      }
    }
  });

  test('classic snapshot paired with the modern release, modern ids: the same answer as with its own ids', () => {
    for (const ids of ROUTES) {
      for (const rest of QUERIES) {
        const route = results(INSPECTOR, ids.map(modernActivityId), rest);
        expect(paired.get(route), route).toEqual(classic.get(results(INSPECTOR, ids, rest)));
      }
    }
  });

  test('prev/next links echo the snapshot own ids, once per DWA, in the order given', () => {
    const [a, b, c] = ROUTES[2]!;
    const mixed = results(INSPECTOR, [a!, modernActivityId(b!), modernActivityId(a!), c!], '&start=1&end=1');
    const page = modern.get(mixed) as Json;
    expect(page.next).toBe(`/online/related_activities/results/${INSPECTOR}?activities=${[a, b, c].map((id) => modernActivityId(id!)).join(',')}&start=2&end=2`);
    expect(page).toEqual(
      modern.get(
        results(
          INSPECTOR,
          [a, b, c].map((id) => modernActivityId(id!)),
          '&start=1&end=1',
        ),
      ),
    );
    const back = paired.get(results(INSPECTOR, [modernActivityId(a!), a!, modernActivityId(b!), c!], '&start=2&end=2')) as Json;
    expect(back.prev).toBe(`/online/related_activities/results/${INSPECTOR}?activities=${a},${b},${c}&start=1&end=1`);
    const items = (p: Json) => p.occupation.flatMap((o: Json) => [...o.activities.shared, ...o.activities.similar, ...o.activities.full]);
    expect(items(page).length).toBeGreaterThan(0);
    expect(items(back).length).toBeGreaterThan(0);
    for (const item of items(page)) expect(dwaIdLayout(item.id), item.id).toBe('modern');
    for (const item of items(back)) expect(dwaIdLayout(item.id), item.id).toBe('classic');
  });

  test('an other-layout id that is not an activity of the occupation is refused like an own one', () => {
    const e = error(modern, results(INSPECTOR, ['4.A.3.b.6.I83.D01']));
    expect(e).toMatchObject({ code: 'VALIDATION_ERROR', field: 'activities', message: `"4.A.3.b.6.I83.D01" is not an activity of ${INSPECTOR}` });
  });

  test('an unknown id of either layout is not a known detailed work activity; no --pair-with hint when the snapshot maps that layout', () => {
    for (const [engine, id] of [
      [modern, '4.A.9.z.9.I99.D99'],
      [modern, '4.A.9.z.9.zz.99'],
      [paired, '4.A.9.z.9.zz.99'],
      [classic, '4.A.9.z.9.I99.D99'],
    ] as const) {
      const e = error(engine, results(INSPECTOR, [id]));
      expect(e, id).toMatchObject({ code: 'VALIDATION_ERROR', field: 'activities', message: `"${id}" is not a known detailed work activity` });
      expect(e.suggestion).toBe(`List the occupation's activities with /online/related_activities/activities/${INSPECTOR}`);
    }
    const e = error(modern, results(INSPECTOR, ['4.A.1']));
    expect(e).toMatchObject({ code: 'VALIDATION_ERROR', field: 'activities', message: '"4.A.1" is not a DWA id' });
    expect(e.suggestion).toContain('4.A.4.b.4.I09.D03 (O*NET up to 30.2) or 4.A.4.b.4.j.12 (O*NET 30.3 on)');
  });
});

describe('a snapshot without dwaAliases', () => {
  test('resolves its own ids only; an id of the other layout is refused with a suggestion naming --pair-with', () => {
    const id = modernActivityId('4.A.1.b.2.I81.D01');
    const e = error(classic, results(INSPECTOR, [id]));
    expect(e).toMatchObject({ code: 'VALIDATION_ERROR', status: 422, field: 'activities', message: `"${id}" is not a known detailed work activity` });
    expect(e.suggestion).toContain('was built without --pair-with, so it cannot map modern-layout DWA ids');
    expect(e.suggestion).toContain('npm run snapshot -- --pair-with');
    expect(e.suggestion).toContain(`/online/related_activities/activities/${INSPECTOR}`);
    expect((classic.handle(results(INSPECTOR, [id])).body as Json).error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'activities', suggestion: e.suggestion });
  });
});

describe('/online/related_activities/resolve', () => {
  const given = ['4.A.1.b.2.I81.D01', '4.A.1.b.2.cc.3', '4.A.9.z.9.I99.D99', 'x', '4.A.1.b.2.cc.1'];
  test('maps each id given to the snapshot own id and title, null when it names no DWA', () => {
    const title = (engine: Engine, id: string) => (engine.get(`/online/related_activities/activities/${INSPECTOR}`) as Json).find((a: Json) => a.id === id)?.title;
    const answer = modern.get(`/online/related_activities/resolve?activities=${given.join(',')}`) as Json;
    expect(answer.activities.map((a: Json) => [a.given, a.id])).toEqual([
      ['4.A.1.b.2.I81.D01', '4.A.1.b.2.cc.1'],
      ['4.A.1.b.2.cc.3', '4.A.1.b.2.cc.3'],
      ['4.A.9.z.9.I99.D99', null],
      ['x', null],
      ['4.A.1.b.2.cc.1', '4.A.1.b.2.cc.1'],
    ]);
    expect(answer.activities[0].title).toBe(title(modern, '4.A.1.b.2.cc.1'));
    expect(answer.activities[2].title).toBeNull();
    expect((paired.get(`/online/related_activities/resolve?activities=${given.join(',')}`) as Json).activities.map((a: Json) => a.id)).toEqual([
      '4.A.1.b.2.I81.D01',
      '4.A.1.b.2.I81.D03',
      null,
      null,
      '4.A.1.b.2.I81.D01',
    ]);
    expect((classic.get(`/online/related_activities/resolve?activities=${given.join(',')}`) as Json).activities.map((a: Json) => a.id)).toEqual([
      '4.A.1.b.2.I81.D01',
      null,
      null,
      null,
      null,
    ]);
  });

  test('parameters are checked', () => {
    expect(error(modern, '/online/related_activities/resolve')).toMatchObject({ code: 'VALIDATION_ERROR', field: 'activities' });
    expect(error(modern, '/online/related_activities/resolve?activities=a,,b')).toMatchObject({ code: 'VALIDATION_ERROR', field: 'activities' });
    expect(error(modern, '/online/related_activities/resolve?activities=a&sort=x')).toMatchObject({ code: 'VALIDATION_ERROR', field: 'sort' });
    const many = Array.from({ length: 501 }, (_, i) => `a${i}`).join(',');
    expect(error(modern, `/online/related_activities/resolve?activities=${many}`)).toMatchObject({ code: 'VALIDATION_ERROR', field: 'activities' });
  });
});

describe('the resolver on a hand-made snapshot', () => {
  const str = (values: string[]) => ({ kind: 'str' as const, values, index: Uint8Array.from(values.map((_, i) => i)) });
  const ids = ['4.A.1.a.1.I01.D01', '4.A.1.a.1.I01.D02'];
  const own = (id: string) => (ids.includes(id) ? ids.indexOf(id) : undefined);
  const snapshot = (aliases: string[] | null): Snapshot =>
    ({
      info: { release: '0', source: '', attribution: '', layout: 'classic' },
      tables: aliases ? { dwaAliases: { rows: aliases.length, columns: { alias: str(aliases), dwa: Uint16Array.from([0, 1]) } } } : {},
    }) as Snapshot;

  test('an id the snapshot has always means its own DWA, even when it is another DWA alias', () => {
    const resolver = buildDwaIdResolver(snapshot(['4.A.1.a.1.I01.D02', '4.A.1.a.1.a.2']), ids, own);
    expect(resolver.paired).toBe(true);
    expect(resolver.rowOf('4.A.1.a.1.I01.D02')).toBe(1);
    expect(resolver.rowOf('4.A.1.a.1.a.2')).toBe(1);
    expect(resolver.rowOf('4.A.1.a.1.a.1')).toBeUndefined();
  });

  test('paired with a release of its own layout: other-layout ids are refused, saying so', () => {
    const resolver = buildDwaIdResolver(snapshot(['4.A.1.a.1.I02.D01', '4.A.1.a.1.I02.D02']), ids, own);
    expect(resolver.rowOf('4.A.1.a.1.I02.D02')).toBe(1);
    expect(() => resolver.require('4.A.1.a.1.a.1', 'activities', 'Pick another')).toThrow(
      expect.objectContaining({ suggestion: expect.stringContaining('was paired with a release of its own layout') }),
    );
    const plain = buildDwaIdResolver(snapshot(null), ids, own);
    expect(plain.paired).toBe(false);
    expect(plain.require('4.A.1.a.1.I01.D02', 'activities', '')).toBe(1);
    expect(() => plain.require('4.A.1.a.1.a.1', 'f', 'Pick another')).toThrow(
      expect.objectContaining({ field: 'f', suggestion: expect.stringMatching(/built without --pair-with.*Pick another$/) }),
    );
  });
});
