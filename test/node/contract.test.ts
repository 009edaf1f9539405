/**
 * The page↔Worker contract (src/protocol.ts) is the only thing src/api/ and worker/ share: no
 * module of either imports (statically, dynamically or by re-export) a module of the other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const API = join(ROOT, 'src/api');
const WORKER = join(ROOT, 'worker');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Module specifiers of `code`: `import … from 'x'`, `import 'x'`, `export … from 'x'`,
 * `import('x')` and `import type …`. Comments are stripped first so that prose never counts.
 */
function importSpecifiers(code: string): string[] {
  const text = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"`]([^'"`]+)['"`]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\s*['"`]([^'"`]+)['"`]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\s*\(\s*['"`]([^'"`]+)['"`]/g)) out.push(m[1]!);
  return out;
}

/** Files of `from` that import a module inside `into`, as "file → specifier". */
function crossings(from: string, into: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(from)) {
    for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (target === into || target.startsWith(into + sep)) found.push(`${relative(ROOT, file)} → ${spec}`);
    }
  }
  return found;
}

describe('page↔Worker contract', () => {
  test('the import scanner finds every form of import (and no prose)', () => {
    const code = [
      "import { a } from '../../worker/a.js';",
      "import type { B } from '../../worker/b.js';",
      "import '../../worker/c.js';",
      "export { d } from '../../worker/d.js';",
      "export * from '../../worker/e.js';",
      "const f = await import('../../worker/f.js');",
      "import {\n  g,\n  h,\n} from '../../worker/g.js';",
      '// import { x } from "../../worker/comment.js";',
      '/* import("../../worker/block.js") */',
      "const url = new URL('../../worker/worker.ts', import.meta.url);",
    ].join('\n');
    expect(importSpecifiers(code).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => `../../worker/${x}.js`));
  });

  test('src/api imports nothing from worker/', () => {
    expect(sourceFiles(API).length).toBeGreaterThan(3);
    expect(crossings(API, WORKER)).toEqual([]);
  });

  test('worker/ imports nothing from src/api', () => {
    expect(sourceFiles(WORKER).length).toBeGreaterThan(3);
    expect(crossings(WORKER, API)).toEqual([]);
  });

  test('both sides take the shared types from src/protocol.ts', () => {
    const importsProtocol = (file: string) => importSpecifiers(readFileSync(file, 'utf8')).some((s) => resolve(dirname(file), s).replace(/\.js$/, '') === join(ROOT, 'src/protocol'));
    expect(importsProtocol(join(API, 'client.ts'))).toBe(true);
    expect(importsProtocol(join(API, 'worker-backend.ts'))).toBe(true);
    expect(importsProtocol(join(API, 'preload.ts'))).toBe(true);
    expect(importsProtocol(join(WORKER, 'worker.ts'))).toBe(true);
  });
});
