/**
 * The test snapshots' section files are reachable where browser tests fetch the snapshots: from the
 * test page's own server (beside each manifest under build/test-snapshots/) and from the other
 * origins (test/setup/foreign-origins.ts), each file hashing to its manifest's sha256 and all of
 * them, in order, adding up to the snapshot file's body.
 */
import { describe, expect, inject, test } from 'vitest';
import { parseManifest, sectionFilesOf } from '../../src/snapshot/manifest.js';
import { FIXTURE_MANIFEST, FIXTURE_NEXT_MANIFEST } from '../support/paths.js';

const [ORIGIN_A] = inject('foreignOrigins');

async function sha256(bytes: ArrayBuffer): Promise<string> {
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function bytesOf(url: URL): Promise<ArrayBuffer> {
  const response = await fetch(url);
  expect(response.status, url.href).toBe(200);
  return response.arrayBuffer();
}

describe('test snapshots: section files', () => {
  test.each([
    ['the test page', `/${FIXTURE_MANIFEST}`],
    ['the test page (next release)', `/${FIXTURE_NEXT_MANIFEST}`],
    ['another origin', `${ORIGIN_A}/fixture/manifest.json`],
  ])('served by %s beside the manifest, matching its sha256', async (_, path) => {
    const manifestUrl = new URL(path, location.href);
    const manifest = parseManifest(await (await fetch(manifestUrl)).json());
    const files = sectionFilesOf(manifest);
    expect(files).toBeDefined();
    const snapshot = new Uint8Array(await bytesOf(new URL(manifest.file, manifestUrl)));
    let offset = snapshot.length - manifest.sections.reduce((sum, s) => sum + s.bytes, 0);
    for (const section of files!.sections) {
      const bytes = await bytesOf(new URL(section.file, manifestUrl));
      expect(bytes.byteLength, section.name).toBe(section.bytes);
      expect(await sha256(bytes), section.name).toBe(section.sha256);
      expect(new Uint8Array(bytes), section.name).toEqual(snapshot.subarray(offset, offset + section.bytes));
      offset += section.bytes;
    }
    expect(offset).toBe(snapshot.length);
  });
});
