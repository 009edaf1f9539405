/**
 * The page↔Worker contract (src/protocol.ts) is the only thing src/api/ and worker/ share: no
 * module of either imports (statically, dynamically or by re-export) a module of the other. The
 * wider layering (no loop through a third module, a pure engine) is test/node/layers.test.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importSpecifiers, ROOT, sourceFiles } from '../support/import-graph.js';

const API = join(ROOT, 'src/api');
const WORKER = join(ROOT, 'worker');

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
    const importsProtocol = (file: string) =>
      importSpecifiers(readFileSync(file, 'utf8')).some((s) => resolve(dirname(file), s).replace(/\.js$/, '') === join(ROOT, 'src/protocol'));
    expect(importsProtocol(join(API, 'client.ts'))).toBe(true);
    expect(importsProtocol(join(API, 'worker-backend.ts'))).toBe(true);
    expect(importsProtocol(join(API, 'preload.ts'))).toBe(true);
    expect(importsProtocol(join(WORKER, 'worker.ts'))).toBe(true);
  });
});
