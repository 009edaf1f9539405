/**
 * parseManifest and sectionFilesOf on hand-made manifests: the optional section files (`file`,
 * `sha256` per section) and `info`, accepted when well formed, rejected as SNAPSHOT_CORRUPT with the
 * offending field otherwise; manifests without them stay valid.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { OnetError } from '../../src/errors.js';
import { parseManifest, sectionFilesOf } from '../../src/snapshot/manifest.js';
import { TEST_SNAPSHOT_DIR } from '../support/paths.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** The fixture's manifest as the builder wrote it (global setup), with section files and info. */
const built = () => JSON.parse(readFileSync(join(ROOT, TEST_SNAPSHOT_DIR, 'fixture/manifest.json'), 'utf8')) as Record<string, unknown> & { sections: Record<string, unknown>[] };

/** The same manifest as a build without section files wrote it. */
function plain(): Record<string, unknown> & { sections: Record<string, unknown>[] } {
  const m = built();
  delete m.info;
  for (const s of m.sections) {
    delete s.file;
    delete s.sha256;
  }
  return m;
}

function rejection(value: unknown): OnetError {
  try {
    parseManifest(value);
  } catch (error) {
    expect(error).toBeInstanceOf(OnetError);
    return error as OnetError;
  }
  throw new Error('expected parseManifest to throw');
}

const SHA = 'ab'.repeat(32);

describe('manifest section files', () => {
  test('a built manifest round-trips, and its section files cover the snapshot', () => {
    const json = built();
    const m = parseManifest(json);
    expect(m).toEqual(json);
    const files = sectionFilesOf(m);
    expect(files?.info).toEqual(json.info);
    expect(files?.sections.map((s) => s.file)).toEqual(json.sections.map((s) => s.file));
    for (const s of files!.sections) expect(s.file).toBe(`${s.name}.${s.sha256.slice(0, 16)}.bin`);
  });

  test('a manifest without section files or info stays valid; the client then downloads the whole file', () => {
    const json = plain();
    const m = parseManifest(json);
    expect(m).toEqual(json);
    expect(m.info).toBeUndefined();
    expect(m.sections.every((s) => s.file === undefined && s.sha256 === undefined)).toBe(true);
    expect(sectionFilesOf(m)).toBeUndefined();
    // Without section files a section's name is not checked against the schema (as before).
    const other = plain();
    other.sections.push({ name: 'fromALaterBuild', rows: 1, bytes: 1, rawBytes: 1 });
    expect(parseManifest(other).sections.at(-1)?.name).toBe('fromALaterBuild');
  });

  test('section files alone, or info alone, are not enough to load from section files', () => {
    const noInfo = built();
    delete noInfo.info;
    expect(sectionFilesOf(parseManifest(noInfo))).toBeUndefined();
    const some = built();
    delete some.sections[1]!.file;
    delete some.sections[1]!.sha256;
    expect(sectionFilesOf(parseManifest(some))).toBeUndefined();
    const lacking = built();
    lacking.sections = lacking.sections.filter((s) => s.name !== 'occupations');
    expect(sectionFilesOf(parseManifest(lacking))).toBeUndefined();
    const onlyInfo = plain();
    onlyInfo.info = built().info;
    expect(sectionFilesOf(parseManifest(onlyInfo))).toBeUndefined();
  });

  test.each([
    ['../x.bin', 'a folder above'],
    ['a/b.bin', 'a folder'],
    ['a\\b.bin', 'a backslash'],
    ['.hidden.bin', 'a leading dot'],
    ['..', 'the parent'],
    ['', 'empty'],
    ['https://example.com/x.bin', 'a URL'],
    ['skills 1.bin', 'a space'],
    ['sk%2Fills.bin', 'an escape'],
  ])('a section file name with %s (%s) is rejected', (file) => {
    const m = built();
    m.sections[0]!.file = file;
    const e = rejection(m);
    expect(e.code).toBe('SNAPSHOT_CORRUPT');
    expect(e.field).toBe('sections.file');
  });

  test.each([
    [SHA.toUpperCase(), 'upper case'],
    [SHA.slice(2), 'too short'],
    [`${SHA}00`, 'too long'],
    [`${SHA.slice(1)}g`, 'not hex'],
    [undefined, 'missing beside a file'],
    [42, 'a number'],
  ] as [unknown, string][])('a section sha256 %s (%s) is rejected', (sha256) => {
    const m = built();
    if (sha256 === undefined) delete m.sections[0]!.sha256;
    else m.sections[0]!.sha256 = sha256;
    const e = rejection(m);
    expect(e.code).toBe('SNAPSHOT_CORRUPT');
    expect(e.field).toBe('sections.sha256');
  });

  test('a sha256 without a file is rejected', () => {
    const m = built();
    delete m.sections[0]!.file;
    expect(rejection(m).field).toBe('sections.file');
  });

  test('a section file of an unknown or repeated table is rejected', () => {
    const unknown = built();
    unknown.sections[0]!.name = 'notATable';
    expect(rejection(unknown).field).toBe('sections.name');
    const inherited = built();
    inherited.sections[0]!.name = 'constructor';
    expect(rejection(inherited).field).toBe('sections.name');
    const repeated = built();
    repeated.sections.push({ ...repeated.sections[0]! });
    expect(rejection(repeated).field).toBe('sections.name');
  });

  test('malformed info is rejected', () => {
    for (const info of [null, 'x', [], { release: '0.1', source: 'x' }, { release: 1, source: 'x', attribution: 'y' }]) {
      const m = built();
      m.info = info;
      expect(rejection(m).field, JSON.stringify(info)).toBe('info');
    }
    const layout = built();
    (layout.info as Record<string, unknown>).layout = 'future';
    expect(rejection(layout).field).toBe('info.layout');
  });
});
