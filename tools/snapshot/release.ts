/**
 * The release of an O*NET download: from `Read Me.txt` (first line `O*NET 31.0 Database`, second
 * `August 2026 Release`), else from the folder or zip name (`db_31_0_text` → 31.0); a caller's
 * `--release` wins over both.
 */
import { basename } from 'node:path';
import { OnetError } from '../../src/errors.js';
import type { SnapshotInfo, SourceLayout } from '../../src/snapshot/schema.js';
import { COMMON_FILES } from './layout.js';
import type { OnetSource } from './source.js';

/** A release number as O*NET writes it: "29.3", "31.0". */
const RELEASE = /^\d+(?:\.\d+)*$/;

/** The release and its date (when Read Me has one), or undefined when neither Read Me nor the name tells. */
export function readRelease(source: OnetSource): { release: string; date?: string } | undefined {
  const readMe = source.read(COMMON_FILES.readMe);
  if (readMe) {
    const lines = new TextDecoder('utf-8')
      .decode(readMe)
      .replace(/^\uFEFF/, '')
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const m = /^O\*NET\s+(\d+(?:\.\d+)*)\s+(?:[A-Za-z-]+\s+)?Database\b/i.exec(lines[0] ?? '');
    if (m) {
      const d = /^(.+?)\s+Release$/i.exec(lines[1] ?? '');
      return { release: m[1]!, ...(d ? { date: d[1]! } : {}) };
    }
  }
  const m = /db_(\d+)_(\d+)/i.exec(source.name) ?? /db_(\d+)_(\d+)/i.exec(basename(source.path));
  return m ? { release: `${Number(m[1])}.${Number(m[2])}` } : undefined;
}

/** The snapshot info of `source`: release (or `override`), layout, description and CC BY 4.0 attribution. */
export function releaseInfo(source: OnetSource, layout: SourceLayout, override?: string): SnapshotInfo {
  if (override !== undefined && !RELEASE.test(override)) {
    throw new OnetError('VALIDATION_ERROR', `--release must look like 29.3 or 31.0, not "${override}"`, { field: 'release' });
  }
  const found = readRelease(source);
  const release = override ?? found?.release;
  if (release === undefined) {
    throw new OnetError(
      'SOURCE_INVALID',
      `Cannot tell the O*NET release of ${source.path}: no "${COMMON_FILES.readMe}" starting "O*NET <release> Database" and no db_NN_N_text name`,
      {
        field: COMMON_FILES.readMe,
        suggestion: 'Give it with --release (e.g. --release 31.0).',
      },
    );
  }
  const date = override === undefined || override === found?.release ? found?.date : undefined;
  return {
    release,
    source: `O*NET ${release} Database${date ? ` (${date})` : ''}`,
    attribution:
      `This site incorporates information from O*NET ${release} Database by the U.S. Department of Labor, ` +
      'Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. ' +
      'onet-match has modified all or some of this information.',
    layout,
  };
}
