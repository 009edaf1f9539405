/**
 * Per-build state shared by the table families (tables/*.ts): the source, its layout, the rows
 * built so far (occupation and element indexes, scale ranges), warnings and missing tables, and
 * the field readers that turn a source field into a snapshot value or a file:line:column error.
 */
import { OnetError } from '../../src/errors.js';
import type { RawColumns, RawTables } from '../../src/snapshot/encode.js';
import type { SourceLayout, TableName } from '../../src/snapshot/schema.js';
import { COMMON_FILES } from './layout.js';
import { parseSignedHundredths, parseTsv, parseUnsigned, type SourceTable } from './parse.js';
import type { OnetSource } from './source.js';

export const SOC_CODE = /^\d{2}-\d{4}\.\d{2}$/;
/**
 * Content Model element ids: "1", "1.A", "2.C.1.a", "4.A.1.a.1"; IWA/DWA ids extend them
 * (classic ".I01", ".I01.D01"; modern ".j", ".j.12").
 */
export const ELEMENT_ID = /^\d+(?:\.[A-Za-z0-9]+)*$/;
/** The occupation column of every per-occupation file. */
export const CODE = 'O*NET-SOC Code';

const X100_MAX = 0xffff;
/**
 * High-point scales: the value is an element number, and 0 means "no such high point" (O*NET
 * writes VH 0.00 for an occupation without a third work value, although Scales Reference says 1–6).
 */
const HIGH_POINT_SCALES: ReadonlySet<string> = new Set(['IH', 'VH']);
const I100_MIN = -0x8000;
const I100_MAX = 0x7fff;

/** Code-unit string order (locale-independent, deterministic). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A scale's range from Scales Reference, in hundredths. */
export interface ScaleRange {
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

/** One row of one source file (rows of several files are combined, e.g. Essential + Transferable Skills). */
export interface RowRef {
  readonly t: SourceTable;
  readonly row: number;
  readonly occ: number;
}

/** Per-build state. */
export class BuildContext {
  readonly warnings: string[] = [];
  readonly missing: string[] = [];
  readonly tables: RawTables = {};
  readonly occIndex = new Map<string, number>();
  readonly elementIndex = new Map<string, number>();
  readonly scales = new Map<string, ScaleRange>();

  constructor(
    readonly source: OnetSource,
    readonly layout: SourceLayout,
  ) {}

  /** Reads and parses a required (or, with `optional`, possibly absent) source file. */
  read(file: string): SourceTable;
  read(file: string, optional: true): SourceTable | undefined;
  read(file: string, optional = false): SourceTable | undefined {
    const bytes = this.source.read(file);
    if (bytes === undefined) {
      if (optional) return undefined;
      throw new OnetError('SOURCE_INVALID', `Required O*NET file "${file}" is missing from ${this.source.path}`, {
        field: file,
        suggestion: 'Use a complete O*NET text-layout download (https://www.onetcenter.org/database.html).',
      });
    }
    return parseTsv(file, bytes);
  }

  // -- field readers ---------------------------------------------------------------------------

  /** The row index of the occupation whose code is in `col`. */
  occ(t: SourceTable, row: number, col: number): number {
    const code = t.rows[row]![col]!.trim();
    if (!SOC_CODE.test(code)) throw t.error(row, col, `"${code}" is not an O*NET-SOC code (NN-NNNN.NN)`);
    const index = this.occIndex.get(code);
    if (index === undefined) throw t.error(row, col, `occupation ${code} is not in ${COMMON_FILES.occupations}`);
    return index;
  }

  /** An element id in `col`, checked for shape only (for ids that need not be in Content Model Reference). */
  elementId(t: SourceTable, row: number, col: number, what = 'O*NET element'): string {
    const id = t.rows[row]![col]!.trim();
    if (!ELEMENT_ID.test(id)) throw t.error(row, col, `"${id}" is not an ${what} id`);
    return id;
  }

  /** The row index of the Content Model element whose id is in `col`. */
  element(t: SourceTable, row: number, col: number): number {
    const id = this.elementId(t, row, col);
    const index = this.elementIndex.get(id);
    if (index === undefined) throw t.error(row, col, `element ${id} is not in ${COMMON_FILES.elements}`);
    return index;
  }

  /** A decimal in `col` as hundredths: unsigned 16-bit, or with `signed` signed 16-bit. */
  hundredths(t: SourceTable, row: number, col: number, signed = false): number {
    const text = t.rows[row]![col]!;
    const value = parseSignedHundredths(text);
    if (value === undefined) throw t.error(row, col, `"${text}" is not a number`);
    if (signed ? value < I100_MIN || value > I100_MAX : value < 0 || value > X100_MAX) {
      throw t.error(row, col, `${text.trim()} is out of range (${signed ? `${I100_MIN / 100}–${I100_MAX / 100}` : `0–${X100_MAX / 100}`})`);
    }
    return value;
  }

  /** The scale id in `scaleCol`, which must be in Scales Reference. */
  scale(t: SourceTable, row: number, scaleCol: number): string {
    const id = this.text(t, row, scaleCol);
    if (!this.scales.has(id)) throw t.error(row, scaleCol, `scale "${id}" is not in ${COMMON_FILES.scales}`);
    return id;
  }

  /**
   * The value in `valueCol` as hundredths, within the Scales Reference minimum…maximum of the
   * scale in `scaleCol` (an IM of 9.99 is an error at the value's line and column).
   */
  scaled(t: SourceTable, row: number, scaleCol: number, valueCol: number, signed = false): number {
    const id = this.scale(t, row, scaleCol);
    const range = this.scales.get(id)!;
    const value = this.hundredths(t, row, valueCol, signed);
    if ((value < range.min || value > range.max) && !(value === 0 && HIGH_POINT_SCALES.has(id))) {
      throw t.error(row, valueCol, `${t.rows[row]![valueCol]!.trim()} is outside scale ${id} (${range.name}): ${range.min / 100}–${range.max / 100} in ${COMMON_FILES.scales}`);
    }
    return value;
  }

  /** An unsigned integer in `col`, at most `max`. */
  uint(t: SourceTable, row: number, col: number, max: number, min = 0): number {
    const text = t.rows[row]![col]!;
    const value = parseUnsigned(text);
    if (value === undefined) throw t.error(row, col, `"${text}" is not a whole number`);
    if (value < min || value > max) throw t.error(row, col, `${text} is out of range (${min}–${max})`);
    return value;
  }

  /** A category in `col`: `n/a` (or empty) → 0, else 1–255. */
  category(t: SourceTable, row: number, col: number): number {
    const text = t.rows[row]![col]!.trim();
    return text === 'n/a' || text === '' ? 0 : this.uint(t, row, col, 255);
  }

  /** Y → 1, N → 0; with `lenient`, also n/a or empty → 0. */
  yesNo(t: SourceTable, row: number, col: number, lenient = false): 0 | 1 {
    const text = t.rows[row]![col]!.trim();
    if (text === 'Y') return 1;
    if (text === 'N' || (lenient && (text === 'n/a' || text === ''))) return 0;
    throw t.error(row, col, `"${text}" is not Y or N`);
  }

  /** Rating flags: bit 1 Recommend Suppress = Y, bit 2 Not Relevant = Y (an absent column, -1, counts as N). */
  flags(t: SourceTable, row: number, suppressCol: number, notRelevantCol: number): number {
    return (suppressCol >= 0 ? this.yesNo(t, row, suppressCol, true) : 0) + (notRelevantCol >= 0 ? this.yesNo(t, row, notRelevantCol, true) * 2 : 0);
  }

  /** A non-empty text field. */
  text(t: SourceTable, row: number, col: number): string {
    const text = t.rows[row]![col]!.trim();
    if (text === '') throw t.error(row, col, 'empty value');
    return text;
  }

  /** A trimmed text field, possibly empty; `n/a` → empty. */
  optionalText(t: SourceTable, row: number, col: number): string {
    if (col < 0) return '';
    const text = t.rows[row]![col]!.trim();
    return text === 'n/a' ? '' : text;
  }

  /**
   * Rows of one or more files (read in the order given) grouped by occupation index ascending,
   * file order then source order within an occupation (a stable sort).
   */
  groupByOcc(parts: readonly { t: SourceTable; occCol: number }[]): RowRef[] {
    const refs: RowRef[] = [];
    for (const { t, occCol } of parts) for (let row = 0; row < t.rows.length; row++) refs.push({ t, row, occ: this.occ(t, row, occCol) });
    const order = refs.map((_, i) => i).sort((a, b) => refs[a]!.occ - refs[b]!.occ || a - b);
    return order.map((i) => refs[i]!);
  }

  set(name: TableName, rows: number, columns: RawColumns): void {
    this.tables[name] = { rows, columns };
  }
}
