/**
 * `npm run snapshot`: builds the O*NET snapshot and its manifest.
 *
 *   tsx tools/build-snapshot.ts [--source <dir|zip>] [--extras <dir>] [--green <csv>] [--out <dir>]
 *                               [--release <N.N>] [--pair-with <dir|zip>]
 *
 * The source is an O*NET text download in either layout (classic ≤ 30.2, modern 30.3+; see
 * docs/releases.md). Nothing is written unless the whole build succeeds.
 * Source: --source, else $ONET_SOURCE, else ../shared/onet/db_29_3_text beside the repository.
 * Extras: --extras, else ../shared/onet/extras beside the repository (skipped when absent).
 * Output: --out, else build/snapshot in the repository: the snapshot file, one file per section
 * (named by content; section files of earlier builds there are removed) and manifest.json.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isOnetError } from '../src/errors.js';
import { buildSnapshot, writeSnapshot } from './snapshot/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SOURCE = resolve(REPO, '../shared/onet/db_29_3_text');
const DEFAULT_EXTRAS = resolve(REPO, '../shared/onet/extras');
const DEFAULT_OUT = resolve(REPO, 'build/snapshot');
const DOWNLOAD = 'https://www.onetcenter.org/dl_files/database/db_29_3_text.zip';

const USAGE = `Usage: npm run snapshot -- [--source <dir|zip>] [--extras <dir>] [--green <csv>] [--out <dir>]
                            [--release <N.N>] [--pair-with <dir|zip>]

  --source  O*NET text download, classic (≤ 30.2) or modern (30.3+) layout, unpacked folder or
            zip (default: $ONET_SOURCE, else ${DEFAULT_SOURCE})
  --extras  folder with bright_outlook_occupations.csv and stem_occupations.csv
            (default: ${DEFAULT_EXTRAS}, when present)
  --green   green-economy occupations CSV with a Code column (default: <extras>/green_occupations.csv)
  --out     output folder (default: ${DEFAULT_OUT})
  --release release number (e.g. 31.0) when Read Me.txt and the folder name do not tell it
  --pair-with  another release (either layout, folder or zip): its DWA IDs are stored as
            aliases of this snapshot's DWAs (paired by title, see docs/releases.md)`;

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

async function main(): Promise<number> {
  let values: { source?: string; extras?: string; green?: string; out?: string; release?: string; 'pair-with'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        source: { type: 'string' },
        extras: { type: 'string' },
        green: { type: 'string' },
        out: { type: 'string' },
        release: { type: 'string' },
        'pair-with': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const fromEnv = process.env.ONET_SOURCE?.trim() || undefined;
  const source = values.source !== undefined ? resolve(values.source) : fromEnv !== undefined ? resolve(fromEnv) : DEFAULT_SOURCE;
  const how = values.source !== undefined ? '--source' : fromEnv !== undefined ? 'ONET_SOURCE' : 'the default location';
  if (!existsSync(source)) {
    console.error(
      `O*NET source not found: looked for ${source} (from ${how}).\n` +
        `Download the official O*NET 29.3 text release (${DOWNLOAD}) and point at the zip or the unpacked folder:\n` +
        `  npm run snapshot -- --source /path/to/db_29_3_text.zip\n` +
        `  ONET_SOURCE=/path/to/db_29_3_text npm run snapshot`,
    );
    return 1;
  }
  let extras: string | undefined;
  if (values.extras !== undefined) extras = resolve(values.extras);
  else if (existsSync(DEFAULT_EXTRAS)) extras = DEFAULT_EXTRAS;
  const out = values.out !== undefined ? resolve(values.out) : DEFAULT_OUT;

  const started = Date.now();
  const built = await buildSnapshot({
    source,
    ...(extras !== undefined ? { extras } : {}),
    ...(values.green !== undefined ? { green: resolve(values.green) } : {}),
    ...(values.release !== undefined ? { release: values.release } : {}),
    ...(values['pair-with'] !== undefined ? { pairWith: resolve(values['pair-with']) } : {}),
  });
  const paths = writeSnapshot(built, out);

  const nameWidth = Math.max(7, ...built.report.sections.map((s) => s.name.length));
  const line = (name: string, rows: string, bytes: string, raw: string) => `${name.padEnd(nameWidth)}  ${rows.padStart(8)}  ${bytes.padStart(10)}  ${raw.padStart(10)}`;
  console.log(
    `O*NET ${built.manifest.release} (${built.report.layout} layout) from ${source}${extras ? `\nextras from ${extras}` : '\nno extras (Bright Outlook and STEM flags left empty)'}`,
  );
  console.log();
  console.log(line('section', 'rows', 'KB', 'raw KB'));
  let rows = 0;
  let raw = 0;
  for (const s of built.report.sections) {
    console.log(line(s.name, String(s.rows), kb(s.bytes), kb(s.rawBytes)));
    rows += s.rows;
    raw += s.rawBytes;
  }
  console.log(line('total', String(rows), kb(built.bytes.length), kb(raw)));
  console.log();
  if (built.report.missing.length > 0) console.log(`not in this source (optional): ${built.report.missing.join(', ')}`);
  const p = built.report.pairing;
  if (p) {
    console.log(
      `DWA pairing with ${p.layout} ${p.release ?? ''} (${p.with}): ${p.paired} paired, ${p.aliases} aliases written; ` +
        `unpaired: ${p.unpairedHere} here, ${p.unpairedThere} there; ambiguous titles: ${p.ambiguous}`,
    );
  }
  for (const w of built.report.warnings) console.warn(`warning: ${w}`);
  console.log(`wrote ${relative(process.cwd(), paths.snapshot) || paths.snapshot} (${kb(built.bytes.length)} KB, sha256 ${built.manifest.sha256})`);
  console.log(
    `wrote ${paths.sections.length} section files beside it (the same bytes, one file per section)` +
      (paths.removed.length > 0 ? `; removed ${paths.removed.length} of an earlier build` : ''),
  );
  console.log(`wrote ${relative(process.cwd(), paths.manifest) || paths.manifest} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isOnetError(error)) {
      console.error(`error: ${error.message}`);
      if (error.suggestion) console.error(error.suggestion);
    } else console.error(error);
    process.exitCode = 1;
  },
);
