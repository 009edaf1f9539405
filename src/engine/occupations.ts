/**
 * Occupation index: code ↔ row, titles with a precomputed title order, job zones, Bright Outlook
 * and STEM flags, SOC job family. Built once at load.
 */
import { OnetError } from '../errors.js';
import { BRIGHT_OUTLOOK_CATEGORIES, str, type Snapshot, type Table } from '../snapshot/schema.js';
import { normalize } from './text.js';

/** Job zone reference row. */
export interface JobZoneInfo {
  readonly code: number;
  readonly title: string;
  readonly experience: string;
  readonly education: string;
  readonly jobTraining: string;
  readonly examples: string;
  readonly svpRange: string;
}

/** The occupation index. Occupation rows are snapshot row indexes (sorted by code). */
export interface OccupationIndex {
  readonly count: number;
  readonly codes: readonly string[];
  readonly titles: readonly string[];
  readonly descriptions: Table<'occupations'>['columns']['description'];
  /**
   * The occupation's job zone code, or 0 when it has none. A zone that the snapshot's own Job Zone
   * Reference does not list counts as none (O*NET's codes are 1–5 up to 30.1 and 2–5 from 30.2).
   */
  readonly jobZone: Uint8Array;
  /**
   * Position of each occupation's job zone in the snapshot's Job Zone Reference (ascending by
   * code), {@link zoneCodes}`.length` when it has none: the key of every `zone` sort.
   */
  readonly jobZoneRank: Uint8Array;
  readonly brightOutlook: Uint8Array;
  readonly stemTypes: Uint8Array;
  /** Position of each occupation in title order (for title sorts). */
  readonly titleRank: Uint32Array;
  /** The inverse of {@link titleRank}: occupation row at each title-order position. */
  readonly titleOrder: Uint32Array;
  /** Job zone reference by zone code: the snapshot's own Job Zone Reference rows. */
  readonly jobZones: ReadonlyMap<number, JobZoneInfo>;
  /** The snapshot's job zone codes, ascending (1–5 up to O*NET 30.1, 2–5 from 30.2). */
  readonly zoneCodes: readonly number[];
  /** Job family (SOC major group) code → title. */
  readonly jobFamilies: ReadonlyMap<string, string>;
  /** Row of an exact O*NET-SOC code, or undefined. */
  rowOf(code: string): number | undefined;
}

/**
 * The tables {@link buildOccupationIndex} reads: all that creating an engine needs, so a loader
 * fetching sections on demand can fetch these together (test/node/engine-tables.test.ts pins it).
 */
export const OCCUPATION_INDEX_TABLES = ['occupations', 'jobZones', 'jobFamilies'] as const;

/** Builds the occupation index. */
export function buildOccupationIndex(snapshot: Snapshot): OccupationIndex {
  const table = requireTable(snapshot, 'occupations');
  const count = table.rows;
  const codes: string[] = new Array(count);
  const titles: string[] = new Array(count);
  const byCode = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    codes[i] = str(table.columns.code, i);
    titles[i] = str(table.columns.title, i);
    byCode.set(codes[i]!, i);
  }
  // compareTitles order (normalised text, then raw code points), then code — with each title
  // normalised once instead of twice per comparison (this sort dominated the index build).
  const normalized = titles.map(normalize);
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => {
    const na = normalized[a]!;
    const nb = normalized[b]!;
    if (na !== nb) return na < nb ? -1 : 1;
    const ta = titles[a]!;
    const tb = titles[b]!;
    if (ta !== tb) return ta < tb ? -1 : 1;
    return codes[a]! < codes[b]! ? -1 : 1;
  });
  const titleRank = new Uint32Array(count);
  const titleOrder = Uint32Array.from(order);
  order.forEach((row, rank) => (titleRank[row] = rank));

  const zones = requireTable(snapshot, 'jobZones');
  const jobZones = new Map<number, JobZoneInfo>();
  for (let i = 0; i < zones.rows; i++) {
    const c = zones.columns;
    jobZones.set(c.zone[i]!, {
      code: c.zone[i]!,
      title: str(c.name, i),
      experience: str(c.experience, i),
      education: str(c.education, i),
      jobTraining: str(c.jobTraining, i),
      examples: str(c.examples, i),
      svpRange: str(c.svpRange, i),
    });
  }
  const zoneCodes = [...jobZones.keys()].filter((code) => code !== 0).sort((a, b) => a - b);
  // Ranks fit a u8: zone codes are u8, so a reference lists at most 255 non-zero zones.
  const rankOfZone = new Uint8Array(256).fill(zoneCodes.length);
  zoneCodes.forEach((code, rank) => (rankOfZone[code] = rank));
  const jobZone = new Uint8Array(count);
  const jobZoneRank = new Uint8Array(count);
  for (let o = 0; o < count; o++) {
    const zone = table.columns.jobZone[o]!;
    jobZone[o] = zone !== 0 && jobZones.has(zone) ? zone : 0;
    jobZoneRank[o] = jobZone[o] === 0 ? zoneCodes.length : rankOfZone[jobZone[o]!]!;
  }
  const families = requireTable(snapshot, 'jobFamilies');
  const jobFamilies = new Map<string, string>();
  for (let i = 0; i < families.rows; i++) jobFamilies.set(str(families.columns.code, i), str(families.columns.title, i));

  return {
    count,
    codes,
    titles,
    descriptions: table.columns.description,
    jobZone,
    jobZoneRank,
    brightOutlook: table.columns.brightOutlook,
    stemTypes: table.columns.stemTypes,
    titleRank,
    titleOrder,
    jobZones,
    zoneCodes,
    jobFamilies,
    rowOf: (code) => byCode.get(code),
  };
}

/** A table the snapshot must have (the codec already rejects snapshots without required tables). */
export function requireTable<N extends keyof Snapshot['tables']>(snapshot: Snapshot, name: N): NonNullable<Snapshot['tables'][N]> {
  const table = snapshot.tables[name];
  if (!table) throw new OnetError('NOT_AVAILABLE', `This snapshot has no ${String(name)} data`, { field: String(name) });
  return table as NonNullable<Snapshot['tables'][N]>;
}

/** O*NET Web Services `tags`: `bright_outlook: true` only when the occupation is on the Bright Outlook list. */
export function tagsOf(index: OccupationIndex, row: number): { bright_outlook?: true } {
  return index.brightOutlook[row]! !== 0 ? { bright_outlook: true } : {};
}

/** Bright Outlook category names of an occupation. */
export function brightOutlookCategories(index: OccupationIndex, row: number): string[] {
  const mask = index.brightOutlook[row]!;
  return BRIGHT_OUTLOOK_CATEGORIES.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

/** `job_zone: {code, title}`, or null when O*NET has no job zone for the occupation. */
export function jobZoneOf(index: OccupationIndex, row: number): { code: number; title: string } | null {
  const zone = index.jobZone[row]!;
  const info = zone === 0 ? undefined : index.jobZones.get(zone);
  return info ? { code: zone, title: info.title } : null;
}

/** SOC major group ("job family") of an occupation code: `NN-0000` and its title. */
export function jobFamilyOf(index: OccupationIndex, row: number): { code: string; title: string } {
  const code = `${index.codes[row]!.slice(0, 2)}-0000`;
  return { code, title: index.jobFamilies.get(code) ?? code };
}

/** Local route of an occupation's details (the equivalent of O*NET's occupation report link). */
export function occupationHref(code: string): string {
  return `/v1/occupation/${code}/US`;
}

/** Pattern of a well-formed O*NET-SOC code. */
export const SOC_CODE = /^\d{2}-\d{4}\.\d{2}$/;
