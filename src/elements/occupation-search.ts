/**
 * The occupation search combobox shared by `<onet-related-activities>` and
 * `<onet-career-explorer>`: a text input with debounced suggestions (WAI-ARIA combobox with a
 * listbox popup, `aria-activedescendant`), arrow keys / Enter / Escape, and a polite status line.
 */
import type { OccupationSearchResults } from '../engine/routes.js';
import { searchRoute } from '../api/routes.js';
import { isTimerDelay } from '../protocol.js';
import { h, isolate, replace } from './dom.js';

/** Most suggestions shown. */
export const SUGGESTIONS = 10;

/** An occupation as the combobox offers it. */
export interface OccupationChoice {
  readonly code: string;
  readonly title: string;
}

/** What the combobox needs from its element. */
export interface OccupationSearchHost {
  /** The element's shadow root (to tell whether the input has focus). */
  readonly root: ShadowRoot;
  /** Label text of the input (e.g. "1. Find your occupation"). */
  readonly label: string;
  /** Debounce delay in ms (read on every keystroke). */
  debounce(): number;
  /** Runs the search through the element's request queue; undefined when stale or failed. */
  search(query: { keyword: string; end: number }): Promise<OccupationSearchResults | undefined>;
  /** Drops any pending search answer. */
  cancel(): void;
  /** Suggestions were shown for `route`. */
  shown(found: OccupationSearchResults, route: string): void;
  /** The user chose an occupation (the input already shows its title). */
  choose(occupation: OccupationChoice): void;
}

/** The combobox. `element` goes into the shadow root; `input` is its text field. */
export class OccupationSearch {
  readonly input: HTMLInputElement;
  readonly element: HTMLElement;
  #host: OccupationSearchHost;
  #listbox: HTMLUListElement;
  #status: HTMLElement;
  #suggestions: OccupationChoice[] = [];
  #active = -1;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: OccupationSearchHost) {
    this.#host = host;
    this.input = h('input', {
      id: 'search',
      type: 'text',
      role: 'combobox',
      part: 'input',
      dir: 'auto',
      autocomplete: 'off',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': 'suggestions',
      'aria-describedby': 'search-hint',
      oninput: () => this.#typed(),
      onkeydown: (e: KeyboardEvent) => this.#key(e),
      onblur: () => this.#close(),
    });
    this.#listbox = h('ul', { id: 'suggestions', role: 'listbox', part: 'suggestions', 'aria-label': 'Occupations', hidden: true, onmousedown: (e: Event) => e.preventDefault() });
    this.element = h(
      'div',
      { part: 'search' },
      h('label', { for: 'search', class: 'step-title' }, host.label),
      h('div', { class: 'combo' }, this.input, this.#listbox),
      h('p', { id: 'search-hint', class: 'hint' }, 'Type a job title or O*NET-SOC code, then choose with the arrow keys and Enter.'),
      (this.#status = h('p', { role: 'status', 'aria-live': 'polite', class: 'hint', part: 'search-status' })),
    );
  }

  #typed(): void {
    clearTimeout(this.#timer);
    const keyword = this.input.value;
    if (!/[\p{L}\p{N}].*[\p{L}\p{N}]/u.test(keyword)) {
      this.#host.cancel();
      this.#show([]);
      this.#status.textContent = '';
      return;
    }
    const ms = this.#host.debounce();
    this.#timer = setTimeout(() => void this.#suggest(keyword), ms === 0 || isTimerDelay(ms) ? ms : 200);
  }

  async #suggest(keyword: string): Promise<void> {
    const query = { keyword, end: SUGGESTIONS };
    const found = await this.#host.search(query);
    if (!found || this.input.value !== keyword) return;
    this.#show(found.occupation);
    const n = found.total;
    this.#status.textContent = n ? `${n} occupation${n === 1 ? '' : 's'} found${n > found.end ? `, showing the first ${found.end}` : ''}.` : 'No occupations found.';
    this.#host.shown(found, searchRoute(query));
  }

  #show(items: readonly OccupationChoice[]): void {
    this.#suggestions = items.map(({ code, title }) => ({ code, title }));
    replace(
      this.#listbox,
      this.#suggestions.map((o, i) =>
        h(
          'li',
          { id: `option-${i}`, role: 'option', 'aria-selected': 'false', part: 'suggestion', onclick: () => this.#choose(i) },
          isolate(o.title),
          ' ',
          h('span', { class: 'code', dir: 'ltr' }, o.code),
        ),
      ),
    );
    this.#activate(-1);
    if (items.length && this.#host.root.activeElement === this.input) this.#open();
    else this.#close();
  }

  #open(): void {
    this.#listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  #close(): void {
    this.#listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.#activate(-1);
  }

  #activate(i: number): void {
    this.#active = i;
    for (const [k, li] of [...this.#listbox.children].entries()) li.setAttribute('aria-selected', String(k === i));
    const li = this.#listbox.children[i];
    if (li) {
      this.input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView?.({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  #key(e: KeyboardEvent): void {
    const n = this.#suggestions.length;
    const open = !this.#listbox.hidden;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && n) {
      e.preventDefault();
      this.#open();
      const down = e.key === 'ArrowDown';
      this.#activate(this.#active < 0 ? (down ? 0 : n - 1) : (this.#active + (down ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter' && open && this.#active >= 0) {
      e.preventDefault();
      this.#choose(this.#active);
    } else if (e.key === 'Escape') {
      clearTimeout(this.#timer);
      this.#host.cancel();
      if (open) {
        e.preventDefault();
        this.#close();
      } else if (this.input.value) {
        e.preventDefault();
        this.input.value = '';
        this.#show([]);
      }
    }
  }

  #choose(i: number): void {
    const o = this.#suggestions[i];
    if (!o) return;
    clearTimeout(this.#timer);
    this.#host.cancel();
    this.#close();
    this.input.value = o.title;
    this.#host.choose(o);
  }
}
