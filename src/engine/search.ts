/**
 * Occupation keyword search (step 1 of the related-activities flow, the elements' combobox, the
 * details route's suggestions): by full or partial O*NET-SOC code, or by words matched against
 * titles, alternate titles and reported job titles — case-, accent- and plural-insensitive, the
 * last word completed as the user types, everyday lay words and misspellings understood.
 *
 * The index lives in ./search/index.ts, the ranking in ./search/rank.ts (rules: docs/ranking.md).
 */
import { validationError } from '../errors.js';
import { tagsOf, type OccupationIndex } from './occupations.js';
import { buildRoute, page, readWindow } from './paging.js';
import { checkParams, requiredParam, type Request } from './request.js';
import { normalize } from './text.js';
import type { SearchIndex } from './search/index.js';
import { MatchClass, rankKeyword, type KeywordResult, type SearchHit } from './search/rank.js';

export { buildSearchIndex, SEARCH_INDEX_TABLES, type SearchIndex } from './search/index.js';
export { compileLayWords, BUILT_IN_LAY_WORDS, LAY_WORDS_VERSION, type LayWords, type LayWordIndex } from './search/lay-words.js';
export { MatchClass, type KeywordResult, type SearchHit } from './search/rank.js';

/** Longest keyword accepted. */
export const MAX_KEYWORD_LENGTH = 200;

/** Matches a code query ("29", "29-1051", "291051", "29-1051.00"): occupations whose code starts with it, in code order. */
function searchByCode(index: SearchIndex, keyword: string): SearchHit[] | undefined {
  const compact = keyword.trim().replace(/[\s-]/g, '');
  if (!/^\d{2,6}(\.\d{0,2})?$/.test(compact)) return undefined;
  const digits = compact.replace('.', '');
  const hits: SearchHit[] = [];
  for (let o = 0; o < index.codeDigits.length; o++) {
    if (index.codeDigits[o]!.startsWith(digits)) hits.push({ occupation: o, score: 1000, matchClass: MatchClass.Exact });
  }
  return hits;
}

/** Ranks occupations for a keyword: a code query in code order, else the keyword ranking. */
export function searchKeyword(index: SearchIndex, occupations: OccupationIndex, keyword: string): KeywordResult {
  const byCode = searchByCode(index, keyword);
  if (byCode) return { hits: byCode };
  return rankKeyword(index, occupations, index.layWords, keyword);
}

/** Ranked occupations for a keyword (see {@link searchKeyword}). */
export function searchOccupations(index: SearchIndex, occupations: OccupationIndex, keyword: string): SearchHit[] {
  return searchKeyword(index, occupations, keyword).hits;
}

/** `/online/related_activities?keyword=K&start=&end=` */
export function relatedActivitiesSearch(getIndex: () => SearchIndex, occupations: OccupationIndex, request: Request) {
  const { query } = request;
  checkParams(query, ['keyword', 'start', 'end']);
  const keyword = requiredParam(query, 'keyword');
  if (keyword.length > MAX_KEYWORD_LENGTH)
    throw validationError('keyword', `"keyword" is longer than ${MAX_KEYWORD_LENGTH} characters`, 'Search for a job title or an O*NET-SOC code');
  if (normalize(keyword) === '')
    throw validationError('keyword', '"keyword" has no letters or digits to search for', 'Search for a job title (nurse) or an O*NET-SOC code (29-1141)');
  const window = readWindow(query);
  const { hits, didYouMean } = searchKeyword(getIndex(), occupations, keyword);
  const { envelope, items } = page(hits, window, (start, end) => buildRoute('/online/related_activities', { keyword, start, end }));
  return {
    ...envelope,
    // Only when the first results come from corrected words: what was searched for instead (docs/api.md).
    ...(didYouMean !== undefined ? { did_you_mean: didYouMean } : {}),
    occupation: items.map(({ occupation }) => ({
      href: `/online/related_activities/activities/${occupations.codes[occupation]}`,
      code: occupations.codes[occupation]!,
      title: occupations.titles[occupation]!,
      tags: tagsOf(occupations, occupation),
    })),
  };
}
