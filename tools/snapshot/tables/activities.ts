/**
 * IWAs and DWAs. classic: IWA Reference (`Element ID, IWA ID, IWA Title`) + DWA Reference
 * (`Element ID, IWA ID, DWA ID, DWA Title`), IDs like 4.A.4.b.4.I09 / 4.A.4.b.4.I09.D03.
 * modern: GWAs to IWAs to DWAs (`GWA Element ID, GWA Element Name, IWA Element ID, IWA Element
 * Name, DWA Element ID, DWA Element Name`), optionally GWAs to IWAs for the IWA list, IDs like
 * 4.A.4.b.4.j / 4.A.4.b.4.j.12. Same titles, same counts; rows keep source order.
 */
import { columns } from '../columns.js';
import type { BuildContext } from '../context.js';
import { CLASSIC_FILES, MODERN_FILES } from '../layout.js';
import type { SourceTable } from '../parse.js';

/** What the task family needs of the DWAs. */
export interface ActivityIndex {
  readonly dwaIndex: Map<string, number>;
  readonly dwaTitles: readonly string[];
  readonly dwaIds: readonly string[];
  /** File named in "DWA … is not in <file>" errors. */
  readonly dwaFile: string;
}

export function buildActivities(b: BuildContext): ActivityIndex {
  return b.layout === 'classic' ? classicActivities(b) : modernActivities(b);
}

function classicActivities(b: BuildContext): ActivityIndex {
  const iw = b.read(CLASSIC_FILES.iwas);
  const ic = columns(iw, ['Element ID', 'IWA ID', 'IWA Title']);
  const iwaIndex = new Map<string, number>();
  const iwaIds = iw.rows.map((_, row) => {
    const id = b.elementId(iw, row, ic['IWA ID'], 'IWA');
    if (iwaIndex.has(id)) throw iw.error(row, ic['IWA ID'], `IWA ${id} is listed twice`);
    iwaIndex.set(id, row);
    return id;
  });
  b.set('iwas', iw.rows.length, {
    id: iwaIds,
    title: iw.rows.map((_, row) => b.text(iw, row, ic['IWA Title'])),
    gwa: iw.rows.map((_, row) => b.element(iw, row, ic['Element ID'])),
  });

  const dw = b.read(CLASSIC_FILES.dwas);
  const dc = columns(dw, ['IWA ID', 'DWA ID', 'DWA Title']);
  const dwaIndex = new Map<string, number>();
  const dwaIds = dw.rows.map((_, row) => {
    const id = b.elementId(dw, row, dc['DWA ID'], 'DWA');
    if (dwaIndex.has(id)) throw dw.error(row, dc['DWA ID'], `DWA ${id} is listed twice`);
    dwaIndex.set(id, row);
    return id;
  });
  const dwaTitles = dw.rows.map((_, row) => b.text(dw, row, dc['DWA Title']));
  b.set('dwas', dw.rows.length, {
    id: dwaIds,
    title: dwaTitles,
    iwa: dw.rows.map((r, row) => {
      const iwa = iwaIndex.get(r[dc['IWA ID']]!.trim());
      if (iwa === undefined) throw dw.error(row, dc['IWA ID'], `IWA ${r[dc['IWA ID']]!.trim()} is not in ${iw.file}`);
      return iwa;
    }),
  });
  return { dwaIndex, dwaTitles, dwaIds, dwaFile: dw.file };
}

function modernActivities(b: BuildContext): ActivityIndex {
  const iwaIds: string[] = [];
  const iwaTitles: string[] = [];
  const iwaGwas: number[] = [];
  const iwaIndex = new Map<string, number>();
  /** Adds an IWA, or checks that a repeated one has the same GWA and title. */
  const addIwa = (t: SourceTable, row: number, gwaCol: number, idCol: number, titleCol: number) => {
    const id = b.elementId(t, row, idCol, 'IWA');
    const gwa = b.element(t, row, gwaCol);
    const title = b.text(t, row, titleCol);
    const known = iwaIndex.get(id);
    if (known === undefined) {
      iwaIndex.set(id, iwaIds.length);
      iwaIds.push(id);
      iwaTitles.push(title);
      iwaGwas.push(gwa);
      return iwaIds.length - 1;
    }
    if (iwaGwas[known] !== gwa) throw t.error(row, gwaCol, `IWA ${id} is listed under two GWAs`);
    if (iwaTitles[known] !== title) throw t.error(row, titleCol, `IWA ${id} has two titles ("${iwaTitles[known]}")`);
    return known;
  };

  // GWAs to IWAs (when present) fixes the IWA order and holds IWAs without DWAs.
  const gi = b.read(MODERN_FILES.gwasIwas, true);
  if (gi) {
    const c = columns(gi, ['GWA Element ID', 'IWA Element ID', 'IWA Element Name']);
    const seen = new Set<string>();
    gi.rows.forEach((r, row) => {
      const id = r[c['IWA Element ID']]!.trim();
      if (seen.has(id)) throw gi.error(row, c['IWA Element ID'], `IWA ${id} is listed twice`);
      seen.add(id);
      addIwa(gi, row, c['GWA Element ID'], c['IWA Element ID'], c['IWA Element Name']);
    });
  }

  const gid = b.read(MODERN_FILES.gwasIwasDwas);
  const c = columns(gid, ['GWA Element ID', 'IWA Element ID', 'IWA Element Name', 'DWA Element ID', 'DWA Element Name']);
  const dwaIndex = new Map<string, number>();
  const dwaIds: string[] = [];
  const dwaTitles: string[] = [];
  const dwaIwas: number[] = [];
  gid.rows.forEach((r, row) => {
    const before = iwaIds.length;
    const iwa = addIwa(gid, row, c['GWA Element ID'], c['IWA Element ID'], c['IWA Element Name']);
    if (gi && iwaIds.length > before) throw gid.error(row, c['IWA Element ID'], `IWA ${iwaIds[iwa]} is not in ${gi.file}`);
    const raw = r[c['DWA Element ID']]!.trim();
    if (raw === '' || raw === 'n/a') return; // an IWA without DWAs
    const id = b.elementId(gid, row, c['DWA Element ID'], 'DWA');
    if (dwaIndex.has(id)) throw gid.error(row, c['DWA Element ID'], `DWA ${id} is listed twice`);
    dwaIndex.set(id, dwaIds.length);
    dwaIds.push(id);
    dwaTitles.push(b.text(gid, row, c['DWA Element Name']));
    dwaIwas.push(iwa);
  });
  b.set('iwas', iwaIds.length, { id: iwaIds, title: iwaTitles, gwa: iwaGwas });
  b.set('dwas', dwaIds.length, { id: dwaIds, title: dwaTitles, iwa: dwaIwas });
  return { dwaIndex, dwaTitles, dwaIds, dwaFile: gid.file };
}
