/**
 * Test fixtures for the install tests: tiny but engine-valid snapshots built in the browser, their
 * manifests, and a scriptable {@link Fetcher} that records what was asked for.
 */
import { deleteDB, openDB } from 'idb';
import { FORMAT_VERSION, readHeader } from '../../../src/snapshot/codec.js';
import { encodeSnapshot, type RawTables } from '../../../src/snapshot/encode.js';
import { SCHEMA, type TableName } from '../../../src/snapshot/schema.js';
import type { Fetcher } from '../../../worker/fetch.js';

/** A built snapshot: container bytes and the manifest JSON describing them. */
export interface Fixture {
  readonly release: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly manifest: Record<string, unknown>;
}

/**
 * Content Model elements the engine's soft-skill index looks up (social skills, basic process
 * skills, complex problem solving, systems skills). Hard-coded rather than imported so these
 * storage tests don't depend on how the engine names its skill lists.
 */
const SOFT_SKILL_ELEMENTS = [
  '2.B.1.a',
  '2.B.1.b',
  '2.B.1.c',
  '2.B.1.d',
  '2.B.1.e',
  '2.B.1.f',
  '2.A.2.a',
  '2.A.2.b',
  '2.A.2.c',
  '2.A.2.d',
  '2.B.2.i',
  '2.B.4.e',
  '2.B.4.g',
  '2.B.4.h',
];

/** Every required table (empty), the soft-skill elements the engine insists on, and `occupations` rows. */
export function tinyTables(occupationTitles: readonly string[]): RawTables {
  const tables: RawTables = {};
  for (const [name, spec] of Object.entries(SCHEMA)) {
    if ('optional' in spec) continue;
    const columns: Record<string, unknown[]> = {};
    for (const column of Object.keys(spec.columns)) columns[column] = [];
    tables[name as TableName] = { rows: 0, columns: columns as never };
  }
  const n = occupationTitles.length;
  tables.occupations = {
    rows: n,
    columns: {
      code: occupationTitles.map((_, i) => `11-${String(1011 + i).padStart(4, '0')}.00`),
      title: [...occupationTitles],
      description: occupationTitles.map((t) => `About ${t}`),
      jobZone: occupationTitles.map(() => 3),
      brightOutlook: occupationTitles.map(() => 0),
      stemTypes: occupationTitles.map(() => 0),
    },
  };
  tables.elements = {
    rows: SOFT_SKILL_ELEMENTS.length,
    columns: { id: SOFT_SKILL_ELEMENTS, name: SOFT_SKILL_ELEMENTS.map((id) => `Skill ${id}`), description: SOFT_SKILL_ELEMENTS.map(() => 'd') },
  };
  return tables;
}

/** Lower-case hex sha256 (test-side, independent of worker/fetch.ts). */
export async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The manifest of `bytes`, as the snapshot builder would write it. */
export async function manifestFor(bytes: Uint8Array<ArrayBuffer>, release: string, file = `snapshot-${release}.bin`): Promise<Record<string, unknown>> {
  let sections: unknown[] = [];
  try {
    sections = readHeader(bytes).header.sections.map((s) => ({ name: s.name, rows: s.rows, bytes: s.bytes, rawBytes: s.rawBytes }));
  } catch {
    // deliberately broken containers still get a manifest
  }
  return { format: 'onet-match-snapshot', formatVersion: FORMAT_VERSION, release, file, sha256: await sha256(bytes), bytes: bytes.length, sections, missing: [] };
}

/** A snapshot whose release and occupation titles identify it. */
export async function buildFixture(release: string, titles: readonly string[] = [`Occupation of ${release}`]): Promise<Fixture> {
  const bytes = encodeSnapshot({ release, source: `test ${release}`, attribution: 'test' }, tinyTables(titles)) as Uint8Array<ArrayBuffer>;
  return { release, bytes, manifest: await manifestFor(bytes, release) };
}

/** JSON response helper. */
export function jsonResponse(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

/** A body delivered in `chunks` pieces, so progress has several steps. */
export function chunkedResponse(bytes: Uint8Array, chunks = 4): Response {
  const size = Math.ceil(bytes.length / chunks);
  let offset = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + size));
        offset += size;
      },
    }),
  );
}

/** A fetcher that never answers (and ignores its signal, like a misbehaving polyfill). */
export const hangingResponse = (): Promise<Response> => new Promise<Response>(() => undefined);

/** A response whose body sends some bytes then stalls forever. */
export function stallingResponse(bytes: Uint8Array): Response {
  let sent = false;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return new Promise<void>(() => undefined);
        sent = true;
        controller.enqueue(bytes.slice(0, Math.floor(bytes.length / 2)));
      },
    }),
  );
}

/** A recording fetcher serving `routes` (URL → response factory); anything else is a 404. */
export interface FakeFetcher {
  readonly fetcher: Fetcher;
  readonly calls: string[];
  routes: Record<string, () => Response | Promise<Response>>;
}

export const MANIFEST_URL = 'https://cdn.test/onet/manifest.json';

/** URL the fake serves `fixture` at (manifest.file resolved against {@link MANIFEST_URL}). */
export function snapshotUrlOf(fixture: { manifest: Record<string, unknown> }): string {
  return new URL(String(fixture.manifest.file), MANIFEST_URL).href;
}

/** Serves `fixture` (manifest + bytes) at {@link MANIFEST_URL}, optionally overriding either. */
export function fakeFetcher(fixture?: Fixture): FakeFetcher {
  const fake: FakeFetcher = {
    calls: [],
    routes: {},
    fetcher: async (url) => {
      fake.calls.push(url);
      const route = fake.routes[url];
      return route ? route() : new Response('not found', { status: 404, statusText: 'Not Found' });
    },
  };
  if (fixture) serve(fake, fixture);
  return fake;
}

/** Points the fake's manifest at `fixture` and serves its bytes in a few chunks. */
export function serve(fake: FakeFetcher, fixture: Fixture, manifest: Record<string, unknown> = fixture.manifest): void {
  fake.routes[MANIFEST_URL] = () => jsonResponse(manifest);
  fake.routes[snapshotUrlOf(fixture)] = () => chunkedResponse(fixture.bytes);
}

let counter = 0;
const created: string[] = [];

/** A database name no other test uses; deleted by {@link deleteTestDatabases}. */
export function freshDbName(): string {
  const name = `onet-test-${Date.now().toString(36)}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  created.push(name);
  return name;
}

/** Deletes the databases created by this test file (best effort: an open connection only delays it). */
export async function deleteTestDatabases(): Promise<void> {
  const names = created.splice(0);
  await Promise.all(names.map((name) => Promise.race([deleteDB(name), new Promise((r) => setTimeout(r, 200))])));
}

/** A fixture whose manifest lists its sections as files of their own, as the snapshot builder writes them. */
export interface SectionFixture extends Fixture {
  /** URL → bytes of every section file. */
  readonly files: Readonly<Record<string, Uint8Array<ArrayBuffer>>>;
  /** Section name → its file's URL. */
  readonly urlOf: Readonly<Record<string, string>>;
}

/** `fixture` with section files: each the section's compressed bytes sliced out of the container, named by content. */
export async function withSectionFiles(fixture: Fixture): Promise<SectionFixture> {
  const { header, bodyOffset } = readHeader(fixture.bytes);
  const files: Record<string, Uint8Array<ArrayBuffer>> = {};
  const urlOf: Record<string, string> = {};
  let offset = bodyOffset;
  const sections = [];
  for (const s of header.sections) {
    const bytes = fixture.bytes.slice(offset, offset + s.bytes);
    offset += s.bytes;
    const digest = await sha256(bytes);
    const file = `${s.name}.${digest.slice(0, 16)}.bin`;
    const url = new URL(file, MANIFEST_URL).href;
    files[url] = bytes;
    urlOf[s.name] = url;
    sections.push({ name: s.name, rows: s.rows, bytes: s.bytes, rawBytes: s.rawBytes, file, sha256: digest });
  }
  return { ...fixture, files, urlOf, manifest: { ...fixture.manifest, info: header.info, sections } };
}

/** Serves a section fixture's manifest and files (and its whole file) on `fake`. */
export function serveSections(fake: FakeFetcher, fixture: SectionFixture): void {
  serve(fake, fixture);
  for (const [url, bytes] of Object.entries(fixture.files)) fake.routes[url] = () => new Response(bytes);
}

/** The active and pending records and every section key of `dbName`, read with a connection of the test's own. */
export async function rawDb(dbName: string) {
  const db = await openDB(dbName);
  try {
    const active = (await db.get('meta', 'active')) as { installId: string; release: string; sections: string[]; digests?: string[] } | undefined;
    const pending = (await db.get('meta', 'pending')) as { installId: string } | undefined;
    const keys = (await db.getAllKeys('sections')) as [string, string][];
    return { active, pending, keys };
  } finally {
    db.close();
  }
}

/** Rewrites one stored section (or the active record) of `dbName` behind the engine's back. */
export async function tamper(dbName: string, table: string, change: (data: Uint8Array) => void, record?: (r: Record<string, unknown>) => void): Promise<void> {
  const db = await openDB(dbName);
  try {
    const active = (await db.get('meta', 'active')) as Record<string, unknown> & { installId: string };
    const key = [active.installId, table];
    const section = (await db.get('sections', key)) as { entry: unknown; data: Uint8Array };
    const data = section.data.slice();
    change(data);
    await db.put('sections', { entry: section.entry, data }, key);
    if (record) {
      record(active);
      await db.put('meta', active, 'active');
    }
  } finally {
    db.close();
  }
}

/** A same-length change to the middle of a section: passes every size check, not the digest. */
export const flipMiddle = (data: Uint8Array) => void (data[data.length >> 1]! ^= 0x20);
