/** The details route's keyword path segment: an O*NET-SOC code or an exact occupation title. */
import { OnetError, validationError } from '../../../errors.js';
import { SOC_CODE } from '../../occupations.js';
import { truncate } from '../../request.js';
import type { EngineIndexes } from '../../routes.js';
import { MAX_KEYWORD_LENGTH, searchOccupations } from '../../search.js';
import { memoised } from '../common.js';

/** Exact-title lookup (case-insensitive, whitespace-collapsed). */
function titleKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function titleIndex(ix: EngineIndexes): ReadonlyMap<string, number> {
  return memoised(ix.snapshot, 'titleIndex', () => {
    const map = new Map<string, number>();
    const occ = ix.occupations;
    for (let o = 0; o < occ.count; o++) if (!map.has(titleKey(occ.titles[o]!))) map.set(titleKey(occ.titles[o]!), o);
    return map;
  });
}

/** Resolves the keyword path segment to an occupation row: an O*NET-SOC code or an exact title. */
export function resolveKeyword(ix: EngineIndexes, keyword: string | undefined): number {
  const raw = (keyword ?? '').trim();
  const occ = ix.occupations;
  if (raw === '') throw validationError('keyword', 'The keyword is empty', 'Give an O*NET-SOC code (29-1051.00) or an exact occupation title (Pharmacists)');
  if (raw.length > MAX_KEYWORD_LENGTH)
    throw validationError(
      'keyword',
      `The keyword is longer than ${MAX_KEYWORD_LENGTH} characters`,
      'Give an O*NET-SOC code (29-1051.00) or an exact occupation title (Pharmacists)',
    );
  const suggest = (hits: number[]) =>
    hits
      .slice(0, 3)
      .map((o) => `${occ.titles[o]} (${occ.codes[o]})`)
      .join('; ');
  if (SOC_CODE.test(raw)) {
    const row = occ.rowOf(raw);
    if (row !== undefined) return row;
    // Suggest the nearest codes: same detailed SOC occupation, else same broad group, minor group, major group.
    let near: number[] = [];
    for (const length of [7, 6, 5, 2]) {
      near = searchOccupations(ix.search(), occ, raw.slice(0, length)).map((h) => h.occupation);
      if (near.length) break;
    }
    throw new OnetError('NOT_FOUND', `No occupation with code ${raw}`, {
      field: 'keyword',
      suggestion: near.length ? `Did you mean: ${suggest(near)}` : 'List the codes with /v1/occupations',
    });
  }
  if (/^\d[\d\s.-]*$/.test(raw)) {
    const near = searchOccupations(ix.search(), occ, raw).map((h) => h.occupation);
    throw validationError(
      'keyword',
      `"${truncate(raw)}" is not a well-formed O*NET-SOC code (NN-NNNN.NN)`,
      near.length ? `Did you mean: ${suggest(near)}` : 'Codes look like 29-1051.00',
    );
  }
  const row = titleIndex(ix).get(titleKey(raw));
  if (row !== undefined) return row;
  const near = searchOccupations(ix.search(), occ, raw).map((h) => h.occupation);
  throw new OnetError('NOT_FOUND', `No occupation has the exact title or code "${truncate(raw)}"`, {
    field: 'keyword',
    suggestion: near.length ? `Did you mean: ${suggest(near)}` : 'Search titles with /online/related_activities?keyword=…',
  });
}
