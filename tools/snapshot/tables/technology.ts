/**
 * Technology and tools. classic: Technology Skills (`Example`, UNSPSC `Commodity Code` and
 * `Commodity Title`, `Hot Technology`, `In Demand`) and Tools Used. modern: Software Skills
 * (`Workplace Example`, `Element ID` 2.E.* and `Element Name` of the software category, `Hot
 * Technology`, `In Demand`); no Tools Used (read when present).
 */
import { columns } from '../columns.js';
import { CODE, type BuildContext } from '../context.js';
import { CLASSIC_FILES, COMMON_FILES, MODERN_FILES } from '../layout.js';

export function buildTechnology(b: BuildContext): void {
  if (b.layout === 'classic') {
    const t = b.read(CLASSIC_FILES.technologySkills);
    const c = columns(t, [CODE, 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology'], ['In Demand']);
    const g = b.groupByOcc([{ t, occCol: c[CODE] }]);
    b.set('technologySkills', g.length, {
      occ: g.map((r) => r.occ),
      example: g.map(({ row }) => b.text(t, row, c.Example)),
      commodityCode: g.map(({ row }) => b.uint(t, row, c['Commodity Code'], 0xffffffff)),
      commodityTitle: g.map(({ row }) => t.rows[row]![c['Commodity Title']]!.trim()),
      hot: g.map(({ row }) => b.yesNo(t, row, c['Hot Technology'])),
      inDemand: g.map(({ row }) => (c['In Demand'] >= 0 ? b.yesNo(t, row, c['In Demand']) : 0)),
      categoryId: g.map(() => ''),
    });
  } else {
    const t = b.read(MODERN_FILES.softwareSkills);
    const c = columns(t, [CODE, 'Workplace Example', 'Element ID', 'Element Name', 'Hot Technology'], ['In Demand']);
    const g = b.groupByOcc([{ t, occCol: c[CODE] }]);
    b.set('technologySkills', g.length, {
      occ: g.map((r) => r.occ),
      example: g.map(({ row }) => b.text(t, row, c['Workplace Example'])),
      commodityCode: g.map(() => 0),
      commodityTitle: g.map(({ row }) => b.text(t, row, c['Element Name'])),
      hot: g.map(({ row }) => b.yesNo(t, row, c['Hot Technology'])),
      inDemand: g.map(({ row }) => (c['In Demand'] >= 0 ? b.yesNo(t, row, c['In Demand']) : 0)),
      categoryId: g.map(({ row }) => b.elementId(t, row, c['Element ID'], 'software category element')),
    });
  }

  const u = b.layout === 'modern' ? b.read(COMMON_FILES.tools, true) : b.read(COMMON_FILES.tools);
  if (!u) {
    b.missing.push('tools');
    return;
  }
  const uc = columns(u, [CODE, 'Example', 'Commodity Code', 'Commodity Title']);
  const gu = b.groupByOcc([{ t: u, occCol: uc[CODE] }]);
  b.set('tools', gu.length, {
    occ: gu.map((r) => r.occ),
    example: gu.map(({ row }) => b.text(u, row, uc.Example)),
    commodityCode: gu.map(({ row }) => b.uint(u, row, uc['Commodity Code'], 0xffffffff)),
    commodityTitle: gu.map(({ row }) => u.rows[row]![uc['Commodity Title']]!.trim()),
  });
}
