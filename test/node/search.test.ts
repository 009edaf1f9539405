/**
 * Keyword search rules (docs/ranking.md, "Step 1 — occupation search"): golden answers on the
 * hand-made fixture database for every rule, unit checks of the typo walk and the lay-word list,
 * and regression checks on the real O*NET 29.3 data for everyday queries.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { BUILT_IN_LAY_WORDS, compileLayWords, LAY_WORDS_VERSION, MatchClass, searchKeyword } from '../../src/engine/search.js';
import { allowedEdits, nearTerms } from '../../src/engine/search/fuzzy.js';
import { loadSnapshotFile } from '../../tools/node-snapshot.js';
import { loadQualityQueries, scoreSearch } from '../../bench/search-quality/evaluate.js';
import { hasRealData, realEngine } from '../support/engines.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- route answers are read as plain JSON

let fixture: Engine;
beforeAll(async () => {
  const { snapshot } = await loadSnapshotFile(FIXTURE_MANIFEST);
  fixture = createEngine(snapshot, { layWords: { gizmo: 'widget' } });
});

const search = (engine: Engine, keyword: string, extra = '') => engine.get(`/online/related_activities?keyword=${encodeURIComponent(keyword)}${extra}`) as Json;
const codes = (res: Json): string[] => res.occupation.map((o: Json) => o.code);
const ranked = (engine: Engine, keyword: string) => {
  const r = searchKeyword(engine.indexes.search(), engine.indexes.occupations, keyword);
  return { ...r, codes: r.hits.map((h) => engine.indexes.occupations.codes[h.occupation]!), classes: r.hits.map((h) => h.matchClass) };
};

describe('ranking rules (fixture)', () => {
  test('an exact title comes first, and ranks above every other match', () => {
    // "Widget Inspectors" is 51-9941.00's title; 51-9941.01's title only starts with the words.
    expect(codes(search(fixture, 'widget inspectors'))).toEqual(['51-9941.00', '51-9941.01']);
    expect(codes(search(fixture, 'data wrangling technician'))).toEqual(['15-2941.01']);
    // Word order and stop words do not matter for "the same words".
    expect(codes(search(fixture, 'weighers cargo'))).toEqual(['53-7941.00']);
  });

  test('field weights: a title holding the word beats only other names holding it', () => {
    // Café Managers and Robot Fleet Managers have it in the title; Widget Sales Representatives only in a reported title.
    expect(codes(search(fixture, 'manager'))).toEqual(['11-9941.00', '11-9942.00', '41-9941.00']);
    // Data Wrangling Technicians has it in its title; Widget Inspectors and Testers only in an alternate and a reported title.
    expect(codes(search(fixture, 'technician'))).toEqual(['15-2941.01', '51-9941.01']);
  });

  test('an alternate title equal to the query beats one that merely contains it', () => {
    const r = ranked(fixture, 'quality checker');
    // Both occupations have "Quality Checker" as an alternate title: equal scores, title order.
    expect(r.codes).toEqual(['43-9941.00', '51-9941.00']);
    expect(r.hits[0]!.score).toBe(r.hits[1]!.score);
    // "Data Wrangler" is the title-equal answer; "SQL data wrangler" (contains) ranks lower.
    expect(ranked(fixture, 'data wrangler').hits[0]!.score).toBeGreaterThan(ranked(fixture, 'data wrangler').hits[1]!.score + 500);
  });

  test('more names holding the words rank an occupation higher (evidence)', () => {
    // Both titles hold "data"; Data Wranglers has more of its names with it, and a shorter title.
    expect(codes(search(fixture, 'data'))).toEqual(['15-2941.00', '15-2941.01', '43-9941.00']);
  });

  test('prefix typing: the unfinished last word completes, whole words rank first', () => {
    expect(ranked(fixture, 'inspecto').codes).toEqual(['51-9941.00', '51-9941.01']);
    expect(ranked(fixture, 'inspecto').classes).toEqual([MatchClass.Completed, MatchClass.Completed]);
    // "cafe" is a whole word of Café Managers (exact) and the start of "Cafeteria" (completed).
    const cafe = ranked(fixture, 'cafe');
    expect(cafe.codes).toEqual(['11-9941.00', '35-9941.00']);
    expect(cafe.classes[0]).toBe(MatchClass.Exact);
    // A finished word (trailing space) is not completed: an unknown word is corrected instead.
    const finished = ranked(fixture, 'inspecto ');
    expect(finished.classes.every((c) => c === MatchClass.Corrected)).toBe(true);
    expect(finished.didYouMean).toBe('inspector');
  });

  test('a one-letter last word matches only a whole word (else the query falls back to partial matches)', () => {
    const r = ranked(fixture, 'widget i');
    expect(r.classes.every((c) => c === MatchClass.Partial)).toBe(true);
    expect(r.codes[0]).toBe('51-9941.00');
  });

  test('typos: within one edit from 4 letters, two from 8, below exact matches, with did_you_mean', () => {
    const swapped = search(fixture, 'wigdet inspector');
    expect(codes(swapped)).toEqual(['51-9941.00', '51-9941.01']);
    expect(swapped.did_you_mean).toBe('widget inspector');
    expect(search(fixture, 'herbalst').did_you_mean).toBe('herbalist');
    expect(codes(search(fixture, 'demonstrtr'))).toEqual(['41-9942.00']); // 10 letters, two edits
    expect(search(fixture, 'wdgtt').total).toBe(0); // 5 letters, two edits: too far
    expect(search(fixture, 'cfe ').total).toBe(0); // 3 letters: never corrected
    // An exact answer carries no did_you_mean.
    expect(search(fixture, 'widget inspector')).not.toHaveProperty('did_you_mean');
    expect(ranked(fixture, 'wigdet inspector').classes.every((c) => c === MatchClass.Corrected)).toBe(true);
  });

  test('lay words: built-in abbreviations and the host list', () => {
    expect(codes(search(fixture, 'cafe mgr'))).toEqual(['11-9941.00']); // mgr → manager
    expect(codes(search(fixture, 'gizmo inspector'))).toEqual(['51-9941.00', '51-9941.01']); // host entry
    expect(search(fixture, 'gizmo inspector')).not.toHaveProperty('did_you_mean');
  });

  test('stop words are left out unless the query has nothing else', () => {
    expect(codes(search(fixture, 'the widget inspectors'))).toEqual(codes(search(fixture, 'widget inspectors')));
    expect(search(fixture, 'the').total).toBe(0);
  });

  test('the response stays spec-shaped: the same keys as before, did_you_mean only after a correction', () => {
    expect(Object.keys(search(fixture, 'widget')).sort()).toEqual(['end', 'occupation', 'start', 'total']);
    expect(Object.keys(search(fixture, 'widgte ')).sort()).toEqual(['did_you_mean', 'end', 'occupation', 'start', 'total']);
  });

  test('/info reports the lay-word list', () => {
    expect((fixture.get('/info') as Json).layWords).toEqual({ version: LAY_WORDS_VERSION, entries: compileLayWords({ gizmo: 'widget' }).entries.size, hostEntries: 1 });
  });
});

describe('typo walk', () => {
  const dict = ['nurse', 'nursery', 'purse', 'secretary', 'widget', 'wigeon'].sort();
  const near = (w: string) => nearTerms(dict, w, allowedEdits(w)).map((n) => `${dict[n.term]}:${n.edits}`);

  test('edits allowed by length', () => {
    expect([allowedEdits('cfo'), allowedEdits('nurs'), allowedEdits('nursess'), allowedEdits('secretray')]).toEqual([0, 1, 1, 2]);
  });

  test('substitution, insertion, deletion and a swap each count one', () => {
    expect(near('nurce')).toEqual(['nurse:1']);
    expect(near('nursey')).toEqual(['nurse:1', 'nursery:1']);
    expect(near('wigdet')).toEqual(['widget:1']);
    expect(near('secratry')).toEqual(['secretary:2']);
  });

  test('a typo in the first letter is corrected only as a swap with the second or an extra first letter', () => {
    expect(near('unrse')).toEqual(['nurse:1']);
    expect(near('anurse')).toEqual(['nurse:1']);
    expect(near('murse')).toEqual([]);
  });
});

describe('lay-word list', () => {
  test('every built-in entry compiles, and a host entry replaces a built-in one', () => {
    const built = compileLayWords();
    expect(built.entries.size).toBe(Object.keys(BUILT_IN_LAY_WORDS).length);
    expect(compileLayWords({ cop: 'constable' }).entries.get('cop')).toEqual([['constable']]);
  });

  test('malformed host lists are VALIDATION_ERROR on layWords', () => {
    for (const bad of [{ cop: '' }, { '': 'police' }, { cop: [] }, { cop: 3 }, [], null]) {
      expect(() => compileLayWords(bad as never), JSON.stringify(bad)).toThrowError(expect.objectContaining({ code: 'VALIDATION_ERROR', field: 'layWords' }));
    }
    expect(() => createEngine({} as never, { layWords: { cop: '' } })).toThrow();
  });
});

describe.runIf(hasRealData)('real O*NET 29.3 data', () => {
  let real: Engine;
  beforeAll(async () => {
    real = await realEngine();
  });
  const first = (q: string) => codes(search(real, q))[0];

  test('everyday queries put the occupation people mean first', () => {
    expect(first('nurse')).toBe('29-1141.00');
    expect(first('police officer')).toBe('33-3051.00');
    expect(first('cop')).toBe('33-3051.00');
    expect(first('forklift operator')).toBe('53-7051.00');
    expect(first('UX designer')).toBe('15-1255.00');
    expect(first('shrink')).toBe('29-1223.00');
    expect(codes(search(real, 'mechanic'))[0]).toMatch(/^49-/);
    expect(codes(search(real, 'project manager')).slice(0, 2)).toContain('13-1082.00');
  });

  test('misspellings find the occupation and say what was searched for', () => {
    for (const [typo, code, meant] of [
      ['pharmasist', '29-1051.00', 'pharmacist'],
      ['electrican', '47-2111.00', 'electrician'],
      ['nurce', '29-1141.00', 'nurse'],
      ['acountant', '13-2011.00', 'accountant'],
    ] as const) {
      const res = search(real, typo);
      expect(res.occupation[0].code, typo).toBe(code);
      expect(res.did_you_mean, typo).toBe(meant);
    }
  });

  test('typing letter by letter keeps the occupation (the last word is completed as written, not folded)', () => {
    expect(first('secretari')).toMatch(/^43-601/);
    expect(first('coache')).toBe('27-2022.00');
    expect(codes(search(real, 'biodies'))).toContain('11-9041.01');
    // Every prefix of a title's words keeps that occupation among the results.
    for (const title of [
      'Secretaries and Administrative Assistants, Except Legal, Medical, and Executive',
      'Coaches and Scouts',
      'Biofuels/Biodiesel Technology and Product Development Managers',
    ]) {
      const words = title.split(/[^A-Za-z]+/).filter(Boolean);
      const code = codes(search(real, title))[0]!;
      for (let w = 0; w < words.length; w++) {
        for (let len = 2; len <= words[w]!.length; len++) {
          const typed = [...words.slice(0, w), words[w]!.slice(0, len)].join(' ');
          expect(codes(search(real, typed, '&end=1000')), typed).toContain(code);
        }
      }
    }
  });

  test('exact titles and codes keep their answers', () => {
    expect(first('Registered Nurses')).toBe('29-1141.00');
    expect(first('Chief Executives')).toBe('11-1011.00');
    expect(codes(search(real, '29-1141'))).toEqual(['29-1141.00', '29-1141.01', '29-1141.02', '29-1141.03', '29-1141.04']);
    const titles = real.indexes.occupations.titles;
    // Every occupation's own title finds it first.
    titles.forEach((title, o) => expect(first(title), title).toBe(real.indexes.occupations.codes[o]));
  });

  test('the search-quality set: lay words, abbreviations and misspellings first ≥ 95 %, top 3 ≥ 99 %', () => {
    const score = scoreSearch(loadQualityQueries(), (q) => codes(search(real, q)));
    expect(score.target.hit1).toBeGreaterThanOrEqual(0.95);
    expect(score.target.hit3).toBeGreaterThanOrEqual(0.99);
  });
});

describe('every VALIDATION_ERROR carries a suggestion', () => {
  test.each([
    '/online/related_activities',
    '/online/related_activities?keyword=',
    '/online/related_activities?keyword=%20',
    '/online/related_activities?keyword=nurse&keyword=cop',
    '/online/related_activities?keyword=nurse&start=abc',
    '/online/related_activities?keyword=nurse&start=0',
    '/online/related_activities?keyword=nurse&end=',
    '/online/related_activities?keyword=nurse&start=5&end=2',
    '/online/related_activities?keyword=nurse&end=99999999',
    '/online/related_activities?keyword=---',
    `/online/related_activities?keyword=${'a'.repeat(201)}`,
    '/online/soft_skills/results',
    '/online/soft_skills/results?skills=2.B.1.a&skills=2.B.1.b',
    '/online/soft_skills/results?skills=2.B.1.a&start=x',
    '/online/related_activities/results/51-9941.00',
    '/v1/occupations?page=0',
    '/v1/occupations?page=1&page=2',
    '/v1/occupations?page_size=',
    `/v1/occupation/${'x'.repeat(201)}/US`,
    '/online/stem_occupations/all?start=0',
    '/online/%zz',
  ])('%s', (route) => {
    const body = (fixture.handle(route).body as Json).error;
    expect(body.code, route).toBe('VALIDATION_ERROR');
    expect(typeof body.suggestion === 'string' && body.suggestion.length > 0, `${route}: ${JSON.stringify(body)}`).toBe(true);
  });
});
