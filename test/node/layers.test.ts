/**
 * The layering of docs/architecture.md, checked on the import graph of the sources: no import
 * loop, the Worker never reaches the page side, the engine and the snapshot format stay pure, the
 * page side takes engine types only (the engine ships in the Worker, or in the lazily loaded
 * in-page chunk), and the library never imports Node-only code.
 */
import { describe, expect, test } from 'vitest';
import { cycles, importEdges, importsOf, inArea, reachable, rel, sourceFiles, ROOT, type ImportEdge } from '../support/import-graph.js';
import { join } from 'node:path';

const edges = importEdges(['src', 'worker', 'tools', 'bench', 'demo']);
const valueEdges = edges.filter((e) => !e.typeOnly);
const filesIn = (area: string) => (area.endsWith('/') ? sourceFiles(join(ROOT, area)) : [join(ROOT, area)]);
const describeEdge = (e: ImportEdge) => `${rel(e.from)} → ${e.specifier}`;

/** The page side: what runs in the embedding page. */
const PAGE = ['src/api/', 'src/elements/', 'src/index.ts', 'src/define.ts', 'src/iife.ts'];

describe('import graph', () => {
  test('the scanner reads every form of import, with its type-only and dynamic flags', () => {
    const code = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "export type { C } from './c.js';",
      "export * from './d.js';",
      "import './e.js';",
      "const f = await import('./f.js');",
      "import {\n  type G,\n  g,\n} from './g.js';",
      "// import { x } from './comment.js';",
    ].join('\n');
    expect(importsOf(code).sort((x, y) => x.specifier.localeCompare(y.specifier))).toEqual([
      { specifier: './a.js', typeOnly: false, dynamic: false },
      { specifier: './b.js', typeOnly: true, dynamic: false },
      { specifier: './c.js', typeOnly: true, dynamic: false },
      { specifier: './d.js', typeOnly: false, dynamic: false },
      { specifier: './e.js', typeOnly: false, dynamic: false },
      { specifier: './f.js', typeOnly: false, dynamic: true },
      { specifier: './g.js', typeOnly: false, dynamic: false },
    ]);
  });

  test('every relative import resolves to a source file', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.filter((e) => e.to !== null && !sourceFiles(join(ROOT, rel(e.to).split('/')[0]!)).includes(e.to)).map(describeEdge)).toEqual([]);
  });

  test('the cycle finder finds a loop of two modules and a module importing itself', () => {
    const edge = (from: string, to: string): ImportEdge => ({ from: join(ROOT, from), to: join(ROOT, to), specifier: to, typeOnly: false, dynamic: false });
    expect(cycles([edge('a.ts', 'b.ts'), edge('b.ts', 'a.ts'), edge('b.ts', 'c.ts'), edge('d.ts', 'd.ts')])).toEqual([['a.ts', 'b.ts'], ['d.ts']]);
    expect(cycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts')])).toEqual([]);
  });
});

describe('layers (docs/architecture.md)', () => {
  test('no import loop: no module reaches itself through value imports (type-only imports are erased)', () => {
    expect(cycles(valueEdges)).toEqual([]);
  });

  test('worker/ never reaches the page side, not even through another module or a type', () => {
    const fromWorker = reachable(edges, filesIn('worker/'));
    expect([...fromWorker].filter((f) => PAGE.some((area) => inArea(f, area))).map(rel)).toEqual([]);
  });

  test('src/api reaches worker/ only through the lazily loaded in-page engine (src/in-page.ts)', () => {
    const staticOnly = reachable(edges, filesIn('src/api/'), (e) => !e.dynamic);
    expect([...staticOnly].filter((f) => inArea(f, 'worker/')).map(rel)).toEqual([]);
    const into = (area: string) =>
      edges.filter((e) => inArea(e.from, 'src/') && e.to && inArea(e.to, area)).map((e) => `${rel(e.from)} → ${rel(e.to!)}${e.dynamic ? ' (dynamic)' : ''}`);
    expect(into('worker/')).toEqual(['src/in-page.ts → worker/worker.ts (dynamic)']);
    expect(into('src/in-page.ts')).toEqual(['src/api/create-worker.ts → src/in-page.ts (dynamic)']);
  });

  test('the engine and the snapshot format are pure: they import each other, src/errors.ts and fflate only', () => {
    const allowed = (e: ImportEdge) => (e.to ? ['src/engine/', 'src/snapshot/', 'src/errors.ts'].some((area) => inArea(e.to!, area)) : e.specifier === 'fflate');
    const pure = edges.filter((e) => inArea(e.from, 'src/engine/') || inArea(e.from, 'src/snapshot/'));
    expect(pure.length).toBeGreaterThan(50);
    expect(pure.filter((e) => !allowed(e)).map(describeEdge)).toEqual([]);
  });

  test('the page side takes engine types only (the engine ships in the Worker or the in-page chunk)', () => {
    const page = valueEdges.filter((e) => PAGE.some((area) => inArea(e.from, area)));
    expect(page.filter((e) => e.to && inArea(e.to, 'src/engine/')).map(describeEdge)).toEqual([]);
  });

  test('the library (src/) imports no Node built-in and nothing from tools/, bench/, test/ or demo/', () => {
    const library = edges.filter((e) => inArea(e.from, 'src/'));
    expect(library.filter((e) => e.specifier.startsWith('node:') || (e.to && !inArea(e.to, 'src/') && !inArea(e.to, 'worker/'))).map(describeEdge)).toEqual([]);
  });
});
