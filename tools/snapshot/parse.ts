/**
 * Parsing of O*NET source files: tab-delimited text (the O*NET text layout) and the small quoted
 * CSV lists in extras/. Both accept CRLF or LF line endings and an optional UTF-8 BOM, validate
 * that the header names the required columns (found by name, not position), and keep each row's
 * 1-based line number so errors can point at `file:line:column` (column = 1-based field number).
 */
import { OnetError } from '../../src/errors.js';

/** `file:line:column` (the OnetError `field` of a source error). */
export function location(file: string, line: number, column: number): string {
  return `${file}:${line}:${column}`;
}

/** A SOURCE_INVALID error at `file:line:column`, with the location repeated in the message. */
export function sourceError(file: string, line: number, column: number, message: string): OnetError {
  const where = location(file, line, column);
  return new OnetError('SOURCE_INVALID', `${where}: ${message}`, { field: where });
}

/** A parsed source file: header plus rows of fields, with line numbers. */
export class SourceTable {
  private readonly index = new Map<string, number>();

  constructor(
    /** File name as shown in errors (e.g. "Skills.txt"). */
    readonly file: string,
    readonly header: readonly string[],
    readonly rows: readonly (readonly string[])[],
    /** 1-based line number of each row. */
    readonly lines: readonly number[],
  ) {
    header.forEach((name, i) => {
      if (!this.index.has(name)) this.index.set(name, i);
    });
  }

  /** Column position of `name`, or -1 when the header lacks it. */
  column(name: string): number {
    return this.index.get(name) ?? -1;
  }

  /** Throws SOURCE_INVALID unless every name is a header column. */
  require(names: readonly string[]): void {
    for (const name of names) {
      if (!this.index.has(name)) {
        throw new OnetError(
          'SOURCE_INVALID',
          `${location(this.file, 1, 1)}: header of ${this.file} lacks required column "${name}" (found: ${this.header.map((h) => `"${h}"`).join(', ')})`,
          { field: location(this.file, 1, 1) },
        );
      }
    }
  }

  /** SOURCE_INVALID at row `row` (0-based data row), column position `col` (0-based). */
  error(row: number, col: number, message: string): OnetError {
    const name = this.header[col];
    return sourceError(this.file, this.lines[row]!, col + 1, name === undefined ? message : `${message} (column "${name}")`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 (fatal), strips a BOM, and splits into lines without their CR/LF. */
function decodeLines(file: string, bytes: Uint8Array): string[] {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    // Locate the first malformed line for the message.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          utf8.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw sourceError(file, line, 1, `${file} is not valid UTF-8 (line ${line})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/**
 * Parses a tab-delimited O*NET text file. Blank lines are skipped; every other line must have as
 * many fields as the header. Field values are kept verbatim (O*NET text files do not quote).
 */
export function parseTsv(file: string, bytes: Uint8Array, required: readonly string[]): SourceTable {
  const lines = decodeLines(file, bytes);
  const headerLine = lines[0] ?? '';
  if (headerLine.trim() === '') throw sourceError(file, 1, 1, `${file} is empty (no header row)`);
  const header = headerLine.split('\t').map((h) => h.trim());
  const rows: string[][] = [];
  const lineNumbers: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const fields = line.split('\t');
    if (fields.length !== header.length) {
      throw sourceError(file, i + 1, Math.min(fields.length, header.length) + 1, `expected ${header.length} tab-separated fields, found ${fields.length}`);
    }
    rows.push(fields);
    lineNumbers.push(i + 1);
  }
  const table = new SourceTable(file, header, rows, lineNumbers);
  table.require(required);
  return table;
}

/**
 * Parses RFC 4180 CSV (quoted fields with "" escapes; quoted fields may span lines). Blank lines
 * are skipped; a row may not have more fields than the header (missing trailing fields read as '').
 */
export function parseCsv(file: string, bytes: Uint8Array, required: readonly string[]): SourceTable {
  const text = decodeLines(file, bytes).join('\n');
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let atFieldStart = true;
  let fieldWasQuoted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldWasQuoted)) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    atFieldStart = true;
    fieldWasQuoted = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n') {
          throw sourceError(file, line, fields.length + 1, 'unexpected character after a closing quote');
        }
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      fieldWasQuoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      fieldWasQuoted = false;
      i++;
      continue;
    }
    if (c === '\n') {
      endRecord();
      line++;
      recordLine = line;
      i++;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  if (quoted) throw sourceError(file, recordLine, fields.length + 1, 'unterminated quoted field');
  if (field !== '' || fields.length > 0 || fieldWasQuoted) endRecord();
  const head = records.shift();
  if (!head) throw sourceError(file, 1, 1, `${file} is empty (no header row)`);
  const header = head.fields.map((h) => h.trim());
  const rows: string[][] = [];
  const lineNumbers: number[] = [];
  for (const r of records) {
    if (r.fields.length > header.length) throw sourceError(file, r.line, header.length + 1, `expected ${header.length} comma-separated fields, found ${r.fields.length}`);
    while (r.fields.length < header.length) r.fields.push('');
    rows.push(r.fields);
    lineNumbers.push(r.line);
  }
  const table = new SourceTable(file, header, rows, lineNumbers);
  table.require(required);
  return table;
}

/**
 * Parses an unsigned decimal string into hundredths without floating-point error ("4.12" → 412).
 * More than two decimal places are rounded half up ("0.125" → 13). Returns undefined when `text`
 * is not an unsigned decimal number.
 */
export function parseHundredths(text: string): number | undefined {
  const m = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!m) return undefined;
  const whole = m[1]!;
  const frac = m[2] ?? '';
  if (whole.length > 9) return undefined;
  let value = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  if (frac.length > 2 && frac.charCodeAt(2) >= 0x35 /* '5' */) value += 1;
  return value;
}

/** Parses an unsigned decimal integer (digits only), or undefined. */
export function parseUnsigned(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,15}$/.test(t)) return undefined;
  return Number(t);
}
