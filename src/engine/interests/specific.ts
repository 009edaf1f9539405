/**
 * Specific Interest Areas (O*NET 30.3+: 41 areas `1.B.3.*` rated on OI 1–7 per occupation): the
 * hook through which the interests results name an occupation's strongest areas.
 *
 * The snapshot schema of this release has no such table yet. The hook reads an optional table
 * named {@link SPECIFIC_INTERESTS_TABLE} with the same columns as `interests` (`occ`, `element`,
 * `scale`, `value` in hundredths); when a builder adds it to the schema under that name, the
 * results gain `specific_interests` with no other change. Absent, nothing changes.
 */
import { str, type Snapshot, type StringColumn } from '../../snapshot/schema.js';
import type { OccupationIndex } from '../occupations.js';

/** Name of the optional table the hook reads. */
export const SPECIFIC_INTERESTS_TABLE = 'specificInterests';
/** Areas listed per occupation. */
export const MAX_SPECIFIC_INTERESTS = 3;

/** The shape the hook expects (the `interests` table's). */
interface SpecificInterestTable {
  readonly rows: number;
  readonly columns: { readonly occ: ArrayLike<number>; readonly element: ArrayLike<number>; readonly scale: StringColumn; readonly value: ArrayLike<number> };
}

/** Each occupation's areas, strongest first. */
export interface SpecificInterestIndex {
  /** Per occupation: `[element id, title, OI in hundredths]`, OI descending then id. */
  readonly byOccupation: readonly (readonly (readonly [string, string, number])[])[];
}

/** Reads the optional table; undefined when the snapshot has none (or no elements to name the areas). */
export function readSpecificInterests(snapshot: Snapshot, occupations: OccupationIndex): SpecificInterestIndex | undefined {
  const table = (snapshot.tables as Readonly<Record<string, unknown>>)[SPECIFIC_INTERESTS_TABLE] as SpecificInterestTable | undefined;
  const elements = snapshot.tables.elements;
  if (!table || !elements) return undefined;
  const byOccupation: [string, string, number][][] = Array.from({ length: occupations.count }, () => []);
  const { occ, element, scale, value } = table.columns;
  for (let r = 0; r < table.rows; r++) {
    if (str(scale, r) !== 'OI' || occ[r]! >= occupations.count) continue;
    byOccupation[occ[r]!]!.push([str(elements.columns.id, element[r]!), str(elements.columns.name, element[r]!), value[r]!]);
  }
  for (const list of byOccupation) list.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { byOccupation };
}

/** The occupation's strongest areas, with the OI score on 0–100. */
export function topSpecificInterests(index: SpecificInterestIndex, o: number): { code: string; title: string; score: number }[] {
  return index.byOccupation[o]!.slice(0, MAX_SPECIFIC_INTERESTS).map(([code, title, v]) => ({ code, title, score: Math.floor(Math.max(0, v - 100) / 6) }));
}
