/**
 * `/v1/occupations`: the paginated occupation list with job zone, Bright Outlook and green
 * filters, in the envelope of the commercial skills API (occupations-list-api.txt). Decisions
 * (docs/catalog.md): every occupation of the snapshot in code order; each filter keeps the items
 * whose field equals the value; a page past the last page is an empty page, not an error.
 */
import { OnetError, validationError } from '../../errors.js';
import { booleanValue, truncate, positiveIntValue, type Request } from '../request.js';
import type { EngineIndexes } from '../routes.js';
import { BRIGHT_OUTLOOK_URL, ONET_DATABASE_URL, ParamCollector, QueryParams, memoised, nextRequestId } from './common.js';

/** One item of the list. */
export interface OccupationSummary {
  soc_code: string;
  title: string;
  /** A job zone code of the snapshot's Job Zone Reference (1–5 up to O*NET 30.1, 2–5 from 30.2), or null when O*NET has none for the occupation. */
  job_zone: number | null;
  bright_outlook: boolean;
  /** From the snapshot's green-economy list; false for every occupation when the snapshot has none. */
  green_occupation: boolean;
}

/** A data source named in `metadata.sources`. */
export interface SourceSchema {
  name: string;
  url: string | null;
}

/** The response envelope. */
export interface OccupationListResponse {
  data: { items: OccupationSummary[]; total: number; page: number; page_size: number; pages: number };
  metadata: { sources: SourceSchema[]; request_id: string; rate_limit: null };
}

/** Default and largest page size. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * `metadata.sources` of every list answer. Exported so that the benchmark baselines answer with
 * the very same texts; each answer carries its own copy (answers may be mutated by callers).
 */
export const LIST_SOURCES: readonly Readonly<SourceSchema>[] = [
  { name: 'O*NET', url: ONET_DATABASE_URL },
  { name: 'O*NET OnLine Bright Outlook occupations (BLS Employment Projections)', url: BRIGHT_OUTLOOK_URL },
];

const copySource = (source: Readonly<SourceSchema>): SourceSchema => ({ ...source });

/** The accepted parameters; `listOccupations` destructures their values in this order. */
const PARAMS = new QueryParams(['page', 'page_size', 'job_zone', 'bright_outlook', 'green']);

/** Per snapshot: the green-economy flags and the row lists of the filter combinations asked so far. */
interface ListIndex {
  /** Occupation rows on the snapshot's green-economy list (1), or undefined when the snapshot has none. */
  readonly green: Uint8Array | undefined;
  /** Rows of each filter combination, by {@link filterSlot}; filled on first use, read-only (answers copy from them). */
  readonly rows: (readonly number[] | undefined)[];
}

/** One memo lookup per request (with constant keys: a key built per request cost as much as the lookup). */
function listIndex(ix: EngineIndexes): ListIndex {
  return memoised(ix.snapshot, 'listIndex', () => {
    const table = ix.snapshot.tables.green;
    let green: Uint8Array | undefined;
    if (table) {
      green = new Uint8Array(ix.occupations.count);
      for (let i = 0; i < table.rows; i++) green[table.columns.occ[i]!] = 1;
    }
    return { green, rows: new Array<readonly number[] | undefined>((ix.occupations.zoneCodes.length + 1) * 3 * 3).fill(undefined) };
  });
}

/** 0 for no filter, 1 for false, 2 for true. */
function triState(value: boolean | undefined): number {
  return value === undefined ? 0 : value ? 2 : 1;
}

/**
 * Index of a filter combination in {@link ListIndex.rows}: no zone filter (0) or the zone's
 * position in the snapshot's Job Zone Reference + 1, × bright, × green.
 */
function filterSlot(ix: EngineIndexes, jobZone: number | undefined, bright: boolean | undefined, green: boolean | undefined): number {
  const zone = jobZone === undefined ? 0 : ix.occupations.zoneCodes.indexOf(jobZone) + 1;
  return (zone * 3 + triState(bright)) * 3 + triState(green);
}

/** `page_size`: a positive integer up to {@link MAX_PAGE_SIZE}. */
function pageSizeValue(name: string, raw: string): number {
  return positiveIntValue(name, raw, MAX_PAGE_SIZE);
}

/** "Job Zone Three: Medium Preparation Needed" → "medium preparation" (a zone's short description in messages). */
function zoneHint(title: string): string {
  const text = title.includes(':') ? title.slice(title.indexOf(':') + 1) : title;
  return text
    .replace(/\s+needed\s*$/i, '')
    .trim()
    .toLowerCase();
}

/**
 * `job_zone`: a zone code of the snapshot's own Job Zone Reference (O*NET 30.2 merged zones 1 and
 * 2 into "Job Zone 1-2", code 2). A code the snapshot does not have is a VALIDATION_ERROR naming
 * the snapshot's zones — and, when a reference title shows the code was merged into a range
 * ("Job Zone 1-2"), the zone to use — never an empty list. docs/catalog.md.
 */
function jobZoneValue(ix: EngineIndexes, raw: string): number {
  const { zoneCodes, jobZones } = ix.occupations;
  const code = /^[1-9]\d{0,2}$/.test(raw) ? Number(raw) : Number.NaN;
  if (jobZones.has(code)) return code;
  const first = zoneCodes[0];
  const last = zoneCodes[zoneCodes.length - 1];
  if (first === undefined || last === undefined) throw validationError('job_zone', 'This snapshot has no job zones', 'Drop the job_zone filter');
  const contiguous = last - first + 1 === zoneCodes.length;
  const allowed = contiguous ? `an integer from ${first} to ${last}` : `one of ${zoneCodes.join(', ')}`;
  const merged = Number.isNaN(code)
    ? undefined
    : zoneCodes.find((z) => {
        const range = /\b(\d+)\s*-\s*(\d+)\b/.exec(jobZones.get(z)!.title);
        return range !== null && Number(range[1]) <= code && code <= Number(range[2]);
      });
  const suggestion =
    merged !== undefined
      ? `Use job_zone=${merged}: O*NET merged job zone ${code} into "${jobZones.get(merged)!.title}"`
      : `Use job_zone=${first} (${zoneHint(jobZones.get(first)!.title)}) … job_zone=${last} (${zoneHint(jobZones.get(last)!.title)})`;
  throw validationError('job_zone', `"job_zone" must be ${allowed}; got "${truncate(raw)}"`, suggestion);
}

/** `/v1/occupations?page=&page_size=&job_zone=&bright_outlook=&green=` */
export function listOccupations(ix: EngineIndexes, request: Request): OccupationListResponse {
  const params = new ParamCollector();
  const [rawPage, rawPageSize, rawJobZone, rawBright, rawGreen] = PARAMS.read(request.query, params);
  const page = params.value('page', rawPage, positiveIntValue, 1);
  const pageSize = params.value('page_size', rawPageSize, pageSizeValue, DEFAULT_PAGE_SIZE);
  const jobZone = rawJobZone == null ? undefined : params.read(() => jobZoneValue(ix, rawJobZone), undefined);
  const bright = params.value('bright_outlook', rawBright, booleanValue, undefined);
  const green = params.value('green', rawGreen, booleanValue, undefined);
  params.throwIfAny();

  const occ = ix.occupations;
  const index = listIndex(ix);
  const greenFlags = index.green;
  if (green === true && !greenFlags) {
    throw new OnetError('NOT_AVAILABLE', 'This snapshot has no green-economy occupation data, so green=true cannot be answered', {
      field: 'green',
      suggestion: 'O*NET no longer maintains a green-economy list; drop the green filter (green=false keeps every occupation, none is marked green)',
    });
  }

  // The rows of each filter combination (at most (zones + 1) × 3 × 3) are computed once and shared: scanning
  // every occupation was most of this route's cost.
  const slot = filterSlot(ix, jobZone, bright, green);
  let rows = index.rows[slot];
  if (!rows) {
    const out: number[] = [];
    for (let o = 0; o < occ.count; o++) {
      if (jobZone !== undefined && occ.jobZone[o] !== jobZone) continue;
      if (bright !== undefined && (occ.brightOutlook[o] !== 0) !== bright) continue;
      if (green !== undefined && (greenFlags ? greenFlags[o] === 1 : false) !== green) continue;
      out.push(o);
    }
    rows = index.rows[slot] = out;
  }
  const total = rows.length;
  const pages = Math.ceil(total / pageSize);
  const items: OccupationSummary[] = [];
  for (let i = (page - 1) * pageSize, end = Math.min(page * pageSize, total); i < end; i++) {
    const o = rows[i]!;
    const zone = occ.jobZone[o]!;
    items.push({
      soc_code: occ.codes[o]!,
      title: occ.titles[o]!,
      job_zone: zone === 0 ? null : zone,
      bright_outlook: occ.brightOutlook[o] !== 0,
      green_occupation: greenFlags ? greenFlags[o] === 1 : false,
    });
  }
  return {
    data: { items, total, page, page_size: pageSize, pages },
    metadata: {
      sources: LIST_SOURCES.map(copySource),
      request_id: nextRequestId(ix),
      rate_limit: null,
    },
  };
}
