/**
 * Snapshot container encoder (pure: no DOM, IndexedDB, Worker or Node APIs). Build-time only: the
 * browser and the Worker decode (./codec.ts) and never need this module or deflate. Container
 * layout: ./codec.ts and docs/snapshot-format.md.
 */
import { deflateSync } from 'fflate';
import { OnetError } from '../errors.js';
import { FORMAT_VERSION, MAGIC, type ContainerHeader, type SectionEntry } from './codec.js';
import { SCHEMA, type ColumnType, type SnapshotInfo, type TableName } from './schema.js';

const textEncoder = new TextEncoder();

/** Column values handed to the encoder: numbers for numeric columns (x100 already scaled), strings for `str`. */
export type RawColumns = Record<string, ArrayLike<number> | readonly string[]>;

/** Input of {@link encodeSnapshot}: table name → row count and columns. */
export type RawTables = { [N in TableName]?: { rows: number; columns: RawColumns } };

/** Encoder options. */
export interface EncodeOptions {
  /** Deflate level 0–9 (default 9). */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

class ByteWriter {
  private buffer = new Uint8Array(1 << 16);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  u32(value: number): void {
    this.ensure(4);
    new DataView(this.buffer.buffer).setUint32(this.length, value, true);
    this.length += 4;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  align4(): void {
    const pad = (4 - (this.length % 4)) % 4;
    this.ensure(pad);
    this.buffer.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

function littleEndianBytes(array: Uint8Array | Uint16Array | Uint32Array | Int16Array): Uint8Array {
  // All supported platforms are little-endian; the decoder checks this too.
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function numericArray(type: Exclude<ColumnType, 'str'>, values: ArrayLike<number>, table: string, column: string): Uint8Array | Uint16Array | Uint32Array | Int16Array {
  const signed = type === 'i100';
  const min = signed ? -0x8000 : 0;
  const max = type === 'u8' ? 0xff : type === 'u32' ? 0xffffffff : signed ? 0x7fff : 0xffff;
  const out =
    type === 'u8' ? new Uint8Array(values.length) : type === 'u32' ? new Uint32Array(values.length) : signed ? new Int16Array(values.length) : new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new OnetError('INTERNAL', `Value ${v} at row ${i} does not fit column ${table}.${column} (${type})`);
    }
    out[i] = v;
  }
  return out;
}

function encodeStringColumn(writer: ByteWriter, values: readonly string[], table: string, column: string): void {
  const dictionary = new Map<string, number>();
  const order: string[] = [];
  const index = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (typeof value !== 'string') throw new OnetError('INTERNAL', `Non-string at row ${i} of ${table}.${column}`);
    let id = dictionary.get(value);
    if (id === undefined) {
      if (value.includes('\u0000')) throw new OnetError('INTERNAL', `NUL character in ${table}.${column} row ${i}`);
      id = order.length;
      dictionary.set(value, id);
      order.push(value);
    }
    index[i] = id;
  }
  const pool = textEncoder.encode(order.join('\u0000'));
  writer.u32(order.length);
  writer.u32(pool.length);
  writer.bytes(pool);
  writer.align4();
  const width = order.length <= 0x100 ? 1 : order.length <= 0x10000 ? 2 : 4;
  writer.u32(width);
  const typed = width === 1 ? Uint8Array.from(index) : width === 2 ? Uint16Array.from(index) : index;
  writer.bytes(littleEndianBytes(typed));
  writer.align4();
}

/** Encodes one table's columns into its raw (uncompressed) section bytes. */
export function encodeSection(name: TableName, rows: number, columns: RawColumns): { entry: Omit<SectionEntry, 'bytes'>; data: Uint8Array } {
  const spec = SCHEMA[name].columns as Record<string, ColumnType>;
  const writer = new ByteWriter();
  const entryColumns: [string, ColumnType][] = [];
  for (const [column, type] of Object.entries(spec)) {
    const values = columns[column];
    if (values === undefined) throw new OnetError('INTERNAL', `Missing column ${name}.${column}`);
    if (values.length !== rows) throw new OnetError('INTERNAL', `Column ${name}.${column} has ${values.length} rows, expected ${rows}`);
    if (type === 'str') encodeStringColumn(writer, values as readonly string[], name, column);
    else {
      writer.bytes(littleEndianBytes(numericArray(type, values as ArrayLike<number>, name, column)));
      writer.align4();
    }
    entryColumns.push([column, type]);
  }
  return { entry: { name, rows, rawBytes: writer.length, columns: entryColumns }, data: writer.result() };
}

/**
 * Encodes tables into a snapshot container. Deterministic: the same tables give the same bytes.
 * Tables are written in {@link SCHEMA} order; required tables must be present.
 */
export function encodeSnapshot(info: SnapshotInfo, tables: RawTables, options: EncodeOptions = {}): Uint8Array {
  const level = options.level ?? 9;
  const entries: SectionEntry[] = [];
  const blobs: Uint8Array[] = [];
  for (const name of Object.keys(SCHEMA) as TableName[]) {
    const table = tables[name];
    if (!table) {
      if (!('optional' in SCHEMA[name])) throw new OnetError('INTERNAL', `Required table ${name} is missing`);
      continue;
    }
    const { entry, data } = encodeSection(name, table.rows, table.columns);
    const compressed = deflateSync(data, { level, mem: 12 });
    entries.push({ ...entry, bytes: compressed.length });
    blobs.push(compressed);
  }
  const header: ContainerHeader = { formatVersion: FORMAT_VERSION, info, sections: entries };
  const headerBytes = textEncoder.encode(JSON.stringify(header));
  const writer = new ByteWriter();
  writer.bytes(textEncoder.encode(MAGIC));
  writer.u32(FORMAT_VERSION);
  writer.u32(headerBytes.length);
  writer.bytes(headerBytes);
  for (const blob of blobs) writer.bytes(blob);
  return writer.result();
}
