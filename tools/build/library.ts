/**
 * The library build's plugins and the in-memory library build:
 * - plainWorkerUrlPlugin: the Worker reference in the textbook form bundlers of apps recognise;
 * - buildLibrary(): `vite build --mode lib` in memory (the demo's lib/, tools/size.ts, the bench).
 * The IIFE bundle is built alongside by tools/build/iife.ts.
 */
import { build, type Plugin, type Rolldown } from 'vite';
import { r } from './paths.js';

/**
 * The Worker reference of the ESM build, rewritten from Vite's generic asset expression
 * `new URL(new URL("worker-x.js", import.meta.url).href, "" + import.meta.url)` to the plain
 * `new URL("./worker-x.js", import.meta.url)`: that literal form is what bundlers of the apps using
 * the package (Vite, webpack 5, Parcel, esbuild with plugins) recognise as a Worker entry.
 */
export function plainWorkerUrlPlugin(): Plugin {
  // Quotes may be ', " or ` (the minifier prefers backticks).
  const re = /new URL\(\s*\/\* @vite-ignore \*\/\s*new URL\((["'`])((?:\.\.?\/)*worker-[\w-]+\.js)\1,\s*import\.meta\.url\)\.href,\s*(["'`])\3\s*\+\s*import\.meta\.url\s*\)/g;
  return {
    name: 'onet-match:plain-worker-url',
    enforce: 'post',
    generateBundle(_options, bundle) {
      let count = 0;
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        file.code = file.code
          .replace(re, (_m, _q, name: string) => {
            count++;
            return `new URL(${JSON.stringify(name.startsWith('.') ? name : `./${name}`)}, import.meta.url)`;
          })
          // The options too, in their textbook form: `{type:\`module\`}` from the minifier is also
          // valid, but the plainest spelling is the one every bundler's Worker detection knows.
          .replace(/(new URL\("\.{1,2}\/worker-[\w-]+\.js", import\.meta\.url\)),\s*\{\s*type:\s*(["'`])module\2\s*\}/g, '$1, { type: "module" }');
      }
      if (count !== 1) this.error(`expected exactly one Worker URL in the library build, found ${count}`);
    },
  };
}

/** The files of a build's output: file name → content. */
export function outputFiles(outputs: Awaited<ReturnType<typeof build>>): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const out of Array.isArray(outputs) ? outputs : [outputs as Rolldown.RolldownOutput]) {
    for (const o of out.output) {
      const content = o.type === 'chunk' ? o.code : o.source;
      files.set(o.fileName, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    }
  }
  return files;
}

/**
 * Builds the library in memory (as `vite build --mode lib` would write it): file name → content.
 * The demo uses it for lib/ (dev and build); tools/size.ts and the bench measure it.
 */
export async function buildLibrary(): Promise<Map<string, Uint8Array>> {
  return outputFiles(await build({ configFile: r('vite.config.ts'), mode: 'lib', logLevel: 'warn', build: { write: false, reportCompressedSize: false } }));
}
