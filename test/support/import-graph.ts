/**
 * The repository's own import graph, read from the sources: what each module imports (statically,
 * dynamically or by re-export), resolved to files. Used by the layering tests (test/node/contract,
 * test/node/layers) so that a rule about who may import whom fails the suite when it is broken.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** One import of a module. */
export interface ImportRef {
  /** The specifier as written. */
  readonly specifier: string;
  /** `import type …` / `export type … from`: erased at compile time (verbatimModuleSyntax keeps every other form). */
  readonly typeOnly: boolean;
  /** `import('…')`: loaded on demand, its own chunk. */
  readonly dynamic: boolean;
}

/** TypeScript and JavaScript sources under `dir` (absolute paths). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(?:tsx?|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The imports of `code`: `import … from 'x'`, `import 'x'`, `export … from 'x'`, `import('x')`,
 * with their type-only and dynamic flags. Comments are stripped first so that prose never counts.
 */
export function importsOf(code: string): ImportRef[] {
  const text = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: ImportRef[] = [];
  for (const m of text.matchAll(/\b(import|export)(\s+type)?\s[^'"`;]*?\bfrom\s*['"`]([^'"`]+)['"`]/g)) out.push({ specifier: m[3]!, typeOnly: !!m[2], dynamic: false });
  for (const m of text.matchAll(/\bimport\s*['"`]([^'"`]+)['"`]/g)) out.push({ specifier: m[1]!, typeOnly: false, dynamic: false });
  for (const m of text.matchAll(/\bimport\s*\(\s*['"`]([^'"`]+)['"`]/g)) out.push({ specifier: m[1]!, typeOnly: false, dynamic: true });
  return out;
}

/** Module specifiers of `code` (every form, see {@link importsOf}). */
export function importSpecifiers(code: string): string[] {
  return importsOf(code).map((i) => i.specifier);
}

/** The file a relative specifier names (`./x.js` is `./x.ts` in the sources), or null for a package. */
export function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = resolve(dirname(from), specifier);
  for (const candidate of [target, target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')])
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  return target;
}

/** An edge of the graph: `from` imports `to` (both absolute; `to` null for a package). */
export interface ImportEdge extends ImportRef {
  readonly from: string;
  readonly to: string | null;
}

/** Every import of every source file under `dirs` (relative to the repository root). */
export function importEdges(dirs: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const dir of dirs) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      for (const ref of importsOf(readFileSync(file, 'utf8'))) edges.push({ ...ref, from: file, to: resolveImport(file, ref.specifier) });
    }
  }
  return edges;
}

/** `path` relative to the repository root, with forward slashes. */
export const rel = (path: string): string => relative(ROOT, path).split('\\').join('/');

/** Whether `path` lies in `area`: a folder (`src/engine/`) or a file (`src/errors.ts`), relative to the root. */
export const inArea = (path: string, area: string): boolean => (area.endsWith('/') ? rel(path).startsWith(area) : rel(path) === area);

/** Files reachable from `start` (itself included) through edges that `follow` accepts. */
export function reachable(edges: readonly ImportEdge[], start: readonly string[], follow: (edge: ImportEdge) => boolean = () => true): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.to && follow(e)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const seen = new Set<string>(start);
  const queue = [...start];
  while (queue.length) {
    for (const to of next.get(queue.pop()!) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

/**
 * Import cycles among the files of `edges` (Tarjan's strongly connected components of more than
 * one file, or a file importing itself), each as a sorted list of relative paths.
 */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.to) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.map(rel).sort());
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return found;
}
