/**
 * The snapshot builder: reads an O*NET text-layout release (folder or zip) plus the extras lists,
 * validates it, converts every table to the column form of {@link SCHEMA} and encodes the container.
 * Deterministic: the same input gives byte-identical output (no timestamps, no locale, no
 * directory-listing order). The format is described in docs/snapshot-format.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { OnetError } from '../../src/errors.js';
import { encodeSnapshot, readHeader, type RawColumns, type RawTables } from '../../src/snapshot/codec.js';
import type { Manifest, ManifestSection } from '../../src/snapshot/manifest.js';
import { FORMAT_VERSION } from '../../src/snapshot/codec.js';
import { BRIGHT_OUTLOOK_CATEGORIES, SCHEMA, STEM_TYPES, type SnapshotInfo, type TableName } from '../../src/snapshot/schema.js';
import { openSource, type OnetSource } from './source.js';
import { parseCsv, parseHundredths, parseTsv, parseUnsigned, sourceError, type SourceTable } from './parse.js';

/** Options of {@link buildSnapshot}. */
export interface BuildOptions {
  /** O*NET text-layout release: an unpacked folder or the official zip. */
  source: string;
  /** Folder with bright_outlook_occupations.csv, stem_occupations.csv and optionally green_occupations.csv. */
  extras?: string;
  /** Green-economy occupation list (CSV with a Code column); default `<extras>/green_occupations.csv` when present. */
  green?: string;
}

/** Size and row count of one section. */
export interface SectionReport {
  readonly name: string;
  readonly rows: number;
  /** Compressed bytes. */
  readonly bytes: number;
  /** Inflated bytes. */
  readonly rawBytes: number;
}

/** What the build did. */
export interface BuildReport {
  readonly sections: readonly SectionReport[];
  /** Non-fatal problems (e.g. extras codes not in Occupation Data, skipped). */
  readonly warnings: readonly string[];
  /** Optional tables (and extras-derived columns) the source did not have; same as manifest.missing. */
  readonly missing: readonly string[];
}

/** A built snapshot: container bytes, its manifest, and the build report. */
export interface BuiltSnapshot {
  readonly bytes: Uint8Array;
  readonly manifest: Manifest;
  readonly report: BuildReport;
}

/** Source file names (O*NET text layout). */
export const SOURCE_FILES = {
  readMe: 'Read Me.txt',
  occupations: 'Occupation Data.txt',
  jobZones: 'Job Zones.txt',
  jobZoneReference: 'Job Zone Reference.txt',
  elements: 'Content Model Reference.txt',
  levelAnchors: 'Level Scale Anchors.txt',
  skills: 'Skills.txt',
  knowledge: 'Knowledge.txt',
  abilities: 'Abilities.txt',
  workActivities: 'Work Activities.txt',
  workContext: 'Work Context.txt',
  interests: 'Interests.txt',
  workValues: 'Work Values.txt',
  workStyles: 'Work Styles.txt',
  education: 'Education, Training, and Experience.txt',
  educationCategories: 'Education, Training, and Experience Categories.txt',
  iwas: 'IWA Reference.txt',
  dwas: 'DWA Reference.txt',
  tasks: 'Task Statements.txt',
  taskDwas: 'Tasks to DWAs.txt',
  taskRatings: 'Task Ratings.txt',
  alternateTitles: 'Alternate Titles.txt',
  reportedTitles: 'Sample of Reported Titles.txt',
  relatedOccupations: 'Related Occupations.txt',
  technologySkills: 'Technology Skills.txt',
  tools: 'Tools Used.txt',
} as const;

/** Extras file names. */
export const EXTRAS_FILES = {
  brightOutlook: 'bright_outlook_occupations.csv',
  stem: 'stem_occupations.csv',
  green: 'green_occupations.csv',
} as const;

/** The 23 SOC 2018 major groups with their O*NET job-family titles. */
export const JOB_FAMILIES: readonly (readonly [code: string, title: string])[] = [
  ['11-0000', 'Management'],
  ['13-0000', 'Business and Financial Operations'],
  ['15-0000', 'Computer and Mathematical'],
  ['17-0000', 'Architecture and Engineering'],
  ['19-0000', 'Life, Physical, and Social Science'],
  ['21-0000', 'Community and Social Service'],
  ['23-0000', 'Legal'],
  ['25-0000', 'Educational Instruction and Library'],
  ['27-0000', 'Arts, Design, Entertainment, Sports, and Media'],
  ['29-0000', 'Healthcare Practitioners and Technical'],
  ['31-0000', 'Healthcare Support'],
  ['33-0000', 'Protective Service'],
  ['35-0000', 'Food Preparation and Serving Related'],
  ['37-0000', 'Building and Grounds Cleaning and Maintenance'],
  ['39-0000', 'Personal Care and Service'],
  ['41-0000', 'Sales and Related'],
  ['43-0000', 'Office and Administrative Support'],
  ['45-0000', 'Farming, Fishing, and Forestry'],
  ['47-0000', 'Construction and Extraction'],
  ['49-0000', 'Installation, Maintenance, and Repair'],
  ['51-0000', 'Production'],
  ['53-0000', 'Transportation and Material Moving'],
  ['55-0000', 'Military Specific'],
];

const SOC_CODE = /^\d{2}-\d{4}\.\d{2}$/;
/** Content Model element ids: "1", "1.A", "2.C.1.a", "4.A.1.a.1"; IWA/DWA ids extend them (".I01", ".D01"). */
const ELEMENT_ID = /^\d+(?:\.[A-Za-z0-9]+)*$/;
const CODE = 'O*NET-SOC Code';

const X100_MAX = 0xffff;

/** Code-unit string order (locale-independent, deterministic). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per-build state shared by the converters. */
class Builder {
  readonly warnings: string[] = [];
  readonly missing: string[] = [];
  readonly tables: RawTables = {};
  occIndex = new Map<string, number>();
  elementIndex = new Map<string, number>();

  constructor(readonly source: OnetSource) {}

  /** Reads and parses a required (or, with `optional`, possibly absent) source file. */
  read(file: string, required: readonly string[]): SourceTable;
  read(file: string, required: readonly string[], optional: true): SourceTable | undefined;
  read(file: string, required: readonly string[], optional = false): SourceTable | undefined {
    const bytes = this.source.read(file);
    if (bytes === undefined) {
      if (optional) return undefined;
      throw new OnetError('SOURCE_INVALID', `Required O*NET file "${file}" is missing from ${this.source.path}`, {
        field: file,
        suggestion: 'Use a complete O*NET text-layout release (https://www.onetcenter.org/dl_files/database/db_29_3_text.zip).',
      });
    }
    return parseTsv(file, bytes, required);
  }

  // -- field readers ---------------------------------------------------------------------------

  /** The row index of the occupation whose code is in `col`. */
  occ(t: SourceTable, row: number, col: number): number {
    const code = t.rows[row]![col]!.trim();
    if (!SOC_CODE.test(code)) throw t.error(row, col, `"${code}" is not an O*NET-SOC code (NN-NNNN.NN)`);
    const index = this.occIndex.get(code);
    if (index === undefined) throw t.error(row, col, `occupation ${code} is not in ${SOURCE_FILES.occupations}`);
    return index;
  }

  /** The row index of the Content Model element whose id is in `col`. */
  element(t: SourceTable, row: number, col: number): number {
    const id = t.rows[row]![col]!.trim();
    if (!ELEMENT_ID.test(id)) throw t.error(row, col, `"${id}" is not an O*NET element id`);
    const index = this.elementIndex.get(id);
    if (index === undefined) throw t.error(row, col, `element ${id} is not in ${SOURCE_FILES.elements}`);
    return index;
  }

  /** A decimal in `col` as hundredths (u16). */
  x100(t: SourceTable, row: number, col: number): number {
    const text = t.rows[row]![col]!;
    const value = parseHundredths(text);
    if (value === undefined) throw t.error(row, col, `"${text}" is not a number`);
    if (value > X100_MAX) throw t.error(row, col, `${text} is out of range (max ${X100_MAX / 100})`);
    return value;
  }

  /** An unsigned integer in `col`, at most `max`. */
  uint(t: SourceTable, row: number, col: number, max: number, min = 0): number {
    const text = t.rows[row]![col]!;
    const value = parseUnsigned(text);
    if (value === undefined) throw t.error(row, col, `"${text}" is not a whole number`);
    if (value < min || value > max) throw t.error(row, col, `${text} is out of range (${min}–${max})`);
    return value;
  }

  /** Y → 1, N → 0; with `lenient`, also n/a or empty → 0. */
  yesNo(t: SourceTable, row: number, col: number, lenient = false): 0 | 1 {
    const text = t.rows[row]![col]!.trim();
    if (text === 'Y') return 1;
    if (text === 'N' || (lenient && (text === 'n/a' || text === ''))) return 0;
    throw t.error(row, col, `"${text}" is not Y or N`);
  }

  /** A non-empty text field. */
  text(t: SourceTable, row: number, col: number): string {
    const text = t.rows[row]![col]!.trim();
    if (text === '') throw t.error(row, col, 'empty value');
    return text;
  }

  /** Row positions of `t` grouped by occupation index ascending (source order within). */
  groupByOcc(t: SourceTable, occCol: number): { order: number[]; occ: number[] } {
    const occs = t.rows.map((_, row) => this.occ(t, row, occCol));
    const order = occs.map((_, row) => row).sort((a, b) => occs[a]! - occs[b]! || a - b);
    return { order, occ: order.map((row) => occs[row]!) };
  }

  set(name: TableName, rows: number, columns: RawColumns): void {
    this.tables[name] = { rows, columns };
  }
}

// ---------------------------------------------------------------------------------------------
// Release and source description

function releaseInfo(source: OnetSource): SnapshotInfo {
  let release: string | undefined;
  let date: string | undefined;
  const readMe = source.read(SOURCE_FILES.readMe);
  if (readMe) {
    const lines = new TextDecoder('utf-8').decode(readMe).replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    const m = /^O\*NET\s+(\d+(?:\.\d+)*)\s+(?:[A-Za-z-]+\s+)?Database\b/i.exec(lines[0] ?? '');
    if (m) {
      release = m[1]!;
      const d = /^(.+?)\s+Release$/i.exec(lines[1] ?? '');
      if (d) date = d[1]!;
    }
  }
  if (release === undefined) {
    const m = /db_(\d+)_(\d+)/i.exec(source.name) ?? /db_(\d+)_(\d+)/i.exec(basename(source.path));
    if (m) release = `${Number(m[1])}.${Number(m[2])}`;
  }
  if (release === undefined) {
    throw new OnetError('SOURCE_INVALID', `Cannot tell the O*NET release of ${source.path}: no "${SOURCE_FILES.readMe}" starting "O*NET <release> Database" and no db_NN_N_text name`, {
      field: SOURCE_FILES.readMe,
    });
  }
  return {
    release,
    layout: 'classic',
    source: `O*NET ${release} Database${date ? ` (${date})` : ''}`,
    attribution:
      `This site incorporates information from O*NET ${release} Database by the U.S. Department of Labor, ` +
      'Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. ' +
      'onet-match has modified all or some of this information.',
  };
}

// ---------------------------------------------------------------------------------------------
// Converters

interface ExtrasMasks {
  bright: Map<number, number>;
  stem: Map<number, number>;
}

function buildOccupations(b: Builder): void {
  const t = b.read(SOURCE_FILES.occupations, [CODE, 'Title', 'Description']);
  const [cCode, cTitle, cDesc] = [t.column(CODE), t.column('Title'), t.column('Description')];
  const seen = new Map<string, number>();
  t.rows.forEach((r, row) => {
    const code = r[cCode]!.trim();
    if (!SOC_CODE.test(code)) throw t.error(row, cCode, `"${code}" is not an O*NET-SOC code (NN-NNNN.NN)`);
    if (seen.has(code)) throw t.error(row, cCode, `occupation ${code} is listed twice (also line ${t.lines[seen.get(code)!]})`);
    seen.set(code, row);
  });
  if (t.rows.length === 0) throw sourceError(t.file, 2, 1, `${t.file} has no occupations`);
  const order = [...seen.keys()].sort(compareStrings).map((code) => seen.get(code)!);
  order.forEach((row, i) => b.occIndex.set(t.rows[row]![cCode]!.trim(), i));
  b.tables.occupations = {
    rows: order.length,
    columns: {
      code: order.map((row) => t.rows[row]![cCode]!.trim()),
      title: order.map((row) => b.text(t, row, cTitle)),
      description: order.map((row) => t.rows[row]![cDesc]!.trim()),
      jobZone: new Array<number>(order.length).fill(0),
      brightOutlook: new Array<number>(order.length).fill(0),
      stemTypes: new Array<number>(order.length).fill(0),
    },
  };
  const families = new Set(JOB_FAMILIES.map(([code]) => code));
  const strays = [...new Set(order.map((row) => `${t.rows[row]![cCode]!.slice(0, 2)}-0000`))].filter((c) => !families.has(c));
  for (const c of strays) b.warnings.push(`${t.file}: occupations in major group ${c}, which is not a known SOC 2018 job family`);
}

function buildJobZones(b: Builder): void {
  const t = b.read(SOURCE_FILES.jobZones, [CODE, 'Job Zone']);
  const cZone = t.column('Job Zone');
  const zones = b.tables.occupations!.columns.jobZone as number[];
  const seenAt = new Map<number, number>();
  t.rows.forEach((_, row) => {
    const occ = b.occ(t, row, t.column(CODE));
    if (seenAt.has(occ)) throw t.error(row, t.column(CODE), `occupation has a second job zone (first at line ${t.lines[seenAt.get(occ)!]})`);
    seenAt.set(occ, row);
    zones[occ] = b.uint(t, row, cZone, 5, 1);
  });

  const r = b.read(SOURCE_FILES.jobZoneReference, ['Job Zone', 'Name', 'Experience', 'Education', 'Job Training', 'Examples', 'SVP Range']);
  const cols = ['Job Zone', 'Name', 'Experience', 'Education', 'Job Training', 'Examples', 'SVP Range'].map((c) => r.column(c));
  const order = r.rows.map((_, row) => row);
  const zoneOf = order.map((row) => b.uint(r, row, cols[0]!, 5, 1));
  const seen = new Set<number>();
  zoneOf.forEach((z, row) => {
    if (seen.has(z)) throw r.error(row, cols[0]!, `job zone ${z} is listed twice`);
    seen.add(z);
  });
  order.sort((x, y) => zoneOf[x]! - zoneOf[y]!);
  const field = (row: number, i: number) => r.rows[row]![cols[i]!]!.trim();
  b.set('jobZones', order.length, {
    zone: order.map((row) => zoneOf[row]!),
    name: order.map((row) => field(row, 1)),
    experience: order.map((row) => field(row, 2)),
    education: order.map((row) => field(row, 3)),
    jobTraining: order.map((row) => field(row, 4)),
    examples: order.map((row) => field(row, 5)),
    svpRange: order.map((row) => field(row, 6)),
  });
}

function buildJobFamilies(b: Builder): void {
  b.set('jobFamilies', JOB_FAMILIES.length, { code: JOB_FAMILIES.map(([c]) => c), title: JOB_FAMILIES.map(([, t]) => t) });
}

function buildElements(b: Builder): void {
  const t = b.read(SOURCE_FILES.elements, ['Element ID', 'Element Name', 'Description']);
  const [cId, cName, cDesc] = [t.column('Element ID'), t.column('Element Name'), t.column('Description')];
  const ids: string[] = [];
  t.rows.forEach((r, row) => {
    const id = r[cId]!.trim();
    if (!ELEMENT_ID.test(id)) throw t.error(row, cId, `"${id}" is not an O*NET element id`);
    if (b.elementIndex.has(id)) throw t.error(row, cId, `element ${id} is listed twice`);
    b.elementIndex.set(id, row);
    ids.push(id);
  });
  b.set('elements', t.rows.length, {
    id: ids,
    name: t.rows.map((_, row) => b.text(t, row, cName)),
    description: t.rows.map((r) => r[cDesc]!.trim()),
  });
}

function buildLevelAnchors(b: Builder): void {
  const t = b.read(SOURCE_FILES.levelAnchors, ['Element ID', 'Scale ID', 'Anchor Value', 'Anchor Description']);
  const [cEl, cScale, cAnchor, cDesc] = ['Element ID', 'Scale ID', 'Anchor Value', 'Anchor Description'].map((c) => t.column(c)) as [number, number, number, number];
  b.set('levelAnchors', t.rows.length, {
    element: t.rows.map((_, row) => b.element(t, row, cEl)),
    scale: t.rows.map((_, row) => b.text(t, row, cScale)),
    anchor: t.rows.map((_, row) => b.x100(t, row, cAnchor)),
    description: t.rows.map((r) => r[cDesc]!.trim()),
  });
}

type RatingTable = 'skills' | 'knowledge' | 'abilities' | 'workActivities' | 'workContext' | 'interests' | 'workValues' | 'workStyles' | 'education';

/**
 * A rating table: rows grouped by occupation index ascending, source order within. `value` is
 * Data Value × 100; `flags` bit 1 = Recommend Suppress Y, bit 2 = Not Relevant Y (0 when the
 * column is absent); `category` ('n/a' → 0) for tables that have one.
 */
function buildRatings(b: Builder, name: RatingTable, file: string, optional: boolean): void {
  const spec = SCHEMA[name].columns as Record<string, string>;
  const hasCategory = 'category' in spec;
  const hasFlags = 'flags' in spec;
  const required = [CODE, 'Element ID', 'Scale ID', 'Data Value', ...(hasCategory ? ['Category'] : [])];
  const t = optional ? b.read(file, required, true) : b.read(file, required);
  if (!t) {
    b.missing.push(name);
    return;
  }
  const [cOcc, cEl, cScale, cValue] = [CODE, 'Element ID', 'Scale ID', 'Data Value'].map((c) => t.column(c)) as [number, number, number, number];
  const cCat = t.column('Category');
  const cSuppress = t.column('Recommend Suppress');
  const cNotRelevant = t.column('Not Relevant');
  const { order, occ } = b.groupByOcc(t, cOcc);
  const columns: RawColumns = {
    occ,
    element: order.map((row) => b.element(t, row, cEl)),
    scale: order.map((row) => b.text(t, row, cScale)),
    value: order.map((row) => b.x100(t, row, cValue)),
  };
  if (hasCategory) {
    columns.category = order.map((row) => (t.rows[row]![cCat]!.trim() === 'n/a' ? 0 : b.uint(t, row, cCat, 255)));
  }
  if (hasFlags) {
    columns.flags = order.map(
      (row) => (cSuppress >= 0 ? b.yesNo(t, row, cSuppress, true) : 0) * 1 + (cNotRelevant >= 0 ? b.yesNo(t, row, cNotRelevant, true) : 0) * 2,
    );
  }
  b.set(name, order.length, columns);
}

function buildEducationCategories(b: Builder): void {
  const t = b.read(SOURCE_FILES.educationCategories, ['Element ID', 'Scale ID', 'Category', 'Category Description']);
  const [cEl, cScale, cCat, cDesc] = ['Element ID', 'Scale ID', 'Category', 'Category Description'].map((c) => t.column(c)) as [number, number, number, number];
  b.set('educationCategories', t.rows.length, {
    element: t.rows.map((_, row) => b.element(t, row, cEl)),
    scale: t.rows.map((_, row) => b.text(t, row, cScale)),
    category: t.rows.map((_, row) => b.uint(t, row, cCat, 255)),
    description: t.rows.map((r) => r[cDesc]!.trim()),
  });
}

interface ActivityIndex {
  dwaIndex: Map<string, number>;
  dwaTitles: string[];
  dwaIds: string[];
}

function buildActivities(b: Builder): ActivityIndex {
  const iw = b.read(SOURCE_FILES.iwas, ['Element ID', 'IWA ID', 'IWA Title']);
  const [iEl, iId, iTitle] = ['Element ID', 'IWA ID', 'IWA Title'].map((c) => iw.column(c)) as [number, number, number];
  const iwaIndex = new Map<string, number>();
  iw.rows.forEach((r, row) => {
    const id = r[iId]!.trim();
    if (!ELEMENT_ID.test(id)) throw iw.error(row, iId, `"${id}" is not an IWA id`);
    if (iwaIndex.has(id)) throw iw.error(row, iId, `IWA ${id} is listed twice`);
    iwaIndex.set(id, row);
  });
  b.set('iwas', iw.rows.length, {
    id: iw.rows.map((r) => r[iId]!.trim()),
    title: iw.rows.map((_, row) => b.text(iw, row, iTitle)),
    gwa: iw.rows.map((_, row) => b.element(iw, row, iEl)),
  });

  const dw = b.read(SOURCE_FILES.dwas, ['IWA ID', 'DWA ID', 'DWA Title']);
  const [dIwa, dId, dTitle] = ['IWA ID', 'DWA ID', 'DWA Title'].map((c) => dw.column(c)) as [number, number, number];
  const dwaIndex = new Map<string, number>();
  const dwaIds: string[] = [];
  dw.rows.forEach((r, row) => {
    const id = r[dId]!.trim();
    if (!ELEMENT_ID.test(id)) throw dw.error(row, dId, `"${id}" is not a DWA id`);
    if (dwaIndex.has(id)) throw dw.error(row, dId, `DWA ${id} is listed twice`);
    dwaIndex.set(id, row);
    dwaIds.push(id);
  });
  const dwaTitles = dw.rows.map((_, row) => b.text(dw, row, dTitle));
  b.set('dwas', dw.rows.length, {
    id: dwaIds,
    title: dwaTitles,
    iwa: dw.rows.map((r, row) => {
      const iwa = iwaIndex.get(r[dIwa]!.trim());
      if (iwa === undefined) throw dw.error(row, dIwa, `IWA ${r[dIwa]!.trim()} is not in ${SOURCE_FILES.iwas}`);
      return iwa;
    }),
  });
  return { dwaIndex, dwaTitles, dwaIds };
}

const TASK_TYPES: Record<string, number> = { Core: 1, Supplemental: 2, 'n/a': 0, '': 0 };

function buildTasks(b: Builder, activities: ActivityIndex): void {
  // Task Statements, grouped by occupation, source order within.
  const t = b.read(SOURCE_FILES.tasks, [CODE, 'Task ID', 'Task', 'Task Type']);
  const [cOcc, cId, cText, cType] = [CODE, 'Task ID', 'Task', 'Task Type'].map((c) => t.column(c)) as [number, number, number, number];
  const { order, occ: taskOcc } = b.groupByOcc(t, cOcc);
  const taskIds = order.map((row) => b.uint(t, row, cId, 0xffffffff));
  const taskRow = new Map<number, number>();
  taskIds.forEach((id, i) => {
    if (taskRow.has(id)) throw t.error(order[i]!, cId, `task ${id} is listed twice`);
    taskRow.set(id, i);
  });
  const taskType = order.map((row) => {
    const text = t.rows[row]![cType]!.trim();
    const type = TASK_TYPES[text];
    if (type === undefined) throw t.error(row, cType, `unknown task type "${text}" (expected Core, Supplemental or n/a)`);
    return type;
  });
  b.set('tasks', order.length, {
    occ: taskOcc,
    taskId: taskIds,
    text: order.map((row) => b.text(t, row, cText)),
    type: taskType,
  });

  // Tasks to DWAs, sorted by task row, source order within.
  const d = b.read(SOURCE_FILES.taskDwas, [CODE, 'Task ID', 'DWA ID']);
  const [dOcc, dTask, dDwa] = [CODE, 'Task ID', 'DWA ID'].map((c) => d.column(c)) as [number, number, number];
  const linkTask: number[] = [];
  const linkDwa: number[] = [];
  const seenLink = new Set<string>();
  const linkOrder: number[] = [];
  d.rows.forEach((r, row) => {
    const occ = b.occ(d, row, dOcc);
    const id = b.uint(d, row, dTask, 0xffffffff);
    const task = taskRow.get(id);
    if (task === undefined) throw d.error(row, dTask, `task ${id} is not in ${SOURCE_FILES.tasks}`);
    if (taskOcc[task] !== occ) throw d.error(row, dOcc, `task ${id} belongs to another occupation in ${SOURCE_FILES.tasks}`);
    const dwaId = r[dDwa]!.trim();
    const dwa = activities.dwaIndex.get(dwaId);
    if (dwa === undefined) throw d.error(row, dDwa, `DWA ${dwaId} is not in ${SOURCE_FILES.dwas}`);
    const key = `${task}:${dwa}`;
    if (seenLink.has(key)) {
      b.warnings.push(`${d.file}:${d.lines[row]}: duplicate link task ${id} → ${dwaId} skipped`);
      return;
    }
    seenLink.add(key);
    linkOrder.push(linkTask.length);
    linkTask.push(task);
    linkDwa.push(dwa);
  });
  linkOrder.sort((x, y) => linkTask[x]! - linkTask[y]! || x - y);
  b.set('taskDwas', linkOrder.length, { task: linkOrder.map((i) => linkTask[i]!), dwa: linkOrder.map((i) => linkDwa[i]!) });

  // Task Ratings (optional): IM only, one row per rated task, in task row order.
  let importance: Int32Array | undefined;
  const r = b.read(SOURCE_FILES.taskRatings, [CODE, 'Task ID', 'Scale ID', 'Data Value'], true);
  if (!r) b.missing.push('taskRatings');
  else {
    const [rOcc, rTask, rScale, rValue] = [CODE, 'Task ID', 'Scale ID', 'Data Value'].map((c) => r.column(c)) as [number, number, number, number];
    importance = new Int32Array(order.length).fill(-1);
    const rated: number[] = [];
    r.rows.forEach((fields, row) => {
      if (fields[rScale]!.trim() !== 'IM') return;
      const occ = b.occ(r, row, rOcc);
      const id = b.uint(r, row, rTask, 0xffffffff);
      const task = taskRow.get(id);
      if (task === undefined) throw r.error(row, rTask, `task ${id} is not in ${SOURCE_FILES.tasks}`);
      if (taskOcc[task] !== occ) throw r.error(row, rOcc, `task ${id} belongs to another occupation in ${SOURCE_FILES.tasks}`);
      if (importance![task]! >= 0) throw r.error(row, rTask, `task ${id} has a second IM rating`);
      importance![task] = b.x100(r, row, rValue);
      rated.push(task);
    });
    rated.sort((x, y) => x - y);
    b.set('taskRatings', rated.length, { task: rated, value: rated.map((task) => importance![task]!) });
  }

  // occupationDwas: see docs/snapshot-format.md, "Per-occupation DWA order".
  const dwasOfTask: number[][] = Array.from({ length: order.length }, () => []);
  for (const i of linkOrder) dwasOfTask[linkTask[i]!]!.push(linkDwa[i]!);
  const byTitle = (x: number, y: number) =>
    compareStrings(activities.dwaTitles[x]!, activities.dwaTitles[y]!) || compareStrings(activities.dwaIds[x]!, activities.dwaIds[y]!);
  for (const list of dwasOfTask) list.sort(byTitle);
  const typeRank = (task: number) => (taskType[task] === 1 ? 0 : taskType[task] === 2 ? 1 : 2);
  const occOut: number[] = [];
  const dwaOut: number[] = [];
  let start = 0;
  while (start < order.length) {
    const occ = taskOcc[start]!;
    let end = start;
    while (end < order.length && taskOcc[end] === occ) end++;
    const tasks: number[] = [];
    for (let i = start; i < end; i++) tasks.push(i);
    tasks.sort((x, y) => (importance ? importance[y]! - importance[x]! : 0) || typeRank(x) - typeRank(y) || x - y);
    const seen = new Set<number>();
    for (const task of tasks) {
      for (const dwa of dwasOfTask[task]!) {
        if (seen.has(dwa)) continue;
        seen.add(dwa);
        occOut.push(occ);
        dwaOut.push(dwa);
      }
    }
    start = end;
  }
  b.set('occupationDwas', occOut.length, { occ: occOut, dwa: dwaOut });
}

function buildTitles(b: Builder): void {
  const a = b.read(SOURCE_FILES.alternateTitles, [CODE, 'Alternate Title', 'Short Title']);
  const [aTitle, aShort, aSources] = [a.column('Alternate Title'), a.column('Short Title'), a.column('Source(s)')];
  const ga = b.groupByOcc(a, a.column(CODE));
  b.set('alternateTitles', ga.order.length, {
    occ: ga.occ,
    title: ga.order.map((row) => b.text(a, row, aTitle)),
    shortTitle: ga.order.map((row) => {
      const s = a.rows[row]![aShort]!.trim();
      return s === 'n/a' ? '' : s;
    }),
    sources: ga.order.map((row) => (aSources >= 0 ? a.rows[row]![aSources]!.trim() : '')),
  });

  const r = b.read(SOURCE_FILES.reportedTitles, [CODE, 'Reported Job Title', 'Shown in My Next Move']);
  const [rTitle, rShown] = [r.column('Reported Job Title'), r.column('Shown in My Next Move')];
  const gr = b.groupByOcc(r, r.column(CODE));
  b.set('reportedTitles', gr.order.length, {
    occ: gr.occ,
    title: gr.order.map((row) => b.text(r, row, rTitle)),
    shown: gr.order.map((row) => b.yesNo(r, row, rShown)),
  });
}

function buildRelated(b: Builder): void {
  const t = b.read(SOURCE_FILES.relatedOccupations, [CODE, 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index']);
  const [cRel, cTier, cIndex] = [t.column('Related O*NET-SOC Code'), t.column('Relatedness Tier'), t.column('Index')];
  const g = b.groupByOcc(t, t.column(CODE));
  b.set('relatedOccupations', g.order.length, {
    occ: g.occ,
    related: g.order.map((row) => b.occ(t, row, cRel)),
    tier: g.order.map((row) => b.text(t, row, cTier)),
    rank: g.order.map((row) => b.uint(t, row, cIndex, 255)),
  });
}

function buildTechnology(b: Builder): void {
  const t = b.read(SOURCE_FILES.technologySkills, [CODE, 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology']);
  const [cEx, cCode, cTitle, cHot, cDemand] = ['Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'].map((c) => t.column(c)) as [number, number, number, number, number];
  const g = b.groupByOcc(t, t.column(CODE));
  b.set('technologySkills', g.order.length, {
    occ: g.occ,
    example: g.order.map((row) => b.text(t, row, cEx)),
    commodityCode: g.order.map((row) => b.uint(t, row, cCode, 0xffffffff)),
    commodityTitle: g.order.map((row) => t.rows[row]![cTitle]!.trim()),
    hot: g.order.map((row) => b.yesNo(t, row, cHot)),
    inDemand: g.order.map((row) => (cDemand >= 0 ? b.yesNo(t, row, cDemand) : 0)),
    categoryId: g.order.map(() => ''),
  });

  const u = b.read(SOURCE_FILES.tools, [CODE, 'Example', 'Commodity Code', 'Commodity Title']);
  const [uEx, uCode, uTitle] = ['Example', 'Commodity Code', 'Commodity Title'].map((c) => u.column(c)) as [number, number, number];
  const gu = b.groupByOcc(u, u.column(CODE));
  b.set('tools', gu.order.length, {
    occ: gu.occ,
    example: gu.order.map((row) => b.text(u, row, uEx)),
    commodityCode: gu.order.map((row) => b.uint(u, row, uCode, 0xffffffff)),
    commodityTitle: gu.order.map((row) => u.rows[row]![uTitle]!.trim()),
  });
}

// ---------------------------------------------------------------------------------------------
// Extras

function readExtrasFile(path: string): Uint8Array | undefined {
  if (!existsSync(path) || !statSync(path).isFile()) return undefined;
  return new Uint8Array(readFileSync(path));
}

/**
 * Reads a code list with a multi-valued category column ("A; B"). Returns occupation → bit mask.
 * Codes missing from Occupation Data are skipped with a warning; unknown category text is an error.
 */
function readCodeList(b: Builder, file: string, bytes: Uint8Array, categoryColumn: string, bitOf: (text: string) => number | undefined, what: string): Map<number, number> {
  const t = parseCsv(file, bytes, ['Code', categoryColumn]);
  const [cCode, cCat] = [t.column('Code'), t.column(categoryColumn)];
  const masks = new Map<number, number>();
  let skipped = 0;
  t.rows.forEach((r, row) => {
    const code = r[cCode]!.trim();
    if (!SOC_CODE.test(code)) throw t.error(row, cCode, `"${code}" is not an O*NET-SOC code (NN-NNNN.NN)`);
    const parts = r[cCat]!.split(';').map((p) => p.trim()).filter((p) => p !== '');
    if (parts.length === 0) throw t.error(row, cCat, `no ${what} given`);
    let mask = 0;
    for (const p of parts) {
      const bit = bitOf(p);
      if (bit === undefined) throw t.error(row, cCat, `unknown ${what} "${p}"`);
      mask |= 1 << bit;
    }
    const occ = b.occIndex.get(code);
    if (occ === undefined) {
      skipped++;
      b.warnings.push(`${file}:${t.lines[row]}:${cCode + 1}: occupation ${code} is not in ${SOURCE_FILES.occupations}; skipped`);
      return;
    }
    masks.set(occ, (masks.get(occ) ?? 0) | mask);
  });
  if (skipped > 0) b.warnings.push(`${file}: ${skipped} occupation code(s) not in ${SOURCE_FILES.occupations} skipped`);
  return masks;
}

function buildExtras(b: Builder, options: BuildOptions): void {
  const occ = b.tables.occupations!.columns;
  const extras = options.extras === undefined ? undefined : resolve(options.extras);
  if (extras !== undefined && !(existsSync(extras) && statSync(extras).isDirectory())) {
    throw new OnetError('SOURCE_INVALID', `Extras folder not found: ${extras}`, { field: extras });
  }
  const masks: ExtrasMasks = { bright: new Map(), stem: new Map() };

  const brightBytes = extras === undefined ? undefined : readExtrasFile(join(extras, EXTRAS_FILES.brightOutlook));
  if (brightBytes === undefined) {
    b.missing.push('occupations.brightOutlook');
    if (extras !== undefined) b.warnings.push(`${EXTRAS_FILES.brightOutlook} not found in ${extras}: no Bright Outlook data`);
  } else {
    const bits = new Map<string, number>(BRIGHT_OUTLOOK_CATEGORIES.map((c, i) => [c, i]));
    masks.bright = readCodeList(b, EXTRAS_FILES.brightOutlook, brightBytes, 'Categories', (text) => bits.get(text), 'Bright Outlook category');
  }

  const stemBytes = extras === undefined ? undefined : readExtrasFile(join(extras, EXTRAS_FILES.stem));
  if (stemBytes === undefined) {
    b.missing.push('occupations.stemTypes');
    if (extras !== undefined) b.warnings.push(`${EXTRAS_FILES.stem} not found in ${extras}: no STEM data`);
  } else {
    const bits = new Map<string, number>(STEM_TYPES.map((s) => [s.title, s.code - 1]));
    masks.stem = readCodeList(b, EXTRAS_FILES.stem, stemBytes, 'Occupation Types', (text) => bits.get(text), 'STEM occupation type');
  }

  const bright = occ.brightOutlook as number[];
  const stem = occ.stemTypes as number[];
  for (const [i, m] of masks.bright) bright[i] = m;
  for (const [i, m] of masks.stem) stem[i] = m;

  // Green-economy list (optional).
  let greenPath: string | undefined;
  if (options.green !== undefined) {
    greenPath = resolve(options.green);
    if (!existsSync(greenPath)) throw new OnetError('SOURCE_INVALID', `Green occupations list not found: ${greenPath}`, { field: greenPath });
  } else if (extras !== undefined && existsSync(join(extras, EXTRAS_FILES.green))) {
    greenPath = join(extras, EXTRAS_FILES.green);
  }
  const greenBytes = greenPath === undefined ? undefined : readExtrasFile(greenPath);
  if (greenBytes === undefined) {
    b.missing.push('green');
    return;
  }
  const file = basename(greenPath!);
  const t = parseCsv(file, greenBytes, ['Code']);
  const cCode = t.column('Code');
  const rows = new Set<number>();
  let skipped = 0;
  t.rows.forEach((r, row) => {
    const code = r[cCode]!.trim();
    if (!SOC_CODE.test(code)) throw t.error(row, cCode, `"${code}" is not an O*NET-SOC code (NN-NNNN.NN)`);
    const i = b.occIndex.get(code);
    if (i === undefined) {
      skipped++;
      b.warnings.push(`${file}:${t.lines[row]}:${cCode + 1}: occupation ${code} is not in ${SOURCE_FILES.occupations}; skipped`);
    } else rows.add(i);
  });
  if (skipped > 0) b.warnings.push(`${file}: ${skipped} occupation code(s) not in ${SOURCE_FILES.occupations} skipped`);
  const list = [...rows].sort((x, y) => x - y);
  b.set('green', list.length, { occ: list });
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Every source file the builder reads (used to unzip only what is needed). */
const WANTED = Object.values(SOURCE_FILES);

/** Builds the snapshot from an O*NET release (folder or zip) and the extras lists. */
export async function buildSnapshot(options: BuildOptions): Promise<BuiltSnapshot> {
  const source = openSource(options.source, WANTED);
  const info = releaseInfo(source);
  const b = new Builder(source);

  buildOccupations(b);
  buildJobZones(b);
  buildJobFamilies(b);
  buildElements(b);
  buildLevelAnchors(b);
  buildRatings(b, 'skills', SOURCE_FILES.skills, false);
  buildRatings(b, 'knowledge', SOURCE_FILES.knowledge, false);
  buildRatings(b, 'abilities', SOURCE_FILES.abilities, true);
  buildRatings(b, 'workActivities', SOURCE_FILES.workActivities, true);
  buildRatings(b, 'workContext', SOURCE_FILES.workContext, true);
  buildRatings(b, 'interests', SOURCE_FILES.interests, false);
  buildRatings(b, 'workValues', SOURCE_FILES.workValues, false);
  buildRatings(b, 'workStyles', SOURCE_FILES.workStyles, false);
  buildRatings(b, 'education', SOURCE_FILES.education, false);
  buildEducationCategories(b);
  const activities = buildActivities(b);
  buildTasks(b, activities);
  buildTitles(b);
  buildRelated(b);
  buildTechnology(b);
  buildExtras(b, options);

  const bytes = encodeSnapshot(info, b.tables);
  const { header } = readHeader(bytes);
  const sections: ManifestSection[] = header.sections.map((s) => ({ name: s.name, rows: s.rows, bytes: s.bytes, rawBytes: s.rawBytes }));
  const schemaOrder = Object.keys(SCHEMA);
  const missing = [...b.missing].sort((x, y) => {
    const ix = schemaOrder.indexOf(x.split('.')[0]!);
    const iy = schemaOrder.indexOf(y.split('.')[0]!);
    return ix - iy || compareStrings(x, y);
  });
  const manifest: Manifest = {
    format: 'onet-match-snapshot',
    formatVersion: FORMAT_VERSION,
    release: info.release,
    layout: 'classic',
    file: `onet-${info.release}.snap`,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    sections,
    missing,
  };
  return { bytes, manifest, report: { sections, warnings: b.warnings, missing } };
}
