/**
 * The extras lists (not part of any O*NET text download): Bright Outlook and STEM flags on the
 * occupations, and the optional green-economy list. RFC 4180 CSV files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { OnetError } from '../../../src/errors.js';
import { BRIGHT_OUTLOOK_CATEGORIES, STEM_TYPES } from '../../../src/snapshot/schema.js';
import { SOC_CODE, type BuildContext } from '../context.js';
import { COMMON_FILES } from '../layout.js';
import { parseCsv } from '../parse.js';

/** Extras file names. */
export const EXTRAS_FILES = {
  brightOutlook: 'bright_outlook_occupations.csv',
  stem: 'stem_occupations.csv',
  green: 'green_occupations.csv',
} as const;

/** Where the extras are. */
export interface ExtrasOptions {
  /** Folder with bright_outlook_occupations.csv, stem_occupations.csv and optionally green_occupations.csv. */
  extras?: string;
  /** Green-economy occupation list (CSV with a Code column); default `<extras>/green_occupations.csv` when present. */
  green?: string;
}

interface ExtrasMasks {
  bright: Map<number, number>;
  stem: Map<number, number>;
}

function readExtrasFile(path: string): Uint8Array | undefined {
  if (!existsSync(path) || !statSync(path).isFile()) return undefined;
  return new Uint8Array(readFileSync(path));
}

/**
 * Reads a code list with a multi-valued category column ("A; B"). Returns occupation → bit mask.
 * Codes missing from Occupation Data are skipped with a warning; unknown category text is an error.
 */
function readCodeList(b: BuildContext, file: string, bytes: Uint8Array, categoryColumn: string, bitOf: (text: string) => number | undefined, what: string): Map<number, number> {
  const t = parseCsv(file, bytes, ['Code', categoryColumn]);
  const [cCode, cCat] = [t.column('Code'), t.column(categoryColumn)];
  const masks = new Map<number, number>();
  let skipped = 0;
  t.rows.forEach((r, row) => {
    const code = r[cCode]!.trim();
    if (!SOC_CODE.test(code)) throw t.error(row, cCode, `"${code}" is not an O*NET-SOC code (NN-NNNN.NN)`);
    const parts = r[cCat]!.split(';')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (parts.length === 0) throw t.error(row, cCat, `no ${what} given`);
    let mask = 0;
    for (const p of parts) {
      const bit = bitOf(p);
      if (bit === undefined) throw t.error(row, cCat, `unknown ${what} "${p}"`);
      mask |= 1 << bit;
    }
    const occ = b.occIndex.get(code);
    if (occ === undefined) {
      skipped++;
      b.warnings.push(`${file}:${t.lines[row]}:${cCode + 1}: occupation ${code} is not in ${COMMON_FILES.occupations}; skipped`);
      return;
    }
    masks.set(occ, (masks.get(occ) ?? 0) | mask);
  });
  if (skipped > 0) b.warnings.push(`${file}: ${skipped} occupation code(s) not in ${COMMON_FILES.occupations} skipped`);
  return masks;
}

export function buildExtras(b: BuildContext, options: ExtrasOptions): void {
  const occ = b.tables.occupations!.columns;
  const extras = options.extras === undefined ? undefined : resolve(options.extras);
  if (extras !== undefined && !(existsSync(extras) && statSync(extras).isDirectory())) {
    throw new OnetError('SOURCE_INVALID', `Extras folder not found: ${extras}`, { field: extras });
  }
  const masks: ExtrasMasks = { bright: new Map(), stem: new Map() };

  const brightBytes = extras === undefined ? undefined : readExtrasFile(join(extras, EXTRAS_FILES.brightOutlook));
  if (brightBytes === undefined) {
    b.missing.push('occupations.brightOutlook');
    if (extras !== undefined) b.warnings.push(`${EXTRAS_FILES.brightOutlook} not found in ${extras}: no Bright Outlook data`);
  } else {
    const bits = new Map<string, number>(BRIGHT_OUTLOOK_CATEGORIES.map((c, i) => [c, i]));
    masks.bright = readCodeList(b, EXTRAS_FILES.brightOutlook, brightBytes, 'Categories', (text) => bits.get(text), 'Bright Outlook category');
  }

  const stemBytes = extras === undefined ? undefined : readExtrasFile(join(extras, EXTRAS_FILES.stem));
  if (stemBytes === undefined) {
    b.missing.push('occupations.stemTypes');
    if (extras !== undefined) b.warnings.push(`${EXTRAS_FILES.stem} not found in ${extras}: no STEM data`);
  } else {
    const bits = new Map<string, number>(STEM_TYPES.map((s) => [s.title, s.code - 1]));
    masks.stem = readCodeList(b, EXTRAS_FILES.stem, stemBytes, 'Occupation Types', (text) => bits.get(text), 'STEM occupation type');
  }

  const bright = occ.brightOutlook as number[];
  const stem = occ.stemTypes as number[];
  for (const [i, m] of masks.bright) bright[i] = m;
  for (const [i, m] of masks.stem) stem[i] = m;

  // Green-economy list (optional).
  let greenPath: string | undefined;
  if (options.green !== undefined) {
    greenPath = resolve(options.green);
    if (!existsSync(greenPath)) throw new OnetError('SOURCE_INVALID', `Green occupations list not found: ${greenPath}`, { field: greenPath });
  } else if (extras !== undefined && existsSync(join(extras, EXTRAS_FILES.green))) {
    greenPath = join(extras, EXTRAS_FILES.green);
  }
  const greenBytes = greenPath === undefined ? undefined : readExtrasFile(greenPath);
  if (greenBytes === undefined) {
    b.missing.push('green');
    return;
  }
  const file = basename(greenPath!);
  const t = parseCsv(file, greenBytes, ['Code']);
  const cCode = t.column('Code');
  const rows = new Set<number>();
  let skipped = 0;
  t.rows.forEach((r, row) => {
    const code = r[cCode]!.trim();
    if (!SOC_CODE.test(code)) throw t.error(row, cCode, `"${code}" is not an O*NET-SOC code (NN-NNNN.NN)`);
    const i = b.occIndex.get(code);
    if (i === undefined) {
      skipped++;
      b.warnings.push(`${file}:${t.lines[row]}:${cCode + 1}: occupation ${code} is not in ${COMMON_FILES.occupations}; skipped`);
    } else rows.add(i);
  });
  if (skipped > 0) b.warnings.push(`${file}: ${skipped} occupation code(s) not in ${COMMON_FILES.occupations} skipped`);
  const list = [...rows].sort((x, y) => x - y);
  b.set('green', list.length, { occ: list });
}
