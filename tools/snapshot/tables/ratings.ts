/**
 * Rating tables: one row per occupation × element × scale (× category), grouped by occupation.
 * The same 13/14-column header in both layouts; what differs is which file(s) hold a table:
 *
 * | table | classic (≤ 30.2) | modern (30.3+) |
 * |---|---|---|
 * | skills | Skills | Essential Skills + Transferable Skills |
 * | interests | Interests | Career Interest Types |
 * | specificInterests | — | Specific Interest Areas (optional) |
 * | education | Education, Training, and Experience | Education + Training and Experience |
 * | workValues | Work Values | — (read when present) |
 *
 * Knowledge, Work Styles, Abilities, Work Activities and Work Context have the same name in both
 * (the last three optional). Work Styles is signed: from 30.1 its WI scale runs −3…+3 and the
 * header has no N / Standard Error / CI / Recommend Suppress columns (flags are then 0).
 */
import type { RawColumns } from '../../../src/snapshot/encode.js';
import { SCHEMA, type SourceLayout, type TableName } from '../../../src/snapshot/schema.js';
import { columns } from '../columns.js';
import { CODE, type BuildContext } from '../context.js';
import { CLASSIC_FILES, COMMON_FILES, MODERN_FILES } from '../layout.js';
import type { SourceTable } from '../parse.js';

/** The rating tables. */
export type RatingTable = 'skills' | 'knowledge' | 'abilities' | 'workActivities' | 'workContext' | 'interests' | 'specificInterests' | 'workValues' | 'workStyles' | 'education';

/** Which files hold a rating table in a layout, and whether the table may be absent. */
export const RATING_SOURCES: Readonly<Record<RatingTable, Readonly<Record<SourceLayout, { files: readonly string[]; optional: boolean }>>>> = {
  skills: { classic: { files: [CLASSIC_FILES.skills], optional: false }, modern: { files: [MODERN_FILES.essentialSkills, MODERN_FILES.transferableSkills], optional: false } },
  knowledge: { classic: { files: [COMMON_FILES.knowledge], optional: false }, modern: { files: [COMMON_FILES.knowledge], optional: false } },
  abilities: { classic: { files: [COMMON_FILES.abilities], optional: true }, modern: { files: [COMMON_FILES.abilities], optional: true } },
  workActivities: { classic: { files: [COMMON_FILES.workActivities], optional: true }, modern: { files: [COMMON_FILES.workActivities], optional: true } },
  workContext: { classic: { files: [COMMON_FILES.workContext], optional: true }, modern: { files: [COMMON_FILES.workContext], optional: true } },
  interests: { classic: { files: [CLASSIC_FILES.interests], optional: false }, modern: { files: [MODERN_FILES.careerInterests], optional: false } },
  specificInterests: { classic: { files: [], optional: true }, modern: { files: [MODERN_FILES.specificInterests], optional: true } },
  workValues: { classic: { files: [COMMON_FILES.workValues], optional: false }, modern: { files: [COMMON_FILES.workValues], optional: true } },
  workStyles: { classic: { files: [COMMON_FILES.workStyles], optional: false }, modern: { files: [COMMON_FILES.workStyles], optional: false } },
  education: {
    classic: { files: [CLASSIC_FILES.education], optional: false },
    modern: { files: [MODERN_FILES.education, MODERN_FILES.trainingExperience], optional: false },
  },
};

/** Tables whose `value` column is signed (`i100`). */
const SIGNED: ReadonlySet<TableName> = new Set(
  Object.entries(SCHEMA)
    .filter(([, spec]) => (spec.columns as Record<string, string>).value === 'i100')
    .map(([name]) => name as TableName),
);

/**
 * Builds one rating table. `value` = Data Value × 100 within its scale's Scales Reference range;
 * `flags` bit 1 = Recommend Suppress Y, bit 2 = Not Relevant Y (0 when the column is absent);
 * `category` (`n/a` → 0) for tables that have one.
 */
export function buildRatings(b: BuildContext, name: RatingTable): void {
  const { files, optional } = RATING_SOURCES[name][b.layout];
  const spec = SCHEMA[name].columns as Record<string, string>;
  const hasCategory = 'category' in spec;
  const hasFlags = 'flags' in spec;
  const parts: { t: SourceTable; c: { occ: number; element: number; scale: number; value: number; category: number; suppress: number; notRelevant: number } }[] = [];
  for (const file of files) {
    const t = optional ? b.read(file, true) : b.read(file);
    if (!t) continue;
    const required = [CODE, 'Element ID', 'Scale ID', ...(hasCategory ? ['Category'] : []), 'Data Value'];
    const c = columns(t, required, ['Recommend Suppress', 'Not Relevant']) as Readonly<Record<string, number>>;
    parts.push({
      t,
      c: {
        occ: c[CODE]!,
        element: c['Element ID']!,
        scale: c['Scale ID']!,
        value: c['Data Value']!,
        category: hasCategory ? c.Category! : -1,
        suppress: c['Recommend Suppress']!,
        notRelevant: c['Not Relevant']!,
      },
    });
  }
  if (parts.length === 0) {
    // A table this layout never has (specificInterests in classic) is not "missing" from it.
    if (files.length > 0) b.missing.push(name);
    return;
  }
  const cols = new Map(parts.map((p) => [p.t, p.c]));
  const rows = b.groupByOcc(parts.map((p) => ({ t: p.t, occCol: p.c.occ })));
  const signed = SIGNED.has(name);
  const n = rows.length;
  const element = new Array<number>(n);
  const scale = new Array<string>(n);
  const value = new Array<number>(n);
  const category = hasCategory ? new Array<number>(n) : undefined;
  const flags = hasFlags ? new Array<number>(n) : undefined;
  // One pass, one column lookup per row: the real Skills and Knowledge files have ~60,000 rows each.
  for (let i = 0; i < n; i++) {
    const { t, row } = rows[i]!;
    const c = cols.get(t)!;
    element[i] = b.element(t, row, c.element);
    value[i] = b.scaled(t, row, c.scale, c.value, signed);
    scale[i] = t.rows[row]![c.scale]!.trim();
    if (category) category[i] = b.category(t, row, c.category);
    if (flags) flags[i] = b.flags(t, row, c.suppress, c.notRelevant);
  }
  const columnsOut: RawColumns = { occ: rows.map((r) => r.occ), element, scale, value };
  if (category) columnsOut.category = category;
  if (flags) columnsOut.flags = flags;
  b.set(name, rows.length, columnsOut);
}

/** Education category descriptions (modern: Education Categories + Training and Experience Categories). */
export function buildEducationCategories(b: BuildContext): void {
  const files = b.layout === 'classic' ? [CLASSIC_FILES.educationCategories] : [MODERN_FILES.educationCategories, MODERN_FILES.trainingExperienceCategories];
  const element: number[] = [];
  const scale: string[] = [];
  const category: number[] = [];
  const description: string[] = [];
  for (const file of files) {
    const t = b.read(file);
    const c = columns(t, ['Element ID', 'Scale ID', 'Category', 'Category Description']);
    t.rows.forEach((r, row) => {
      element.push(b.element(t, row, c['Element ID']));
      scale.push(b.scale(t, row, c['Scale ID']));
      category.push(b.uint(t, row, c.Category, 255));
      description.push(r[c['Category Description']]!.trim());
    });
  }
  b.set('educationCategories', element.length, { element, scale, category, description });
}
