/**
 * The one DOM helper the components use. Data only ever reaches the page as Text nodes or as
 * attribute/property values: there is no code path from data to HTML parsing (no innerHTML,
 * insertAdjacentHTML, outerHTML), so a title such as `<img src=x onerror=…>` shows as text.
 */

/** A child of {@link h}: strings become Text nodes; null/undefined/false are skipped. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes and properties of {@link h}. */
export type Attrs = Record<string, unknown>;

/**
 * Creates an element. For each entry of `attrs`:
 * - `onclick: fn` style keys with a function add an event listener;
 * - names with a dash (`aria-*`, `data-*`), and `part`, `role`, `for`, `class` are attributes
 *   (`true` → empty attribute);
 * - other names the element has as a property (`id`, `type`, `value`, `checked`, `hidden`,
 *   `disabled`, `max`, …) are set as properties; anything else as an attribute;
 * - null, undefined and false are skipped.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const key in attrs) {
    const value = attrs[key];
    if (value == null || value === false) continue;
    if (/HTML/.test(key)) throw new TypeError(`h(): refusing to set ${key}`);
    if (typeof value === 'function' && key.startsWith('on')) el.addEventListener(key.slice(2), value as EventListener);
    else if (!/-|^(part|role|for|class)$/.test(key) && key in el) (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/**
 * Data text (a title, a description, a message) as a bidirectional isolate: a `<bdi>`, whose
 * direction comes from its own first strong character and which nothing inside can leak out of. An
 * unclosed right-to-left override (U+202E) or a title in a right-to-left script then cannot reorder
 * the text beside it (the O*NET-SOC code, the next title of a list, a sentence around it).
 * Elements that hold nothing but data get `dir: 'auto'` instead, which isolates the same way.
 */
export function isolate(text: string): HTMLElement {
  return h('bdi', null, text);
}

/** Appends children (see {@link Child}) to a node. */
export function append(parent: ParentNode, children: readonly Child[]): void {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.append(typeof c === 'object' ? (c as Node) : String(c));
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: ParentNode, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
