/** The education and training part: O*NET's Required Level of Education distribution and the Job Zone. */
import { str } from '../../../snapshot/schema.js';
import { requireTable } from '../../occupations.js';
import type { EngineIndexes } from '../../routes.js';
import { memoised } from '../common.js';
import { byOccupation, elementsOf, orderedRows } from './rows.js';

/** O*NET education (Required Level of Education, RL) distribution plus the Job Zone. */
export function educationTraining(ix: EngineIndexes, occ: number) {
  const education = requireTable(ix.snapshot, 'education');
  const categoriesTable = requireTable(ix.snapshot, 'educationCategories');
  const { descriptions, order } = memoised(ix.snapshot, 'rlEducation', () => {
    const rl = elementsOf(ix.snapshot).rowOf.get('2.D.1');
    const map = new Map<number, string>();
    for (let i = 0; i < categoriesTable.rows; i++) {
      if (categoriesTable.columns.element[i] === rl && str(categoriesTable.columns.scale, i) === 'RL')
        map.set(categoriesTable.columns.category[i]!, str(categoriesTable.columns.description, i));
    }
    // Per occupation, its RL rows by category (filtered and sorted once, not per request).
    const rows = orderedRows(
      ix,
      byOccupation(ix, 'education'),
      (r) => education.columns.element[r] === rl && str(education.columns.scale, r) === 'RL',
      (a, b) => education.columns.category[a]! - education.columns.category[b]!,
    );
    return { descriptions: map, order: rows };
  });
  const educationType = [];
  for (let i = order.start[occ]!, end = order.start[occ + 1]!; i < end; i++) {
    const r = order.rows[i]!;
    const category = education.columns.category[r]!;
    educationType.push({ Category: category, EducationLevel: descriptions.get(category) ?? `Category ${category}`, Value: education.columns.value[r]! / 100 });
  }
  const zone = ix.occupations.jobZone[occ]!;
  const info = zone === 0 ? undefined : ix.occupations.jobZones.get(zone);
  return {
    EducationType: educationType,
    JobZone: info ? { Code: info.code, Title: info.title, Education: info.education, Experience: info.experience, Training: info.jobTraining } : null,
  };
}
