import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OnetError } from '../../src/errors.js';
import { decodeSnapshot, readHeader } from '../../src/snapshot/codec.js';
import { parseManifest, sectionFilesOf } from '../../src/snapshot/manifest.js';
import { SCHEMA, str, type Snapshot, type StringColumn } from '../../src/snapshot/schema.js';
import { buildSnapshot, manifestJson, parseCsv, parseHundredths, SECTION_FILE_NAME_RE, sectionFileName, writeSnapshot, type BuiltSnapshot } from '../../tools/snapshot/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REAL_SOURCE = resolve(REPO, '../shared/onet/db_29_3_text');
const REAL_EXTRAS = resolve(REPO, '../shared/onet/extras');

// ---------------------------------------------------------------------------------------------
// A minimal synthetic O*NET release, written by the tests.

type Files = Record<string, string[][]>;

const N = 'N';
const NA = 'n/a';
const RATING_HEADER = [
  'O*NET-SOC Code',
  'Element ID',
  'Element Name',
  'Scale ID',
  'Data Value',
  'N',
  'Standard Error',
  'Lower CI Bound',
  'Upper CI Bound',
  'Recommend Suppress',
  'Not Relevant',
  'Date',
  'Domain Source',
];
const rating = (code: string, el: string, scale: string, value: string, suppress = N, notRelevant = NA) => [
  code,
  el,
  'x',
  scale,
  value,
  '8',
  '0.1',
  '1',
  '2',
  suppress,
  notRelevant,
  '08/2023',
  'Analyst',
];

const CEO = '11-1011.00';
const DEV = '15-1252.00';
const RN = '29-1141.00';

/** The text files of a minimal release (as rows of fields; the first row is the header). */
function miniFiles(): Files {
  // A deep copy without shared arrays (structuredClone keeps sharing): tests mutate the result.
  return JSON.parse(
    JSON.stringify({
      'Read Me.txt': [['O*NET 29.3 Database'], ['May 2025 Release'], ['----------------']],
      // Out of code order on purpose: the builder sorts occupations by code.
      'Occupation Data.txt': [
        ['O*NET-SOC Code', 'Title', 'Description'],
        [RN, 'Registered Nurses', 'Assess patient health problems.'],
        [CEO, 'Chief Executives', 'Determine and formulate policies.'],
        [DEV, 'Software Developers', 'Research, design, and develop software. ü ✓'],
      ],
      'Job Zones.txt': [
        ['O*NET-SOC Code', 'Job Zone', 'Date', 'Domain Source'],
        [CEO, '5', '08/2023', 'Analyst'],
        [DEV, '4', '08/2023', 'Analyst'],
      ],
      'Job Zone Reference.txt': [
        ['Job Zone', 'Name', 'Experience', 'Education', 'Job Training', 'Examples', 'SVP Range'],
        ...[1, 2, 3, 4, 5].map((z) => [String(z), `Job Zone ${z}`, 'exp', 'edu', 'train', 'ex', '(Below 4.0)']),
      ],
      'Content Model Reference.txt': [
        ['Element ID', 'Element Name', 'Description'],
        ['1.B.1.a', 'Realistic', 'Realistic occupations'],
        ['1.B.2.a', 'Achievement', 'Achievement'],
        ['1.C.1.a', 'Achievement/Effort', 'Effort'],
        ['2.A.1.a', 'Reading Comprehension', 'Understanding written sentences'],
        ['2.A.1.b', 'Active Listening', 'Giving full attention'],
        ['2.C.1.a', 'Administration and Management', 'Knowledge of business'],
        ['2.D.1', 'Required Level of Education', 'Education'],
        ['4.A.1.a.1', 'Getting Information', 'Observing'],
        ['4.A.2.a.1', 'Judging the Qualities of Objects', 'Assessing'],
      ],
      // Since scale checking, the builder needs Scales Reference (the real file's rows for the scales used here).
      'Scales Reference.txt': [
        ['Scale ID', 'Scale Name', 'Minimum', 'Maximum'],
        ['CX', 'Context', '1', '5'],
        ['CXP', 'Context (Categories 1-5)', '0', '100'],
        ['EX', 'Extent', '1', '7'],
        ['FT', 'Frequency of Task (Categories 1-7)', '0', '100'],
        ['IM', 'Importance', '1', '5'],
        ['LV', 'Level', '0', '7'],
        ['OI', 'Occupational Interests', '1', '7'],
        ['RL', 'Required Level Of Education (Categories 1-12)', '0', '100'],
        ['RT', 'Relevance of Task', '0', '100'],
      ],
      'Level Scale Anchors.txt': [
        ['Element ID', 'Element Name', 'Scale ID', 'Anchor Value', 'Anchor Description'],
        ['2.A.1.a', 'Reading Comprehension', 'LV', '2', 'Read step-by-step instructions'],
      ],
      'Skills.txt': [
        RATING_HEADER,
        rating(RN, '2.A.1.a', 'IM', '3.50'),
        rating(CEO, '2.A.1.a', 'IM', '4.12'),
        rating(CEO, '2.A.1.a', 'LV', '4.62', 'Y', 'Y'),
        rating(CEO, '2.A.1.b', 'LV', '0.07'), // an LV (0–7): an IM of 0.07 is below the IM scale's minimum of 1
      ],
      'Knowledge.txt': [RATING_HEADER, rating(CEO, '2.C.1.a', 'IM', '4.78')],
      'Interests.txt': [
        ['O*NET-SOC Code', 'Element ID', 'Element Name', 'Scale ID', 'Data Value', 'Date', 'Domain Source'],
        [CEO, '1.B.1.a', 'Realistic', 'OI', '1.30', '11/2023', 'Machine Learning'],
      ],
      'Work Values.txt': [
        ['O*NET-SOC Code', 'Element ID', 'Element Name', 'Scale ID', 'Data Value', 'Date', 'Domain Source'],
        [CEO, '1.B.2.a', 'Achievement', 'EX', '6.33', '06/2008', 'Analyst'],
      ],
      'Work Styles.txt': [
        [
          'O*NET-SOC Code',
          'Element ID',
          'Element Name',
          'Scale ID',
          'Data Value',
          'N',
          'Standard Error',
          'Lower CI Bound',
          'Upper CI Bound',
          'Recommend Suppress',
          'Date',
          'Domain Source',
        ],
        [CEO, '1.C.1.a', 'Achievement/Effort', 'IM', '4.69', '28', '0.12', '4.4', '4.9', 'Y', '08/2023', 'Incumbent'],
      ],
      'Education, Training, and Experience.txt': [
        [
          'O*NET-SOC Code',
          'Element ID',
          'Element Name',
          'Scale ID',
          'Category',
          'Data Value',
          'N',
          'Standard Error',
          'Lower CI Bound',
          'Upper CI Bound',
          'Recommend Suppress',
          'Date',
          'Domain Source',
        ],
        [CEO, '2.D.1', 'Required Level of Education', 'RL', '2', '4.46', '28', '4.1', '0.6', '25.5', 'N', '08/2023', 'Incumbent'],
        [CEO, '2.D.1', 'Required Level of Education', 'RL', '12', '100.00', '28', '4.1', '0.6', '25.5', 'N', '08/2023', 'Incumbent'],
        [CEO, '2.D.1', 'Required Level of Education', 'IM', 'n/a', '3.00', '28', '4.1', '0.6', '25.5', 'N', '08/2023', 'Incumbent'],
      ],
      'Education, Training, and Experience Categories.txt': [
        ['Element ID', 'Element Name', 'Scale ID', 'Category', 'Category Description'],
        ['2.D.1', 'Required Level of Education', 'RL', '2', 'High School Diploma'],
      ],
      'IWA Reference.txt': [
        ['Element ID', 'IWA ID', 'IWA Title'],
        ['4.A.1.a.1', '4.A.1.a.1.I01', 'Study details.'],
        ['4.A.2.a.1', '4.A.2.a.1.I01', 'Evaluate things.'],
      ],
      'DWA Reference.txt': [
        ['Element ID', 'IWA ID', 'DWA ID', 'DWA Title'],
        ['4.A.1.a.1', '4.A.1.a.1.I01', '4.A.1.a.1.I01.D01', 'Review plans.'],
        ['4.A.1.a.1', '4.A.1.a.1.I01', '4.A.1.a.1.I01.D02', 'Analyze data.'],
        ['4.A.2.a.1', '4.A.2.a.1.I01', '4.A.2.a.1.I01.D01', 'Inspect equipment.'],
        ['4.A.2.a.1', '4.A.2.a.1.I01', '4.A.2.a.1.I01.D02', 'Maintain records.'],
      ],
      'Task Statements.txt': [
        ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
        [CEO, '101', 'Supplemental task.', 'Supplemental', '95', '08/2023', 'Incumbent'],
        [CEO, '102', 'Unrated task.', 'n/a', '95', '08/2023', 'Incumbent'],
        [CEO, '103', 'Core task.', 'Core', '95', '08/2023', 'Incumbent'],
        [DEV, '201', 'Write code.', 'Core', '95', '08/2023', 'Incumbent'],
      ],
      'Tasks to DWAs.txt': [
        ['O*NET-SOC Code', 'Task ID', 'DWA ID', 'Date', 'Domain Source'],
        [CEO, '101', '4.A.2.a.1.I01.D02', '07/2014', 'Analyst'], // Maintain records.
        [CEO, '101', '4.A.2.a.1.I01.D01', '07/2014', 'Analyst'], // Inspect equipment.
        [CEO, '102', '4.A.1.a.1.I01.D01', '07/2014', 'Analyst'], // Review plans.
        [CEO, '103', '4.A.2.a.1.I01.D02', '07/2014', 'Analyst'], // Maintain records.
        [CEO, '103', '4.A.1.a.1.I01.D02', '07/2014', 'Analyst'], // Analyze data.
        [DEV, '201', '4.A.1.a.1.I01.D02', '07/2014', 'Analyst'],
      ],
      'Alternate Titles.txt': [
        ['O*NET-SOC Code', 'Alternate Title', 'Short Title', 'Source(s)'],
        [DEV, 'Application Developer', 'App Dev', '08'],
        [CEO, 'Agency Owner', 'n/a', '10'],
      ],
      'Sample of Reported Titles.txt': [
        ['O*NET-SOC Code', 'Reported Job Title', 'Shown in My Next Move'],
        [CEO, 'CEO', 'Y'],
        [CEO, 'President', 'N'],
      ],
      'Related Occupations.txt': [
        ['O*NET-SOC Code', 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index'],
        [CEO, DEV, 'Primary-Short', '1'],
        [DEV, CEO, 'Supplemental', '12'],
      ],
      'Technology Skills.txt': [
        ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'],
        [CEO, 'Adobe Acrobat', '43232202', 'Document management software', 'Y', 'N'],
        [DEV, 'Git', '43232402', 'Development environment software', 'Y', 'Y'],
      ],
      'Tools Used.txt': [
        ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title'],
        [CEO, '10-key calculators', '44101809', 'Desktop calculator'],
      ],
    }),
  ) as Files;
}

const EXTRAS: Record<string, string> = {
  'bright_outlook_occupations.csv': `Code,Occupation,Categories\n${DEV},Software Developers,Rapid Growth; Numerous Job Openings\n${RN},"Nurses, Registered",New and Emerging\n99-9999.00,Gone,Rapid Growth\n`,
  'stem_occupations.csv': `Code,Occupation,Occupation Types\n${DEV},Software Developers,"Research, Development, Design, and Practitioners; Technologists and Technicians"\n${CEO},Chief Executives,Managerial\n`,
};

interface WriteOptions {
  crlf?: boolean;
  bom?: boolean;
}

function tsvText(rows: string[][], { crlf = false, bom = false }: WriteOptions = {}): string {
  const eol = crlf ? '\r\n' : '\n';
  return (bom ? '\uFEFF' : '') + rows.map((r) => r.join('\t')).join(eol) + eol;
}

let scratch: string;
let counter = 0;

/** Writes `files` into a fresh folder named `name` (default db_29_3_text); returns its path. */
function writeSource(files: Files, options: WriteOptions & { name?: string } = {}): string {
  const dir = join(scratch, String(counter++), options.name ?? 'db_29_3_text');
  mkdirSync(dir, { recursive: true });
  for (const [name, rows] of Object.entries(files)) writeFileSync(join(dir, name), tsvText(rows, options));
  return dir;
}

function writeExtras(extra: Record<string, string> = {}): string {
  const dir = join(scratch, String(counter++), 'extras');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries({ ...EXTRAS, ...extra })) writeFileSync(join(dir, name), text);
  return dir;
}

/** The rejection of `promise` as an OnetError. */
async function failure(promise: Promise<unknown>): Promise<OnetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OnetError);
    return error as OnetError;
  }
  throw new Error('expected the build to fail');
}

const values = (column: StringColumn, rows: number) => Array.from({ length: rows }, (_, i) => str(column, i));

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'onet-builder-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

describe('parsing helpers', () => {
  test('parseHundredths avoids float error', () => {
    expect(parseHundredths('4.12')).toBe(412);
    expect(parseHundredths('0.07')).toBe(7);
    expect(parseHundredths('100.00')).toBe(10000);
    expect(parseHundredths('2')).toBe(200);
    expect(parseHundredths('1.5')).toBe(150);
    expect(parseHundredths('0.125')).toBe(13);
    expect(parseHundredths('4.1x')).toBeUndefined();
    expect(parseHundredths('n/a')).toBeUndefined();
    expect(parseHundredths('-1')).toBeUndefined();
    expect(parseHundredths('')).toBeUndefined();
  });

  test('parseCsv handles quotes, CRLF and a BOM', () => {
    const bytes = new TextEncoder().encode('\uFEFFCode,Name\r\n1,"a, ""b"""\r\n\r\n2,c\r\n');
    const t = parseCsv('x.csv', bytes, ['Code']);
    expect(t.rows).toEqual([
      ['1', 'a, "b"'],
      ['2', 'c'],
    ]);
    expect(t.lines).toEqual([2, 4]);
  });
});

describe('buildSnapshot on a synthetic release', () => {
  let built: BuiltSnapshot;
  let snap: Snapshot;
  let extras: string;

  beforeAll(async () => {
    extras = writeExtras();
    built = await buildSnapshot({ source: writeSource(miniFiles()), extras });
    snap = decodeSnapshot(built.bytes);
  });

  test('info and manifest', () => {
    expect(snap.info.release).toBe('29.3');
    expect(snap.info.source).toBe('O*NET 29.3 Database (May 2025)');
    expect(snap.info.attribution).toContain('O*NET 29.3 Database by the U.S. Department of Labor');
    expect(snap.info.attribution).toContain('CC BY 4.0');
    const m = built.manifest;
    expect(parseManifest(JSON.parse(JSON.stringify(m)))).toEqual(m);
    expect(m.file).toBe('onet-29.3.snap');
    expect(m.bytes).toBe(built.bytes.length);
    expect(m.sha256).toBe(createHash('sha256').update(built.bytes).digest('hex'));
    expect(m.missing).toEqual(['abilities', 'workActivities', 'workContext', 'taskRatings', 'green']);
    expect(built.report.missing).toEqual(m.missing);
    expect(m.sections.map((s) => s.name)).not.toContain('abilities');
    expect(built.report.sections).toEqual(m.sections.map(({ name, rows, bytes, rawBytes }) => ({ name, rows, bytes, rawBytes })));
    expect(m.info).toEqual(snap.info);
  });

  test('section files: named by content, their sha256 in the manifest, together the container body', () => {
    const m = built.manifest;
    expect(built.sectionFiles.map((f) => f.file)).toEqual(m.sections.map((s) => s.file));
    for (const [i, s] of m.sections.entries()) {
      const { file, bytes } = built.sectionFiles[i]!;
      expect(bytes.length, s.name).toBe(s.bytes);
      expect(s.sha256, s.name).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(file).toBe(`${s.name}.${s.sha256!.slice(0, 16)}.bin`);
    }
    const body = Buffer.concat(built.sectionFiles.map((f) => f.bytes));
    expect(body.equals(Buffer.from(built.bytes.subarray(built.bytes.length - body.length)))).toBe(true);
    expect(body.length).toBe(built.bytes.length - readHeader(built.bytes).bodyOffset);
    const files = sectionFilesOf(parseManifest(JSON.parse(manifestJson(m))));
    expect(files?.info).toEqual(snap.info);
    expect(files?.sections.map((s) => s.name)).toEqual(m.sections.map((s) => s.name));
  });

  test('occupations: sorted by code, job zone, Bright Outlook and STEM masks', () => {
    const occ = snap.tables.occupations!;
    expect(values(occ.columns.code, occ.rows)).toEqual([CEO, DEV, RN]);
    expect(str(occ.columns.description, 1)).toBe('Research, design, and develop software. ü ✓');
    expect(Array.from(occ.columns.jobZone)).toEqual([5, 4, 0]);
    expect(Array.from(occ.columns.brightOutlook)).toEqual([0, 0b011, 0b100]);
    expect(Array.from(occ.columns.stemTypes)).toEqual([1 << 3, 0b11, 0]);
    expect(built.report.warnings.some((w) => w.includes('99-9999.00') && w.includes('bright_outlook_occupations.csv:4:1'))).toBe(true);
    expect(built.report.warnings.some((w) => /1 occupation code\(s\) not in Occupation Data\.txt skipped/.test(w))).toBe(true);
  });

  test('reference tables', () => {
    const jf = snap.tables.jobFamilies!;
    expect(jf.rows).toBe(23);
    expect(str(jf.columns.code, 0)).toBe('11-0000');
    expect(str(jf.columns.title, 0)).toBe('Management');
    expect(str(jf.columns.title, 22)).toBe('Military Specific');
    expect(Array.from(snap.tables.jobZones!.columns.zone)).toEqual([1, 2, 3, 4, 5]);
    const la = snap.tables.levelAnchors!;
    expect(Array.from(la.columns.element)).toEqual([3]);
    expect(Array.from(la.columns.anchor)).toEqual([200]);
    expect(Array.from(snap.tables.iwas!.columns.gwa)).toEqual([7, 8]);
    expect(Array.from(snap.tables.dwas!.columns.iwa)).toEqual([0, 0, 1, 1]);
  });

  test('ratings: grouped by occupation, values ×100, flags', () => {
    const s = snap.tables.skills!;
    expect(Array.from(s.columns.occ)).toEqual([0, 0, 0, 2]);
    expect(Array.from(s.columns.element)).toEqual([3, 3, 4, 3]);
    expect(values(s.columns.scale, s.rows)).toEqual(['IM', 'LV', 'LV', 'IM']);
    expect(Array.from(s.columns.value)).toEqual([412, 462, 7, 350]);
    expect(Array.from(s.columns.flags)).toEqual([0, 3, 0, 0]);
    expect(Array.from(snap.tables.workStyles!.columns.flags)).toEqual([1]);
    const e = snap.tables.education!;
    expect(Array.from(e.columns.category)).toEqual([2, 12, 0]);
    expect(Array.from(e.columns.value)).toEqual([446, 10000, 300]);
    expect(Array.from(snap.tables.interests!.columns.value)).toEqual([130]);
  });

  test('tasks, task → DWA links and the per-occupation DWA order', () => {
    const t = snap.tables.tasks!;
    expect(Array.from(t.columns.taskId)).toEqual([101, 102, 103, 201]);
    expect(Array.from(t.columns.type)).toEqual([2, 0, 1, 1]);
    const td = snap.tables.taskDwas!;
    expect(Array.from(td.columns.task)).toEqual([0, 0, 1, 2, 2, 3]);
    const od = snap.tables.occupationDwas!;
    const dwaTitle = (i: number) => str(snap.tables.dwas!.columns.title, i);
    const forOcc = (occ: number) =>
      Array.from(od.columns.dwa)
        .filter((_, i) => od.columns.occ[i] === occ)
        .map(dwaTitle);
    // Core task 103 first (its DWAs in title order), then Supplemental 101 (new DWAs only), then n/a 102.
    expect(forOcc(0)).toEqual(['Analyze data.', 'Maintain records.', 'Inspect equipment.', 'Review plans.']);
    expect(forOcc(1)).toEqual(['Analyze data.']);
    expect(forOcc(2)).toEqual([]);
  });

  test('titles, related occupations, technology', () => {
    const a = snap.tables.alternateTitles!;
    expect(Array.from(a.columns.occ)).toEqual([0, 1]);
    expect(values(a.columns.shortTitle, 2)).toEqual(['', 'App Dev']);
    expect(Array.from(snap.tables.reportedTitles!.columns.shown)).toEqual([1, 0]);
    const r = snap.tables.relatedOccupations!;
    expect(Array.from(r.columns.related)).toEqual([1, 0]);
    expect(Array.from(r.columns.rank)).toEqual([1, 12]);
    const ts = snap.tables.technologySkills!;
    expect(Array.from(ts.columns.commodityCode)).toEqual([43232202, 43232402]);
    expect(Array.from(ts.columns.hot)).toEqual([1, 1]);
    expect(Array.from(ts.columns.inDemand)).toEqual([0, 1]);
  });

  test('is deterministic, and writeSnapshot writes the snapshot and a stable manifest', async () => {
    const again = await buildSnapshot({ source: writeSource(miniFiles()), extras });
    expect(Buffer.from(again.bytes).equals(Buffer.from(built.bytes))).toBe(true);
    expect(again.manifest).toEqual(built.manifest);
    const out = join(scratch, 'out');
    const paths = writeSnapshot(built, out);
    expect(paths.snapshot).toBe(join(out, 'onet-29.3.snap'));
    const bytes = readFileSync(paths.snapshot);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(built.manifest.sha256);
    const text = readFileSync(paths.manifest, 'utf8');
    const json = JSON.parse(text) as { info: object; sections: object[] };
    expect(Object.keys(json)).toEqual(['format', 'formatVersion', 'release', 'layout', 'file', 'sha256', 'bytes', 'info', 'sections', 'missing']);
    expect(Object.keys(json.info)).toEqual(['release', 'source', 'attribution', 'layout']);
    for (const section of json.sections) expect(Object.keys(section)).toEqual(['name', 'rows', 'bytes', 'rawBytes', 'file', 'sha256']);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    // Section files beside the manifest, their bytes hashing to the manifest's sha256.
    expect(paths.sections).toEqual(built.manifest.sections.map((s) => join(out, s.file!)));
    for (const s of built.manifest.sections)
      expect(
        createHash('sha256')
          .update(readFileSync(join(out, s.file!)))
          .digest('hex'),
        s.name,
      ).toBe(s.sha256);
    const written = () => new Map(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]));
    const first = written();
    expect(first.size).toBe(2 + built.manifest.sections.length);
    writeSnapshot(again, out);
    expect(readFileSync(paths.manifest, 'utf8')).toBe(text);
    expect(written()).toEqual(first);
  });

  test('writeSnapshot removes the section files of an earlier build, and nothing else', async () => {
    const out = join(scratch, 'out-stale');
    writeSnapshot(built, out);
    // Unrelated files, and names that only look like section files, are left alone.
    const keep = ['notes.txt', 'skills.bin', 'skills.0123456789abcdef.bin.bak', 'Skills.0123456789abcdef.bin', 'onet-29.2.snap'];
    for (const name of keep) writeFileSync(join(out, name), 'x');
    const files = miniFiles();
    files['Sample of Reported Titles.txt']!.push([DEV, 'Coder', 'Y']);
    const next = await buildSnapshot({ source: writeSource(files), extras });
    const changed = next.manifest.sections.filter((s, i) => s.sha256 !== built.manifest.sections[i]!.sha256).map((s) => s.name);
    expect(changed).toEqual(['reportedTitles']);
    const paths = writeSnapshot(next, out);
    const old = built.manifest.sections.find((s) => s.name === 'reportedTitles')!.file!;
    expect(paths.removed).toEqual([join(out, old)]);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'onet-29.3.snap', ...keep, ...next.manifest.sections.map((s) => s.file!)].sort());
    // The pattern recognises the section file of every table there is.
    for (const table of Object.keys(SCHEMA)) expect(sectionFileName(table, 'f'.repeat(64)), table).toMatch(SECTION_FILE_NAME_RE);
  });

  test('CRLF line endings and a BOM give identical bytes', async () => {
    const crlf = await buildSnapshot({ source: writeSource(miniFiles(), { crlf: true, bom: true }), extras });
    expect(Buffer.from(crlf.bytes).equals(Buffer.from(built.bytes))).toBe(true);
    const crlfExtras = writeExtras(Object.fromEntries(Object.entries(EXTRAS).map(([k, v]) => [k, `\uFEFF${v.replace(/\n/g, '\r\n')}`])));
    const both = await buildSnapshot({ source: writeSource(miniFiles(), { crlf: true }), extras: crlfExtras });
    expect(Buffer.from(both.bytes).equals(Buffer.from(built.bytes))).toBe(true);
  });

  test('the official zip layout (db_29_3_text/ prefix, CRLF) gives identical bytes', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const [name, rows] of Object.entries(miniFiles())) entries[`db_29_3_text/${name}`] = new TextEncoder().encode(tsvText(rows, { crlf: true }));
    entries['__MACOSX/db_29_3_text/._Skills.txt'] = new Uint8Array([0, 1, 2]);
    const zip = join(scratch, 'db_29_3_text.zip');
    writeFileSync(zip, zipSync(entries));
    const fromZip = await buildSnapshot({ source: zip, extras });
    expect(Buffer.from(fromZip.bytes).equals(Buffer.from(built.bytes))).toBe(true);
    expect(fromZip.manifest).toEqual(built.manifest);
  });

  test('release from the folder or zip name when there is no Read Me', async () => {
    const files = miniFiles();
    delete files['Read Me.txt'];
    const fromFolder = await buildSnapshot({ source: writeSource(files, { name: 'db_30_0_text' }) });
    expect(fromFolder.manifest.release).toBe('30.0');
    expect(fromFolder.manifest.file).toBe('onet-30.0.snap');
    expect(decodeSnapshot(fromFolder.bytes).info.source).toBe('O*NET 30.0 Database');
    const entries: Record<string, Uint8Array> = {};
    for (const [name, rows] of Object.entries(files)) entries[name] = new TextEncoder().encode(tsvText(rows));
    const zip = join(scratch, 'db_28_1_text.zip');
    writeFileSync(zip, zipSync(entries));
    expect((await buildSnapshot({ source: zip })).manifest.release).toBe('28.1');
  });

  test('without extras, Bright Outlook and STEM are reported missing', async () => {
    const plain = await buildSnapshot({ source: writeSource(miniFiles()) });
    expect(plain.manifest.missing).toEqual(['occupations.brightOutlook', 'occupations.stemTypes', 'abilities', 'workActivities', 'workContext', 'taskRatings', 'green']);
    const occ = decodeSnapshot(plain.bytes).tables.occupations!;
    expect(Array.from(occ.columns.brightOutlook)).toEqual([0, 0, 0]);
  });
});

describe('optional tables', () => {
  test('Abilities, Work Activities, Work Context, Task Ratings and a green list are picked up', async () => {
    const files = miniFiles();
    files['Abilities.txt'] = [RATING_HEADER, rating(DEV, '2.A.1.a', 'IM', '3.00'), rating(CEO, '2.A.1.a', 'LV', '1.25')];
    files['Work Activities.txt'] = [RATING_HEADER, rating(CEO, '4.A.1.a.1', 'IM', '4.00')];
    files['Work Context.txt'] = [
      [
        'O*NET-SOC Code',
        'Element ID',
        'Element Name',
        'Scale ID',
        'Category',
        'Data Value',
        'N',
        'Standard Error',
        'Lower CI Bound',
        'Upper CI Bound',
        'Recommend Suppress',
        'Not Relevant',
        'Date',
        'Domain Source',
      ],
      [CEO, '4.A.1.a.1', 'x', 'CX', 'n/a', '4.50', '20', '0.1', '1', '2', 'N', 'n/a', '08/2023', 'Incumbent'],
      [CEO, '4.A.1.a.1', 'x', 'CXP', '3', '25.00', '20', '0.1', '1', '2', 'Y', 'n/a', '08/2023', 'Incumbent'],
    ];
    // IM ratings put the n/a task 102 first, then 101; task 103 (Core) is unrated and comes last.
    files['Task Ratings.txt'] = [
      ['O*NET-SOC Code', 'Task ID', 'Scale ID', 'Category', 'Data Value', 'N', 'Standard Error', 'Lower CI Bound', 'Upper CI Bound', 'Recommend Suppress', 'Date', 'Domain Source'],
      [CEO, '101', 'IM', 'n/a', '3.10', '20', '0.1', '1', '2', 'N', '08/2023', 'Incumbent'],
      [CEO, '101', 'FT', '1', '5.00', '20', '0.1', '1', '2', 'N', '08/2023', 'Incumbent'],
      [CEO, '102', 'IM', 'n/a', '4.20', '20', '0.1', '1', '2', 'N', '08/2023', 'Incumbent'],
      [DEV, '201', 'IM', 'n/a', '4.00', '20', '0.1', '1', '2', 'N', '08/2023', 'Incumbent'],
    ];
    const extras = writeExtras({ 'green_occupations.csv': `Code,Occupation\n${RN},Registered Nurses\n${CEO},Chief Executives\n` });
    const built = await buildSnapshot({ source: writeSource(files), extras });
    expect(built.manifest.missing).toEqual([]);
    const snap = decodeSnapshot(built.bytes);
    expect(Array.from(snap.tables.abilities!.columns.occ)).toEqual([0, 1]);
    expect(Array.from(snap.tables.abilities!.columns.value)).toEqual([125, 300]);
    expect(snap.tables.workActivities!.rows).toBe(1);
    const wc = snap.tables.workContext!;
    expect(Array.from(wc.columns.category)).toEqual([0, 3]);
    expect(Array.from(wc.columns.flags)).toEqual([0, 1]);
    const tr = snap.tables.taskRatings!;
    expect(Array.from(tr.columns.task)).toEqual([0, 1, 3]);
    expect(Array.from(tr.columns.value)).toEqual([310, 420, 400]);
    expect(Array.from(snap.tables.green!.columns.occ)).toEqual([0, 2]);
    const od = snap.tables.occupationDwas!;
    const titles = Array.from(od.columns.dwa)
      .filter((_, i) => od.columns.occ[i] === 0)
      .map((d) => str(snap.tables.dwas!.columns.title, d));
    expect(titles).toEqual(['Review plans.', 'Inspect equipment.', 'Maintain records.', 'Analyze data.']);
  });

  test('an explicit green list that does not exist is an error', async () => {
    const e = await failure(buildSnapshot({ source: writeSource(miniFiles()), green: join(scratch, 'nope.csv') }));
    expect(e.code).toBe('SOURCE_INVALID');
  });
});

describe('bad source data', () => {
  test('a missing source is SOURCE_INVALID', async () => {
    const e = await failure(buildSnapshot({ source: join(scratch, 'does-not-exist') }));
    expect(e.code).toBe('SOURCE_INVALID');
    expect(e.message).toContain('does-not-exist');
  });

  test('a missing required table names the file', async () => {
    const files = miniFiles();
    delete files['Skills.txt'];
    const e = await failure(buildSnapshot({ source: writeSource(files) }));
    expect(e.code).toBe('SOURCE_INVALID');
    expect(e.field).toBe('Skills.txt');
    expect(e.message).toContain('Skills.txt');
  });

  test('a malformed number names file:line:column', async () => {
    const files = miniFiles();
    files['Skills.txt']![3]![4] = '4.6x';
    const e = await failure(buildSnapshot({ source: writeSource(files, { crlf: true }) }));
    expect(e.code).toBe('SOURCE_INVALID');
    expect(e.field).toBe('Skills.txt:4:5');
    expect(e.message).toContain('Skills.txt:4:5');
    expect(e.message).toContain('4.6x');
    expect(e.message).toContain('Data Value');
  });

  test('a missing required column (found by name, not position)', async () => {
    const files = miniFiles();
    // Columns in another order are fine…
    files['Tools Used.txt'] = files['Tools Used.txt']!.map(([a, b, c, d]) => [d!, c!, b!, a!]);
    await buildSnapshot({ source: writeSource(files) });
    // …a renamed one is not.
    files['Knowledge.txt']![0]![4] = 'Value';
    const e = await failure(buildSnapshot({ source: writeSource(files) }));
    expect(e.code).toBe('SOURCE_INVALID');
    expect(e.field).toBe('Knowledge.txt:1:1');
    expect(e.message).toContain('"Data Value"');
  });

  test('a rating for an occupation missing from Occupation Data', async () => {
    const files = miniFiles();
    files['Skills.txt']!.push(rating('15-1299.08', '2.A.1.a', 'IM', '1.00'));
    const e = await failure(buildSnapshot({ source: writeSource(files) }));
    expect(e.code).toBe('SOURCE_INVALID');
    expect(e.field).toBe('Skills.txt:6:1');
    expect(e.message).toContain('15-1299.08');
  });

  test('a malformed O*NET-SOC code', async () => {
    const files = miniFiles();
    files['Alternate Titles.txt']![2]![0] = '11-1011';
    const e = await failure(buildSnapshot({ source: writeSource(files) }));
    expect(e.field).toBe('Alternate Titles.txt:3:1');
  });

  test('a rating for an element missing from Content Model Reference', async () => {
    const files = miniFiles();
    files['Knowledge.txt']![1]![1] = '2.C.9.z';
    const e = await failure(buildSnapshot({ source: writeSource(files) }));
    expect(e.field).toBe('Knowledge.txt:2:2');
    expect(e.message).toContain('2.C.9.z');
  });

  test('a task link to an unknown task or DWA', async () => {
    const files = miniFiles();
    files['Tasks to DWAs.txt']![2]![1] = '999';
    expect((await failure(buildSnapshot({ source: writeSource(files) }))).field).toBe('Tasks to DWAs.txt:3:2');
    const files2 = miniFiles();
    files2['Tasks to DWAs.txt']![3]![2] = '4.A.1.a.1.I01.D99';
    expect((await failure(buildSnapshot({ source: writeSource(files2) }))).field).toBe('Tasks to DWAs.txt:4:3');
  });

  test('a row with the wrong number of fields', async () => {
    const files = miniFiles();
    files['Job Zones.txt']![2]!.pop();
    const e = await failure(buildSnapshot({ source: writeSource(files) }));
    expect(e.field).toBe('Job Zones.txt:3:4');
  });

  test('an unknown Bright Outlook category or STEM type', async () => {
    const bad = writeExtras({ 'bright_outlook_occupations.csv': `Code,Occupation,Categories\n${DEV},Software Developers,Rapid Growth; Slow Decline\n` });
    const e = await failure(buildSnapshot({ source: writeSource(miniFiles()), extras: bad }));
    expect(e.code).toBe('SOURCE_INVALID');
    expect(e.field).toBe('bright_outlook_occupations.csv:2:3');
    expect(e.message).toContain('Slow Decline');
    const badStem = writeExtras({ 'stem_occupations.csv': `Code,Occupation,Occupation Types\n${DEV},Software Developers,Astrology\n` });
    expect((await failure(buildSnapshot({ source: writeSource(miniFiles()), extras: badStem }))).field).toBe('stem_occupations.csv:2:3');
  });

  test('an unknown task type', async () => {
    const files = miniFiles();
    files['Task Statements.txt']![1]![3] = 'Optional';
    expect((await failure(buildSnapshot({ source: writeSource(files) }))).field).toBe('Task Statements.txt:2:4');
  });
});

describe('hardening', () => {
  test('bare CR line endings read like LF (Job Zones.txt from an old Mac tool keeps its job zones)', async () => {
    const lf = await buildSnapshot({ source: writeSource(miniFiles()) });
    const dir = writeSource(miniFiles());
    const jobZones = miniFiles()['Job Zones.txt']!;
    writeFileSync(join(dir, 'Job Zones.txt'), jobZones.map((r) => r.join('\t')).join('\r') + '\r');
    const cr = await buildSnapshot({ source: dir });
    expect(Array.from(decodeSnapshot(cr.bytes).tables.occupations!.columns.jobZone)).toEqual([5, 4, 0]);
    expect(Buffer.from(cr.bytes).equals(Buffer.from(lf.bytes))).toBe(true);
    // A mix of CR, LF and CRLF in one file too.
    const mixed = writeSource(miniFiles());
    const rows = miniFiles()['Skills.txt']!.map((r) => r.join('\t'));
    writeFileSync(join(mixed, 'Skills.txt'), `${rows[0]}\r${rows[1]}\n${rows[2]}\r\n${rows[3]}\r${rows[4]}\n`);
    expect(Buffer.from((await buildSnapshot({ source: mixed })).bytes).equals(Buffer.from(lf.bytes))).toBe(true);
  });

  test('a value outside its scale (Scales Reference minimum…maximum) names file, line and column', async () => {
    const files = miniFiles();
    files['Skills.txt']![2]![4] = '9.99'; // IM is 1–5
    const e = await failure(buildSnapshot({ source: writeSource(files) }));
    expect(e.code).toBe('SOURCE_INVALID');
    expect(e.field).toBe('Skills.txt:3:5');
    expect(e.message).toContain('9.99 is outside scale IM (Importance): 1–5');
    const low = miniFiles();
    low['Interests.txt']![1]![4] = '0.50'; // OI is 1–7
    expect((await failure(buildSnapshot({ source: writeSource(low) }))).field).toBe('Interests.txt:2:5');
    const negative = miniFiles();
    negative['Knowledge.txt']![1]![4] = '-1.00';
    expect((await failure(buildSnapshot({ source: writeSource(negative) }))).field).toBe('Knowledge.txt:2:5');
  });

  test('a scale that is not in Scales Reference', async () => {
    const files = miniFiles();
    files['Knowledge.txt']![1]![3] = 'ZZ';
    const e = await failure(buildSnapshot({ source: writeSource(files) }));
    expect(e.field).toBe('Knowledge.txt:2:4');
    expect(e.message).toContain('scale "ZZ" is not in Scales Reference.txt');
  });

  test('a NUL byte is a source error at its file, line and column (not INTERNAL)', async () => {
    const files = miniFiles();
    files['Task Statements.txt']![2]![2] = 'Unrated\u0000task.';
    const e = await failure(buildSnapshot({ source: writeSource(files) }));
    expect(e.code).toBe('SOURCE_INVALID');
    expect(e.field).toBe('Task Statements.txt:3:3');
    expect(e.message).toContain('NUL');
  });

  test('invalid UTF-8 names the line and the field', async () => {
    const dir = writeSource(miniFiles());
    const text = Buffer.from(tsvText(miniFiles()['Related Occupations.txt']!), 'utf8');
    const at = text.indexOf('Supplemental');
    text[at] = 0xff;
    writeFileSync(join(dir, 'Related Occupations.txt'), text);
    const e = await failure(buildSnapshot({ source: dir }));
    expect(e.field).toBe('Related Occupations.txt:3:3');
  });

  test('symbolic links to the files (and to the release folder) are followed', async () => {
    const real = writeSource(miniFiles());
    const plain = await buildSnapshot({ source: real });
    const linked = join(scratch, String(counter++), 'db_29_3_text');
    mkdirSync(linked, { recursive: true });
    for (const name of Object.keys(miniFiles())) symlinkSync(join(real, name), join(linked, name));
    const viaLinks = await buildSnapshot({ source: linked });
    expect(Buffer.from(viaLinks.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    // A parent folder whose only release is a link to a folder.
    const parent = join(scratch, String(counter++));
    mkdirSync(parent, { recursive: true });
    symlinkSync(real, join(parent, 'db_29_3_text'));
    expect(Buffer.from((await buildSnapshot({ source: parent })).bytes).equals(Buffer.from(plain.bytes))).toBe(true);
  });
});

describe('CLI (tools/build-snapshot.ts)', () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [resolve(REPO, 'node_modules/tsx/dist/cli.mjs'), resolve(REPO, 'tools/build-snapshot.ts'), ...args], {
      cwd: scratch,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });

  test('builds, prints the section table and writes the output', () => {
    const out = join(scratch, 'cli-out');
    const r = cli(['--source', writeSource(miniFiles()), '--extras', writeExtras(), '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/occupations\s+3\s/);
    expect(r.stdout).toMatch(/total\s+\d+/);
    expect(r.stderr).toContain('99-9999.00');
    expect(existsSync(join(out, 'onet-29.3.snap'))).toBe(true);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    const manifest = parseManifest(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect(r.stdout).toContain(`wrote ${manifest.sections.length} section files`);
    for (const s of manifest.sections) expect(existsSync(join(out, s.file!)), s.name).toBe(true);
  }, 30_000);

  test('a missing source explains where it looked and how to get the data', () => {
    const r = cli([], { ONET_SOURCE: join(scratch, 'nowhere') });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(join(scratch, 'nowhere'));
    expect(r.stderr).toContain('https://www.onetcenter.org/dl_files/database/db_29_3_text.zip');
  }, 30_000);

  test('bad data exits non-zero with file:line:column', () => {
    const files = miniFiles();
    files['Skills.txt']![2]![4] = 'abc';
    const r = cli(['--source', writeSource(files), '--out', join(scratch, 'cli-bad')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Skills.txt:3:5');
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------

const FIXTURES = resolve(REPO, 'fixtures/onet');

describe.skipIf(!existsSync(join(FIXTURES, 'Occupation Data.txt')))('fixtures/onet', () => {
  test('builds', async () => {
    const extras = resolve(REPO, 'fixtures/extras');
    // Without a Read Me the release comes from the folder name, so build from a copy named like a release.
    let source = FIXTURES;
    if (!existsSync(join(FIXTURES, 'Read Me.txt'))) {
      source = join(scratch, 'fixture-copy', 'db_29_3_text');
      cpSync(FIXTURES, source, { recursive: true });
    }
    const built = await buildSnapshot({ source, ...(existsSync(extras) ? { extras } : {}) });
    expect(decodeSnapshot(built.bytes).tables.occupations!.rows).toBeGreaterThan(0);
  });
});

const haveReal = existsSync(REAL_SOURCE);
if (!haveReal) console.warn(`builder.test.ts: ${REAL_SOURCE} is absent; skipping the real-data checks`);

describe.skipIf(!haveReal)('real O*NET 29.3 data', () => {
  let built: BuiltSnapshot;
  let snap: Snapshot;
  let elapsed: number;

  beforeAll(async () => {
    const started = Date.now();
    built = await buildSnapshot({ source: REAL_SOURCE, extras: REAL_EXTRAS });
    elapsed = Date.now() - started;
    snap = decodeSnapshot(built.bytes);
  }, 120_000);

  test('row counts match the release', () => {
    const rows = Object.fromEntries(built.manifest.sections.map((s) => [s.name, s.rows]));
    expect(rows).toMatchObject({
      occupations: 1016,
      jobZones: 5,
      jobFamilies: 23,
      elements: 627,
      levelAnchors: 483,
      skills: 61530,
      knowledge: 58014,
      interests: 8307,
      workValues: 7866,
      workStyles: 14064,
      education: 36209,
      iwas: 332,
      dwas: 2087,
      tasks: 18796,
      taskDwas: 23233,
      alternateTitles: 56560,
      reportedTitles: 7796,
      relatedOccupations: 18460,
      technologySkills: 32681,
      tools: 41662,
    });
    const occ = snap.tables.occupations!;
    expect(Array.from(occ.columns.jobZone).filter((z) => z > 0)).toHaveLength(923);
    expect(Array.from(occ.columns.brightOutlook).filter((m) => m > 0)).toHaveLength(346);
    expect(Array.from(occ.columns.stemTypes).filter((m) => m > 0)).toHaveLength(287);
    expect(Array.from(occ.columns.stemTypes).filter((m) => m & 1)).toHaveLength(187);
    expect(built.manifest.missing).toEqual(['abilities', 'workActivities', 'workContext', 'taskRatings', 'green']);
    expect(built.report.warnings).toEqual([]);
  });

  test('spot values', () => {
    const occ = snap.tables.occupations!;
    expect(str(occ.columns.code, 0)).toBe('11-1011.00');
    expect(str(occ.columns.title, 0)).toBe('Chief Executives');
    const s = snap.tables.skills!;
    expect(s.columns.occ[0]).toBe(0);
    expect(str(snap.tables.elements!.columns.name, s.columns.element[0]!)).toBe('Reading Comprehension');
    expect(s.columns.value[0]).toBe(412);
    expect(s.columns.value[1]).toBe(462);
    // Every occupation with tasks linked to DWAs has DWAs in occupationDwas, each listed once.
    const od = snap.tables.occupationDwas!;
    const pairs = new Set(Array.from({ length: od.rows }, (_, i) => `${od.columns.occ[i]}:${od.columns.dwa[i]}`));
    expect(pairs.size).toBe(od.rows);
  });

  // Build time is reported, not asserted: speed targets live in `npm run bench`.
  test('fits the size budget', () => {
    console.info(`real snapshot: ${built.bytes.length} bytes in ${elapsed} ms`);
    expect(built.bytes.length).toBeLessThanOrEqual(3 * 1024 * 1024);
  });
});
