/**
 * DWA IDs of either O*NET layout. O*NET 30.3 renumbered every detailed work activity (classic IDs
 * like `4.A.4.b.4.I09.D03`, modern like `4.A.4.b.4.j.12`) without changing its title, so an ID a host stored
 * from one release may be in the other layout. A snapshot built with `--pair-with` holds, for each
 * of its DWAs, the ID it has in the paired release (`dwaAliases`, docs/releases.md); this resolver
 * accepts both and answers with the row, from which every response writes the snapshot's own ID.
 *
 * Precedence: an ID the snapshot itself has always means that DWA; aliases are consulted only for
 * the others (two releases of one layout could reuse an ID for another activity). Pure; the alias
 * map is built on the first ID the snapshot does not have, so a host using its own IDs pays nothing.
 */
import { validationError } from '../errors.js';
import { str, type Snapshot, type SourceLayout } from '../snapshot/schema.js';
import { truncate } from './request.js';

/** A DWA ID as O*NET wrote it up to release 30.2: GWA, `.I` IWA number, `.D` DWA number. */
export const CLASSIC_DWA_ID = /^4\.A\.\d+\.[a-z]\.\d+\.I\d+\.D\d+$/;
/** A DWA ID as O*NET writes it from release 30.3: GWA, IWA letters, DWA number. */
export const MODERN_DWA_ID = /^4\.A\.\d+\.[a-z]\.\d+\.[a-z]+\.\d+$/;

/** The layout whose DWA IDs look like `id`, or undefined when it is not a DWA ID of either. */
export function dwaIdLayout(id: string): SourceLayout | undefined {
  return CLASSIC_DWA_ID.test(id) ? 'classic' : MODERN_DWA_ID.test(id) ? 'modern' : undefined;
}

const RELEASES: Record<SourceLayout, string> = { classic: 'O*NET up to 30.2', modern: 'O*NET 30.3 on' };

/** Resolves DWA IDs of the snapshot's layout and, when it was built with `--pair-with`, of the paired release. */
export interface DwaIdResolver {
  /** Layout of the snapshot's own DWA IDs (its `info.layout`, else the shape of its IDs); undefined when unknown. */
  readonly layout: SourceLayout | undefined;
  /** True when the snapshot has the `dwaAliases` table (built with `--pair-with`). */
  readonly paired: boolean;
  /** DWA row of `id`: an ID of the snapshot, else an alias; undefined when neither. */
  rowOf(id: string): number | undefined;
  /**
   * DWA row of `id`, or a VALIDATION_ERROR on `field`: "not a DWA id" when `id` has neither
   * layout's shape, "not a known detailed work activity" otherwise — with a suggestion saying
   * the snapshot cannot map that layout when the ID is of the other layout and the snapshot has
   * no alias of that layout; else `suggestion`.
   */
  require(id: string, field: string, suggestion: string): number;
}

/** The resolver over `snapshot`'s DWAs; `ownRow` maps the snapshot's own IDs (row order of `dwas`). */
export function buildDwaIdResolver(snapshot: Snapshot, ids: readonly string[], ownRow: (id: string) => number | undefined): DwaIdResolver {
  const table = snapshot.tables.dwaAliases;
  // The first ID of a known shape decides, without testing all of them.
  const shaped = snapshot.info.layout ? undefined : ids.find((id) => dwaIdLayout(id) !== undefined);
  const layout = snapshot.info.layout ?? (shaped === undefined ? undefined : dwaIdLayout(shaped));
  let aliases: Map<string, number> | undefined;
  const aliasMap = (): Map<string, number> => {
    if (aliases) return aliases;
    aliases = new Map();
    if (table) {
      for (let i = 0; i < table.rows; i++) {
        const alias = str(table.columns.alias, i);
        const dwa = table.columns.dwa[i]!;
        if (dwa < ids.length && !aliases.has(alias)) aliases.set(alias, dwa);
      }
    }
    return aliases;
  };
  const rowOf = (id: string) => ownRow(id) ?? (table ? aliasMap().get(id) : undefined);
  /** Whether any alias has `shape`'s layout (only asked on the error path). */
  const hasAliasesOf = (shape: SourceLayout) => [...aliasMap().keys()].some((a) => dwaIdLayout(a) === shape);
  return {
    layout,
    paired: table !== undefined,
    rowOf,
    require(id, field, suggestion) {
      const row = rowOf(id);
      if (row !== undefined) return row;
      const shape = dwaIdLayout(id);
      if (shape === undefined)
        throw validationError(
          field,
          `"${truncate(id)}" is not a DWA id`,
          `DWA ids look like 4.A.4.b.4.I09.D03 (${RELEASES.classic}) or 4.A.4.b.4.j.12 (${RELEASES.modern}). ${suggestion}`,
        );
      throw validationError(field, `"${truncate(id)}" is not a known detailed work activity`, unmappable(shape, suggestion) ?? suggestion);
    },
  };

  /** Why an ID of `shape`'s layout cannot be mapped by this snapshot (then `suggestion`), or undefined when it could be. */
  function unmappable(shape: SourceLayout, suggestion: string): string | undefined {
    if (layout === undefined || shape === layout || hasAliasesOf(shape)) return undefined;
    const why = table ? `was paired with a release of its own layout` : 'was built without --pair-with';
    return (
      `This snapshot (${layout} layout, ${RELEASES[layout]}) ${why}, so it cannot map ${shape}-layout DWA ids (${RELEASES[shape]}): ` +
      `rebuild it with npm run snapshot -- --pair-with <a ${shape}-layout release> (docs/releases.md). ${suggestion}`
    );
  }
}
