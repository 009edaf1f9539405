/**
 * DWA ID pairing across layouts (`--pair-with`): reads another release's DWA list (either layout)
 * and records, for each DWA of the snapshot, its ID there (`dwaAliases`), so answers keyed by
 * classic IDs keep working on a modern snapshot and the other way round.
 *
 * Titles are compared after {@link normaliseTitle}. A DWA pairs when its normalised title occurs
 * exactly once on each side; a title that occurs twice on either side pairs none of its DWAs
 * (ambiguous). A pair whose IDs are equal (two releases of the same layout) needs no alias row.
 */
import { OnetError } from '../../src/errors.js';
import type { SourceLayout } from '../../src/snapshot/schema.js';
import { columns } from './columns.js';
import type { BuildContext } from './context.js';
import { CLASSIC_FILES, COMMON_FILES, MODERN_FILES } from './layout.js';
import { parseTsv } from './parse.js';
import { readRelease } from './release.js';
import { openSource } from './source.js';
import type { ActivityIndex } from './tables/activities.js';

/** What pairing did (printed by the CLI, in the build report). */
export interface PairingReport {
  /** The other release's folder or zip. */
  readonly with: string;
  readonly release: string | undefined;
  readonly layout: SourceLayout;
  /** DWAs of this snapshot paired with one of the other release. */
  readonly paired: number;
  /** dwaAliases rows written (pairs whose IDs differ). */
  readonly aliases: number;
  /** DWAs of this snapshot left without a partner (no title match, or an ambiguous title). */
  readonly unpairedHere: number;
  /** DWAs of the other release left without a partner. */
  readonly unpairedThere: number;
  /** Normalised titles held by more than one DWA on either side (none of them paired). */
  readonly ambiguous: number;
}

/**
 * The comparison form of a DWA title: Unicode NFKC; typographic quotes, apostrophes and dashes
 * to their ASCII forms; runs of white space to one space; trimmed; one trailing full stop
 * dropped; lower case (locale-independent).
 */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '')
    .toLowerCase();
}

/** The DWA IDs and titles of another release (folder or zip), in source order, with its layout. */
export function readOtherDwas(path: string): { ids: string[]; titles: string[]; layout: SourceLayout; release: string | undefined } {
  const source = openSource(path, [CLASSIC_FILES.dwas, MODERN_FILES.gwasIwasDwas, COMMON_FILES.readMe, COMMON_FILES.occupations]);
  const classic = source.has(CLASSIC_FILES.dwas);
  const modern = source.has(MODERN_FILES.gwasIwasDwas);
  if (classic === modern) {
    throw new OnetError(
      'SOURCE_INVALID',
      classic
        ? `${source.path} (--pair-with) mixes the two layouts: it has both "${CLASSIC_FILES.dwas}" and "${MODERN_FILES.gwasIwasDwas}"`
        : `${source.path} (--pair-with) has no DWA list: neither "${CLASSIC_FILES.dwas}" (classic) nor "${MODERN_FILES.gwasIwasDwas}" (modern)`,
      { field: 'pairWith' },
    );
  }
  const file = classic ? CLASSIC_FILES.dwas : MODERN_FILES.gwasIwasDwas;
  const t = parseTsv(file, source.read(file)!);
  const idColumn = classic ? 'DWA ID' : 'DWA Element ID';
  const titleColumn = classic ? 'DWA Title' : 'DWA Element Name';
  const c = columns(t, [idColumn, titleColumn]) as Record<string, number>;
  const ids: string[] = [];
  const titles: string[] = [];
  const seen = new Set<string>();
  t.rows.forEach((r, row) => {
    const id = r[c[idColumn]!]!.trim();
    if (id === '' || id === 'n/a') return;
    if (seen.has(id)) return; // the same DWA listed under two IWAs would still be one DWA
    seen.add(id);
    const title = r[c[titleColumn]!]!.trim();
    if (title === '') throw t.error(row, c[titleColumn]!, 'empty value');
    ids.push(id);
    titles.push(title);
  });
  return { ids, titles, layout: classic ? 'classic' : 'modern', release: readRelease(source)?.release };
}

/** Builds `dwaAliases` from the other release at `path`; returns the report. */
export function buildDwaAliases(b: BuildContext, activities: ActivityIndex, path: string): PairingReport {
  const other = readOtherDwas(path);
  const group = (titles: readonly string[]) => {
    const map = new Map<string, number[]>();
    titles.forEach((title, i) => {
      const key = normaliseTitle(title);
      const list = map.get(key);
      if (list) list.push(i);
      else map.set(key, [i]);
    });
    return map;
  };
  const here = group(activities.dwaTitles);
  const there = group(other.titles);
  let ambiguous = 0;
  for (const key of new Set([...here.keys(), ...there.keys()])) if ((here.get(key)?.length ?? 0) > 1 || (there.get(key)?.length ?? 0) > 1) ambiguous++;
  const alias: string[] = [];
  const dwa: number[] = [];
  let paired = 0;
  const pairedThere = new Set<number>();
  activities.dwaTitles.forEach((title, row) => {
    const key = normaliseTitle(title);
    const mine = here.get(key)!;
    const theirs = there.get(key);
    if (mine.length !== 1 || theirs?.length !== 1) return;
    paired++;
    pairedThere.add(theirs[0]!);
    const otherId = other.ids[theirs[0]!]!;
    if (otherId === activities.dwaIds[row]) return;
    alias.push(otherId);
    dwa.push(row);
  });
  b.set('dwaAliases', alias.length, { alias, dwa });
  const report: PairingReport = {
    with: path,
    release: other.release,
    layout: other.layout,
    paired,
    aliases: alias.length,
    unpairedHere: activities.dwaTitles.length - paired,
    unpairedThere: other.ids.length - pairedThere.size,
    ambiguous,
  };
  if (report.unpairedHere > 0 || report.unpairedThere > 0) {
    b.warnings.push(
      `DWA pairing with ${other.layout} ${other.release ?? 'release'}: ${report.unpairedHere} DWA(s) here and ${report.unpairedThere} there have no partner (${ambiguous} ambiguous title(s))`,
    );
  }
  return report;
}
