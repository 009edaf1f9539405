/**
 * `<onet-career-explorer>`: start from your occupation (careers like mine, with shared strengths
 * and what to learn) or from your interests (careers that fit them), filtered by job zone and
 * Bright Outlook. Usage and API: docs/components.md.
 */
import type { CareerChangerResults, InterestResults } from '../engine/routes.js';
import { careerChangersRoute, interestRoute, type CareerChangersQuery, type InterestQuery } from '../api/career-routes.js';
import { OnetBaseElement } from './base.js';
import { h, type Child } from './dom.js';
import { emit } from './events.js';
import { OccupationSearch, type OccupationChoice } from './occupation-search.js';

/** Sorts of `<onet-career-explorer>` (`similarity` orders by fit in interests mode). */
export type CareerExplorerSort = NonNullable<CareerChangersQuery['sort']>;
/** Where the exploration starts. */
export type CareerExplorerMode = 'occupation' | 'interests';

const SORTS: readonly (readonly [CareerExplorerSort, string])[] = [
  ['similarity', 'Best match'],
  ['zone', 'Job zone'],
  ['title', 'Title'],
  ['code', 'O*NET-SOC code'],
];

/** The six RIASEC areas in O*NET's order: route parameter and label. */
const AREAS = [
  ['realistic', 'Realistic'],
  ['investigative', 'Investigative'],
  ['artistic', 'Artistic'],
  ['social', 'Social'],
  ['enterprising', 'Enterprising'],
  ['conventional', 'Conventional'],
] as const;

const ZONES: readonly (readonly [string, string])[] = [
  ['', 'Any job zone'],
  ['1', 'Job zone 1 only'],
  ['2', 'Job zone 2 only'],
  ['3', 'Job zone 3 only'],
  ['4', 'Job zone 4 only'],
  ['5', 'Job zone 5 only'],
  ['1-2', 'Up to job zone 2'],
  ['1-3', 'Up to job zone 3'],
  ['1-4', 'Up to job zone 4'],
];

const NOT_OFFICIAL = 'This ranking compares your six scores with each occupation’s O*NET interest profile. It is not the official O*NET Interest Profiler scoring.';

type CareerResult = CareerChangerResults['occupation'][number];
type InterestResult = InterestResults['occupation'][number];

/**
 * The `<onet-career-explorer>` element class (registered by `onet-match/define`).
 *
 * @tag onet-career-explorer
 * @summary Careers like mine (with strengths and what to learn) or careers that fit my interests.
 *
 *
 * @fires {CustomEvent<OnetReadyDetail>} onet-ready - The engine is open.
 * @fires {CustomEvent<OnetProgressDetail>} onet-progress - Snapshot install / load progress.
 * @fires {CustomEvent<OnetResultsDetail>} onet-results - A list was rendered (`list`: `results` or `suggestions`).
 * @fires {CustomEvent<CareerExplorerSelectDetail>} onet-select - The occupation, the interests or a filter changed.
 * @fires {CustomEvent<OnetErrorDetail>} onet-error - Opening the engine or a request failed (also shown in the alert).
 *
 * @csspart container - The whole component.
 * @csspart progress - Install progress (label, bar, bytes).
 * @csspart error - The error alert.
 * @csspart mode - The "Start from" choice.
 * @csspart search - The occupation search (label, combobox, hint, status).
 * @csspart input - The occupation search input.
 * @csspart suggestions - The suggestion listbox.
 * @csspart suggestion - One suggestion.
 * @csspart search-status - The search's live status.
 * @csspart interests - The six interest scores.
 * @csspart note - The "not the official Interest Profiler scoring" note.
 * @csspart filters - Job zone and Bright Outlook filters.
 * @csspart output - Toolbar, status, results and pager.
 * @csspart toolbar - The sort control's row.
 * @csspart sort - The sort select.
 * @csspart status - The result count (live region).
 * @csspart results - The result list.
 * @csspart result - One occupation.
 * @csspart title - Its title.
 * @csspart code - Its O*NET-SOC code.
 * @csspart badge - The Bright Outlook badge.
 * @csspart zone - Its job zone.
 * @csspart score - Similarity or fit, with a meter.
 * @csspart strengths - Shared strengths (occupation mode).
 * @csspart to-learn - What to learn (occupation mode).
 * @csspart matching - Matching interests (interests mode).
 * @csspart pager - Previous / next and the range.
 * @csspart prev - The previous-page button.
 * @csspart next - The next-page button.
 * @csspart range - "1–20 of 878".
 * @csspart attribution - The O*NET attribution.
 * @csspart error-code - The error code inside the alert.
 *
 * @cssproperty --onet-accent - Accent colour (links, buttons, focus).
 * @cssproperty --onet-text - Text colour.
 * @cssproperty --onet-surface - Background colour.
 * @cssproperty --onet-muted - Secondary text colour.
 * @cssproperty --onet-border - Border colour.
 * @cssproperty --onet-radius - Corner radius.
 * @cssproperty --onet-gap - Spacing.
 * @cssproperty --onet-font - Font family.
 * @cssproperty --onet-font-size - Base font size.
 * @cssproperty --onet-focus - Focus ring colour.
 * @cssproperty --onet-badge - Bright Outlook badge background.
 * @cssproperty --onet-badge-text - Bright Outlook badge text colour.
 * @cssproperty --onet-error - Error colour.
 */
export class OnetCareerExplorerElement extends OnetBaseElement<CareerExplorerSort> {
  static override observedAttributes = [...OnetBaseElement.observedAttributes, 'mode', 'occupation', 'interests', 'job-zone', 'bright-outlook'];
  static override readonly defaultTag = 'onet-career-explorer';

  /** Delay in ms between the last keystroke and the occupation search (default 200). */
  debounce = 200;

  protected readonly listLabel = 'Careers';
  #search!: OccupationSearch;
  #radios: HTMLInputElement[] = [];
  #occupationPanel!: HTMLElement;
  #interestPanel!: HTMLFieldSetElement;
  #scores: HTMLInputElement[] = [];
  #zone!: HTMLSelectElement;
  #bright!: HTMLInputElement;
  /** The occupation the user chose (its title is known). */
  #chosen: OccupationChoice | null = null;

  constructor() {
    super(SORTS);
  }

  /**
   * Where the exploration starts: `occupation` (default) or `interests` (attribute `mode`; other values read as `occupation`).
   * @attr mode
   */
  get mode(): CareerExplorerMode {
    return this.getAttribute('mode') === 'interests' ? 'interests' : 'occupation';
  }
  set mode(value: CareerExplorerMode) {
    this.setAttr('mode', value);
  }

  /**
   * O*NET-SOC code of the person's occupation (attribute `occupation`; '' when none).
   * @attr occupation
   */
  get occupation(): string {
    return this.getAttribute('occupation')?.trim() ?? '';
  }
  set occupation(code: string) {
    this.setAttr('occupation', code);
  }

  /**
   * A high-point code (`SIA`) or six comma-separated scores 1–7 in RIASEC order (attribute `interests`; '' when none).
   * @attr interests
   */
  get interests(): string {
    return this.getAttribute('interests')?.trim() ?? '';
  }
  set interests(value: string) {
    this.setAttr('interests', value);
  }

  /**
   * Job-zone filter: `3` or `1-3` (attribute `job-zone`; '' for any).
   * @attr job-zone
   */
  get jobZone(): string {
    return this.getAttribute('job-zone')?.trim() ?? '';
  }
  set jobZone(value: string) {
    this.setAttr('job-zone', value, true);
  }

  /**
   * Only Bright Outlook occupations (boolean attribute `bright-outlook`).
   * @attr bright-outlook
   */
  get brightOutlook(): boolean {
    return this.hasAttribute('bright-outlook');
  }
  set brightOutlook(value: boolean) {
    if (typeof value !== 'boolean') this.invalid('bright-outlook', value);
    else this.toggleAttribute('bright-outlook', value);
  }

  protected body(): Child {
    this.#search = new OccupationSearch({
      root: this.root,
      label: 'Find your occupation',
      debounce: () => this.debounce,
      search: (query) => this.request('suggest', (e) => e.searchOccupations(query)),
      cancel: () => void this.cancel('suggest'),
      shown: (found, route) => emit(this, 'onet-results', { total: found.total, start: found.start, end: found.end, route, list: 'suggestions' }),
      choose: (o) => {
        this.#chosen = o;
        this.occupation = o.code;
        this.#selected('occupation');
      },
    });
    const radio = (value: CareerExplorerMode, label: string) => {
      const input = h('input', { type: 'radio', name: 'mode', id: `mode-${value}`, value, onchange: () => ((this.mode = value), this.#selected('mode')) });
      this.#radios.push(input);
      return h('label', { for: `mode-${value}`, class: 'choice' }, input, ' ', label);
    };
    this.#scores = AREAS.map(([param]) => h('input', { type: 'number', id: `score-${param}`, min: 1, max: 7, step: 0.5, inputmode: 'decimal', onchange: () => this.#scored() }));
    this.#zone = h(
      'select',
      { id: 'job-zone', onchange: () => ((this.jobZone = this.#zone.value), this.#selected('filters')) },
      ZONES.map(([value, label]) => h('option', { value }, label)),
    );
    this.#bright = h('input', { type: 'checkbox', id: 'bright', onchange: () => ((this.brightOutlook = this.#bright.checked), this.#selected('filters')) });
    return [
      h('fieldset', { part: 'mode', class: 'actions' }, h('legend', null, 'Start from'), radio('occupation', 'My occupation'), radio('interests', 'My interests')),
      (this.#occupationPanel = h('div', null, this.#search.element)),
      (this.#interestPanel = h(
        'fieldset',
        { part: 'interests', hidden: true },
        h('legend', null, 'Rate your interest in each kind of work, from 1 (not at all) to 7 (very much)'),
        h(
          'div',
          { class: 'scores' },
          AREAS.map(([param, label], i) => h('label', { for: `score-${param}`, class: 'score' }, label, this.#scores[i])),
        ),
        h('p', { class: 'hint', part: 'note' }, NOT_OFFICIAL),
      )),
      h(
        'div',
        { part: 'filters', class: 'actions' },
        h('label', { for: 'job-zone' }, 'Preparation'),
        this.#zone,
        h('label', { for: 'bright', class: 'choice' }, this.#bright, ' Bright Outlook only'),
      ),
    ];
  }

  protected async ready(): Promise<void> {}

  /** The six inputs changed: all six given → the `interests` attribute. */
  #scored(): void {
    const values = this.#scores.map((s) => s.value.trim());
    if (values.every((v) => v !== '')) {
      this.interests = values.join(',');
      this.#selected('interests');
    }
  }

  #selected(kind: 'occupation' | 'interests' | 'mode' | 'filters'): void {
    emit(this, 'onet-select', {
      kind,
      mode: this.mode,
      occupation: this.#chosen && this.#chosen.code === this.occupation ? { ...this.#chosen } : this.occupation ? { code: this.occupation, title: '' } : null,
      interests: this.interests,
      jobZone: this.jobZone,
      brightOutlook: this.brightOutlook,
    });
  }

  /** The interests query of the `interests` attribute (a code, or six scores). */
  #interestQuery(): InterestQuery {
    const value = this.interests;
    const sort = this.sort;
    const filters = { ...this.#filters(), sort: sort === 'similarity' ? ('fit' as const) : sort };
    if (!value.includes(',')) return { code: value, ...filters };
    const scores = value.split(',').map((s) => s.trim());
    const query: Record<string, unknown> = { ...filters };
    // Six numbers, passed as given: the engine reports a bad or missing one with its field.
    AREAS.forEach(([param], i) => {
      if (scores[i] !== undefined && scores[i] !== '') query[param] = scores[i];
    });
    return query as InterestQuery;
  }

  #filters(): { jobZone?: string; brightOutlook?: boolean; start: number; end: number } {
    return { ...(this.jobZone ? { jobZone: this.jobZone } : {}), ...(this.brightOutlook ? { brightOutlook: true } : {}), start: this.start, end: this.start + this.pageSize - 1 };
  }

  protected async update(): Promise<void> {
    const mode = this.mode;
    for (const r of this.#radios) r.checked = r.value === mode;
    this.#occupationPanel.hidden = mode !== 'occupation';
    this.#interestPanel.hidden = mode !== 'interests';
    this.#zone.value = ZONES.some(([v]) => v === this.jobZone) ? this.jobZone : '';
    this.#bright.checked = this.brightOutlook;
    if (mode === 'occupation') {
      const code = this.occupation;
      if (!code) {
        this.cancel('results');
        this.noResults('Choose your occupation to see careers like it.');
        return;
      }
      const query: CareerChangersQuery = { code, ...this.#filters(), sort: this.sort };
      const page = await this.request('results', (e) => e.careerChangers(query));
      if (!page) return;
      if (this.#chosen?.code !== code && this.root.activeElement !== this.#search.input) this.#search.input.value = code;
      this.showPage(
        page,
        careerChangersRoute(query),
        page.occupation.map((o) => this.#career(o)),
      );
      return;
    }
    const value = this.interests;
    const scores = value.includes(',') ? value.split(',') : [];
    this.#scores.forEach((input, i) => {
      if (this.root.activeElement !== input) input.value = scores[i]?.trim() ?? '';
    });
    if (!value) {
      this.cancel('results');
      this.noResults('Rate all six kinds of work (or set a high-point code) to see careers that fit.');
      return;
    }
    const q = this.#interestQuery();
    const page = await this.request('results', (e) => e.interestResults(q));
    if (page)
      this.showPage(
        page,
        interestRoute(q),
        page.occupation.map((o) => this.#fit(o)),
      );
  }

  /** Score line with a meter (0–100). */
  #score(label: string, value: number, text: string): HTMLElement {
    return h('p', { class: 'coverage', part: 'score' }, h('span', null, text), h('meter', { min: 0, max: 100, value, 'aria-label': label }));
  }

  #career(o: CareerResult): HTMLLIElement {
    const { skills, knowledge, shared_activities } = o.strengths;
    const strengths = [...skills, ...knowledge];
    const levels = (e: CareerResult['to_learn'][number]) => `${e.title}: level ${e.current_level} → ${e.required_level} (importance ${e.importance})`;
    return h(
      'li',
      { part: 'result', class: 'result' },
      this.occupationHead(o),
      this.#score(`Similarity to your occupation, out of 100`, o.similarity, `Similarity ${o.similarity} of 100`),
      h(
        'div',
        { part: 'strengths' },
        h('p', { class: 'k' }, 'Why: strengths you share'),
        strengths.length
          ? h(
              'ul',
              null,
              strengths.map((e) => h('li', null, `${e.title} (level ${e.current_level}, needed ${e.required_level})`)),
            )
          : h('p', { class: 'hint' }, 'No important skill or knowledge in common.'),
        shared_activities !== undefined && h('p', { class: 'meta' }, `${shared_activities} shared work ${shared_activities === 1 ? 'activity' : 'activities'}`),
      ),
      h(
        'div',
        { part: 'to-learn' },
        h('p', { class: 'k' }, 'What to learn'),
        o.to_learn.length
          ? h(
              'ul',
              null,
              o.to_learn.map((e) => h('li', null, levels(e))),
            )
          : h('p', { class: 'hint' }, 'No skill or knowledge needed a full level higher.'),
      ),
    );
  }

  #fit(o: InterestResult): HTMLLIElement {
    return h(
      'li',
      { part: 'result', class: 'result' },
      this.occupationHead(o),
      this.#score('Fit to your interests, out of 100', o.fit, `Fit: ${o.fit_label} (${o.fit} of 100)`),
      h(
        'p',
        { class: 'meta', part: 'matching' },
        o.high_point ? `Interest code ${o.high_point}. ` : '',
        o.matching_interests.length ? `Matches your interests: ${o.matching_interests.map((m) => m.title).join(', ')}.` : 'None of its top interests is among yours.',
      ),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onet-career-explorer': OnetCareerExplorerElement;
  }
}
