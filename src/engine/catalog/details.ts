/**
 * `/v1/occupation/{keyword}/{location}`: occupation details in the shape of CareerOneStop's
 * "Get Occupation Details" (occupation-details-api.txt), for every part that O*NET data covers.
 * Parts that need other agencies' data (wages, projections, videos, …) are never invented: when
 * requested, they are named in `NotAvailable`. Every decision is in docs/catalog.md.
 */
import { OnetError, validationError } from '../../errors.js';
import { str, type Snapshot, type SnapshotInfo, type TableName } from '../../snapshot/schema.js';
import { groupRows, type Groups } from '../groups.js';
import { SOC_CODE, brightOutlookCategories, requireTable, type OccupationIndex } from '../occupations.js';
import { truncate, type Request } from '../request.js';
import type { EngineIndexes } from '../routes.js';
import { MAX_KEYWORD_LENGTH, searchOccupations } from '../search.js';
import { importanceScore, levelScore } from '../soft-skills.js';
import { compareTitles } from '../text.js';
import { BRIGHT_OUTLOOK_URL, ONET_DATABASE_URL, ParamCollector, QueryParams, booleanValue, memoised } from './common.js';

// ---------------------------------------------------------------------------------------------
// Request flags

/** Flags served from O*NET data, in the spec's order. All default to false. */
export const DETAIL_FLAGS = [
  'training',
  'interest',
  'tasks',
  'dwas',
  'alternateOnetTitles',
  'relatedOnetTitles',
  'skills',
  'knowledge',
  'ability',
  'toolsAndTechnology',
  'workValues',
] as const;
type DetailFlag = (typeof DETAIL_FLAGS)[number];

/** A requested part this engine cannot serve, and why. */
export interface NotAvailablePart {
  /** The request flag. */
  Flag: string;
  /** The response fields that the flag would add. */
  Parts: string[];
  Reason: string;
}

/** Flags accepted for compatibility whose data comes from other agencies: never served. */
export const UNAVAILABLE_FLAGS: Readonly<Record<string, Omit<NotAvailablePart, 'Flag'>>> = {
  videos: { Parts: ['COSVideoURL', 'Video'], Reason: 'Career videos are CareerOneStop media, not O*NET data; this offline engine has none.' },
  wages: { Parts: ['Wages', 'SocWageInfo'], Reason: 'Wages come from BLS Occupational Employment and Wage Statistics (OEWS), which the O*NET snapshot does not include.' },
  projectedEmployment: { Parts: ['Projections'], Reason: 'Employment projections come from the BLS Employment Projections program and state LMI agencies, not from O*NET.' },
  ooh: { Parts: ['OOHs'], Reason: 'Occupational Outlook Handbook links are BLS data, not O*NET data.' },
  stateLMILinks: { Parts: ['StateResourcesLinks'], Reason: 'State Labor Market Information links are a CareerOneStop directory, not O*NET data.' },
  trainingPrograms: { Parts: ['TrainingPrograms'], Reason: 'Training programs come from CareerOneStop’s SOC–CIP program directory, not from O*NET.' },
  industryEmpPattern: { Parts: ['Projections.IndustryOccEmplt'], Reason: 'Industry employment patterns come from the BLS Employment Projections industry–occupation matrix, not from O*NET.' },
};

/**
 * What `training=true` cannot carry: the BLS education and training assignments. Exported so that
 * the benchmark baselines answer with the very same texts; each answer carries its own copy
 * (answers may be mutated by callers).
 */
export const TRAINING_BLS_PARTS: Readonly<NotAvailablePart> = {
  Flag: 'training',
  Parts: ['EducationTraining.EducationCode', 'EducationTraining.EducationTitle', 'EducationTraining.ExperienceCode', 'EducationTraining.ExperienceTitle', 'EducationTraining.TrainingCode', 'EducationTraining.TrainingTitle', 'EducationTraining.OccupationTitle', 'EducationTraining.MatOccupation'],
  Reason:
    'These are BLS Employment Projections education and training assignments, not O*NET data. EducationTraining carries O*NET’s Required Level of Education distribution and the Job Zone instead.',
};

/** Metadata switch (spec: "enable Meta Data", default true). */
const META_FLAG = 'enableMetaData';

const UNAVAILABLE_NAMES: readonly string[] = Object.keys(UNAVAILABLE_FLAGS);

/** The accepted parameters, in this order: the detail flags, the unavailable flags, the metadata switch. */
const PARAMS = new QueryParams([...DETAIL_FLAGS, ...UNAVAILABLE_NAMES, META_FLAG]);

// ---------------------------------------------------------------------------------------------
// Location

/** USPS codes and names of the states, DC and territories (location validation only). */
const STATES: readonly (readonly [string, string])[] = [
  ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'], ['CO', 'Colorado'],
  ['CT', 'Connecticut'], ['DE', 'Delaware'], ['DC', 'District of Columbia'], ['FL', 'Florida'], ['GA', 'Georgia'], ['HI', 'Hawaii'],
  ['ID', 'Idaho'], ['IL', 'Illinois'], ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'], ['KY', 'Kentucky'], ['LA', 'Louisiana'],
  ['ME', 'Maine'], ['MD', 'Maryland'], ['MA', 'Massachusetts'], ['MI', 'Michigan'], ['MN', 'Minnesota'], ['MS', 'Mississippi'],
  ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'], ['NV', 'Nevada'], ['NH', 'New Hampshire'], ['NJ', 'New Jersey'],
  ['NM', 'New Mexico'], ['NY', 'New York'], ['NC', 'North Carolina'], ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'],
  ['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'], ['SC', 'South Carolina'], ['SD', 'South Dakota'],
  ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'], ['VA', 'Virginia'], ['WA', 'Washington'],
  ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'], ['AS', 'American Samoa'], ['GU', 'Guam'],
  ['MP', 'Northern Mariana Islands'], ['PR', 'Puerto Rico'], ['VI', 'Virgin Islands'],
];
const STATE_CODES = new Set(STATES.map(([c]) => c));
const STATE_NAMES = new Set(STATES.map(([, n]) => n.toLowerCase()));

/**
 * Validates the location path segment: national ("0", "US"), a state code or name, a 5-digit ZIP
 * code, or "City, ST". O*NET data are national, so the location never changes the answer.
 */
export function checkLocation(location: string | undefined): string {
  const value = (location ?? '').trim();
  const ok =
    /^(0|us)$/i.test(value) ||
    STATE_CODES.has(value.toUpperCase()) ||
    STATE_NAMES.has(value.toLowerCase()) ||
    /^\d{5}$/.test(value) ||
    (/^[A-Za-z][A-Za-z .'-]{0,60},\s*([A-Za-z]{2})$/.test(value) && STATE_CODES.has(value.slice(-2).toUpperCase()));
  if (!ok) {
    throw validationError('location', `"${truncate(value)}" is not a location: use US or 0 (national), a state (IL or Illinois), a ZIP code (61299) or "City, ST"`, 'Use US: O*NET data are national');
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Indexes (built on first use, memoised per snapshot)

interface Elements {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly descriptions: readonly string[];
  readonly rowOf: ReadonlyMap<string, number>;
}

function elementsOf(snapshot: Snapshot): Elements {
  return memoised(snapshot, 'elements', () => {
    const t = requireTable(snapshot, 'elements');
    const ids: string[] = [];
    const names: string[] = [];
    const descriptions: string[] = [];
    const rowOf = new Map<string, number>();
    for (let i = 0; i < t.rows; i++) {
      ids.push(str(t.columns.id, i));
      names.push(str(t.columns.name, i));
      descriptions.push(str(t.columns.description, i));
      rowOf.set(ids[i]!, i);
    }
    return { ids, names, descriptions, rowOf };
  });
}

/**
 * Rows of `table` grouped by occupation (every per-occupation table has an `occ` column). Kept in
 * one memoised map keyed by the table name: a memo key built per call (`byOcc:${name}`) cost as
 * much as the lookup.
 */
function byOccupation(ix: EngineIndexes, name: TableName): Groups | undefined {
  const all = memoised(ix.snapshot, 'byOccupation', () => new Map<TableName, Groups | undefined>());
  if (!all.has(name)) {
    const table = ix.snapshot.tables[name] as { rows: number; columns: { occ?: ArrayLike<number> } } | undefined;
    all.set(name, table?.columns.occ ? groupRows(table.columns.occ, ix.occupations.count) : undefined);
  }
  return all.get(name);
}

function rowsOf(groups: Groups | undefined, occ: number): number[] {
  const out: number[] = [];
  if (groups) for (let i = groups.start[occ]!; i < groups.start[occ + 1]!; i++) out.push(groups.rows[i]!);
  return out;
}

/**
 * Per occupation, its rows of `groups` that pass `keep`, sorted by `compare` (stable, from table
 * order): a per-request filter and sort computed once for all occupations (CSR), so that a request
 * only walks its slice. Sorting per request dominated this route.
 */
function orderedRows(ix: EngineIndexes, groups: Groups | undefined, keep: ((row: number) => boolean) | undefined, compare: (a: number, b: number) => number): Groups {
  const count = ix.occupations.count;
  const start = new Uint32Array(count + 1);
  const rows: number[] = [];
  for (let o = 0; o < count; o++) {
    const own = rowsOf(groups, o);
    for (const r of (keep ? own.filter(keep) : own).sort(compare)) rows.push(r);
    start[o + 1] = rows.length;
  }
  return { start, rows: Uint32Array.from(rows) };
}

/** Exact-title lookup (case-insensitive, whitespace-collapsed). */
function titleKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function titleIndex(ix: EngineIndexes): ReadonlyMap<string, number> {
  return memoised(ix.snapshot, 'titleIndex', () => {
    const map = new Map<string, number>();
    const occ = ix.occupations;
    for (let o = 0; o < occ.count; o++) if (!map.has(titleKey(occ.titles[o]!))) map.set(titleKey(occ.titles[o]!), o);
    return map;
  });
}

/** Task rows of an occupation in response order, with their importance (hundredths, −1 unrated). */
interface TaskIndex {
  readonly importance: Int32Array;
  readonly dwasOfTask: Groups;
  /**
   * Each task's `TaskId` text, converted on first use and kept (sparse: only the tasks answered so
   * far). `String(n)` for every task and DWA of an answer was a fifth of those sections' time.
   */
  readonly idText: (string | undefined)[];
}

/** The `TaskId` of task row `t`. */
function taskIdText(tasks: NonNullable<Snapshot['tables']['tasks']>, index: TaskIndex, t: number): string {
  return (index.idText[t] ??= String(tasks.columns.taskId[t]!));
}

function taskIndex(ix: EngineIndexes): TaskIndex {
  return memoised(ix.snapshot, 'taskIndex', () => {
    const tasks = requireTable(ix.snapshot, 'tasks');
    const links = requireTable(ix.snapshot, 'taskDwas');
    const importance = new Int32Array(tasks.rows).fill(-1);
    const ratings = ix.snapshot.tables.taskRatings;
    if (ratings) for (let i = 0; i < ratings.rows; i++) importance[ratings.columns.task[i]!] = ratings.columns.value[i]!;
    return { importance, dwasOfTask: groupRows(links.columns.task, tasks.rows), idText: new Array<string | undefined>(tasks.rows) };
  });
}

// ---------------------------------------------------------------------------------------------
// Keyword resolution

/** Resolves the keyword path segment to an occupation row: an O*NET-SOC code or an exact title. */
export function resolveKeyword(ix: EngineIndexes, keyword: string | undefined): number {
  const raw = (keyword ?? '').trim();
  const occ = ix.occupations;
  if (raw === '') throw validationError('keyword', 'The keyword is empty', 'Give an O*NET-SOC code (29-1051.00) or an exact occupation title (Pharmacists)');
  if (raw.length > MAX_KEYWORD_LENGTH) throw validationError('keyword', `The keyword is longer than ${MAX_KEYWORD_LENGTH} characters`, 'Give an O*NET-SOC code (29-1051.00) or an exact occupation title (Pharmacists)');
  const suggest = (hits: number[]) => hits.slice(0, 3).map((o) => `${occ.titles[o]} (${occ.codes[o]})`).join('; ');
  if (SOC_CODE.test(raw)) {
    const row = occ.rowOf(raw);
    if (row !== undefined) return row;
    // Suggest the nearest codes: same detailed SOC occupation, else same broad group, minor group, major group.
    let near: number[] = [];
    for (const length of [7, 6, 5, 2]) {
      near = searchOccupations(ix.search(), occ, raw.slice(0, length)).map((h) => h.occupation);
      if (near.length) break;
    }
    throw new OnetError('NOT_FOUND', `No occupation with code ${raw}`, {
      field: 'keyword',
      suggestion: near.length ? `Did you mean: ${suggest(near)}` : 'List the codes with /v1/occupations',
    });
  }
  if (/^\d[\d\s.-]*$/.test(raw)) {
    const near = searchOccupations(ix.search(), occ, raw).map((h) => h.occupation);
    throw validationError('keyword', `"${truncate(raw)}" is not a well-formed O*NET-SOC code (NN-NNNN.NN)`, near.length ? `Did you mean: ${suggest(near)}` : 'Codes look like 29-1051.00');
  }
  const row = titleIndex(ix).get(titleKey(raw));
  if (row !== undefined) return row;
  const near = searchOccupations(ix.search(), occ, raw).map((h) => h.occupation);
  throw new OnetError('NOT_FOUND', `No occupation has the exact title or code "${truncate(raw)}"`, {
    field: 'keyword',
    suggestion: near.length ? `Did you mean: ${suggest(near)}` : 'Search titles with /online/related_activities?keyword=…',
  });
}

// ---------------------------------------------------------------------------------------------
// Parts

/** An element rating as listed in Skills / Knowledge / Ability / Interest lists. */
export interface ElementData {
  ElementID: string;
  ElementName: string;
  ElementDescription: string;
  /** Level on 0–100 (interests: the OI score on 0–100); null when O*NET gives no level. */
  DataValue: number | null;
  /** Importance on 0–100 (interests: the OI score again). */
  Importance: number | null;
}

/**
 * Per occupation, the rated elements of a Skills / Knowledge / Abilities table in response order
 * (importance desc, level desc — unrated last —, element), with their IM and LV (hundredths; LV −1
 * when absent). CSR over occupations, built once per table on first use: sorting per request
 * dominated this route.
 */
interface RatingOrder {
  readonly start: Uint32Array;
  readonly element: Uint32Array;
  readonly im: Int32Array;
  readonly lv: Int32Array;
}

/** Memo keys of {@link ratingOrder} (constant: a key built per request cost as much as the lookup). */
const RATING_ORDER_KEYS = { skills: 'ratingOrder:skills', knowledge: 'ratingOrder:knowledge', abilities: 'ratingOrder:abilities' } as const;

function ratingOrder(ix: EngineIndexes, name: 'skills' | 'knowledge' | 'abilities'): RatingOrder {
  return memoised(ix.snapshot, RATING_ORDER_KEYS[name], () => {
    const table = ix.snapshot.tables[name]!;
    const groups = byOccupation(ix, name)!;
    const count = ix.occupations.count;
    const start = new Uint32Array(count + 1);
    const element: number[] = [];
    const imOut: number[] = [];
    const lvOut: number[] = [];
    for (let occ = 0; occ < count; occ++) {
      const im = new Map<number, number>();
      const lv = new Map<number, number>();
      for (const r of rowsOf(groups, occ)) {
        const scale = str(table.columns.scale, r);
        if (scale === 'IM') im.set(table.columns.element[r]!, table.columns.value[r]!);
        else if (scale === 'LV') lv.set(table.columns.element[r]!, table.columns.value[r]!);
      }
      const elements = [...im.keys()].sort((a, b) => im.get(b)! - im.get(a)! || (lv.get(b) ?? -1) - (lv.get(a) ?? -1) || a - b);
      for (const e of elements) {
        element.push(e);
        imOut.push(im.get(e)!);
        lvOut.push(lv.get(e) ?? -1);
      }
      start[occ + 1] = element.length;
    }
    return { start, element: Uint32Array.from(element), im: Int32Array.from(imOut), lv: Int32Array.from(lvOut) };
  });
}

/** Skills, Knowledge or Abilities: importance and level on 0–100, most important first. */
function ratingList(ix: EngineIndexes, name: 'skills' | 'knowledge' | 'abilities', occ: number): ElementData[] {
  const order = ratingOrder(ix, name);
  const el = elementsOf(ix.snapshot);
  const out: ElementData[] = [];
  for (let i = order.start[occ]!, end = order.start[occ + 1]!; i < end; i++) {
    const e = order.element[i]!;
    const lv = order.lv[i]!;
    out.push({
      ElementID: el.ids[e]!,
      ElementName: el.names[e]!,
      ElementDescription: el.descriptions[e]!,
      DataValue: lv < 0 ? null : levelScore(lv),
      Importance: importanceScore(order.im[i]!),
    });
  }
  return out;
}

/** 0–100 score of a 1–7 rating given in hundredths: (x − 1) / 6 × 100, truncated. */
function sevenPointScore(hundredths: number): number {
  return Math.floor(Math.max(0, hundredths - 100) / 6);
}

/** RIASEC interests (OI scale), highest first (then by element). */
function interestList(ix: EngineIndexes, occ: number): ElementData[] {
  const table = requireTable(ix.snapshot, 'interests');
  const el = elementsOf(ix.snapshot);
  const order = memoised(ix.snapshot, 'interestOrder', () =>
    orderedRows(
      ix,
      byOccupation(ix, 'interests'),
      (r) => str(table.columns.scale, r) === 'OI',
      (a, b) => table.columns.value[b]! - table.columns.value[a]! || table.columns.element[a]! - table.columns.element[b]!,
    ),
  );
  const out: ElementData[] = [];
  for (let i = order.start[occ]!, end = order.start[occ + 1]!; i < end; i++) {
    const r = order.rows[i]!;
    const e = table.columns.element[r]!;
    const score = sevenPointScore(table.columns.value[r]!);
    out.push({ ElementID: el.ids[e]!, ElementName: el.names[e]!, ElementDescription: el.descriptions[e]!, DataValue: score, Importance: score });
  }
  return out;
}

/** The top work value: O*NET's First Work Value High-Point, else the highest extent (EX). */
function topWorkValue(ix: EngineIndexes, occ: number) {
  const table = requireTable(ix.snapshot, 'workValues');
  const el = elementsOf(ix.snapshot);
  const extent = new Map<number, number>();
  let firstHighPoint = 0;
  for (const r of rowsOf(byOccupation(ix, 'workValues'), occ)) {
    const scale = str(table.columns.scale, r);
    const e = table.columns.element[r]!;
    if (scale === 'EX') extent.set(e, table.columns.value[r]!);
    else if (scale === 'VH' && el.ids[e] === '1.B.2.g') firstHighPoint = Math.round(table.columns.value[r]! / 100);
  }
  // High-point codes 1–6 name the work values 1.B.2.a–f in order.
  let top = firstHighPoint >= 1 && firstHighPoint <= 6 ? el.rowOf.get(`1.B.2.${'abcdef'[firstHighPoint - 1]}`) : undefined;
  if (top === undefined || !extent.has(top)) {
    top = undefined;
    for (const [e, v] of [...extent].sort((a, b) => a[0] - b[0])) if (top === undefined || v > extent.get(top)!) top = e;
  }
  if (top === undefined) return null;
  return { Workvalue: el.names[top]!, Characteristics: el.descriptions[top]!, ElementID: el.ids[top]!, DataValue: sevenPointScore(extent.get(top)!) };
}

/** Tasks of every occupation in response order: importance (when rated) desc, Core before Supplemental, source order. */
function taskOrder(ix: EngineIndexes): Groups {
  return memoised(ix.snapshot, 'taskOrder', () => {
    const tasks = requireTable(ix.snapshot, 'tasks');
    const { importance } = taskIndex(ix);
    const typeRank = (t: number) => (tasks.columns.type[t] === 1 ? 0 : tasks.columns.type[t] === 2 ? 1 : 2);
    return orderedRows(ix, byOccupation(ix, 'tasks')!, undefined, (a, b) => importance[b]! - importance[a]! || typeRank(a) - typeRank(b) || a - b);
  });
}

function taskValue(importance: Int32Array, task: number): number | null {
  const v = importance[task]!;
  return v < 0 ? null : importanceScore(v);
}

function taskList(ix: EngineIndexes, occ: number) {
  const tasks = requireTable(ix.snapshot, 'tasks');
  const index = taskIndex(ix);
  const order = taskOrder(ix);
  const out = [];
  for (let i = order.start[occ]!, end = order.start[occ + 1]!; i < end; i++) {
    const t = order.rows[i]!;
    out.push({ TaskDescription: str(tasks.columns.text, t), TaskId: taskIdText(tasks, index, t), DataValue: taskValue(index.importance, t) });
  }
  return out;
}

/** DWAs in the engine's stable per-occupation order, each with the first task (in task order) that links it. */
function dwaList(ix: EngineIndexes, occ: number) {
  const tasks = requireTable(ix.snapshot, 'tasks');
  const { byOccupation: links, linkDwa, titles, ids } = ix.activities;
  const firstTask = firstTaskOfLinks(ix);
  const index = taskIndex(ix);
  const out = [];
  for (let i = links.start[occ]!, end = links.start[occ + 1]!; i < end; i++) {
    const d = linkDwa[links.rows[i]!]!;
    const t = firstTask[links.rows[i]!]!;
    out.push({
      DWATitle: titles[d]!,
      DWAId: ids[d]!,
      DataValue: t < 0 ? null : taskValue(index.importance, t),
      TaskId: t < 0 ? null : taskIdText(tasks, index, t),
    });
  }
  return out;
}

/**
 * For every occupation → DWA link (occupationDwas row), the first task in task order that links
 * the DWA, or −1: computed for all occupations on first use instead of per request.
 */
function firstTaskOfLinks(ix: EngineIndexes): Int32Array {
  return memoised(ix.snapshot, 'firstTaskOfLinks', () => {
    const links = requireTable(ix.snapshot, 'taskDwas');
    const { dwasOfTask } = taskIndex(ix);
    const { byOccupation, linkDwa } = ix.activities;
    const out = new Int32Array(linkDwa.length).fill(-1);
    const first = new Int32Array(ix.activities.ids.length).fill(-1);
    const touched: number[] = [];
    const order = taskOrder(ix);
    for (let occ = 0; occ < ix.occupations.count; occ++) {
      for (const t of rowsOf(order, occ)) {
        for (let i = dwasOfTask.start[t]!; i < dwasOfTask.start[t + 1]!; i++) {
          const dwa = links.columns.dwa[dwasOfTask.rows[i]!]!;
          if (first[dwa]! < 0) {
            first[dwa] = t;
            touched.push(dwa);
          }
        }
      }
      for (let i = byOccupation.start[occ]!; i < byOccupation.start[occ + 1]!; i++) out[byOccupation.rows[i]!] = first[linkDwa[byOccupation.rows[i]!]!]!;
      for (const dwa of touched) first[dwa] = -1;
      touched.length = 0;
    }
    return out;
  });
}

/** My Next Move's "also called" titles (reported titles shown there, usually four); else the first four alternate titles. */
function alternateTitles(ix: EngineIndexes, occ: number): string[] {
  const reported = requireTable(ix.snapshot, 'reportedTitles');
  const shown: string[] = [];
  const reportedRows = byOccupation(ix, 'reportedTitles');
  if (reportedRows) {
    for (let i = reportedRows.start[occ]!, end = reportedRows.start[occ + 1]!; i < end; i++) {
      const r = reportedRows.rows[i]!;
      if (reported.columns.shown[r] === 1) shown.push(str(reported.columns.title, r));
    }
  }
  if (shown.length > 0) return shown;
  const alt = requireTable(ix.snapshot, 'alternateTitles');
  const altRows = byOccupation(ix, 'alternateTitles');
  const first: string[] = [];
  if (altRows) for (let i = altRows.start[occ]!, end = Math.min(i + 4, altRows.start[occ + 1]!); i < end; i++) first.push(str(alt.columns.title, altRows.rows[i]!));
  return first;
}

/** Related occupations `{code: title}` in O*NET's relatedness order (Index 1 first). */
function relatedTitles(ix: EngineIndexes, occ: number): Record<string, string> {
  const t = requireTable(ix.snapshot, 'relatedOccupations');
  // Rows of each occupation in relatedness order, sorted once for all occupations on first use.
  const order = memoised(ix.snapshot, 'relatedOrder', () =>
    orderedRows(ix, byOccupation(ix, 'relatedOccupations')!, undefined, (a, b) => t.columns.rank[a]! - t.columns.rank[b]! || t.columns.related[a]! - t.columns.related[b]!),
  );
  const { codes, titles } = ix.occupations;
  const pairs: [string, string][] = [];
  for (let i = order.start[occ]!, end = order.start[occ + 1]!; i < end; i++) {
    const related = t.columns.related[order.rows[i]!]!;
    pairs.push([codes[related]!, titles[related]!]);
  }
  // fromEntries defines own properties: a code such as "__proto__" in a crafted snapshot stays a
  // key instead of hitting Object.prototype's setter (and vanishing from the answer).
  return Object.fromEntries(pairs);
}

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

function toolsAndTechnology(ix: EngineIndexes, occ: number) {
  const tools = requireTable(ix.snapshot, 'tools');
  const tech = requireTable(ix.snapshot, 'technologySkills');
  return {
    OnetCode: ix.occupations.codes[occ]!,
    OnetTitle: ix.occupations.titles[occ]!,
    Tools: {
      Categories: categories(rowsOf(byOccupation(ix, 'tools'), occ), (r) => str(tools.columns.commodityTitle, r), (r) => ({ Name: str(tools.columns.example, r) })),
    },
    Technology: {
      CategoryList: categories(
        rowsOf(byOccupation(ix, 'technologySkills'), occ),
        (r) => str(tech.columns.commodityTitle, r),
        (r) => ({ Name: str(tech.columns.example, r), HotTechnology: tech.columns.hot[r] === 1, InDemand: tech.columns.inDemand[r] === 1 }),
      ),
    },
  };
}

/** O*NET education (Required Level of Education, RL) distribution plus the Job Zone. */
function educationTraining(ix: EngineIndexes, occ: number) {
  const education = requireTable(ix.snapshot, 'education');
  const categoriesTable = requireTable(ix.snapshot, 'educationCategories');
  const { descriptions, order } = memoised(ix.snapshot, 'rlEducation', () => {
    const rl = elementsOf(ix.snapshot).rowOf.get('2.D.1');
    const map = new Map<number, string>();
    for (let i = 0; i < categoriesTable.rows; i++) {
      if (categoriesTable.columns.element[i] === rl && str(categoriesTable.columns.scale, i) === 'RL') map.set(categoriesTable.columns.category[i]!, str(categoriesTable.columns.description, i));
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

/**
 * Per occupation, the header facts that take more than a lookup: the Bright Outlook categories
 * text and the row of the SOC's `.00` occupation (−1 when absent). Computed once for all
 * occupations on first use.
 */
interface HeaderFacts {
  readonly brightCategories: readonly string[];
  readonly socBase: Int32Array;
}

function headerFacts(ix: EngineIndexes): HeaderFacts {
  return memoised(ix.snapshot, 'headerFacts', () => {
    const occ = ix.occupations;
    const brightCategories: string[] = [];
    const socBase = new Int32Array(occ.count);
    for (let o = 0; o < occ.count; o++) {
      brightCategories.push(brightOutlookCategories(occ, o).join('; '));
      socBase[o] = occ.rowOf(`${occ.codes[o]!.slice(0, 7)}.00`) ?? -1;
    }
    return { brightCategories, socBase };
  });
}

/** SOC info: the 6-digit SOC code and the title and description of its `.00` O*NET occupation. */
function socInfo(occ: OccupationIndex, row: number, facts: HeaderFacts) {
  const base = facts.socBase[row]!;
  return {
    SocCode: occ.codes[row]!.slice(0, 7),
    SocTitle: base < 0 ? null : occ.titles[base]!,
    SocDescription: base < 0 ? null : str(occ.descriptions, base),
  };
}

// ---------------------------------------------------------------------------------------------
// Route

/** `/v1/occupation/{keyword}/{location}?training=&interest=&tasks=&…` */
export function occupationDetails(ix: EngineIndexes, request: Request, keyword: string | undefined, location: string | undefined) {
  const params = new ParamCollector();
  // One pass over the query; the values come back in PARAMS order.
  const raw = PARAMS.read(request.query, params);
  // A set of the flags that are on (usually a few of 11): cheaper to build than a record of all 11.
  const want = new Set<DetailFlag>();
  for (let i = 0; i < DETAIL_FLAGS.length; i++) {
    const flag = DETAIL_FLAGS[i]!;
    if (params.value(flag, raw[i], booleanValue, false)) want.add(flag);
  }
  const unavailable: string[] = [];
  for (let i = 0; i < UNAVAILABLE_NAMES.length; i++) {
    const flag = UNAVAILABLE_NAMES[i]!;
    if (params.value(flag, raw[DETAIL_FLAGS.length + i], booleanValue, false)) unavailable.push(flag);
  }
  const metadata = params.value(META_FLAG, raw[DETAIL_FLAGS.length + UNAVAILABLE_NAMES.length], booleanValue, true);
  const place = params.read(() => checkLocation(location), '');
  params.throwIfAny();
  const row = resolveKeyword(ix, keyword);

  const occ = ix.occupations;
  const facts = headerFacts(ix);
  const notAvailable: NotAvailablePart[] = [];
  const detail: Record<string, unknown> = {
    OnetTitle: occ.titles[row]!,
    OnetCode: occ.codes[row]!,
    OnetDescription: str(occ.descriptions, row),
    BrightOutlook: occ.brightOutlook[row] !== 0 ? 'Bright' : '',
    BrightOutlookCategory: facts.brightCategories[row]!,
    Location: place,
    SocInfo: socInfo(occ, row, facts),
  };
  if (want.has('tasks')) detail.Tasks = taskList(ix, row);
  if (want.has('dwas')) detail.DWAs = dwaList(ix, row);
  if (want.has('alternateOnetTitles')) detail.AlternateTitles = alternateTitles(ix, row);
  if (want.has('interest')) detail.InterestDataList = interestList(ix, row);
  if (want.has('relatedOnetTitles')) detail.RelatedOnetTitles = relatedTitles(ix, row);
  if (want.has('skills')) detail.SkillsDataList = ratingList(ix, 'skills', row);
  if (want.has('knowledge')) detail.KnowledgeDataList = ratingList(ix, 'knowledge', row);
  if (want.has('ability')) {
    if (ix.snapshot.tables.abilities) detail.AbilityDataList = ratingList(ix, 'abilities', row);
    else notAvailable.push({ Flag: 'ability', Parts: ['AbilityDataList'], Reason: 'This snapshot has no O*NET Abilities data (the source release it was built from did not include Abilities.txt).' });
  }
  if (want.has('toolsAndTechnology')) detail.ToolsandTechOccupationDetails = toolsAndTechnology(ix, row);
  if (want.has('workValues')) detail.WorkValuesOccupationDetails = topWorkValue(ix, row);
  if (want.has('training')) {
    detail.EducationTraining = educationTraining(ix, row);
    notAvailable.push({ ...TRAINING_BLS_PARTS, Parts: [...TRAINING_BLS_PARTS.Parts] });
  }
  for (const flag of unavailable) {
    const part = UNAVAILABLE_FLAGS[flag]!;
    notAvailable.push({ Flag: flag, ...part, Parts: [...part.Parts] });
  }

  const response: Record<string, unknown> = { OccupationDetail: [detail], RecordCount: 1, NotAvailable: notAvailable };
  if (metadata) response.MetaData = detailsMetaData(ix.snapshot.info);
  return response;
}

/**
 * The `MetaData` block of a details answer (a new object per call). Exported so that the
 * benchmark baselines answer with the very same texts.
 */
export function detailsMetaData(info: SnapshotInfo) {
  return {
    Publisher: 'onet-match',
    CitationSuggested: info.attribution,
    DataSource: [
      {
        DataName: 'Occupational data',
        DataSourceName: info.source,
        DataSourceUrl: ONET_DATABASE_URL,
        DataVintageOrVersion: info.release,
        DataDescription: 'O*NET occupations, tasks, detailed work activities, titles, interests, related occupations, skills, knowledge, abilities, tools and technology, work values, education and job zones.',
        DataSourceCitation: info.attribution,
      },
      {
        DataName: 'Bright Outlook',
        DataSourceName: 'O*NET OnLine Bright Outlook occupations',
        DataSourceUrl: BRIGHT_OUTLOOK_URL,
        // The list ships as an extras file beside the release; its own vintage is not recorded in the snapshot.
        DataVintageOrVersion: null,
        DataDescription: 'Occupations expected to grow rapidly, have large numbers of openings, or be new and emerging (from BLS Employment Projections).',
        DataSourceCitation: info.attribution,
      },
    ],
  };
}
