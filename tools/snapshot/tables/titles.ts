/**
 * Alternate titles and reported titles. classic: Alternate Titles (`Alternate Title`, `Short
 * Title`, `Source(s)`); modern: Job Titles (`Job Title`, `Short Title`, `Source(s)`). Sample of
 * Reported Titles is the same in both. The Source(s) codes ("02,10") are kept as given.
 */
import { columns } from '../columns.js';
import { CODE, type BuildContext } from '../context.js';
import { CLASSIC_FILES, COMMON_FILES, MODERN_FILES } from '../layout.js';

export function buildTitles(b: BuildContext): void {
  const modern = b.layout === 'modern';
  const a = b.read(modern ? MODERN_FILES.jobTitles : CLASSIC_FILES.alternateTitles);
  const titleColumn = modern ? 'Job Title' : 'Alternate Title';
  const ac = columns(a, [CODE, titleColumn, 'Short Title'], ['Source(s)']);
  const ga = b.groupByOcc([{ t: a, occCol: ac[CODE] }]);
  b.set('alternateTitles', ga.length, {
    occ: ga.map((r) => r.occ),
    title: ga.map(({ row }) => b.text(a, row, ac[titleColumn])),
    shortTitle: ga.map(({ row }) => b.optionalText(a, row, ac['Short Title'])),
    sources: ga.map(({ row }) => b.optionalText(a, row, ac['Source(s)'])),
  });

  const r = b.read(COMMON_FILES.reportedTitles);
  const rc = columns(r, [CODE, 'Reported Job Title', 'Shown in My Next Move']);
  const gr = b.groupByOcc([{ t: r, occCol: rc[CODE] }]);
  b.set('reportedTitles', gr.length, {
    occ: gr.map((x) => x.occ),
    title: gr.map(({ row }) => b.text(r, row, rc['Reported Job Title'])),
    shown: gr.map(({ row }) => b.yesNo(r, row, rc['Shown in My Next Move'])),
  });
}
