/**
 * Snapshot container decoder and layout (pure: no DOM, IndexedDB, Worker or Node APIs). The
 * encoder, used at build time only, is ./encode.ts.
 *
 * Container layout (little-endian), documented in docs/snapshot-format.md:
 *
 *   bytes 0..7   magic "ONETSNAP"
 *   u32          format version ({@link FORMAT_VERSION})
 *   u32          header length H
 *   H bytes      header, UTF-8 JSON ({@link ContainerHeader})
 *   sections     one raw-deflate (fflate) blob per table, in header order
 *
 * A section, once inflated, holds the table's columns in schema order, each 4-byte aligned:
 *   numeric column: the typed array's bytes (rows × width)
 *   string column:  u32 value count, u32 pool byte length, the UTF-8 pool (values joined by U+0000),
 *                   padding to 4, u32 index width (1, 2 or 4), then rows × width index bytes.
 *
 * Every read is bounds-checked: malformed bytes raise SNAPSHOT_CORRUPT, an unknown version
 * SNAPSHOT_VERSION; the decoder never reads out of bounds, never loops on a length it has not
 * checked, and builds no object from untrusted keys (header keys are matched against SCHEMA).
 */
import { inflateSync } from 'fflate';
import { OnetError } from '../errors.js';
import { SCHEMA, SOURCE_LAYOUTS, type ColumnType, type Snapshot, type SnapshotInfo, type SourceLayout, type StringColumn, type TableName } from './schema.js';

/**
 * Current container format version. Bump on any layout change.
 * 2: `i100` column type (signed hundredths; workStyles.value, levelAnchors.anchor), info.layout,
 *    tables specificInterests, dwaAliases, taskRatingScales, columns alternateTitles.sources and
 *    technologySkills.categoryId; workValues and tools optional.
 */
export const FORMAT_VERSION = 2;

/** First eight bytes of every container. */
export const MAGIC = 'ONETSNAP';
const textDecoder = new TextDecoder('utf-8', { fatal: true });

/** Per-table entry of the container header. */
export interface SectionEntry {
  readonly name: TableName;
  readonly rows: number;
  /** Compressed byte length inside the container. */
  readonly bytes: number;
  /** Inflated byte length. */
  readonly rawBytes: number;
  /** Column names and types, in on-disk order (must equal the schema's). */
  readonly columns: readonly (readonly [string, ColumnType])[];
}

/** The container header. */
export interface ContainerHeader {
  readonly formatVersion: number;
  readonly info: SnapshotInfo;
  readonly sections: readonly SectionEntry[];
}

/** An inflated section as stored in IndexedDB: the entry plus its raw bytes. */
export interface RawSection {
  readonly entry: SectionEntry;
  readonly data: Uint8Array;
}

function corrupt(message: string): OnetError {
  return new OnetError('SNAPSHOT_CORRUPT', `Snapshot is corrupt: ${message}`);
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateHeader(value: unknown): ContainerHeader {
  if (!isPlainRecord(value)) throw corrupt('header is not an object');
  if (value.formatVersion !== FORMAT_VERSION)
    throw new OnetError('SNAPSHOT_VERSION', `Unsupported snapshot format version ${String(value.formatVersion)} (this build reads ${FORMAT_VERSION})`);
  const info = value.info;
  if (!isPlainRecord(info) || typeof info.release !== 'string' || typeof info.source !== 'string' || typeof info.attribution !== 'string') {
    throw corrupt('header info is malformed');
  }
  const layout = info.layout;
  if (layout !== undefined && !SOURCE_LAYOUTS.includes(layout as never)) throw corrupt('header info has an unknown layout');
  if (!Array.isArray(value.sections)) throw corrupt('header sections missing');
  const seen = new Set<string>();
  const sections: SectionEntry[] = [];
  for (const raw of value.sections as unknown[]) {
    if (!isPlainRecord(raw)) throw corrupt('section entry is not an object');
    const name = raw.name;
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(SCHEMA, name) || seen.has(name)) throw corrupt(`unknown or repeated section ${String(name)}`);
    seen.add(name);
    const rows = raw.rows;
    const bytes = raw.bytes;
    const rawBytes = raw.rawBytes;
    for (const [key, n] of [
      ['rows', rows],
      ['bytes', bytes],
      ['rawBytes', rawBytes],
    ] as const) {
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > 0x7fffffff) throw corrupt(`section ${name} has bad ${key}`);
    }
    const expected = Object.entries(SCHEMA[name as TableName].columns);
    const columns = raw.columns;
    if (!Array.isArray(columns) || columns.length !== expected.length) throw corrupt(`section ${name} columns differ from the schema`);
    expected.forEach(([column, type], i) => {
      const got = columns[i] as unknown;
      if (!Array.isArray(got) || got[0] !== column || got[1] !== type) throw corrupt(`section ${name} column ${i} differs from the schema`);
    });
    sections.push({ name: name as TableName, rows: rows as number, bytes: bytes as number, rawBytes: rawBytes as number, columns: expected as [string, ColumnType][] });
  }
  for (const name of Object.keys(SCHEMA) as TableName[]) {
    if (!('optional' in SCHEMA[name]) && !seen.has(name)) throw corrupt(`required section ${name} is missing`);
  }
  const checkedInfo: SnapshotInfo = {
    release: info.release,
    source: info.source,
    attribution: info.attribution,
    ...(layout !== undefined ? { layout: layout as SourceLayout } : {}),
  };
  return { formatVersion: FORMAT_VERSION, info: checkedInfo, sections };
}

/** Reads and validates the container header. */
export function readHeader(bytes: Uint8Array): { header: ContainerHeader; bodyOffset: number } {
  if (bytes.length < 16) throw corrupt('too short');
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) throw corrupt('bad magic');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== FORMAT_VERSION) throw new OnetError('SNAPSHOT_VERSION', `Unsupported snapshot format version ${version} (this build reads ${FORMAT_VERSION})`);
  const headerLength = view.getUint32(12, true);
  if (16 + headerLength > bytes.length) throw corrupt('header length out of range');
  let parsed: unknown;
  try {
    parsed = JSON.parse(textDecoder.decode(bytes.subarray(16, 16 + headerLength)));
  } catch {
    throw corrupt('header is not valid JSON');
  }
  return { header: validateHeader(parsed), bodyOffset: 16 + headerLength };
}

/** A section's compressed bytes inside a container, bounds-checked against the container. */
interface CompressedSection {
  readonly entry: SectionEntry;
  readonly compressed: Uint8Array;
}

/** Reads the header and slices the body into its sections; no inflation yet. */
function sliceSections(bytes: Uint8Array): { header: ContainerHeader; slices: CompressedSection[] } {
  const { header, bodyOffset } = readHeader(bytes);
  let offset = bodyOffset;
  const slices: CompressedSection[] = [];
  for (const entry of header.sections) {
    if (offset + entry.bytes > bytes.length) throw corrupt(`section ${entry.name} runs past the end`);
    slices.push({ entry, compressed: bytes.subarray(offset, offset + entry.bytes) });
    offset += entry.bytes;
  }
  if (offset !== bytes.length) throw corrupt('trailing bytes after the last section');
  return { header, slices };
}

/** Checks an inflated section against its entry's size; SNAPSHOT_CORRUPT otherwise. */
export function checkInflated(entry: SectionEntry, data: Uint8Array): RawSection {
  if (data.length !== entry.rawBytes) throw corrupt(`section ${entry.name} inflates to ${data.length} bytes, expected ${entry.rawBytes}`);
  return { entry, data };
}

/** Splits a container into its inflated sections (what the Worker stores in IndexedDB). */
export function inflateSections(bytes: Uint8Array): { header: ContainerHeader; sections: RawSection[] } {
  const { header, slices } = sliceSections(bytes);
  const sections = slices.map(({ entry, compressed }) => {
    let data: Uint8Array;
    try {
      data = inflateSync(compressed, { out: new Uint8Array(entry.rawBytes) });
    } catch {
      throw corrupt(`section ${entry.name} does not inflate`);
    }
    return checkInflated(entry, data);
  });
  return { header, sections };
}

/**
 * Inflates one raw-deflate section into at most `rawBytes` bytes; rejects (any error) on malformed
 * input or on more output than `rawBytes`. Lets the I/O side bring a native inflater.
 */
export type RawInflater = (compressed: Uint8Array, rawBytes: number) => Promise<Uint8Array>;

/**
 * {@link inflateSections} with an injected (typically native, asynchronous) inflater, all sections
 * in flight at once. Same checks, same errors: a section the inflater rejects is SNAPSHOT_CORRUPT.
 */
export async function inflateSectionsWith(bytes: Uint8Array, inflate: RawInflater): Promise<{ header: ContainerHeader; sections: RawSection[] }> {
  const { header, slices } = sliceSections(bytes);
  const sections = await Promise.all(
    slices.map(async ({ entry, compressed }) => {
      let data: Uint8Array;
      try {
        data = await inflate(compressed, entry.rawBytes);
      } catch {
        throw corrupt(`section ${entry.name} does not inflate`);
      }
      return checkInflated(entry, data);
    }),
  );
  return { header, sections };
}

class ByteReader {
  offset = 0;
  private readonly view: DataView;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly where: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(count: number): void {
    if (count < 0 || this.offset + count > this.bytes.length) throw corrupt(`${this.where} is truncated`);
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  take(count: number): Uint8Array {
    this.need(count);
    const out = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return out;
  }

  align4(): void {
    this.offset += (4 - (this.offset % 4)) % 4;
    if (this.offset > this.bytes.length) throw corrupt(`${this.where} is truncated`);
  }

  /** A typed-array view (copying when unaligned) of `count` elements of `width` bytes (`signed`: Int16Array). */
  array(width: 1 | 2 | 4, count: number, signed = false): Uint8Array | Uint16Array | Uint32Array | Int16Array {
    const raw = this.take(width * count);
    if (width === 1) return raw;
    const aligned = raw.byteOffset % width === 0 ? raw : raw.slice();
    if (width === 2) return signed ? new Int16Array(aligned.buffer, aligned.byteOffset, count) : new Uint16Array(aligned.buffer, aligned.byteOffset, count);
    return new Uint32Array(aligned.buffer, aligned.byteOffset, count);
  }
}

function decodeStringColumn(reader: ByteReader, rows: number, where: string): StringColumn {
  const count = reader.u32();
  const poolLength = reader.u32();
  const pool = reader.take(poolLength);
  let text: string;
  try {
    text = textDecoder.decode(pool);
  } catch {
    throw corrupt(`${where} has invalid UTF-8`);
  }
  const values = count === 0 ? [] : text.split('\u0000');
  if (values.length !== count) throw corrupt(`${where} dictionary has ${values.length} values, expected ${count}`);
  reader.align4();
  const width = reader.u32();
  if (width !== 1 && width !== 2 && width !== 4) throw corrupt(`${where} has index width ${width}`);
  const index = reader.array(width, rows) as Uint8Array | Uint16Array | Uint32Array;
  reader.align4();
  for (let i = 0; i < rows; i++) if (index[i]! >= count) throw corrupt(`${where} row ${i} points outside its dictionary`);
  return { kind: 'str', values, index };
}

/** Decodes one inflated section into typed columns. */
function decodeSection(entry: SectionEntry, data: Uint8Array): { rows: number; columns: Record<string, unknown> } {
  if (data.length !== entry.rawBytes) throw corrupt(`section ${entry.name} has ${data.length} bytes, expected ${entry.rawBytes}`);
  const reader = new ByteReader(data, `section ${entry.name}`);
  // Null-prototype object: column names come from SCHEMA, but never give untrusted data a prototype to pollute.
  const columns = Object.create(null) as Record<string, unknown>;
  for (const [column, type] of entry.columns) {
    const where = `${entry.name}.${column}`;
    if (type === 'str') columns[column] = decodeStringColumn(reader, entry.rows, where);
    else {
      columns[column] = reader.array(type === 'u8' ? 1 : type === 'u32' ? 4 : 2, entry.rows, type === 'i100');
      reader.align4();
    }
  }
  if (reader.offset !== data.length) throw corrupt(`section ${entry.name} has trailing bytes`);
  return { rows: entry.rows, columns };
}

/**
 * Row-reference columns and the table they point into. The decoder checks every reference so the
 * engine can index arrays without bounds checks: a snapshot that passed decoding never makes the
 * engine read past a table.
 */
const REFERENCES: Readonly<Record<string, TableName>> = {
  occ: 'occupations',
  related: 'occupations',
  element: 'elements',
  gwa: 'elements',
  iwa: 'iwas',
  dwa: 'dwas',
  task: 'tasks',
};

/** Largest value of a reference column (0 when empty). One tight loop per array: this runs over every reference of the snapshot at each load. */
function maxOf(values: Uint8Array | Uint16Array | Uint32Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}

/** Checks every reference column of one decoded table against the row counts of the tables it points into. */
function checkReferences(name: string, table: { columns: Record<string, unknown> }, rowsOf: (table: TableName) => number): void {
  for (const [column, target] of Object.entries(REFERENCES)) {
    const values = table.columns[column] as Uint8Array | Uint16Array | Uint32Array | undefined;
    if (values === undefined || values.length === 0) continue;
    const limit = rowsOf(target);
    // The maximum first (fast); the offending row only to word the error.
    if (maxOf(values) < limit) continue;
    const row = values.findIndex((v) => v >= limit);
    throw corrupt(`${name}.${column} row ${row} points past ${target} (${values[row]} ≥ ${limit})`);
  }
}

/** Options of {@link decodeSections}. */
export interface DecodeOptions {
  /**
   * Decode each table on its first access instead of now (default false). For sections that were
   * already decoded and checked once, when they were installed: a warm start then pays only for
   * the tables its first answers read. The same checks run at that first access, so a damaged
   * table still raises SNAPSHOT_CORRUPT — from the query that touched it, not from the load.
   */
  lazy?: boolean;
}

/** Decodes inflated sections (from IndexedDB or {@link inflateSections}) into a snapshot. */
export function decodeSections(info: SnapshotInfo, sections: readonly RawSection[], options: DecodeOptions = {}): Snapshot {
  if (!isLittleEndian()) throw new OnetError('INTERNAL', 'Big-endian platforms are not supported');
  const byName: Record<string, RawSection> = Object.create(null);
  for (const section of sections) {
    if (byName[section.entry.name]) throw corrupt(`section ${section.entry.name} appears twice`);
    byName[section.entry.name] = section;
  }
  for (const name of Object.keys(SCHEMA) as TableName[]) {
    if (!('optional' in SCHEMA[name]) && !byName[name]) throw corrupt(`required section ${name} is missing`);
  }
  // Row counts come from the entries, so references are checkable before their targets are decoded.
  const rowsOf = (target: TableName) => byName[target]?.entry.rows ?? 0;
  const decode = ({ entry, data }: RawSection) => {
    const table = decodeSection(entry, data);
    checkReferences(entry.name, table, rowsOf);
    return table;
  };
  // Null-prototype: table names come from validated entries, but never give data a prototype to pollute.
  const tables: Record<string, { rows: number; columns: Record<string, unknown> }> = Object.create(null);
  for (const section of sections) {
    const name = section.entry.name;
    if (!options.lazy) {
      tables[name] = decode(section);
      continue;
    }
    Object.defineProperty(tables, name, {
      enumerable: true,
      configurable: true,
      get() {
        const table = decode(section);
        Object.defineProperty(tables, name, { value: table, enumerable: true, writable: false, configurable: false });
        return table;
      },
    });
  }
  return { info, tables: tables as unknown as Snapshot['tables'] };
}

/** Decodes a whole container (verify its sha256 first when it came over the network). */
export function decodeSnapshot(bytes: Uint8Array): Snapshot {
  const { header, sections } = inflateSections(bytes);
  return decodeSections(header.info, sections);
}

/**
 * Thrown by a table of {@link decodeAvailableSections} whose section is not here yet. Not an
 * OnetError: it never leaves the Worker. The Worker catches it, fetches {@link table} and runs the
 * query again, so a query waits only for the sections it reads.
 */
export class SectionPendingError extends Error {
  constructor(readonly table: TableName) {
    super(`Section ${table} is not loaded yet`);
    this.name = 'SectionPendingError';
  }
}

/** The entry of a section known only by name and counts (from a manifest): its columns are the schema's. */
export function schemaEntry(name: TableName, rows: number, bytes: number, rawBytes: number): SectionEntry {
  return { name, rows, bytes, rawBytes, columns: Object.entries(SCHEMA[name].columns) as [string, ColumnType][] };
}

/**
 * A snapshot over sections that arrive one by one: `entries` says which tables exist (and their row
 * counts, for the reference checks), `read(name)` hands over a section once it is here. Each table
 * is decoded, with every check of {@link decodeSections}, on its first access after its section
 * arrived; before that, reading it throws {@link SectionPendingError}. Tables not in `entries` are
 * absent, exactly as in a snapshot without them.
 */
export function decodeAvailableSections(info: SnapshotInfo, entries: readonly SectionEntry[], read: (name: TableName) => RawSection | undefined): Snapshot {
  if (!isLittleEndian()) throw new OnetError('INTERNAL', 'Big-endian platforms are not supported');
  const byName: Record<string, SectionEntry> = Object.create(null);
  for (const entry of entries) {
    if (byName[entry.name]) throw corrupt(`section ${entry.name} appears twice`);
    byName[entry.name] = entry;
  }
  for (const name of Object.keys(SCHEMA) as TableName[]) {
    if (!('optional' in SCHEMA[name]) && !byName[name]) throw corrupt(`required section ${name} is missing`);
  }
  const rowsOf = (target: TableName) => byName[target]?.rows ?? 0;
  const tables: Record<string, { rows: number; columns: Record<string, unknown> }> = Object.create(null);
  for (const entry of entries) {
    const name = entry.name;
    Object.defineProperty(tables, name, {
      enumerable: true,
      configurable: true,
      get() {
        const section = read(name);
        if (!section) throw new SectionPendingError(name);
        if (section.entry.rows !== entry.rows || section.entry.rawBytes !== entry.rawBytes) throw corrupt(`section ${name} differs from its entry`);
        const table = decodeSection(entry, section.data);
        checkReferences(name, table, rowsOf);
        Object.defineProperty(tables, name, { value: table, enumerable: true, writable: false, configurable: false });
        return table;
      },
    });
  }
  return { info, tables: tables as unknown as Snapshot['tables'] };
}
