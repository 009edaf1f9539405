/**
 * Occupation profiles for career similarity: per rating domain (skills, knowledge, and abilities /
 * work activities when the snapshot has them) every occupation's level (LV 0–7) and importance
 * (IM 1–5) per element, and the occupation's detailed work activities. Built once, on the first
 * career query. Pure.
 */
import { RATING_FLAGS, str, type Snapshot } from '../../snapshot/schema.js';
import { requireTable, type OccupationIndex } from '../occupations.js';

/** The rating tables a profile can be made of, in the order responses list them. */
export const RATING_DOMAINS = ['skills', 'knowledge', 'abilities', 'workActivities'] as const;
/** One of {@link RATING_DOMAINS}. */
export type RatingDomainName = (typeof RATING_DOMAINS)[number];

/** One rating domain: its elements and every occupation's ratings of them. */
export interface RatingDomain {
  readonly name: RatingDomainName;
  /** Element ids (e.g. `2.A.1.a`), in id order. */
  readonly codes: readonly string[];
  readonly titles: readonly string[];
  /** LV (0–7) of occupation o, element e at `o * codes.length + e`; NaN when not rated. */
  readonly level: Float32Array;
  /** IM (1–5), same layout; NaN when not rated. */
  readonly importance: Float32Array;
  /** 1 when the occupation has ratings in this domain. */
  readonly rated: Uint8Array;
  /** Element position of an id, or undefined. */
  indexOf(code: string): number | undefined;
}

/** Profiles of every occupation. */
export interface CareerProfiles {
  /** The domains present in the snapshot (skills and knowledge always; the others when shipped). */
  readonly domains: readonly RatingDomain[];
  /** The skills domain (the one a person's own profile is given in). */
  readonly skills: RatingDomain;
  /** DWA rows of each occupation (CSR: `dwaStart[o] … dwaStart[o + 1] - 1` into `dwaRows`). */
  readonly dwaStart: Uint32Array;
  readonly dwaRows: Uint16Array;
  /** Number of DWA rows in the snapshot. */
  readonly dwaCount: number;
}

/** Reads one rating table (IM/LV rows) into a {@link RatingDomain}. */
function readDomain(snapshot: Snapshot, name: RatingDomainName, occupations: OccupationIndex): RatingDomain | undefined {
  const table = snapshot.tables[name];
  if (!table) return undefined;
  const elements = requireTable(snapshot, 'elements');
  const { occ, element, scale, value, flags } = table.columns;
  const used = new Set<number>();
  for (let r = 0; r < table.rows; r++) used.add(element[r]!);
  const rows = [...used].sort((a, b) => compareIds(str(elements.columns.id, a), str(elements.columns.id, b)));
  const position = new Map<number, number>();
  rows.forEach((row, e) => position.set(row, e));
  const width = rows.length;
  const n = occupations.count;
  const level = new Float32Array(n * width).fill(NaN);
  const importance = new Float32Array(n * width).fill(NaN);
  const rated = new Uint8Array(n);
  const scaleKind = Uint8Array.from(scale.values, (v) => (v === 'IM' ? 1 : v === 'LV' ? 2 : 0));
  for (let r = 0; r < table.rows; r++) {
    const kind = scaleKind[scale.index[r]!]!;
    if (kind === 0) continue;
    const slot = occ[r]! * width + position.get(element[r]!)!;
    // O*NET's "Not Relevant" level means the element is not used at all: level 0.
    const v = kind === 2 && (flags[r]! & RATING_FLAGS.notRelevant) !== 0 ? 0 : value[r]! / 100;
    (kind === 1 ? importance : level)[slot] = v;
    rated[occ[r]!] = 1;
  }
  // An occupation counts as rated only when every element has both scales.
  for (let o = 0; o < n; o++) {
    if (!rated[o]) continue;
    for (let e = 0; e < width; e++) {
      if (Number.isNaN(level[o * width + e]!) || Number.isNaN(importance[o * width + e]!)) {
        rated[o] = 0;
        break;
      }
    }
  }
  const codes = rows.map((row) => str(elements.columns.id, row));
  const titles = rows.map((row) => str(elements.columns.name, row));
  const byCode = new Map(codes.map((c, e) => [c, e]));
  return { name, codes, titles, level, importance, rated, indexOf: (code) => byCode.get(code) };
}

/** Compares Content Model ids part by part (`2.A.1.b` < `2.A.1.f` < `2.A.2.a`; numeric parts as numbers). */
export function compareIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const na = Number(pa[i]);
    const nb = Number(pb[i]);
    if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
    return pa[i]! < pb[i]! ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Builds the profiles of every occupation. */
export function buildCareerProfiles(snapshot: Snapshot, occupations: OccupationIndex): CareerProfiles {
  const domains: RatingDomain[] = [];
  for (const name of RATING_DOMAINS) {
    const d = readDomain(snapshot, name, occupations);
    if (d) domains.push(d);
  }
  const skills = domains.find((d) => d.name === 'skills');
  if (!skills) throw new Error('unreachable: skills is a required table');
  const links = requireTable(snapshot, 'occupationDwas');
  const dwaStart = new Uint32Array(occupations.count + 1);
  for (let r = 0; r < links.rows; r++) dwaStart[links.columns.occ[r]! + 1]!++;
  for (let o = 0; o < occupations.count; o++) dwaStart[o + 1]! += dwaStart[o]!;
  const cursor = dwaStart.slice(0, occupations.count);
  const dwaRows = new Uint16Array(links.rows);
  for (let r = 0; r < links.rows; r++) dwaRows[cursor[links.columns.occ[r]!]!++] = links.columns.dwa[r]!;
  return { domains, skills, dwaStart, dwaRows, dwaCount: requireTable(snapshot, 'dwas').rows };
}
