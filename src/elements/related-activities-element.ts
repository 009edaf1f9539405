/**
 * `<onet-related-activities>`: (1) find your occupation (combobox with suggestions), (2) pick the
 * work activities you do, (3) see occupations that share them or have similar ones. Usage and API:
 * docs/components.md.
 */
import type { ActivityList, RelatedActivitiesResults } from '../engine/routes.js';
import { relatedActivitiesRoute, type RelatedActivitiesQuery } from '../api/routes.js';
import { OnetBaseElement } from './base.js';
import { OccupationSearch, type OccupationChoice } from './occupation-search.js';
import { h, isolate, replace, type Child } from './dom.js';
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

type Result = RelatedActivitiesResults['occupation'][number];
type Occupation = OccupationChoice;

/** Most ids resolved in one request (the engine's limit for `/online/related_activities/resolve`). */
const MAX_RESOLVED = 500;

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
  #search!: OccupationSearch;
  #step2!: HTMLFieldSetElement;
  #legend!: HTMLLegendElement;
  #checks!: HTMLUListElement;
  #actions!: HTMLElement;
  #boxes: HTMLInputElement[] = [];
  /** The occupation whose activities are shown, and its activities. */
  #occupation: Occupation | null = null;
  #activities: ActivityList = [];
  /** The occupation the user chose (title known), and whether to move focus once it is loaded. */
  #chosen: Occupation | null = null;
  #focusStep2 = false;
  /** Other-layout (or unknown) DWA ids of the attribute → the snapshot's own id, or null: answers of `resolveActivities`, per engine. */
  #resolved = new Map<string, string | null>();

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
   * of the occupation is selected; set null to go back to that. Ids of the other O*NET layout
   * select their activity when the snapshot was built with `--pair-with`; the attribute keeps them
   * as given until the user changes the selection (then it holds the snapshot's own ids).
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
    this.#search = new OccupationSearch({
      root: this.root,
      label: '1. Find your occupation',
      debounce: () => this.debounce,
      search: (query) => this.request('suggest', (e) => e.searchOccupations(query), { detached: true }).then((found) => (found && this.clearError(), found)),
      cancel: () => void this.cancel('suggest'),
      shown: (found, route) => emit(this, 'onet-results', { total: found.total, start: found.start, end: found.end, route, list: 'suggestions' }),
      choose: (o) => this.#choose(o),
    });
    this.#checks = h('ul', { class: 'checks' });
    const all = (on: boolean) => () => this.#changeActivities(on ? this.#activities.map((a) => a.id) : []);
    return [
      this.#search.element,
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
    this.#resolved.clear();
  }

  #choose(o: Occupation): void {
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
    this.#boxes = this.#activities.map((a, i) =>
      h('input', { type: 'checkbox', id: `activity-${i}`, value: a.id, onchange: () => this.#changeActivities(this.#boxes.filter((b) => b.checked).map((b) => b.value)) }),
    );
    const none = this.#activities.length === 0;
    replace(
      this.#checks,
      none && h('li', { class: 'hint' }, 'O*NET lists no detailed work activities for this occupation. Choose another one.'),
      this.#activities.map((a, i) => h('li', { part: 'activity' }, this.#boxes[i], h('label', { for: `activity-${i}`, dir: 'auto' }, a.title))),
    );
    this.#actions.hidden = none;
    replace(this.#legend, '2. Choose the activities you do as ', isolate(this.#occupation!.title));
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
      if (this.root.activeElement !== this.#search.input) this.#search.input.value = this.#occupation.title;
      this.#renderActivities();
      this.#step2.hidden = false;
      if (this.#focusStep2) {
        this.#focusStep2 = false;
        this.#step2.focus();
        emit(this, 'onet-select', { kind: 'occupation', occupation: this.#occupation, activities: this.activities });
      }
    }
    const ids = await this.#selected();
    if (!ids) return;
    for (const b of this.#boxes) b.checked = ids.includes(b.value);
    output.hidden = false;
    if (ids.length === 0) {
      this.cancel('results');
      this.noResults(this.#activities.length ? 'Select at least one activity to see related occupations.' : '');
      return;
    }
    const query: RelatedActivitiesQuery = { code, activities: ids, sort: this.sort, start: this.start, end: this.start + this.pageSize - 1 };
    const page = await this.request('results', (e) => e.relatedActivities(query));
    if (page)
      this.showPage(
        page,
        relatedActivitiesRoute(query),
        page.occupation.map((o) => this.#result(o)),
      );
  }

  /**
   * The selection as the snapshot's own ids of the occupation's activities, in attribute order
   * without repeats: an id of the other layout counts as the activity it names (asked of the
   * engine once per id), ids that are not the occupation's activities are ignored. Undefined when
   * the answer is out of date or failed.
   */
  async #selected(): Promise<string[] | undefined> {
    const known = new Set(this.#activities.map((a) => a.id));
    const given = this.activities;
    // Only what could be a DWA id of some release is asked about, at most one request's worth: other
    // text can name no activity, and is ignored like any id that is not the occupation's.
    const ask = [...new Set(given.filter((id) => !known.has(id) && !this.#resolved.has(id) && /^[0-9A-Za-z.]{1,64}$/.test(id)))].slice(0, MAX_RESOLVED);
    if (ask.length > 0) {
      const answer = await this.request('resolve', (e) => e.resolveActivities({ activities: ask }));
      if (!answer) return undefined;
      for (const a of answer.activities) this.#resolved.set(a.given, a.id);
    }
    const ids = new Set<string>();
    for (const id of given) {
      const own = known.has(id) ? id : this.#resolved.get(id);
      if (own && known.has(own)) ids.add(own);
    }
    return [...ids];
  }

  #result(o: Result): HTMLLIElement {
    const { shared, similar, full } = o.activities;
    const titles = (items: ActivityList) =>
      h(
        'ul',
        null,
        items.map((a) => h('li', null, isolate(a.title))),
      );
    return h(
      'li',
      { part: 'result', class: 'result' },
      this.occupationHead(o),
      h('p', { class: 'meta', part: 'counts' }, `${shared.length} shared, ${similar.length} similar of ${full.length} activities`),
      shared.length > 0 && [h('p', { class: 'k' }, 'Shared activities'), titles(shared)],
      similar.length > 0 && [h('p', { class: 'k' }, 'Similar activities'), titles(similar)],
      h('details', { part: 'all-activities' }, h('summary', null, `All ${full.length} activities of `, isolate(o.title)), titles(full)),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onet-related-activities': OnetRelatedActivitiesElement;
  }
}
