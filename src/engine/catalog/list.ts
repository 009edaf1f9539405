/**
 * `/v1/occupations`: the paginated occupation list with job zone, Bright Outlook and green
 * filters, in the envelope of the commercial skills API (occupations-list-api.txt). Decisions
 * (docs/catalog.md): every occupation of the snapshot in code order; each filter keeps the items
 * whose field equals the value; a page past the last page is an empty page, not an error.
 */
import { OnetError, validationError } from '../../errors.js';
import { truncate, positiveIntParam, type Request } from '../request.js';
import type { EngineIndexes } from '../routes.js';
import { BRIGHT_OUTLOOK_URL, ONET_DATABASE_URL, ParamCollector, booleanParam, collectUnknownParams, memoised, nextRequestId } from './common.js';

/** One item of the list. */
export interface OccupationSummary {
  soc_code: string;
  title: string;
  /** 1–5, or null when O*NET has no job zone for the occupation. */
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

const PARAMS = ['page', 'page_size', 'job_zone', 'bright_outlook', 'green'] as const;

/** Occupation rows on the snapshot's green-economy list, or undefined when the snapshot has none. */
export function greenRows(ix: EngineIndexes): Uint8Array | undefined {
  return memoised(ix.snapshot, 'greenRows', () => {
    const table = ix.snapshot.tables.green;
    if (!table) return undefined;
    const flags = new Uint8Array(ix.occupations.count);
    for (let i = 0; i < table.rows; i++) flags[table.columns.occ[i]!] = 1;
    return flags;
  });
}

function jobZoneParam(query: URLSearchParams): number | undefined {
  const raw = query.get('job_zone');
  if (raw === null) return undefined;
  if (!/^[1-5]$/.test(raw)) throw validationError('job_zone', `"job_zone" must be an integer from 1 to 5; got "${truncate(raw)}"`, 'Use job_zone=1 (little or no preparation) … job_zone=5 (extensive preparation)');
  return Number(raw);
}

/** `/v1/occupations?page=&page_size=&job_zone=&bright_outlook=&green=` */
export function listOccupations(ix: EngineIndexes, request: Request): OccupationListResponse {
  const { query } = request;
  const params = new ParamCollector();
  collectUnknownParams(params, query, PARAMS);
  const page = params.read(() => positiveIntParam(query, 'page', 1)!, 1);
  const pageSize = params.read(() => positiveIntParam(query, 'page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)!, DEFAULT_PAGE_SIZE);
  const jobZone = params.read(() => jobZoneParam(query), undefined);
  const bright = params.read(() => booleanParam(query, 'bright_outlook'), undefined);
  const green = params.read(() => booleanParam(query, 'green'), undefined);
  params.throwIfAny();

  const occ = ix.occupations;
  const greenFlags = greenRows(ix);
  if (green === true && !greenFlags) {
    throw new OnetError('NOT_AVAILABLE', 'This snapshot has no green-economy occupation data, so green=true cannot be answered', {
      field: 'green',
      suggestion: 'O*NET no longer maintains a green-economy list; drop the green filter (green=false keeps every occupation, none is marked green)',
    });
  }

  // The rows of each filter combination (at most 6 × 3 × 3) are computed once and shared: scanning
  // every occupation was most of this route's cost. Read-only below (sliced, never mutated).
  const rows = memoised(ix.snapshot, `listRows:${jobZone}:${bright}:${green}`, () => {
    const out: number[] = [];
    for (let o = 0; o < occ.count; o++) {
      if (jobZone !== undefined && occ.jobZone[o] !== jobZone) continue;
      if (bright !== undefined && (occ.brightOutlook[o] !== 0) !== bright) continue;
      if (green !== undefined && (greenFlags ? greenFlags[o] === 1 : false) !== green) continue;
      out.push(o);
    }
    return out;
  });
  const total = rows.length;
  const pages = Math.ceil(total / pageSize);
  const items = rows.slice((page - 1) * pageSize, page * pageSize).map(
    (o): OccupationSummary => ({
      soc_code: occ.codes[o]!,
      title: occ.titles[o]!,
      job_zone: occ.jobZone[o] === 0 ? null : occ.jobZone[o]!,
      bright_outlook: occ.brightOutlook[o] !== 0,
      green_occupation: greenFlags ? greenFlags[o] === 1 : false,
    }),
  );
  return {
    data: { items, total, page, page_size: pageSize, pages },
    metadata: {
      sources: [
        { name: 'O*NET', url: ONET_DATABASE_URL },
        { name: 'O*NET OnLine Bright Outlook occupations (BLS Employment Projections)', url: BRIGHT_OUTLOOK_URL },
      ],
      request_id: nextRequestId(ix),
      rate_limit: null,
    },
  };
}
