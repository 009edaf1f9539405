/**
 * The builder on the modern layout (30.3+): the hand-made modern fixture, the classic fixture
 * re-laid out in the modern layout (same data, same snapshot apart from what the layouts
 * change), the real 30.3 sample rows, DWA ID pairing, and every bad-layout case.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OnetError } from '../../src/errors.js';
import { decodeSnapshot } from '../../src/snapshot/codec.js';
import { parseManifest } from '../../src/snapshot/manifest.js';
import { SCHEMA, str, type Snapshot, type StringColumn, type TableName } from '../../src/snapshot/schema.js';
import { buildSnapshot, normaliseTitle, type BuiltSnapshot } from '../../tools/snapshot/index.js';
import { modernActivityId, toModernLayout } from '../support/modern-layout.js';

const REPO = resolve(import.meta.dirname, '../..');
const CLASSIC_FIXTURE = resolve(REPO, 'fixtures/onet');
const MODERN_FIXTURE = resolve(REPO, 'fixtures/onet-modern');
const FIXTURE_EXTRAS = resolve(REPO, 'fixtures/extras');
const SAMPLES = resolve(REPO, '../shared/onet/samples-30.3');

let scratch: string;
let counter = 0;
const fresh = (name: string) => join(scratch, String(counter++), name);

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'onet-modern-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

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
/** Every column of a table as plain arrays (strings resolved), for equality checks. */
function plain(snap: Snapshot, name: TableName): Record<string, unknown[]> | undefined {
  const table = snap.tables[name] as { rows: number; columns: Record<string, unknown> } | undefined;
  if (!table) return undefined;
  const out: Record<string, unknown[]> = {};
  for (const [column, type] of Object.entries(SCHEMA[name].columns)) {
    const c = table.columns[column];
    out[column] = type === 'str' ? values(c as StringColumn, table.rows) : Array.from(c as ArrayLike<number>);
  }
  return out;
}

/** A copy of the modern fixture in a fresh folder, for tests that damage it. */
function modernCopy(): string {
  const dir = fresh('db_31_0_text');
  cpSync(MODERN_FIXTURE, dir, { recursive: true });
  return dir;
}

describe('the hand-made modern fixture (fixtures/onet-modern)', () => {
  let built: BuiltSnapshot;
  let snap: Snapshot;

  beforeAll(async () => {
    built = await buildSnapshot({ source: MODERN_FIXTURE });
    snap = decodeSnapshot(built.bytes);
  });

  test('is read as the modern layout, with its release', () => {
    expect(built.manifest.layout).toBe('modern');
    expect(built.report.layout).toBe('modern');
    expect(snap.info.layout).toBe('modern');
    expect(snap.info.release).toBe('0.2');
    expect(parseManifest(JSON.parse(JSON.stringify(built.manifest)))).toEqual(built.manifest);
    // Work Values and Tools Used are not in the modern download: absent, and said so.
    expect(built.manifest.missing).toEqual(['occupations.brightOutlook', 'occupations.stemTypes', 'workValues', 'tools', 'green']);
    expect(snap.tables.workValues).toBeUndefined();
    expect(snap.tables.tools).toBeUndefined();
    expect(built.report.warnings).toEqual([]);
  });

  test('job zones 2–5 and a 4-row Job Zone Reference', () => {
    const occ = snap.tables.occupations!;
    expect(values(occ.columns.code, occ.rows)).toEqual(['11-9951.00', '15-2951.00', '43-9951.00', '49-9951.00']);
    expect(Array.from(occ.columns.jobZone)).toEqual([5, 4, 2, 3]);
    const jz = snap.tables.jobZones!;
    expect(Array.from(jz.columns.zone)).toEqual([2, 3, 4, 5]);
    expect(str(jz.columns.name, 0)).toBe('Job Zone 1-2: Very Little to Some Preparation Needed');
  });

  test('Essential + Transferable Skills make one skills table; Abilities, Work Activities, Work Context', () => {
    const s = snap.tables.skills!;
    expect(s.rows).toBe(32);
    const element = (i: number) => str(snap.tables.elements!.columns.id, s.columns.element[i]!);
    // Per occupation: the essential skills (2.A.*) then the transferable ones (2.B.*).
    expect(Array.from({ length: 8 }, (_, i) => element(i))).toEqual(['2.A.1.a', '2.A.1.a', '2.A.1.b', '2.A.1.b', '2.B.1.a', '2.B.1.a', '2.B.1.b', '2.B.1.b']);
    expect(s.columns.flags[31]).toBe(3);
    expect(Array.from(snap.tables.abilities!.columns.value.slice(0, 2))).toEqual([400, 450]);
    expect(snap.tables.workActivities!.rows).toBe(8);
    const wc = snap.tables.workContext!;
    expect(values(wc.columns.scale, wc.rows)).toEqual(['CX', 'CXP', 'CXP', 'CXP', 'CXP', 'CXP', 'CT', 'CTP', 'CTP', 'CTP']);
    expect(Array.from(wc.columns.category)).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3]);
    expect(wc.columns.flags[5]).toBe(1);
  });

  test('Work Styles keep their own signed scales (WI −3…+3, DR 0–10); anchors may be negative', () => {
    const ws = snap.tables.workStyles!;
    expect(ws.columns.value).toBeInstanceOf(Int16Array);
    expect(values(ws.columns.scale, ws.rows)).toEqual(['WI', 'DR', 'WI', 'DR', 'WI', 'DR', 'WI', 'DR']);
    expect(Array.from(ws.columns.value)).toEqual([275, 100, -125, 0, -300, 1000, 50, 200]);
    expect(Array.from(ws.columns.flags)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(snap.tables.levelAnchors!.columns.anchor)).toEqual([200, -300, 300]);
  });

  test('Career Interest Types and Specific Interest Areas', () => {
    expect(values(snap.tables.interests!.columns.scale, 6)).toEqual(['OI', 'OI', 'IH', 'OI', 'OI', 'IH']);
    const si = snap.tables.specificInterests!;
    expect(Array.from(si.columns.occ)).toEqual([2, 2, 3, 3, 3, 3]);
    expect(values(si.columns.scale, si.rows)).toEqual(['OI', 'DS', 'OI', 'DS', 'OI', 'DS']);
    expect(Array.from(si.columns.element, (e) => str(snap.tables.elements!.columns.id, e))).toEqual(['1.B.3.b', '1.B.3.b', '1.B.3.a', '1.B.3.a', '1.B.3.b', '1.B.3.b']);
    expect(Array.from(si.columns.value)).toEqual([590, 100, 640, 100, 220, 200]);
  });

  test('Education + Training and Experience, with both category files', () => {
    const e = snap.tables.education!;
    expect(values(e.columns.scale, e.rows)).toEqual(['RL', 'RL', 'RW', 'RL', 'OJ', 'OJ']);
    expect(Array.from(e.columns.category)).toEqual([6, 8, 8, 2, 2, 3]);
    expect(snap.tables.educationCategories!.rows).toBe(6);
  });

  test('GWAs to IWAs (to DWAs): modern IDs, an IWA without DWAs, Tasks to DWAs by DWA Element ID', () => {
    expect(values(snap.tables.iwas!.columns.id, 3)).toEqual(['4.A.1.a.1.a', '4.A.2.a.1.a', '4.A.2.a.1.b']);
    expect(values(snap.tables.dwas!.columns.id, 4)).toEqual(['4.A.1.a.1.a.1', '4.A.1.a.1.a.2', '4.A.2.a.1.a.1', '4.A.2.a.1.a.2']);
    expect(Array.from(snap.tables.dwas!.columns.iwa)).toEqual([0, 0, 1, 1]);
    expect(snap.tables.taskDwas!.rows).toBe(4);
  });

  test('Task Ratings: IM in taskRatings, every scale in taskRatingScales; the DWA order follows importance', () => {
    const tasks = snap.tables.tasks!;
    const taskId = (row: number) => tasks.columns.taskId[row]!;
    const tr = snap.tables.taskRatings!;
    expect(Array.from(tr.columns.task).map(taskId)).toEqual([93001, 93002, 93003]);
    expect(Array.from(tr.columns.value)).toEqual([390, 440, 310]);
    const all = snap.tables.taskRatingScales!;
    expect(values(all.columns.scale, all.rows)).toEqual(['IM', 'RT', 'FT', 'FT', 'IM', 'RT', 'IM']);
    expect(Array.from(all.columns.category)).toEqual([0, 0, 5, 6, 0, 0, 0]);
    expect(Array.from(all.columns.value)).toEqual([390, 9500, 6000, 4000, 440, 8000, 310]);
    const od = snap.tables.occupationDwas!;
    const titles = Array.from(od.columns.dwa)
      .filter((_, i) => od.columns.occ[i] === 3)
      .map((d) => str(snap.tables.dwas!.columns.title, d));
    // 93002 (Supplemental, IM 4.40) first, then 93001 (3.90), then 93003 (3.10).
    expect(titles).toEqual(['Read maintenance logs.', 'Inspect drone rotors for damage.', 'Test equipment after repair.']);
  });

  test('Job Titles keep Source(s); Software Skills keep the 2.E.* category and the flags', () => {
    const a = snap.tables.alternateTitles!;
    expect(values(a.columns.title, a.rows)).toEqual(['Archive Intake Clerk', 'UAV Repair Technician (Unmanned Aerial Vehicle Repair Technician)', 'Drone Mechanic']);
    expect(values(a.columns.shortTitle, a.rows)).toEqual(['', 'UAV Repair Technician', '']);
    expect(values(a.columns.sources, a.rows)).toEqual(['04', '08', '02,10']);
    const t = snap.tables.technologySkills!;
    expect(values(t.columns.example, t.rows)).toEqual(['Python', 'Microsoft Excel', 'ArchiveBox Intake']);
    expect(values(t.columns.categoryId, t.rows)).toEqual(['2.E.2.c', '2.E.1.a', '2.E.5.b']);
    expect(values(t.columns.commodityTitle, t.rows)).toEqual(['Object or component oriented development software', 'Spreadsheet software', 'Document management software']);
    expect(Array.from(t.columns.commodityCode)).toEqual([0, 0, 0]);
    expect(Array.from(t.columns.hot)).toEqual([1, 1, 0]);
    expect(Array.from(t.columns.inDemand)).toEqual([1, 0, 0]);
  });

  test('from a zip named db_31_0_text without Read Me, the release is 31.0; --release overrides', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const file of readdirSync(MODERN_FIXTURE)) if (file !== 'Read Me.txt') entries[`db_31_0_text/${file}`] = readFileSync(join(MODERN_FIXTURE, file));
    const zip = join(fresh('zip'), 'download.zip');
    mkdirSync(join(zip, '..'), { recursive: true });
    writeFileSync(zip, zipSync(entries));
    const fromZip = await buildSnapshot({ source: zip });
    expect(fromZip.manifest.release).toBe('31.0');
    expect(fromZip.manifest.layout).toBe('modern');
    expect(decodeSnapshot(fromZip.bytes).info.source).toBe('O*NET 31.0 Database');
    const overridden = await buildSnapshot({ source: zip, release: '31.1' });
    expect(overridden.manifest.file).toBe('onet-31.1.snap');
    expect((await failure(buildSnapshot({ source: zip, release: 'latest' }))).code).toBe('VALIDATION_ERROR');
  });
});

describe('the classic fixture re-laid out in the modern layout', () => {
  let classic: Snapshot;
  let modern: Snapshot;
  let modernBuilt: BuiltSnapshot;
  let converted: string;

  beforeAll(async () => {
    converted = fresh('fixture-modern');
    toModernLayout(CLASSIC_FIXTURE, converted);
    classic = decodeSnapshot((await buildSnapshot({ source: CLASSIC_FIXTURE, extras: FIXTURE_EXTRAS })).bytes);
    modernBuilt = await buildSnapshot({ source: converted, extras: FIXTURE_EXTRAS, pairWith: CLASSIC_FIXTURE });
    modern = decodeSnapshot(modernBuilt.bytes);
  });

  test('is read as modern; the classic one as classic', () => {
    expect(classic.info.layout).toBe('classic');
    expect(modern.info.layout).toBe('modern');
    expect({ ...modern.info, layout: 'classic' }).toEqual(classic.info);
  });

  test('every table whose data the layouts share is identical, row for row', () => {
    const same: TableName[] = [
      'occupations',
      'jobZones',
      'jobFamilies',
      'elements',
      'levelAnchors',
      'skills',
      'knowledge',
      'interests',
      'workStyles',
      'education',
      'educationCategories',
      'tasks',
      'taskDwas',
      'occupationDwas',
      'alternateTitles',
      'reportedTitles',
      'relatedOccupations',
    ];
    for (const name of same) expect(plain(modern, name), name).toEqual(plain(classic, name));
    // What the modern layout does not have.
    expect(modern.tables.workValues).toBeUndefined();
    expect(modern.tables.tools).toBeUndefined();
    expect(classic.tables.specificInterests).toBeUndefined();
    expect(modernBuilt.manifest.missing).toContain('workValues');
    expect(modernBuilt.manifest.missing).toContain('tools');
  });

  test('IWAs and DWAs: same titles and links, modern IDs; dwaAliases gives every DWA its classic ID', () => {
    const ci = plain(classic, 'iwas')!;
    const mi = plain(modern, 'iwas')!;
    expect(mi.title).toEqual(ci.title);
    expect(mi.gwa).toEqual(ci.gwa);
    expect(mi.id).toEqual((ci.id as string[]).map(modernActivityId));
    const cd = plain(classic, 'dwas')! as Record<string, unknown[]> & { id: string[] };
    const md = plain(modern, 'dwas')!;
    expect(md.title).toEqual(cd.title);
    expect(md.iwa).toEqual(cd.iwa);
    expect(md.id).toEqual((cd.id as string[]).map(modernActivityId));
    const aliases = plain(modern, 'dwaAliases')!;
    expect(aliases.dwa).toEqual(cd.id.map((_, row) => row));
    expect(aliases.alias).toEqual(cd.id);
    expect(modernBuilt.report.pairing).toMatchObject({
      layout: 'classic',
      release: '0.1',
      paired: cd.id.length,
      aliases: cd.id.length,
      unpairedHere: 0,
      unpairedThere: 0,
      ambiguous: 0,
    });
  });

  test('Software Skills: same examples, categories and flags; no UNSPSC code, a 2.E.* category id', () => {
    const ct = plain(classic, 'technologySkills')!;
    const mt = plain(modern, 'technologySkills')!;
    for (const column of ['occ', 'example', 'commodityTitle', 'hot', 'inDemand']) expect(mt[column], column).toEqual(ct[column]);
    expect(new Set(mt.commodityCode)).toEqual(new Set([0]));
    expect(ct.categoryId!.every((id) => id === '')).toBe(true);
    expect(mt.categoryId!.every((id) => /^2\.E\.1\.[a-z]+$/.test(id as string))).toBe(true);
  });

  test('the classic build paired with the modern release gets the modern IDs as aliases', async () => {
    const built = await buildSnapshot({ source: CLASSIC_FIXTURE, pairWith: converted });
    const snap = decodeSnapshot(built.bytes);
    const ids = values(snap.tables.dwas!.columns.id, snap.tables.dwas!.rows);
    expect(values(snap.tables.dwaAliases!.columns.alias, snap.tables.dwaAliases!.rows)).toEqual(ids.map(modernActivityId));
    expect(built.report.pairing).toMatchObject({ layout: 'modern', unpairedHere: 0, unpairedThere: 0 });
  });

  test('unpaired and ambiguous titles are counted, not guessed', async () => {
    const other = fresh('other');
    toModernLayout(CLASSIC_FIXTURE, other);
    const file = join(other, 'GWAs to IWAs to DWAs.txt');
    const lines = readFileSync(file, 'utf8').split('\r\n');
    const first = lines[1]!.split('\t');
    const second = lines[2]!.split('\t');
    first[5] = 'A title no classic DWA has.';
    second[5] = lines[3]!.split('\t')[5]!; // rows 2 and 3 now share a title
    lines[1] = first.join('\t');
    lines[2] = second.join('\t');
    writeFileSync(file, lines.join('\r\n'));
    const built = await buildSnapshot({ source: CLASSIC_FIXTURE, pairWith: other });
    const dwas = decodeSnapshot(built.bytes).tables.dwas!.rows;
    expect(built.report.pairing).toMatchObject({ paired: dwas - 3, aliases: dwas - 3, unpairedHere: 3, unpairedThere: 3, ambiguous: 1 });
    expect(built.report.warnings.some((w) => w.includes('3 DWA(s) here and 3 there have no partner'))).toBe(true);
  });

  test('title normalisation', () => {
    expect(normaliseTitle('  Review  plans.')).toBe('review plans');
    expect(normaliseTitle('Inspect workers’ “safety” gear – daily.')).toBe(normaliseTitle('Inspect workers\' "safety" gear - daily'));
    expect(normaliseTitle('Ｒeview')).toBe('review');
    expect(normaliseTitle('Review plans')).not.toBe(normaliseTitle('Review plan'));
  });
});

describe.skipIf(!existsSync(SAMPLES))('real O*NET 30.3 rows (../shared/onet/samples-30.3)', () => {
  test('parse with their headers and land in the snapshot', async () => {
    // The sampled files as published, completed by the modern fixture's other files (header rows
    // only where the samples' occupations would need data the fixture does not have).
    const dir = fresh('db_30_3_text');
    cpSync(MODERN_FIXTURE, dir, { recursive: true });
    const sampled = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'));
    expect(sampled.sort()).toEqual([
      'Abilities.txt',
      'Essential Skills.txt',
      'Job Titles.txt',
      'Occupation Data.txt',
      'Related Occupations.txt',
      'Sample of Reported Titles.txt',
      'Task Statements.txt',
      'Transferable Skills.txt',
    ]);
    for (const f of sampled) copyFileSync(join(SAMPLES, f), join(dir, f));
    rmSync(join(dir, 'Read Me.txt'));
    const header = (file: string) => readFileSync(join(dir, file), 'utf8').split(/\r?\n/)[0]!;
    for (const file of [
      'Job Zones.txt',
      'Knowledge.txt',
      'Work Activities.txt',
      'Work Context.txt',
      'Career Interest Types.txt',
      'Specific Interest Areas.txt',
      'Work Styles.txt',
      'Education.txt',
      'Training and Experience.txt',
      'Tasks to DWAs.txt',
      'Task Ratings.txt',
      'Software Skills.txt',
    ]) {
      writeFileSync(join(dir, file), `${header(file)}\n`);
    }
    // The sampled rating files use Content Model elements the fixture lacks: add them by id and name.
    const elements = new Map<string, string>();
    for (const f of ['Abilities.txt', 'Essential Skills.txt', 'Transferable Skills.txt']) {
      for (const line of readFileSync(join(SAMPLES, f), 'utf8').split('\n').slice(1).filter(Boolean)) elements.set(line.split('\t')[1]!, line.split('\t')[2]!);
    }
    const known = new Set(
      readFileSync(join(dir, 'Content Model Reference.txt'), 'utf8')
        .split('\r\n')
        .map((l) => l.split('\t')[0]),
    );
    appendFileSync(
      join(dir, 'Content Model Reference.txt'),
      [...elements]
        .filter(([id]) => !known.has(id))
        .map(([id, n]) => `${id}\t${n}\t(sample)\r\n`)
        .join(''),
    );

    const built = await buildSnapshot({ source: dir });
    expect(built.manifest.release).toBe('30.3');
    expect(built.manifest.layout).toBe('modern');
    const snap = decodeSnapshot(built.bytes);
    const rowsOf = (file: string) => readFileSync(join(SAMPLES, file), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).length;
    expect(snap.tables.occupations!.rows).toBe(rowsOf('Occupation Data.txt'));
    expect(snap.tables.skills!.rows).toBe(rowsOf('Essential Skills.txt') + rowsOf('Transferable Skills.txt'));
    expect(snap.tables.abilities!.rows).toBe(rowsOf('Abilities.txt'));
    expect(snap.tables.alternateTitles!.rows).toBe(rowsOf('Job Titles.txt'));
    expect(snap.tables.tasks!.rows).toBe(rowsOf('Task Statements.txt'));
    expect(snap.tables.reportedTitles!.rows).toBe(rowsOf('Sample of Reported Titles.txt'));
    expect(snap.tables.relatedOccupations!.rows).toBe(rowsOf('Related Occupations.txt'));
    const a = snap.tables.alternateTitles!;
    const titles = values(a.columns.title, a.rows);
    expect(str(a.columns.sources, titles.indexOf('Big Data Architect'))).toBe('02,10');
    expect(str(a.columns.shortTitle, titles.indexOf('ADP Planner (Automatic Data Processing Planner)'))).toBe('ADP Planner');
    // Social Perceptiveness keeps its classic element id in Transferable Skills.
    const s = snap.tables.skills!;
    const ids = Array.from(s.columns.element, (e) => str(snap.tables.elements!.columns.id, e));
    expect(ids).toContain('2.B.1.a');
  });
});

describe('bad layouts: file, line and expected columns named; nothing written', () => {
  test('a folder that mixes the layouts', async () => {
    const dir = modernCopy();
    copyFileSync(join(CLASSIC_FIXTURE, 'Skills.txt'), join(dir, 'Skills.txt'));
    const e = await failure(buildSnapshot({ source: dir }));
    expect(e.code).toBe('SOURCE_INVALID');
    expect(e.field).toBe('Essential Skills.txt');
    expect(e.message).toContain('mixes the two O*NET layouts');
    expect(e.message).toContain('"Skills.txt" is a classic-layout file');
  });

  test('a modern folder without a required modern file', async () => {
    const dir = modernCopy();
    rmSync(join(dir, 'Software Skills.txt'));
    const e = await failure(buildSnapshot({ source: dir }));
    expect(e.field).toBe('Software Skills.txt');
    expect(e.message).toContain('modern layout');
  });

  test('a classic header in a modern file (Tasks to DWAs with DWA ID)', async () => {
    const dir = modernCopy();
    const file = join(dir, 'Tasks to DWAs.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('DWA Element ID', 'DWA ID'));
    const e = await failure(buildSnapshot({ source: dir }));
    expect(e.field).toBe('Tasks to DWAs.txt:1:1');
    expect(e.message).toContain('expected columns: "O*NET-SOC Code", "Task ID", "DWA Element ID"');
    expect(e.message).toContain('"DWA ID" is the classic layout\'s column');
  });

  test('an unknown header (Job Titles with a renamed column)', async () => {
    const dir = modernCopy();
    const file = join(dir, 'Job Titles.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Job Title\t', 'Title\t'));
    const e = await failure(buildSnapshot({ source: dir }));
    expect(e.field).toBe('Job Titles.txt:1:1');
    expect(e.message).toContain('lacks required column "Job Title"; expected columns: "O*NET-SOC Code", "Job Title", "Short Title"');
    expect(e.message).toContain('found: "O*NET-SOC Code", "Title", "Short Title", "Source(s)"');
  });

  test('a folder of neither layout', async () => {
    const dir = fresh('empty');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(MODERN_FIXTURE, 'Occupation Data.txt'), join(dir, 'Occupation Data.txt'));
    expect((await failure(buildSnapshot({ source: dir }))).message).toContain('neither O*NET layout');
  });

  test('the CLI writes nothing when the build fails', () => {
    const dir = modernCopy();
    copyFileSync(join(CLASSIC_FIXTURE, 'Alternate Titles.txt'), join(dir, 'Alternate Titles.txt'));
    const out = fresh('out');
    const r = spawnSync(process.execPath, [resolve(REPO, 'node_modules/tsx/dist/cli.mjs'), resolve(REPO, 'tools/build-snapshot.ts'), '--source', dir, '--out', out], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('mixes the two O*NET layouts');
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});
