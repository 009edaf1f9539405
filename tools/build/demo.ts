/**
 * The demo's build-time and dev-server glue (demoPlugin):
 * - serves snapshot/* from the snapshot folder in dev, and copies it into the build: every file
 *   the manifest names (the snapshot file and each section file) and the manifest itself;
 * - serves lib/ (IIFE bundle + its Worker) from an in-memory library build in dev, and copies it
 *   into the build.
 * The service worker and its precache list: tools/build/precache.ts.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { parseManifest, type Manifest } from '../../src/snapshot/manifest.js';
import { buildLibrary } from './library.js';
import { IIFE_FILE, WORKER_FILE_RE, demoSnapshotDir, r } from './paths.js';

/** A file name a manifest may give: flat (no folder, no `.`/`..`), so it lies beside the manifest. */
const isFlatName = (name: string) => name !== '.' && name !== '..' && /^[^/\\]+$/.test(name);

/**
 * The snapshot's files: manifest.json, the snapshot file it names and every section file it names,
 * each checked to be a flat name of a file beside the manifest; or a clear error.
 */
export function snapshotFiles(): { dir: string; files: string[] } {
  const dir = demoSnapshotDir();
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`No snapshot at ${relative(process.cwd(), manifestPath) || manifestPath}: run "npm run snapshot" first (or set ONET_DEMO_SNAPSHOT to a folder with manifest.json).`);
  }
  let manifest: Manifest;
  try {
    manifest = parseManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch (error) {
    throw new Error(`${manifestPath} is not a snapshot manifest: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const files = [manifest.file, ...manifest.sections.flatMap((s) => (s.file !== undefined ? [s.file] : []))];
  for (const file of files) {
    const path = join(dir, file);
    if (!isFlatName(file) || !existsSync(path) || !statSync(path).isFile()) {
      throw new Error(`${manifestPath} names a ${file === manifest.file ? 'snapshot' : 'section'} file that is not beside it: ${file}`);
    }
  }
  return { dir, files: ['manifest.json', ...files] };
}

const CONTENT_TYPES: Record<string, string> = { '.json': 'application/json', '.js': 'text/javascript', '.map': 'application/json' };
const contentType = (file: string) => CONTENT_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';

/** Serves and ships the demo's snapshot/ and lib/ folders (see the module comment). */
export function demoPlugin(): Plugin {
  let library: Promise<Map<string, Uint8Array>> | undefined;
  const getLibrary = () =>
    (library ??= buildLibrary().catch((error: unknown) => {
      library = undefined;
      throw error;
    }));
  return {
    name: 'onet-match:demo',
    enforce: 'post',
    configureServer(server) {
      server.watcher.on('change', (file) => {
        if (file.startsWith(r('src') + sep) || file.startsWith(r('worker') + sep)) library = undefined;
      });
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const snapshot = /^\/snapshot\/([^/]+)$/.exec(path);
        const lib = /^\/lib\/([^/]+)$/.exec(path);
        if (!snapshot && !lib) return next();
        void (async () => {
          let body: Uint8Array | undefined;
          let name: string;
          if (snapshot) {
            name = snapshot[1]!;
            const { dir, files } = snapshotFiles();
            if (files.includes(name)) body = readFileSync(join(dir, name));
          } else {
            name = lib![1]!;
            body = (await getLibrary()).get(name);
          }
          if (!body) {
            res.statusCode = 404;
            res.end('Not found');
            return;
          }
          res.setHeader('Content-Type', contentType(name));
          res.setHeader('Cache-Control', 'no-cache');
          res.end(body);
        })().catch((error: unknown) => {
          server.config.logger.error(String(error instanceof Error ? error.message : error));
          res.statusCode = 500;
          res.end(String(error instanceof Error ? error.message : error));
        });
      });
    },
    async generateBundle() {
      const { dir, files } = snapshotFiles();
      for (const name of files) this.emitFile({ type: 'asset', fileName: `snapshot/${name}`, source: readFileSync(join(dir, name)) });
      for (const [name, source] of await buildLibrary()) {
        if (name === IIFE_FILE || WORKER_FILE_RE.test(name)) this.emitFile({ type: 'asset', fileName: `lib/${name}`, source });
      }
    },
  };
}
