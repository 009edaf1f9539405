/** The always-present header of a details answer: Bright Outlook categories and SOC info. */
import { str } from '../../../snapshot/schema.js';
import { brightOutlookCategories, type OccupationIndex } from '../../occupations.js';
import type { EngineIndexes } from '../../routes.js';
import { memoised } from '../common.js';

/**
 * Per occupation, the header facts that take more than a lookup: the Bright Outlook categories
 * text and the row of the SOC's `.00` occupation (−1 when absent). Computed once for all
 * occupations on first use.
 */
export interface HeaderFacts {
  readonly brightCategories: readonly string[];
  readonly socBase: Int32Array;
}

export function headerFacts(ix: EngineIndexes): HeaderFacts {
  return memoised(ix.snapshot, 'headerFacts', () => {
    const occ = ix.occupations;
    const brightCategories: string[] = [];
    const socBase = new Int32Array(occ.count);
    for (let o = 0; o < occ.count; o++) {
      brightCategories.push(brightOutlookCategories(occ, o).join('; '));
      socBase[o] = occ.rowOf(`${occ.codes[o]!.slice(0, 7)}.00`) ?? -1;
    }
    return { brightCategories, socBase };
  });
}

/** SOC info: the 6-digit SOC code and the title and description of its `.00` O*NET occupation. */
export function socInfo(occ: OccupationIndex, row: number, facts: HeaderFacts) {
  const base = facts.socBase[row]!;
  return {
    SocCode: occ.codes[row]!.slice(0, 7),
    SocTitle: base < 0 ? null : occ.titles[base]!,
    SocDescription: base < 0 ? null : str(occ.descriptions, base),
  };
}
