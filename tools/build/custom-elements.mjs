/**
 * Plugin of @custom-elements-manifest/analyzer (custom-elements-manifest.config.mjs):
 *
 * - checks the JSDoc against the code and fails the generation when they differ: every attribute
 *   in `observedAttributes` is documented (`@attr` on its property), every `emit(this, 'onet-…')`
 *   is an `@fires` whose detail type is exported by src/elements/events.ts, every `part: '…'` in
 *   the templates is a `@csspart`, every `var(--onet-…)` of src/elements/styles.ts a `@cssprop`;
 * - gives the `sort` attribute and property the literal union of the component's sort options
 *   (its `SORTS` table) instead of the base class's type parameter;
 * - lays the manifest out as the package ships it: the classes in dist/lib/elements.js, the tag
 *   registrations in dist/lib/define.js; public members only.
 *
 * Plain JavaScript: the analyzer imports its configuration and plugins without a TypeScript loader.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLASSES_MODULE = 'dist/lib/elements.js';
const DEFINE_MODULE = 'dist/lib/define.js';
const EVENTS_SOURCE = 'src/elements/events.ts';
const STYLES_SOURCE = 'src/elements/styles.ts';

const read = (path) => readFileSync(resolve(ROOT, path), 'utf8');
const unique = (values) => [...new Set(values)];

/** `part: 'a b'` → ['a', 'b'], over a source text. */
const partsIn = (text) => unique([...text.matchAll(/\bpart: '([^']+)'/g)].flatMap((m) => m[1].split(/\s+/).filter(Boolean)));
const eventsIn = (text) => unique([...text.matchAll(/\bemit\(this, '([a-z-]+)'/g)].map((m) => m[1]));

/** The literal sort values of a component source (`const SORTS = [['value', 'Label'], …]`), as a TypeScript union. */
function sortUnion(text) {
  const table = /const SORTS\b[^=]*=\s*\[([\s\S]*?)\n\];/.exec(text)?.[1];
  const values = table ? [...table.matchAll(/\[\s*'([^']+)'/g)].map((m) => m[1]) : [];
  return values.length ? values.map((v) => `'${v}'`).join(' | ') : undefined;
}

export function onetManifestPlugin() {
  return {
    name: 'onet-match:manifest',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const problems = [];
      const modules = manifest.modules;
      const classes = modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.kind === 'class').map((d) => ({ decl: d, path: m.path })));
      const elements = classes.filter((c) => c.decl.customElement && c.decl.tagName);
      if (elements.length === 0) problems.push('no class has a @tag');
      const exportedTypes = new Set([...read(EVENTS_SOURCE).matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]));
      const cssVars = unique([...read(STYLES_SOURCE).matchAll(/var\((--onet-[\w-]+)/g)].map((m) => m[1]));

      for (const { decl, path } of elements) {
        const where = `${decl.name} (${path})`;
        // The class's own file and its superclasses' files: what the element renders and emits.
        const chain = [path];
        for (let sup = classes.find((c) => c.decl.name === decl.superclass?.name); sup && !chain.includes(sup.path); ) {
          chain.push(sup.path);
          sup = classes.find((c) => c.decl.name === sup.decl.superclass?.name);
        }
        const text = chain.map(read).join('\n');
        const observed = unique([...text.matchAll(/static (?:override )?observedAttributes = \[([^\]]*)\]/g)].flatMap((m) => [...m[1].matchAll(/'([^']+)'/g)].map((a) => a[1])));
        const attrs = decl.attributes ?? [];
        for (const name of observed) {
          const attr = attrs.find((a) => a.name === name);
          if (!attr?.description || !attr.fieldName) problems.push(`${where}: attribute "${name}" needs @attr on its property, with a description`);
        }
        for (const a of attrs) if (!observed.includes(a.name)) problems.push(`${where}: @attr "${a.name}" is not in observedAttributes`);
        for (const name of eventsIn(text)) {
          const event = decl.events?.find((e) => e.name === name);
          const detail = /^CustomEvent<(\w+)>$/.exec(event?.type?.text ?? '')?.[1];
          if (!event?.description || !detail || !exportedTypes.has(detail)) problems.push(`${where}: event "${name}" needs @fires {CustomEvent<Detail>} with a detail type of ${EVENTS_SOURCE} and a description`);
        }
        for (const name of partsIn(text)) {
          if (!decl.cssParts?.some((p) => p.name === name && p.description)) problems.push(`${where}: part "${name}" needs a @csspart with a description`);
        }
        for (const name of cssVars) {
          if (!decl.cssProperties?.some((p) => p.name === name && p.description)) problems.push(`${where}: custom property ${name} (${STYLES_SOURCE}) needs a @cssprop with a description`);
        }
        const sorts = sortUnion(read(path));
        for (const item of [...attrs, ...(decl.members ?? [])]) if (item.name === 'sort' && sorts) item.type = { text: sorts };
      }
      if (problems.length) throw new Error(`custom-elements.json: the JSDoc of src/elements/ does not match the code:\n  ${problems.join('\n  ')}`);

      // The package's layout: the classes of the element modules, all exported by the elements entry.
      const toPackage = (ref) => (ref && classes.some((c) => c.decl.name === ref.name) ? { name: ref.name, module: CLASSES_MODULE } : ref);
      const declarations = classes.map(({ decl }) => {
        const out = { ...decl };
        // OnetBaseElement extends HTMLElement through a stand-in for DOM-less imports (base.ts).
        out.superclass = classes.some((c) => c.decl.name === decl.superclass?.name) ? toPackage(decl.superclass) : { name: 'HTMLElement', package: 'global:' };
        // Lists are comma-separated in the attribute.
        out.attributes = decl.attributes?.map((a) => (a.type?.text.endsWith('[]') ? { ...a, type: { text: 'string' } } : a));
        out.members = (decl.members ?? []).filter((m) => !m.privacy || m.privacy === 'public').map((m) => (m.inheritedFrom ? { ...m, inheritedFrom: toPackage(m.inheritedFrom) } : m));
        for (const kind of ['attributes', 'events', 'cssParts', 'cssProperties']) {
          if (out[kind]) out[kind] = out[kind].map((item) => (item.inheritedFrom ? { ...item, inheritedFrom: toPackage(item.inheritedFrom) } : item));
        }
        return out;
      });
      // Descriptions single-spaced, as one paragraph (JSDoc line breaks are only wrapping).
      const tidy = (value) => {
        if (Array.isArray(value)) return value.map(tidy);
        if (!value || typeof value !== 'object') return value;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, (k === 'description' || k === 'summary') && typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : tidy(v)]));
      };
      manifest.modules = tidy([
        {
          kind: 'javascript-module',
          path: CLASSES_MODULE,
          declarations,
          exports: declarations.map((d) => ({ kind: 'js', name: d.name, declaration: { name: d.name, module: CLASSES_MODULE } })),
        },
        {
          kind: 'javascript-module',
          path: DEFINE_MODULE,
          declarations: [],
          exports: elements.map(({ decl }) => ({ kind: 'custom-element-definition', name: decl.tagName, declaration: { name: decl.name, module: CLASSES_MODULE } })),
        },
      ]);
      manifest.readme = 'README.md';
    },
  };
}
