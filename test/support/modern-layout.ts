/**
 * Re-lays a classic-layout O*NET database (≤ 30.2, e.g. fixtures/onet) out in the modern layout
 * (30.3+) described in docs/releases.md, so a test can check that the builder reads the same data
 * the same way from both. Files are renamed and split, columns renamed, DWA/IWA IDs rewritten to
 * the modern format; Work Values and Tools Used are dropped (the modern download has neither).
 *
 * ID mapping (deterministic, reversible): IWA `<GWA>.I<nn>` → `<GWA>.<letter nn>` (1 → a, 27 → aa),
 * DWA `<IWA>.D<nn>` → `<modern IWA>.<nn as a number>`; a Technology Skills commodity becomes a
 * software category `2.E.1.<letter>` numbered by first appearance, named by its commodity title.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Rows = string[][];

function read(folder: string, file: string): Rows {
  const text = readFileSync(join(folder, file), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

function write(folder: string, file: string, rows: Rows): void {
  writeFileSync(join(folder, file), `${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`);
}

/** 1 → a, 26 → z, 27 → aa. */
function letters(n: number): string {
  let out = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) out = String.fromCharCode(97 + ((v - 1) % 26)) + out;
  return out;
}

/** Modern ID of a classic IWA (`4.A.1.b.2.I81` → `4.A.1.b.2.cc`) or DWA (`…I81.D02` → `…cc.2`). */
export function modernActivityId(classic: string): string {
  const m = /^(.*)\.I(\d+)(?:\.D(\d+))?$/.exec(classic);
  if (!m) throw new Error(`not a classic IWA/DWA id: ${classic}`);
  const iwa = `${m[1]}.${letters(Number(m[2]))}`;
  return m[3] === undefined ? iwa : `${iwa}.${Number(m[3])}`;
}

/** Splits rows (header first) by a predicate on one column into [matching, others], both with the header. */
function split(rows: Rows, column: string, test: (value: string) => boolean): [Rows, Rows] {
  const [header, ...body] = rows;
  const at = header!.indexOf(column);
  return [
    [header!, ...body.filter((r) => test(r[at]!))],
    [header!, ...body.filter((r) => !test(r[at]!))],
  ];
}

/** Renames header columns. */
function rename(rows: Rows, names: Record<string, string>): Rows {
  const [header, ...body] = rows;
  return [header!.map((h) => names[h] ?? h), ...body];
}

/** Files copied as they are (the same in both layouts), when present. */
const SAME = [
  'Read Me.txt',
  'Occupation Data.txt',
  'Job Zones.txt',
  'Job Zone Reference.txt',
  'Content Model Reference.txt',
  'Level Scale Anchors.txt',
  'Scales Reference.txt',
  'Knowledge.txt',
  'Abilities.txt',
  'Work Activities.txt',
  'Work Context.txt',
  'Work Styles.txt',
  'Task Statements.txt',
  'Task Ratings.txt',
  'Sample of Reported Titles.txt',
  'Related Occupations.txt',
];

/** Writes the modern-layout form of the classic database in `classic` into `out` (created). */
export function toModernLayout(classic: string, out: string): void {
  mkdirSync(out, { recursive: true });
  for (const file of SAME) if (existsSync(join(classic, file))) copyFileSync(join(classic, file), join(out, file));

  const [essential, transferable] = split(read(classic, 'Skills.txt'), 'Element ID', (id) => id.startsWith('2.A.'));
  write(out, 'Essential Skills.txt', essential);
  write(out, 'Transferable Skills.txt', transferable);
  write(out, 'Career Interest Types.txt', read(classic, 'Interests.txt'));

  const [education, training] = split(read(classic, 'Education, Training, and Experience.txt'), 'Element ID', (id) => id.startsWith('2.D.'));
  write(out, 'Education.txt', education);
  write(out, 'Training and Experience.txt', training);
  const [educationCategories, trainingCategories] = split(read(classic, 'Education, Training, and Experience Categories.txt'), 'Element ID', (id) => id.startsWith('2.D.'));
  write(out, 'Education Categories.txt', educationCategories);
  write(out, 'Training and Experience Categories.txt', trainingCategories);

  // Activities: GWAs to IWAs (every IWA) and GWAs to IWAs to DWAs (one row per DWA), in source order.
  const elementName = new Map(
    read(classic, 'Content Model Reference.txt')
      .slice(1)
      .map((r) => [r[0]!, r[1]!]),
  );
  const [, ...iwas] = read(classic, 'IWA Reference.txt');
  const iwaTitle = new Map(iwas.map(([, id, title]) => [id!, title!]));
  write(out, 'GWAs to IWAs.txt', [
    ['GWA Element ID', 'GWA Element Name', 'IWA Element ID', 'IWA Element Name'],
    ...iwas.map(([gwa, id, title]) => [gwa!, elementName.get(gwa!)!, modernActivityId(id!), title!]),
  ]);
  const [, ...dwas] = read(classic, 'DWA Reference.txt');
  write(out, 'GWAs to IWAs to DWAs.txt', [
    ['GWA Element ID', 'GWA Element Name', 'IWA Element ID', 'IWA Element Name', 'DWA Element ID', 'DWA Element Name'],
    ...dwas.map(([gwa, iwa, id, title]) => [gwa!, elementName.get(gwa!)!, modernActivityId(iwa!), iwaTitle.get(iwa!)!, modernActivityId(id!), title!]),
  ]);
  const links = rename(read(classic, 'Tasks to DWAs.txt'), { 'DWA ID': 'DWA Element ID' });
  const linkAt = links[0]!.indexOf('DWA Element ID');
  write(out, 'Tasks to DWAs.txt', [links[0]!, ...links.slice(1).map((r) => r.map((f, i) => (i === linkAt ? modernActivityId(f) : f)))]);

  // Job Titles: no Title column in either; the title column is renamed.
  write(out, 'Job Titles.txt', rename(read(classic, 'Alternate Titles.txt'), { 'Alternate Title': 'Job Title' }));

  // Software Skills: the commodity becomes a 2.E.* software category of the same name.
  const [techHeader, ...tech] = read(classic, 'Technology Skills.txt');
  const at = (name: string) => techHeader!.indexOf(name);
  const category = new Map<string, string>();
  for (const r of tech) if (!category.has(r[at('Commodity Title')]!)) category.set(r[at('Commodity Title')]!, `2.E.1.${letters(category.size + 1)}`);
  write(out, 'Software Skills.txt', [
    ['O*NET-SOC Code', 'Workplace Example', 'Element ID', 'Element Name', 'Hot Technology', 'In Demand'],
    ...tech.map((r) => [
      r[at('O*NET-SOC Code')]!,
      r[at('Example')]!,
      category.get(r[at('Commodity Title')]!)!,
      r[at('Commodity Title')]!,
      r[at('Hot Technology')]!,
      r[at('In Demand')]!,
    ]),
  ]);
}
