/**
 * Generates custom-elements.json (Custom Elements Manifest, schema 2.1.0) from the element sources:
 *
 *   tsx tools/custom-elements.ts           write custom-elements.json (run by `npm run build:lib`)
 *   tsx tools/custom-elements.ts --check   exit 1 when custom-elements.json is out of date
 *
 * Read with the TypeScript parser, not by hand: tag names from src/define.ts; per class (inherited
 * members flattened in, with `inheritedFrom`): `static observedAttributes`, public accessors and
 * fields with their JSDoc (attribute ↔ property by kebab/camel case), `part: '…'` in the templates,
 * `emit(this, 'onet-…')` calls typed through `OnetEventDetails` (src/elements/events.ts), and the
 * `--onet-*` custom properties of src/elements/styles.ts. Part and custom property descriptions
 * come from the tables below; a name missing there fails the generation, so new parts get documented.
 * The real classes' `observedAttributes` are compared with this file in Chromium by test/node/demo-app.test.ts.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ELEMENTS_DIR = 'src/elements';
/** Where the classes and the registration ship in the package. */
const CLASSES_MODULE = 'dist/lib/elements.js';
const DEFINE_MODULE = 'dist/lib/define.js';
export const MANIFEST_PATH = join(ROOT, 'custom-elements.json');

const PART_DOCS: Record<string, string> = {
  container: 'Wrapper of everything the component renders.',
  progress: 'Install / load progress (label, bar and byte count), shown while the snapshot loads.',
  error: 'Alert with the last error (empty and hidden when there is none).',
  'error-code': 'The error code inside the alert.',
  output: 'Wrapper of the toolbar, status, results and pager.',
  toolbar: 'Sort controls above the results.',
  sort: 'The sort `<select>`.',
  status: 'Live status line (number of matches, hints).',
  results: 'The result list (`<ol>`).',
  result: 'One result (`<li>`).',
  title: 'Occupation title in a result.',
  code: 'O*NET-SOC code in a result.',
  badge: 'Bright Outlook badge in a result.',
  zone: 'Job zone line in a result.',
  pager: 'Previous / next page controls.',
  prev: 'Previous page button.',
  next: 'Next page button.',
  range: 'Shown range ("1–20 of 57").',
  attribution: 'The O*NET attribution (required by the CC BY 4.0 licence: keep it visible).',
  picker: 'Soft-skill picker (both groups).',
  group: 'A group of soft skills (`<fieldset>`: social, thinking).',
  skill: 'One soft skill: checkbox, label, description and examples.',
  examples: 'Level examples of a soft skill (`<details>`).',
  coverage: 'Coverage meter and text of a result.',
  matched: 'Your matching skills in a result.',
  other: 'The occupation\'s other high-level skills in a result.',
  search: 'Step 1: the occupation search.',
  input: 'The occupation search combobox input.',
  suggestions: 'The suggestion listbox of the combobox.',
  suggestion: 'One suggested occupation.',
  'search-status': 'Live status of the occupation search.',
  activities: 'Step 2: the activities of the chosen occupation (`<fieldset>`).',
  activity: 'One activity with its checkbox.',
  'select-all': 'Button selecting every activity.',
  clear: 'Button clearing the activity selection.',
  counts: 'Shared / similar activity counts of a result.',
  'all-activities': 'All activities of a result occupation (`<details>`).',
  mode: 'Choice of starting point: my occupation or my interests (`<fieldset>` of radios).',
  interests: 'The six interest scores, 1–7 (`<fieldset>`).',
  note: 'The note that interest fit is not the official Interest Profiler scoring.',
  filters: 'Preparation (job zone) and Bright Outlook filters.',
  score: 'Similarity or fit of a result, with a meter (0–100).',
  strengths: 'Skills and knowledge a result shares with the person, and shared activities.',
  'to-learn': 'Skills and knowledge a result needs at a higher level, with both levels.',
  matching: 'The interest code of a result and the person\'s interests it matches.',
};

const CSS_PROPERTY_DOCS: Record<string, string> = {
  '--onet-accent': 'Accent colour: links, buttons, focus ring, progress.',
  '--onet-text': 'Text colour.',
  '--onet-surface': 'Background colour.',
  '--onet-muted': 'Colour of secondary text (hints, codes, meta lines).',
  '--onet-border': 'Border colour.',
  '--onet-radius': 'Corner radius.',
  '--onet-gap': 'Spacing between blocks.',
  '--onet-font': 'Font family.',
  '--onet-font-size': 'Base font size.',
  '--onet-focus': 'Focus ring colour.',
  '--onet-badge': 'Bright Outlook badge background.',
  '--onet-badge-text': 'Bright Outlook badge text colour.',
  '--onet-error': 'Colour of the error alert.',
};

interface Attribute {
  name: string;
  description?: string;
  type?: { text: string };
  fieldName?: string;
  inheritedFrom?: Ref;
}
interface Member {
  kind: 'field';
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
  attribute?: string;
  readonly?: boolean;
  inheritedFrom?: Ref;
}
interface Ref {
  name: string;
  module: string;
}
interface EventDoc {
  name: string;
  type: { text: string };
  description?: string;
  inheritedFrom?: Ref;
}
interface ClassInfo {
  name: string;
  file: string;
  source: ts.SourceFile;
  node: ts.ClassDeclaration;
  superclass?: string;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

/** JSDoc text of a node (the comment only, tags dropped), single-spaced. */
function jsdoc(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  const comment = docs?.at(-1)?.comment;
  const text = typeof comment === 'string' ? comment : comment?.map((c) => c.text).join('');
  return text ? text.replace(/\s+/g, ' ').trim() : undefined;
}

/** The file's leading module comment (first JSDoc block), single-spaced. */
function moduleDoc(source: ts.SourceFile): string | undefined {
  const m = /^\/\*\*([\s\S]*?)\*\//.exec(source.text);
  return m ? m[1]!.replace(/^\s*\* ?/gm, '').replace(/\s+/g, ' ').trim() : undefined;
}

const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function loadClasses(): Map<string, ClassInfo> {
  const classes = new Map<string, ClassInfo>();
  for (const name of readdirSync(join(ROOT, ELEMENTS_DIR)).filter((f) => f.endsWith('.ts')).sort()) {
    const file = `${ELEMENTS_DIR}/${name}`;
    const source = parse(file);
    for (const stmt of source.statements) {
      if (!ts.isClassDeclaration(stmt) || !stmt.name) continue;
      const ext = stmt.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      classes.set(stmt.name.text, { name: stmt.name.text, file, source, node: stmt, superclass: ext && ts.isIdentifier(ext) ? ext.text : undefined });
    }
  }
  return classes;
}

/** Tag → class name, from the registration list of src/define.ts. */
function definitions(): [string, string][] {
  const out: [string, string][] = [];
  walk(parse('src/define.ts'), (n) => {
    if (ts.isArrayLiteralExpression(n) && n.elements.length === 2 && ts.isStringLiteral(n.elements[0]!) && ts.isIdentifier(n.elements[1]!)) {
      out.push([n.elements[0].text, n.elements[1].text]);
    }
  });
  if (out.length === 0) throw new Error('src/define.ts: no [tag, Class] pairs found');
  return out;
}

function isPublic(member: ts.ClassElement): boolean {
  if (!member.name || ts.isPrivateIdentifier(member.name)) return false;
  const mods = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
  return !mods.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword || m.kind === ts.SyntaxKind.StaticKeyword || m.kind === ts.SyntaxKind.AbstractKeyword);
}

function observedAttributes(info: ClassInfo, classes: Map<string, ClassInfo>): string[] {
  for (const m of info.node.members) {
    if (!ts.isPropertyDeclaration(m) || !ts.isIdentifier(m.name) || m.name.text !== 'observedAttributes' || !m.initializer) continue;
    if (!ts.isArrayLiteralExpression(m.initializer)) throw new Error(`${info.name}.observedAttributes: expected an array literal`);
    return m.initializer.elements.flatMap((e) => {
      if (ts.isStringLiteral(e)) return [e.text];
      if (ts.isSpreadElement(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression)) {
        const base = classes.get(e.expression.expression.text);
        if (base) return observedAttributes(base, classes);
      }
      throw new Error(`${info.name}.observedAttributes: cannot read ${e.getText()}`);
    });
  }
  const base = info.superclass && classes.get(info.superclass);
  return base ? observedAttributes(base, classes) : [];
}

/** Public accessors and fields declared by the class itself. */
function ownMembers(info: ClassInfo): Member[] {
  const members = new Map<string, Member>();
  for (const m of info.node.members) {
    if (!isPublic(m) || !m.name || !ts.isIdentifier(m.name)) continue;
    const name = m.name.text;
    if (ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m)) {
      const entry = members.get(name) ?? { kind: 'field' as const, name, readonly: true };
      if (ts.isGetAccessorDeclaration(m)) {
        entry.description ??= jsdoc(m);
        if (m.type) entry.type = { text: m.type.getText() };
      } else {
        entry.readonly = false;
        entry.description ??= jsdoc(m);
        const param = m.parameters[0];
        if (!entry.type && param?.type) entry.type = { text: param.type.getText() };
      }
      members.set(name, entry);
    } else if (ts.isPropertyDeclaration(m)) {
      const entry: Member = { kind: 'field', name };
      const doc = jsdoc(m);
      if (doc) entry.description = doc;
      if (m.type) entry.type = { text: m.type.getText() };
      else if (m.initializer && ts.isNumericLiteral(m.initializer)) entry.type = { text: 'number' };
      else if (m.initializer && ts.isStringLiteral(m.initializer)) entry.type = { text: 'string' };
      if (m.initializer) entry.default = m.initializer.getText();
      members.set(name, entry);
    }
  }
  for (const entry of members.values()) if (entry.readonly === false) delete entry.readonly;
  return [...members.values()];
}

function partsIn(node: ts.Node, parts: Set<string>): void {
  walk(node, (n) => {
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'part' && ts.isStringLiteralLike(n.initializer)) {
      for (const p of n.initializer.text.split(/\s+/).filter(Boolean)) parts.add(p);
    }
  });
}

/**
 * Parts the class renders: its own, and those of the rendering helpers its module imports from
 * src/elements (a widget shared by several elements, e.g. the occupation search combobox, renders
 * into the importing element's shadow root).
 */
function ownParts(info: ClassInfo): string[] {
  const parts = new Set<string>();
  partsIn(info.node, parts);
  for (const statement of info.source.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const spec = statement.moduleSpecifier.text;
    if (!spec.startsWith('./')) continue;
    const file = posix.join(posix.dirname(info.file), spec.replace(/\.js$/, '.ts'));
    if (!existsSync(join(ROOT, file))) continue;
    const helper = parse(file);
    // Only modules without element classes: a superclass's parts are inherited separately.
    if (helper.statements.some((st) => ts.isClassDeclaration(st) && st.heritageClauses?.length)) continue;
    partsIn(helper, parts);
  }
  return [...parts];
}

function ownEvents(info: ClassInfo): string[] {
  const events = new Set<string>();
  walk(info.node, (n) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'emit' && n.arguments[1] && ts.isStringLiteralLike(n.arguments[1])) events.add(n.arguments[1].text);
  });
  return [...events];
}

/** Event name → { detail type name, description } per tag (element-specific docs win). */
function eventDocs(): (event: string, tag: string) => { type: string; description?: string } {
  const source = parse(`${ELEMENTS_DIR}/events.ts`);
  const detailOf = new Map<string, string>();
  const docs: { event: string; tag?: string; type: string; text: string }[] = [];
  for (const stmt of source.statements) {
    if (ts.isInterfaceDeclaration(stmt) && stmt.name.text === 'OnetEventDetails') {
      for (const m of stmt.members) if (ts.isPropertySignature(m) && m.name && ts.isStringLiteral(m.name) && m.type) detailOf.set(m.name.text, m.type.getText());
    }
    if ((ts.isInterfaceDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt)) && stmt.name) {
      const text = jsdoc(stmt);
      const m = text && /^`(onet-[a-z-]+)`(?: of `<([a-z-]+)>`)?[.:]?\s*(.*)$/.exec(text);
      if (m) docs.push({ event: m[1]!, tag: m[2], type: stmt.name.text, text: m[3]! });
    }
  }
  return (event, tag) => {
    const specific = docs.find((d) => d.event === event && d.tag === tag);
    const general = docs.find((d) => d.event === event && !d.tag && d.text);
    const type = specific?.type ?? detailOf.get(event);
    if (!type) throw new Error(`events.ts: no detail type for ${event}`);
    const description = (specific ?? general)?.text;
    return description ? { type, description: description.charAt(0).toUpperCase() + description.slice(1) } : { type };
  };
}

/** `--onet-*` custom properties of the component styles, with their defaults. */
function cssProperties(): { name: string; description: string; default?: string }[] {
  const css = readFileSync(join(ROOT, ELEMENTS_DIR, 'styles.ts'), 'utf8');
  const aliases = new Map<string, string>();
  for (const m of css.matchAll(/(--[a-z])\s*:\s*var\((--onet-[\w-]+)/g)) aliases.set(m[1]!, m[2]!);
  const props = new Map<string, string | undefined>();
  for (const m of css.matchAll(/var\((--onet-[\w-]+)\s*(?:,((?:[^()]|\([^()]*\))*))?\)/g)) {
    let fallback = m[2]?.trim();
    if (fallback) fallback = fallback.replace(/var\((--[a-z])\)/g, (all, alias: string) => (aliases.has(alias) ? `var(${aliases.get(alias)})` : all));
    if (!props.has(m[1]!)) props.set(m[1]!, fallback);
  }
  return [...props].map(([name, fallback]) => {
    const description = CSS_PROPERTY_DOCS[name];
    if (!description) throw new Error(`styles.ts uses ${name}: describe it in CSS_PROPERTY_DOCS (tools/custom-elements.ts)`);
    return fallback ? { name, description, default: fallback } : { name, description };
  });
}

/**
 * The literal values of a class's sort option table (`const SORTS = [['value', 'Label'], …]` in its
 * file) as a union type, so editors can offer them for the `sort` attribute.
 */
function literalUnion(info: ClassInfo): string | undefined {
  let out: string | undefined;
  walk(info.source, (n) => {
    if (out || !ts.isVariableDeclaration(n) || !ts.isIdentifier(n.name) || n.name.text !== 'SORTS' || !n.initializer || !ts.isArrayLiteralExpression(n.initializer)) return;
    const values = n.initializer.elements.map((e) => (ts.isArrayLiteralExpression(e) && e.elements[0] && ts.isStringLiteral(e.elements[0]) ? e.elements[0].text : undefined));
    if (values.length && values.every((v) => v !== undefined)) out = values.map((v) => `'${v}'`).join(' | ');
  });
  return out;
}

/** The manifest, as an object. */
export function generateManifest(): unknown {
  const classes = loadClasses();
  const defs = definitions();
  const events = eventDocs();
  const css = cssProperties();
  const declarations: unknown[] = [];
  const exportsList: unknown[] = [];
  const declared = new Set<string>();

  const describe = (info: ClassInfo, tag: string) => {
    const chain: ClassInfo[] = [];
    for (let c: ClassInfo | undefined = info; c; c = c.superclass ? classes.get(c.superclass) : undefined) chain.push(c);
    const ref = (c: ClassInfo): Ref | undefined => (c === info ? undefined : { name: c.name, module: CLASSES_MODULE });
    // Type parameters of superclasses → the type arguments of the `extends` clauses below them.
    const typeArgs = new Map<string, string>();
    for (let i = chain.length - 1; i > 0; i--) {
      const sub = chain[i - 1]!;
      const base = chain[i]!;
      const args = sub.node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.typeArguments ?? [];
      base.node.typeParameters?.forEach((tp, k) => {
        const arg = args[k]?.getText();
        if (arg) typeArgs.set(tp.name.text, typeArgs.get(arg) ?? literalUnion(sub) ?? arg);
      });
    }
    const resolveType = (m: Member): Member => (m.type && typeArgs.has(m.type.text) ? { ...m, type: { text: typeArgs.get(m.type.text)! } } : m);
    const members: Member[] = [];
    for (const c of chain) for (const m of ownMembers(c)) if (!members.some((x) => x.name === m.name)) members.push(resolveType({ ...m, ...(ref(c) ? { inheritedFrom: ref(c) } : {}) }));
    const attrs = observedAttributes(info, classes).map((name): Attribute => {
      const field = members.find((m) => m.name === camel(name));
      if (field) field.attribute = name;
      const owner = chain.find((c) => ownMembers(c).some((m) => m.name === camel(name))) ?? info;
      return {
        name,
        ...(field?.description ? { description: field.description } : {}),
        // Lists are comma-separated in the attribute.
        type: { text: field?.type && !field.type.text.endsWith('[]') ? field.type.text : 'string' },
        ...(field ? { fieldName: field.name } : {}),
        ...(ref(owner) ? { inheritedFrom: ref(owner) } : {}),
      };
    });
    const parts: { name: string; description: string }[] = [];
    for (const c of [...chain].reverse()) {
      for (const p of ownParts(c)) {
        if (parts.some((x) => x.name === p)) continue;
        const description = PART_DOCS[p];
        if (!description) throw new Error(`${c.file} has part "${p}": describe it in PART_DOCS (tools/custom-elements.ts)`);
        parts.push({ name: p, description });
      }
    }
    const eventList: EventDoc[] = [];
    for (const c of [...chain].reverse()) {
      for (const e of ownEvents(c)) {
        if (eventList.some((x) => x.name === e)) continue;
        const doc = events(e, tag);
        eventList.push({ name: e, type: { text: `CustomEvent<${doc.type}>` }, ...(doc.description ? { description: doc.description } : {}), ...(ref(c) ? { inheritedFrom: ref(c) } : {}) });
      }
    }
    return {
      kind: 'class',
      name: info.name,
      ...(moduleDoc(info.source) ? { description: moduleDoc(info.source) } : {}),
      tagName: tag,
      customElement: true,
      ...(info.superclass ? { superclass: classes.has(info.superclass) ? { name: info.superclass, module: CLASSES_MODULE } : { name: info.superclass, package: 'global:' } } : {}),
      attributes: attrs,
      members,
      events: eventList,
      cssParts: parts,
      cssProperties: css,
    };
  };

  for (const [tag, className] of defs) {
    const info = classes.get(className);
    if (!info) throw new Error(`src/define.ts registers ${className}, which is not a class in ${ELEMENTS_DIR}`);
    if (declared.has(className)) continue;
    declared.add(className);
    declarations.push(describe(info, tag));
    exportsList.push({ kind: 'js', name: className, declaration: { name: className, module: CLASSES_MODULE } });
  }
  return {
    schemaVersion: '2.1.0',
    readme: 'README.md',
    modules: [
      { kind: 'javascript-module', path: CLASSES_MODULE, declarations, exports: exportsList },
      {
        kind: 'javascript-module',
        path: DEFINE_MODULE,
        declarations: [],
        exports: defs.map(([tag, className]) => ({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module: CLASSES_MODULE } })),
      },
    ],
  };
}

export function manifestText(): string {
  return `${JSON.stringify(generateManifest(), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = manifestText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(MANIFEST_PATH, 'utf8');
    } catch {
      // missing: out of date
    }
    if (current !== text) {
      console.error('custom-elements.json is out of date: run `npx tsx tools/custom-elements.ts` (or npm run build:lib).');
      process.exitCode = 1;
    } else console.log('custom-elements.json is up to date.');
  } else {
    writeFileSync(MANIFEST_PATH, text);
    console.log('wrote custom-elements.json');
  }
}
