/**
 * Related activities (O*NET Web Services "Related activities search", steps 2 and 3): an
 * occupation's detailed work activities (DWAs) in a stable order, and the other occupations that
 * share the selected DWAs or have similar ones (same IWA). Rules and tie-breaks: docs/ranking.md.
 */
import { OnetError, validationError } from '../errors.js';
import { str, type Snapshot } from '../snapshot/schema.js';
import { buildDwaIdResolver, type DwaIdResolver } from './dwa-ids.js';
import { occupationDwaOrder, taskImportance } from './dwa-order.js';
import { groupRows, type Groups } from './groups.js';
import { SOC_CODE, jobZoneOf, occupationHref, requireTable, tagsOf, type OccupationIndex } from './occupations.js';
import { buildRoute, page, readWindow } from './paging.js';
import { checkParams, enumParam, listParam, truncate, type Request } from './request.js';
import { LOW_SPAN, packable, sortByPackedKey } from './sortkey.js';

/** A DWA as listed in responses. */
export interface ActivityItem {
  id: string;
  title: string;
}

/** DWA indexes. */
export interface ActivityIndex {
  readonly ids: readonly string[];
  readonly titles: readonly string[];
  /** IWA row of each DWA. */
  readonly iwa: Uint16Array;
  /** Number of IWA rows (bound of `iwa` values). */
  readonly iwaCount: number;
  /** DWAs of each occupation in the per-occupation DWA order of ./dwa-order.ts (CSR over links). */
  readonly byOccupation: Groups;
  /** DWA row per occupation → DWA link (links grouped by occupation, each group in DWA order). */
  readonly linkDwa: Uint16Array;
  /** Occupations of each DWA (CSR over links). */
  readonly occupationsOfDwa: Groups;
  /** Occupation row per link. */
  readonly linkOccupation: Uint16Array;
  /** Row of one of the snapshot's own DWA IDs. */
  rowOf(id: string): number | undefined;
  /** DWA IDs of either layout (own IDs and, with `dwaAliases`, the paired release's): ./dwa-ids.ts. */
  readonly dwaIds: DwaIdResolver;
}

/** The tables {@link buildActivityIndex} reads (test/node/engine-tables.test.ts pins it). */
export const ACTIVITY_INDEX_TABLES = ['dwas', 'tasks', 'taskDwas', 'iwas'] as const;

/** Builds the DWA indexes. */
export function buildActivityIndex(snapshot: Snapshot, occupations: OccupationIndex): ActivityIndex {
  const dwas = requireTable(snapshot, 'dwas');
  const ids: string[] = new Array(dwas.rows);
  const titles: string[] = new Array(dwas.rows);
  const byId = new Map<string, number>();
  for (let i = 0; i < dwas.rows; i++) {
    ids[i] = str(dwas.columns.id, i);
    titles[i] = str(dwas.columns.title, i);
    byId.set(ids[i]!, i);
  }
  // Derived here, not read from the snapshot's occupationDwas table: the order rule lives in one place.
  const tasks = requireTable(snapshot, 'tasks');
  const taskLinks = requireTable(snapshot, 'taskDwas');
  const importance = taskImportance(snapshot);
  const links = occupationDwaOrder({
    occupationCount: occupations.count,
    taskOccupation: tasks.columns.occ,
    type: tasks.columns.type,
    ...(importance ? { importance } : {}),
    linkTask: taskLinks.columns.task,
    linkDwa: taskLinks.columns.dwa,
    dwaTitles: titles,
    dwaIds: ids,
  });
  const rowOf = (id: string) => byId.get(id);
  return {
    ids,
    titles,
    iwa: dwas.columns.iwa,
    iwaCount: requireTable(snapshot, 'iwas').rows,
    byOccupation: groupRows(links.occupation, occupations.count),
    linkDwa: links.dwa,
    occupationsOfDwa: groupRows(links.dwa, dwas.rows),
    linkOccupation: links.occupation,
    rowOf,
    dwaIds: buildDwaIdResolver(snapshot, ids, rowOf),
  };
}

/** Per IWA, the occupations with DWAs in it and how many (CSR over IWA rows). */
interface IwaIndex {
  readonly start: Uint32Array;
  readonly occ: Uint16Array;
  readonly count: Uint16Array;
}

const iwaIndexes = new WeakMap<ActivityIndex, IwaIndex>();

/** Built on the first related-activities query (a few ms), not at load. */
function iwaIndex(index: ActivityIndex): IwaIndex {
  let built = iwaIndexes.get(index);
  if (built) return built;
  const links = index.linkDwa.length;
  const iwaOfLink = new Uint32Array(links);
  for (let l = 0; l < links; l++) iwaOfLink[l] = index.iwa[index.linkDwa[l]!]!;
  const groups = groupRows(iwaOfLink, index.iwaCount);
  const start = new Uint32Array(index.iwaCount + 1);
  const occ: number[] = [];
  const count: number[] = [];
  const slot = new Int32Array(65_536).fill(-1);
  for (let iwa = 0; iwa < index.iwaCount; iwa++) {
    const from = occ.length;
    for (let i = groups.start[iwa]!; i < groups.start[iwa + 1]!; i++) {
      const o = index.linkOccupation[groups.rows[i]!]!;
      if (slot[o]! < from) {
        slot[o] = occ.length;
        occ.push(o);
        count.push(1);
      } else count[slot[o]!]!++;
    }
    start[iwa + 1] = occ.length;
  }
  built = { start, occ: Uint16Array.from(occ), count: Uint16Array.from(count) };
  iwaIndexes.set(index, built);
  return built;
}

/**
 * Per-occupation counters and membership flags of one results query (typed arrays, not Sets: the
 * query tests every DWA of every candidate). Allocated once per index and cleared per query:
 * allocating them afresh cost more than the counting they serve. Safe to share because a query
 * runs synchronously and no answer keeps a reference to them.
 */
interface QueryScratch {
  /** Selected DWAs each occupation shares. */
  readonly shared: Uint16Array;
  /** Each occupation's DWAs in a selected DWA's IWA. */
  readonly similar: Uint16Array;
  /** 1 for each selected DWA row. */
  readonly isSelected: Uint8Array;
  /** 1 for the IWA row of each selected DWA. */
  readonly iwaSelected: Uint8Array;
}

const scratches = new WeakMap<ActivityIndex, QueryScratch>();

/** The index's scratch arrays, zeroed. */
function queryScratch(index: ActivityIndex, occupationCount: number): QueryScratch {
  let scratch = scratches.get(index);
  if (scratch?.shared.length === occupationCount) {
    scratch.shared.fill(0);
    scratch.similar.fill(0);
    scratch.isSelected.fill(0);
    scratch.iwaSelected.fill(0);
    return scratch;
  }
  scratch = {
    shared: new Uint16Array(occupationCount),
    similar: new Uint16Array(occupationCount),
    isSelected: new Uint8Array(index.ids.length),
    iwaSelected: new Uint8Array(index.iwaCount),
  };
  scratches.set(index, scratch);
  return scratch;
}

/** DWA rows of an occupation, in its stable order. */
export function dwasOf(index: ActivityIndex, occupation: number): number[] {
  const { start, rows } = index.byOccupation;
  const out: number[] = [];
  for (let i = start[occupation]!; i < start[occupation + 1]!; i++) out.push(index.linkDwa[rows[i]!]!);
  return out;
}

function item(index: ActivityIndex, dwa: number): ActivityItem {
  return { id: index.ids[dwa]!, title: index.titles[dwa]! };
}

/** Resolves an occupation path segment: a well-formed, known O*NET-SOC code. */
export function occupationFromPath(occupations: OccupationIndex, code: string | undefined, field = 'code'): number {
  if (code === undefined || !SOC_CODE.test(code)) {
    throw validationError(field, `"${truncate(code ?? '')}" is not an O*NET-SOC code`, 'Codes look like 29-1051.00');
  }
  const row = occupations.rowOf(code);
  if (row === undefined) throw new OnetError('NOT_FOUND', `No occupation with code ${code}`, { field, suggestion: 'Find the code with /online/related_activities?keyword=…' });
  return row;
}

/** `/online/related_activities/activities/{code}`: the occupation's DWAs `[{id, title}]`. */
export function occupationActivities(index: ActivityIndex, occupations: OccupationIndex, request: Request, code: string | undefined): ActivityItem[] {
  checkParams(request.query, []);
  const occ = occupationFromPath(occupations, code);
  return dwasOf(index, occ).map((d) => item(index, d));
}

/** Most IDs one `/online/related_activities/resolve` request maps (500 DWA IDs fit a route's 16,384 characters). */
export const MAX_RESOLVED_ACTIVITIES = 500;

/** One ID given to `/online/related_activities/resolve`, and the snapshot's DWA it names (`id`, `title` null when none). */
export interface ResolvedActivity {
  given: string;
  id: string | null;
  title: string | null;
}

/**
 * `/online/related_activities/resolve?activities=…`: each DWA ID given (either layout, ./dwa-ids.ts)
 * with the snapshot's own ID and title of the DWA it names, in the order given (repeats dropped).
 * An ID that names none (unknown, malformed, or of a layout the snapshot cannot map) gets nulls
 * rather than an error, so a host can tell which stored IDs still hold.
 */
export function resolveActivityIds(index: ActivityIndex, request: Request): { activities: ResolvedActivity[] } {
  checkParams(request.query, ['activities']);
  const ids = listParam(request.query, 'activities', MAX_RESOLVED_ACTIVITIES);
  return {
    activities: ids.map((given) => {
      const dwa = index.dwaIds.rowOf(given);
      return dwa === undefined ? { given, id: null, title: null } : { given, ...item(index, dwa) };
    }),
  };
}

/** Sorts of the results route. */
export const ACTIVITY_SORTS = ['shared', 'similar', 'title', 'code', 'zone'] as const;
/** One of {@link ACTIVITY_SORTS}. */
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

/** One occupation of the related-activities results. */
export interface RelatedActivitiesResult {
  href: string;
  code: string;
  title: string;
  tags: { bright_outlook?: true };
  job_zone: { code: number; title: string } | null;
  activities: { shared: ActivityItem[]; similar: ActivityItem[]; full: ActivityItem[] };
}

/** Most DWAs accepted in one selection (no occupation has more). */
export const MAX_SELECTED_ACTIVITIES = 200;

/** `/online/related_activities/results/{code}?activities=…&sort=…&start=…&end=…` */
export function relatedActivityResults(index: ActivityIndex, occupations: OccupationIndex, request: Request, code: string | undefined) {
  const { query } = request;
  checkParams(query, ['activities', 'sort', 'start', 'end']);
  const current = occupationFromPath(occupations, code);
  const ids = listParam(query, 'activities', MAX_SELECTED_ACTIVITIES);
  const own = new Set(dwasOf(index, current));
  // IDs of either layout (./dwa-ids.ts); an ID and its alias name one DWA, selected once.
  const selected = new Set<number>();
  const listThem = `List the occupation's activities with /online/related_activities/activities/${code}`;
  for (const id of ids) {
    const dwa = index.dwaIds.require(id, 'activities', listThem);
    if (!own.has(dwa)) {
      throw validationError('activities', `"${truncate(id)}" is not an activity of ${code}`, `Pick activities from /online/related_activities/activities/${code}`);
    }
    selected.add(dwa);
  }
  const sort = enumParam(query, 'sort', ACTIVITY_SORTS, 'shared');
  const window = readWindow(query);

  const { shared, similar, isSelected, iwaSelected } = queryScratch(index, occupations.count);
  // Count shared DWAs per occupation through the DWA → occupations inverted index.
  const candidates: number[] = [];
  const { start, rows } = index.occupationsOfDwa;
  for (const dwa of selected) {
    for (let i = start[dwa]!; i < start[dwa + 1]!; i++) {
      const occ = index.linkOccupation[rows[i]!]!;
      if (occ === current) continue;
      if (shared[occ]!++ === 0) candidates.push(occ);
    }
  }
  for (const dwa of selected) {
    isSelected[dwa] = 1;
    iwaSelected[index.iwa[dwa]!] = 1;
  }
  // similar = the candidate's DWAs in a selected IWA, minus the selected ones it has (= shared):
  // summed over the selected IWAs' occupation lists instead of walking every candidate's DWAs.
  const byIwa = iwaIndex(index);
  for (let iwa = 0; iwa < index.iwaCount; iwa++) {
    if (iwaSelected[iwa] === 0) continue;
    for (let j = byIwa.start[iwa]!; j < byIwa.start[iwa + 1]!; j++) similar[byIwa.occ[j]!]! += byIwa.count[j]!;
  }
  for (const occ of candidates) similar[occ] = similar[occ]! - shared[occ]!;
  sortActivityRows(candidates, sort, occupations, shared, similar);

  const { envelope, items } = page(candidates, window, (s, e) =>
    buildRoute(`/online/related_activities/results/${code}`, {
      activities: [...selected].map((d) => index.ids[d]!).join(','),
      sort: query.has('sort') ? sort : undefined,
      start: s,
      end: e,
    }),
  );
  const occupation: RelatedActivitiesResult[] = items.map((occ) => {
    // One pass over the occupation's DWAs, in its order, fills the three lists.
    const sharedItems: ActivityItem[] = [];
    const similarItems: ActivityItem[] = [];
    const full: ActivityItem[] = [];
    const { start, rows } = index.byOccupation;
    for (let i = start[occ]!; i < start[occ + 1]!; i++) {
      const dwa = index.linkDwa[rows[i]!]!;
      full.push(item(index, dwa));
      if (isSelected[dwa] === 1) sharedItems.push(item(index, dwa));
      else if (iwaSelected[index.iwa[dwa]!] === 1) similarItems.push(item(index, dwa));
    }
    return {
      href: occupationHref(occupations.codes[occ]!),
      code: occupations.codes[occ]!,
      title: occupations.titles[occ]!,
      tags: tagsOf(occupations, occ),
      job_zone: jobZoneOf(occupations, occ),
      activities: { shared: sharedItems, similar: similarItems, full },
    };
  });
  return { ...envelope, occupation };
}

/**
 * Sorts candidates for `sort` by packed numeric keys (./sortkey.ts): counts are u16, the final
 * tie-break is the unique title rank (low 16 bits, mapped back through `titleOrder`). The comparator
 * below is the definition, and the fallback for snapshots with > 65,536 occupations.
 */
function sortActivityRows(rows: number[], sort: ActivitySort, occ: OccupationIndex, shared: Uint16Array, similar: Uint16Array): void {
  if (!packable(occ.count)) {
    rows.sort(activityComparator(sort, occ, shared, similar));
    return;
  }
  const S = LOW_SPAN;
  const byTitle = (low: number) => occ.titleOrder[low]!;
  const fewerShared = (o: number) => 65_535 - shared[o]!;
  const fewerSimilar = (o: number) => 65_535 - similar[o]!;
  const zone = (o: number) => occ.jobZoneRank[o]!;
  switch (sort) {
    case 'code':
      sortByPackedKey(
        rows,
        (o) => o,
        (low) => low,
      );
      return;
    case 'shared':
      sortByPackedKey(rows, (o) => (fewerShared(o) * S + fewerSimilar(o)) * S + occ.titleRank[o]!, byTitle);
      return;
    case 'similar':
      sortByPackedKey(rows, (o) => (fewerSimilar(o) * S + fewerShared(o)) * S + occ.titleRank[o]!, byTitle);
      return;
    case 'title':
      sortByPackedKey(rows, (o) => occ.titleRank[o]!, byTitle);
      return;
    case 'zone':
      sortByPackedKey(rows, (o) => (zone(o) * S + fewerShared(o)) * S + occ.titleRank[o]!, byTitle);
      return;
  }
}

/**
 * Tie-breaks (docs/ranking.md): shared → similar desc → title → code; similar → shared desc →
 * title → code; title → code; code; zone → job zone in the snapshot's Job Zone Reference order
 * (none last) → shared desc → title → code.
 */
function activityComparator(sort: ActivitySort, occ: OccupationIndex, shared: Uint16Array, similar: Uint16Array): (a: number, b: number) => number {
  const byShared = (a: number, b: number) => shared[b]! - shared[a]!;
  const bySimilar = (a: number, b: number) => similar[b]! - similar[a]!;
  const byTitle = (a: number, b: number) => occ.titleRank[a]! - occ.titleRank[b]!;
  const zoneKey = (o: number) => occ.jobZoneRank[o]!;
  switch (sort) {
    case 'shared':
      return (a, b) => byShared(a, b) || bySimilar(a, b) || byTitle(a, b);
    case 'similar':
      return (a, b) => bySimilar(a, b) || byShared(a, b) || byTitle(a, b);
    case 'title':
      return byTitle;
    case 'code':
      return (a, b) => a - b;
    case 'zone':
      return (a, b) => zoneKey(a) - zoneKey(b) || byShared(a, b) || byTitle(a, b);
  }
}
