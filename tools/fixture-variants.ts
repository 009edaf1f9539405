/**
 * Variants of the hand-made fixture database (fixtures/onet), written into a temporary folder and
 * built with the snapshot builder, for the engine's tests and golden files of data the fixture
 * itself does not have. fixtures/onet stays untouched; every added row is written out below.
 *
 * - `full`: adds the optional tables of the official full release — Abilities, Work Activities,
 *   Work Context and Task Ratings (classic text layout, O*NET's headers) — and the Content Model
 *   rows of the abilities and work-context elements they rate (real O*NET ids, names, texts).
 * - `zones-2-5`: the job-zone framework of O*NET 30.2 and later: Job Zones 1 becomes 2, and Job
 *   Zone Reference has four rows, zone 2 being "Job Zone 1-2".
 * - `modern-dwa-ids`: IWA and DWA ids in the O*NET 30.3 format (`4.A.2.a.2.I81.D03` →
 *   `4.A.2.a.2.i.3`, the IWA's `I<nn>` as the nn-th letter from `a` = 0), titles unchanged.
 *
 * How each golden built on a variant was checked: fixtures/golden/README-catalog.md.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSnapshot } from '../src/snapshot/codec.js';
import type { Snapshot } from '../src/snapshot/schema.js';
import { buildSnapshot } from './snapshot/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The fixture variants. */
export const FIXTURE_VARIANTS = ['classic', 'full', 'zones-2-5', 'modern-dwa-ids'] as const;
/** One of {@link FIXTURE_VARIANTS}; `classic` is fixtures/onet as it is. */
export type FixtureVariant = (typeof FIXTURE_VARIANTS)[number];

const RATING_HEADER =
  'O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source';
const CONTEXT_HEADER =
  'O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source';
const TASK_RATINGS_HEADER = 'O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source';

/** Content Model rows the `full` variant adds (O*NET's own ids, names and descriptions). */
const ADDED_ELEMENTS: readonly (readonly [id: string, name: string, description: string])[] = [
  ['1.A', 'Abilities', 'Enduring attributes of the individual that influence performance'],
  ['1.A.1.a.1', 'Oral Comprehension', 'The ability to listen to and understand information and ideas presented through spoken words and sentences.'],
  ['1.A.1.a.2', 'Written Comprehension', 'The ability to read and understand information and ideas presented in writing.'],
  ['1.A.1.a.3', 'Oral Expression', 'The ability to communicate information and ideas in speaking so others will understand.'],
  ['1.A.1.b.4', 'Deductive Reasoning', 'The ability to apply general rules to specific problems to produce answers that make sense.'],
  ['1.A.4.a.1', 'Near Vision', 'The ability to see details at close range (within a few feet of the observer).'],
  ['4.C', 'Work Context', 'Physical and social factors that influence the nature of work'],
  ['4.C.1.a.2.h', 'E-Mail', 'How frequently does your job require you to use E-mail?'],
  ['4.C.1.a.2.l', 'Face-to-Face Discussions with Individuals and Within Teams', 'How frequently does your job require face-to-face discussions with individuals and within teams?'],
  ['4.C.3.b.4', 'Importance of Being Exact or Accurate', 'How important is being very exact or highly accurate in performing this job?'],
  ['4.C.3.d.1', 'Time Pressure', 'How often does this job require the worker to meet strict deadlines?'],
  ['4.C.3.d.8', 'Duration of Typical Work Week', 'Number of hours typically worked in one week.'],
];

/** Names of the elements a rating row may name: the fixture's Content Model plus the added rows. */
function elementNames(base: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const line of readFileSync(join(base, 'Content Model Reference.txt'), 'utf8').split('\n').slice(1)) {
    const [id, name] = line.split('\t');
    if (id && name) names.set(id, name);
  }
  for (const [id, name] of ADDED_ELEMENTS) names.set(id, name);
  return names;
}

/** [code, element, IM, LV, flags of the LV row] of Abilities and Work Activities. */
type RatingPair = readonly [code: string, element: string, im: string, lv: string, lvFlags?: { suppress?: boolean; notRelevant?: boolean }];

const ABILITIES: readonly RatingPair[] = [
  // 51-9941.00 Widget Inspectors: one clear first, an IM tie broken by LV, an IM + LV tie broken by Content Model order.
  ['51-9941.00', '1.A.1.a.1', '3.50', '3.62'],
  ['51-9941.00', '1.A.1.a.2', '3.50', '3.62'],
  ['51-9941.00', '1.A.1.a.3', '1.25', '0.00', { notRelevant: true }],
  ['51-9941.00', '1.A.1.b.4', '3.50', '3.88'],
  ['51-9941.00', '1.A.4.a.1', '4.25', '4.50'],
  // 15-2941.00 Data Wranglers: a suppressed level, reported as published.
  ['15-2941.00', '1.A.1.a.2', '4.00', '4.12'],
  ['15-2941.00', '1.A.1.b.4', '4.00', '4.75'],
  ['15-2941.00', '1.A.4.a.1', '3.00', '3.25', { suppress: true }],
];

const WORK_ACTIVITIES: readonly RatingPair[] = [
  // 4.A.2.a.2 and 4.A.3.b.6 tie on IM and LV: Content Model order.
  ['51-9941.00', '4.A.1.b.2', '4.62', '5.12'],
  ['51-9941.00', '4.A.2.a.2', '4.00', '4.25'],
  ['51-9941.00', '4.A.3.b.6', '4.00', '4.25'],
  ['51-9941.00', '4.A.4.a.1', '2.75', '2.00'],
  ['15-2941.00', '4.A.2.a.2', '4.88', '5.50'],
  ['15-2941.00', '4.A.4.a.1', '3.62', '3.75'],
];

/** Scales of Work Context and Task Ratings, as O*NET's Scales Reference lists them. */
const ADDED_SCALES: readonly (readonly [id: string, name: string, min: string, max: string])[] = [
  ['CT', 'Context', '1', '3'],
  ['CTP', 'Context (Categories 1-3)', '0', '100'],
  ['CX', 'Context', '1', '5'],
  ['CXP', 'Context (Categories 1-5)', '0', '100'],
  ['FT', 'Frequency of Task (Categories 1-7)', '0', '100'],
  ['RT', 'Relevance of Task', '0', '100'],
];

/** [code, element, scale CX or CT, context value, response percentages by category]. */
type ContextRow = readonly [code: string, element: string, scale: 'CX' | 'CT', value: string, percents: readonly string[]];

const WORK_CONTEXT: readonly ContextRow[] = [
  // E-Mail (CX 3.20), Time Pressure (CX 3.20) and Duration of Typical Work Week (CT 2.10) all score 55: Content Model order.
  ['51-9941.00', '4.C.1.a.2.h', 'CX', '3.20', ['10.00', '15.00', '30.00', '25.00', '20.00']],
  ['51-9941.00', '4.C.1.a.2.l', 'CX', '4.40', ['0.00', '2.00', '8.00', '38.00', '52.00']],
  ['51-9941.00', '4.C.3.b.4', 'CX', '4.85', ['0.00', '0.00', '3.00', '9.00', '88.00']],
  ['51-9941.00', '4.C.3.d.1', 'CX', '3.20', ['12.00', '10.00', '30.00', '28.00', '20.00']],
  ['51-9941.00', '4.C.3.d.8', 'CT', '2.10', ['5.00', '80.00', '15.00']],
  ['15-2941.00', '4.C.1.a.2.h', 'CX', '5.00', ['0.00', '0.00', '0.00', '0.00', '100.00']],
  ['15-2941.00', '4.C.3.d.1', 'CX', '3.75', ['0.00', '10.00', '25.00', '45.00', '20.00']],
];

/** [code, task id, IM or null (no IM row), RT] of Task Ratings. */
const TASK_RATINGS: readonly (readonly [code: string, task: number, im: string | null, rt: string])[] = [
  // 51-9941.00: a Supplemental task rated highest; 90105 and 90101 tie (task order); 90106 has no IM row (last).
  ['51-9941.00', 90105, '4.20', '100.00'],
  ['51-9941.00', 90102, '3.10', '92.00'],
  ['51-9941.00', 90104, '2.00', '61.00'],
  ['51-9941.00', 90101, '4.20', '100.00'],
  ['51-9941.00', 90106, null, '40.00'],
  ['51-9941.00', 90103, '4.60', '88.00'],
  ['15-2941.00', 90801, '3.50', '100.00'],
  ['15-2941.00', 90802, '3.50', '97.00'],
  ['15-2941.00', 90803, '4.80', '100.00'],
];

const STATS = '8\t0.1000\t2.9000\t4.1000';

function ratingRows(rows: readonly RatingPair[], names: Map<string, string>): string[] {
  return rows.flatMap(([code, element, im, lv, flags]) => [
    [code, element, names.get(element), 'IM', im, STATS, 'N', 'n/a', '08/2024', 'Analyst'].join('\t'),
    [code, element, names.get(element), 'LV', lv, STATS, flags?.suppress ? 'Y' : 'N', flags?.notRelevant ? 'Y' : 'N', '08/2024', 'Analyst'].join('\t'),
  ]);
}

function contextRows(names: Map<string, string>): string[] {
  return WORK_CONTEXT.flatMap(([code, element, scale, value, percents]) => [
    [code, element, names.get(element), scale, 'n/a', value, STATS, 'N', 'n/a', '08/2024', 'Incumbent'].join('\t'),
    ...percents.map((p, i) => [code, element, names.get(element), `${scale}P`, String(i + 1), p, STATS, 'N', 'n/a', '08/2024', 'Incumbent'].join('\t')),
  ]);
}

function taskRatingRows(): string[] {
  return TASK_RATINGS.flatMap(([code, task, im, rt]) => [
    ...(im === null ? [] : [[code, task, 'IM', 'n/a', im, STATS, 'N', '08/2024', 'Incumbent'].join('\t')]),
    [code, task, 'RT', 'n/a', rt, STATS, 'N', '08/2024', 'Incumbent'].join('\t'),
    // One frequency category row per task: a scale the engine must ignore.
    [code, task, 'FT', '5', '30.00', STATS, 'N', '08/2024', 'Incumbent'].join('\t'),
  ]);
}

const file = (dir: string, name: string) => join(dir, name);
const readLines = (dir: string, name: string) => readFileSync(file(dir, name), 'utf8').replace(/\n$/, '').split('\n');
const writeLines = (dir: string, name: string, lines: readonly string[]) => writeFileSync(file(dir, name), `${lines.join('\n')}\n`);

/** Applies `variant` to a copy of fixtures/onet in `dir`. */
function applyVariant(variant: FixtureVariant, dir: string): void {
  switch (variant) {
    case 'classic':
      return;
    case 'full': {
      const names = elementNames(dir);
      writeLines(dir, 'Content Model Reference.txt', [...readLines(dir, 'Content Model Reference.txt'), ...ADDED_ELEMENTS.map((row) => row.join('\t'))]);
      writeLines(dir, 'Abilities.txt', [RATING_HEADER, ...ratingRows(ABILITIES, names)]);
      writeLines(dir, 'Work Activities.txt', [RATING_HEADER, ...ratingRows(WORK_ACTIVITIES, names)]);
      writeLines(dir, 'Work Context.txt', [CONTEXT_HEADER, ...contextRows(names)]);
      writeLines(dir, 'Task Ratings.txt', [TASK_RATINGS_HEADER, ...taskRatingRows()]);
      // The builder checks every rating against its scale's range, so the scales these tables use join the reference.
      const scales = readLines(dir, 'Scales Reference.txt');
      const known = new Set(scales.map((line) => line.split('\t')[0]));
      writeLines(dir, 'Scales Reference.txt', [...scales, ...ADDED_SCALES.filter((row) => !known.has(row[0])).map((row) => row.join('\t'))]);
      return;
    }
    case 'zones-2-5': {
      const [header, ...rows] = readLines(dir, 'Job Zones.txt');
      writeLines(dir, 'Job Zones.txt', [header!, ...rows.map((r) => r.replace(/^([^\t]+)\t1\t/, '$1\t2\t'))]);
      const [refHeader, ...refRows] = readLines(dir, 'Job Zone Reference.txt');
      const kept = refRows
        .filter((r) => !r.startsWith('1\t'))
        .map((r) => (r.startsWith('2\t') ? r.replace(/^2\t[^\t]+/, '2\tJob Zone 1-2: Very Little to Some Preparation Needed') : r));
      writeLines(dir, 'Job Zone Reference.txt', [refHeader!, ...kept]);
      return;
    }
    case 'modern-dwa-ids':
      for (const name of ['IWA Reference.txt', 'DWA Reference.txt', 'Tasks to DWAs.txt']) {
        writeLines(dir, name, readLines(dir, name).map(modernIds));
      }
      return;
  }
}

/** Rewrites classic IWA / DWA ids in a line to the modern format. */
export function modernIds(line: string): string {
  return line.replace(
    /\.I(\d\d)(?:\.D(\d\d))?\b/g,
    (_, iwa: string, dwa: string | undefined) => `.${'abcdefghijklmnopqrstuvwxyz'[Number(iwa) % 26]}${dwa === undefined ? '' : `.${Number(dwa)}`}`,
  );
}

const built = new Map<FixtureVariant, Promise<Uint8Array>>();

/** The snapshot bytes of a variant, built once per process from a temporary copy of fixtures/onet. */
function fixtureVariantBytes(variant: FixtureVariant): Promise<Uint8Array> {
  let bytes = built.get(variant);
  if (!bytes) {
    bytes = (async () => {
      const dir = mkdtempSync(join(tmpdir(), `onet-match-fixture-${variant}-`));
      try {
        const source = resolve(REPO, 'fixtures/onet');
        for (const name of readdirSync(source)) copyFileSync(join(source, name), join(dir, name));
        applyVariant(variant, dir);
        return (await buildSnapshot({ source: dir, extras: resolve(REPO, 'fixtures/extras') })).bytes;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })();
    built.set(variant, bytes);
  }
  return bytes;
}

/** A variant's decoded snapshot (a new object per call: engines memoise per snapshot object). */
export async function fixtureVariantSnapshot(variant: FixtureVariant): Promise<Snapshot> {
  return decodeSnapshot(await fixtureVariantBytes(variant));
}
