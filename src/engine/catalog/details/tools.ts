/** The tools and technology part: examples grouped by UNSPSC commodity. */
import { str } from '../../../snapshot/schema.js';
import { requireTable } from '../../occupations.js';
import type { EngineIndexes } from '../../routes.js';
import { compareTitles } from '../../text.js';
import { byOccupation, rowsOf } from './rows.js';

/** Examples grouped by UNSPSC commodity title; categories and examples by title. */
function categories<E extends { Name: string }>(rows: number[], title: (r: number) => string, example: (r: number) => E): { Title: string; Examples: E[] }[] {
  const groups = new Map<string, Map<string, E>>();
  for (const r of rows) {
    let examples = groups.get(title(r));
    if (!examples) groups.set(title(r), (examples = new Map()));
    const e = example(r);
    if (!examples.has(e.Name)) examples.set(e.Name, e);
  }
  return [...groups]
    .sort((a, b) => compareTitles(a[0], b[0]))
    .map(([Title, examples]) => ({ Title, Examples: [...examples.values()].sort((a, b) => compareTitles(a.Name, b.Name)) }));
}

export function toolsAndTechnology(ix: EngineIndexes, occ: number) {
  // Tools Used left O*NET with release 30.3: without it the part carries Technology alone and
  // the caller names `Tools` in `NotAvailable`.
  const tools = ix.snapshot.tables.tools;
  const tech = requireTable(ix.snapshot, 'technologySkills');
  return {
    OnetCode: ix.occupations.codes[occ]!,
    OnetTitle: ix.occupations.titles[occ]!,
    ...(tools && {
      Tools: {
        Categories: categories(
          rowsOf(byOccupation(ix, 'tools'), occ),
          (r) => str(tools.columns.commodityTitle, r),
          (r) => ({ Name: str(tools.columns.example, r) }),
        ),
      },
    }),
    Technology: {
      CategoryList: categories(
        rowsOf(byOccupation(ix, 'technologySkills'), occ),
        (r) => str(tech.columns.commodityTitle, r),
        (r) => ({ Name: str(tech.columns.example, r), HotTechnology: tech.columns.hot[r] === 1, InDemand: tech.columns.inDemand[r] === 1 }),
      ),
    },
  };
}
