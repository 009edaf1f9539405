/**
 * `<onet-related-activities>`: (1) find your occupation (combobox with suggestions), (2) pick the
 * work activities you do, (3) see occupations that share them or have similar ones. Usage and API:
 * docs/components.md.
 */
import type { ActivityList, RelatedActivitiesResults } from '../api/client.js';
import { relatedActivitiesRoute, searchRoute, type RelatedActivitiesQuery } from '../api/routes.js';
import { MAX_TIMEOUT_MS } from '../api/validate.js';
import { OnetBaseElement } from './base.js';
import { h, replace, type Child } from './dom.js';
import { emit } from './events.js';
import { list } from './soft-skills-element.js';

/** Sorts of `<onet-related-activities>`. */
export type RelatedActivitiesSort = NonNullable<RelatedActivitiesQuery['sort']>;

const SORTS: readonly (readonly [RelatedActivitiesSort, string])[] = [
  ['shared', 'Shared activities'],
  ['similar', 'Similar activities'],
  ['title', 'Title'],
  ['code', 'O*NET-SOC code'],
  ['zone', 'Job zone'],
];

/** Most suggestions shown. */
const SUGGESTIONS = 10;

type Result = RelatedActivitiesResults['occupation'][number];
interface Occupation {
  readonly code: string;
  readonly title: string;
}

/**
 * `<onet-related-activities>`: (1) find your occupation (combobox with suggestions), (2) pick the
 * work activities you do, (3) see occupations that share them or have similar ones. Usage and API:
 * docs/components.md. Register it with `OnetRelatedActivitiesElement.define()` or
 * `import 'onet-match/define'`.
 *
 * @tag onet-related-activities
 * @fires {CustomEvent<RelatedActivitiesSelectDetail>} onet-select - An occupation was chosen or the activities changed.
 * @csspart search - Step 1: the occupation search.
 * @csspart input - The occupation search combobox input.
 * @csspart suggestions - The suggestion listbox of the combobox.
 * @csspart suggestion - One suggested occupation.
 * @csspart search-status - Live status of the occupation search.
 * @csspart activities - Step 2: the activities of the chosen occupation (`<fieldset>`).
 * @csspart activity - One activity with its checkbox.
 * @csspart select-all - Button selecting every activity.
 * @csspart clear - Button clearing the activity selection.
 * @csspart counts - Shared / similar activity counts of a result.
 * @csspart all-activities - All activities of a result occupation (`<details>`).
 */
export class OnetRelatedActivitiesElement extends OnetBaseElement<RelatedActivitiesSort> {
  static override observedAttributes = [...OnetBaseElement.observedAttributes, 'occupation', 'activities'];
  static override readonly defaultTag = 'onet-related-activities';

  /** Delay in ms between the last keystroke and the search (default 200; a value that is not a number from 0 to 2,147,483,647 reads as 200). */
  debounce = 200;

  protected readonly listLabel = 'Related occupations';
  #input!: HTMLInputElement;
  #listbox!: HTMLUListElement;
  #searchStatus!: HTMLElement;
  #step2!: HTMLFieldSetElement;
  #legend!: HTMLLegendElement;
  #checks!: HTMLUListElement;
  #actions!: HTMLElement;
  #boxes: HTMLInputElement[] = [];
  #suggestions: Occupation[] = [];
  #active = -1;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The occupation whose activities are shown, and its activities. */
  #occupation: Occupation | null = null;
  #activities: ActivityList = [];
  /** The occupation the user chose (title known), and whether to move focus once it is loaded. */
  #chosen: Occupation | null = null;
  #focusStep2 = false;

  constructor() {
    super(SORTS);
  }

  /**
   * O*NET-SOC code of the user's occupation (attribute `occupation`; '' when none).
   * @attr occupation
   */
  get occupation(): string {
    return this.getAttribute('occupation')?.trim() ?? '';
  }
  set occupation(code: string) {
    this.setAttr('occupation', code);
  }

  /**
   * Selected DWA ids (attribute `activities`, comma-separated). Without the attribute every activity
   * of the occupation is selected; set null to go back to that.
   * @attr {string} activities
   */
  get activities(): string[] {
    const value = this.getAttribute('activities');
    return value === null ? this.#activities.map((a) => a.id) : list(value);
  }
  set activities(ids: readonly string[] | null) {
    this.setAttr('activities', ids, false, true);
  }

  protected body(): Child {
    this.#input = h('input', {
      id: 'search',
      type: 'text',
      role: 'combobox',
      part: 'input',
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
    this.#checks = h('ul', { class: 'checks' });
    const all = (on: boolean) => () => this.#changeActivities(on ? this.#activities.map((a) => a.id) : []);
    return [
      h(
        'div',
        { part: 'search' },
        h('label', { for: 'search', class: 'step-title' }, '1. Find your occupation'),
        h('div', { class: 'combo' }, this.#input, this.#listbox),
        h('p', { id: 'search-hint', class: 'hint' }, 'Type a job title or O*NET-SOC code, then choose with the arrow keys and Enter.'),
        (this.#searchStatus = h('p', { role: 'status', 'aria-live': 'polite', class: 'hint', part: 'search-status' })),
      ),
      (this.#step2 = h(
        'fieldset',
        { part: 'activities', tabindex: -1, hidden: true },
        (this.#legend = h('legend')),
        (this.#actions = h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', part: 'select-all', onclick: all(true) }, 'Select all'),
          h('button', { type: 'button', part: 'clear', onclick: all(false) }, 'Clear'),
        )),
        this.#checks,
      )),
    ];
  }

  protected async ready(): Promise<void> {
    this.#occupation = null;
    this.#activities = [];
  }

  // Step 1: the combobox.

  #typed(): void {
    clearTimeout(this.#timer);
    const keyword = this.#input.value;
    if (!/[\p{L}\p{N}].*[\p{L}\p{N}]/u.test(keyword)) {
      this.cancel('suggest');
      this.#showSuggestions([]);
      this.#searchStatus.textContent = '';
      return;
    }
    const ms = this.debounce;
    this.#timer = setTimeout(() => void this.#suggest(keyword), typeof ms === 'number' && ms >= 0 && ms <= MAX_TIMEOUT_MS ? ms : 200);
  }

  async #suggest(keyword: string): Promise<void> {
    const query = { keyword, end: SUGGESTIONS };
    const found = await this.request('suggest', (e) => e.searchOccupations(query));
    if (!found || this.#input.value !== keyword) return;
    this.clearError();
    this.#showSuggestions(found.occupation);
    const n = found.total;
    this.#searchStatus.textContent = n ? `${n} occupation${n === 1 ? '' : 's'} found${n > found.end ? `, showing the first ${found.end}` : ''}.` : 'No occupations found.';
    emit(this, 'onet-results', { total: n, start: found.start, end: found.end, route: searchRoute(query), list: 'suggestions' });
  }

  #showSuggestions(items: readonly Occupation[]): void {
    this.#suggestions = items.map(({ code, title }) => ({ code, title }));
    replace(
      this.#listbox,
      this.#suggestions.map((o, i) =>
        h(
          'li',
          { id: `option-${i}`, role: 'option', 'aria-selected': 'false', part: 'suggestion', onclick: () => this.#choose(i) },
          o.title,
          ' ',
          h('span', { class: 'code' }, o.code),
        ),
      ),
    );
    this.#activate(-1);
    if (items.length && this.root.activeElement === this.#input) this.#open();
    else this.#close();
  }

  #open(): void {
    this.#listbox.hidden = false;
    this.#input.setAttribute('aria-expanded', 'true');
  }

  #close(): void {
    this.#listbox.hidden = true;
    this.#input.setAttribute('aria-expanded', 'false');
    this.#activate(-1);
  }

  #activate(i: number): void {
    this.#active = i;
    for (const [k, li] of [...this.#listbox.children].entries()) li.setAttribute('aria-selected', String(k === i));
    const li = this.#listbox.children[i];
    if (li) {
      this.#input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView?.({ block: 'nearest' });
    } else this.#input.removeAttribute('aria-activedescendant');
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
      this.cancel('suggest');
      if (open) {
        e.preventDefault();
        this.#close();
      } else if (this.#input.value) {
        e.preventDefault();
        this.#input.value = '';
        this.#showSuggestions([]);
      }
    }
  }

  #choose(i: number): void {
    const o = this.#suggestions[i];
    if (!o) return;
    clearTimeout(this.#timer);
    this.cancel('suggest');
    this.#close();
    this.#input.value = o.title;
    this.#chosen = o;
    this.#focusStep2 = true;
    if (o.code === this.occupation) {
      this.#occupation = null; // reload and move on to step 2 again
      this.invalidate();
    }
    this.removeAttribute('activities');
    this.occupation = o.code;
  }

  // Step 2: activities.

  #changeActivities(ids: readonly string[]): void {
    this.activities = ids;
    emit(this, 'onet-select', { kind: 'activities', occupation: this.#occupation && { ...this.#occupation }, activities: [...ids] });
  }

  #renderActivities(): void {
    this.#boxes = this.#activities.map((a, i) => h('input', { type: 'checkbox', id: `activity-${i}`, value: a.id, onchange: () => this.#changeActivities(this.#boxes.filter((b) => b.checked).map((b) => b.value)) }));
    const none = this.#activities.length === 0;
    replace(
      this.#checks,
      none && h('li', { class: 'hint' }, 'O*NET lists no detailed work activities for this occupation. Choose another one.'),
      this.#activities.map((a, i) => h('li', { part: 'activity' }, this.#boxes[i], h('label', { for: `activity-${i}` }, a.title))),
    );
    this.#actions.hidden = none;
    this.#legend.textContent = `2. Choose the activities you do as ${this.#occupation!.title}`;
  }

  // Step 3: results.

  protected override failed(key: string): void {
    super.failed(key);
    if (key === 'activities') {
      this.#focusStep2 = false;
      this.#occupation = null;
      this.#step2.hidden = this.list.parentElement!.hidden = true;
    }
  }

  protected async update(): Promise<void> {
    const code = this.occupation;
    const output = this.list.parentElement!;
    if (!code) {
      for (const key of ['activities', 'results']) this.cancel(key);
      this.#occupation = null;
      this.#step2.hidden = output.hidden = true;
      return;
    }
    if (this.#occupation?.code !== code) {
      const chosen = this.#chosen?.code === code ? this.#chosen : null;
      const loaded = await this.request('activities', (e) =>
        Promise.all([
          e.occupationActivities(code),
          chosen ?? e.searchOccupations({ keyword: code, end: 1 }).then((r) => r.occupation.find((o) => o.code === code) ?? { code, title: code }),
        ]),
      );
      if (!loaded) return;
      this.clearError();
      this.#activities = loaded[0];
      this.#occupation = { code, title: loaded[1].title };
      if (this.root.activeElement !== this.#input) this.#input.value = this.#occupation.title;
      this.#renderActivities();
      this.#step2.hidden = false;
      if (this.#focusStep2) {
        this.#focusStep2 = false;
        this.#step2.focus();
        emit(this, 'onet-select', { kind: 'occupation', occupation: this.#occupation, activities: this.activities });
      }
    }
    const known = new Set(this.#activities.map((a) => a.id));
    const ids = this.activities.filter((id) => known.has(id));
    for (const b of this.#boxes) b.checked = ids.includes(b.value);
    output.hidden = false;
    if (ids.length === 0) {
      this.cancel('results');
      this.noResults(this.#activities.length ? 'Select at least one activity to see related occupations.' : '');
      return;
    }
    const query: RelatedActivitiesQuery = { code, activities: ids, sort: this.sort, start: this.start, end: this.start + this.pageSize - 1 };
    const page = await this.request('results', (e) => e.relatedActivities(query));
    if (page) this.showPage(page, relatedActivitiesRoute(query), page.occupation.map((o) => this.#result(o)));
  }

  #result(o: Result): HTMLLIElement {
    const { shared, similar, full } = o.activities;
    const titles = (items: ActivityList) => h('ul', null, items.map((a) => h('li', null, a.title)));
    return h(
      'li',
      { part: 'result', class: 'result' },
      this.occupationHead(o),
      h('p', { class: 'meta', part: 'counts' }, `${shared.length} shared, ${similar.length} similar of ${full.length} activities`),
      shared.length > 0 && [h('p', { class: 'k' }, 'Shared activities'), titles(shared)],
      similar.length > 0 && [h('p', { class: 'k' }, 'Similar activities'), titles(similar)],
      h('details', { part: 'all-activities' }, h('summary', null, `All ${full.length} activities of ${o.title}`), titles(full)),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onet-related-activities': OnetRelatedActivitiesElement;
  }
}
