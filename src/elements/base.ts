/**
 * What the components share: the engine (shared per snapshot URL, or injected), the install
 * progress bar, the error alert, the live status, the sorted and paged result list, and the
 * O*NET attribution footer.
 *
 * Over 450 lines on purpose: the engine lifecycle, request bookkeeping and result paging share
 * private (#) state of one class, and the class's JSDoc lists every inherited part and CSS
 * property for custom-elements.json.
 */
import type { OnetEngine, Progress } from '../api/client.js';
import { toOnetError, validationError } from '../errors.js';
import { typeName } from '../api/validate.js';
import { h, isolate, replace, type Child } from './dom.js';
import { emit } from './events.js';
import { sharedEngine } from './shared-engine.js';
import { adoptStyles } from './styles.js';

/** Default `snapshot` attribute: resolved against the document. */
export const DEFAULT_SNAPSHOT = 'snapshot/manifest.json';
/** Default `page-size`. */
export const DEFAULT_PAGE_SIZE = 20;

const STAGES: Record<Progress['stage'], string> = {
  manifest: 'Checking the O*NET data…',
  download: 'Downloading the O*NET data…',
  verify: 'Verifying the O*NET data…',
  decompress: 'Unpacking the O*NET data…',
  decode: 'Preparing the O*NET data…',
  index: 'Preparing the O*NET data…',
  install: 'Saving the O*NET data for offline use…',
  ready: 'Ready',
};

/** An occupation as the result lists show it. */
export interface OccupationLike {
  readonly code: string;
  readonly title: string;
  readonly tags: { readonly bright_outlook?: boolean };
  readonly job_zone?: { readonly code: number; readonly title: string } | null;
}

/** 1,234 */
const fmt = (n: number) => n.toLocaleString('en-US');
/** `one` for 1, else `many` with # replaced by the number. */
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many.replace('#', fmt(n)));

/** Shown until the snapshot's own attribution (which names its release) is known, and if it has none. */
const DEFAULT_ATTRIBUTION =
  'Incorporates information from the O*NET Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license; modified by onet-match.';

/** Methods the components call on an engine: a value without them is not accepted as `engine`. */
const ENGINE_METHODS = ['get', 'softSkills', 'softSkillResults', 'searchOccupations', 'occupationActivities', 'relatedActivities'];

/** HTMLElement, or a stand-in where there is no DOM (so importing the classes in Node or SSR does not throw). */
const Element_: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

/**
 * Base class of the components. `S` is the sort type. Subclasses build their controls in
 * {@link body}, load data in {@link ready} and render in {@link update} (called coalesced after
 * any change). The tags below document what every component inherits (custom-elements.json).
 *
 * @fires {CustomEvent<OnetProgressDetail>} onet-progress - Install / load progress of the snapshot (bytes while downloading).
 * @fires {CustomEvent<OnetReadyDetail>} onet-ready - The engine is open (installed or warm-loaded, or injected).
 * @fires {CustomEvent<OnetReleaseChangeDetail>} onet-release-change - The engine serves another O*NET release than before (`detail: { release, previousRelease }`): than the component's previous engine, or than the release its load replaced; dispatched after `onet-ready`, once per engine. The component keeps its selections and renders them from the new release.
 * @fires {CustomEvent<OnetErrorDetail>} onet-error - Opening the engine or a request failed (also shown in the component's alert).
 * @fires {CustomEvent<OnetResultsDetail>} onet-results - A list was rendered.
 *
 * @csspart container - Wrapper of everything the component renders.
 * @csspart progress - Install / load progress (label, bar and byte count), shown while the snapshot loads.
 * @csspart error - Alert with the last error (empty and hidden when there is none).
 * @csspart error-code - The error code inside the alert.
 * @csspart output - Wrapper of the toolbar, status, results and pager.
 * @csspart toolbar - Sort controls above the results.
 * @csspart sort - The sort `<select>`.
 * @csspart status - Live status line (number of matches, hints).
 * @csspart results - The result list (`<ol>`).
 * @csspart result - One result (`<li>`).
 * @csspart title - Occupation title in a result.
 * @csspart code - O*NET-SOC code in a result.
 * @csspart badge - Bright Outlook badge in a result.
 * @csspart zone - Job zone line in a result.
 * @csspart pager - Previous / next page controls.
 * @csspart prev - Previous page button.
 * @csspart next - Next page button.
 * @csspart range - Shown range ("1–20 of 57").
 * @csspart attribution - The O*NET attribution (required by the CC BY 4.0 licence: keep it visible).
 *
 * @cssprop [--onet-accent=#0b5cad] - Accent colour: links, buttons, focus ring, progress.
 * @cssprop [--onet-text=#1f2328] - Text colour.
 * @cssprop [--onet-surface=#fff] - Background colour.
 * @cssprop [--onet-muted=#59636e] - Colour of secondary text (hints, codes, meta lines).
 * @cssprop [--onet-border=#c9ced4] - Border colour.
 * @cssprop [--onet-radius=6px] - Corner radius.
 * @cssprop [--onet-gap=.75rem] - Spacing between blocks.
 * @cssprop [--onet-font-size=1rem] - Base font size.
 * @cssprop [--onet-font=system-ui,-apple-system,"Segoe UI",Roboto,sans-serif] - Font family.
 * @cssprop [--onet-focus=var(--onet-accent)] - Focus ring colour.
 * @cssprop [--onet-badge-text=#fff] - Bright Outlook badge text colour.
 * @cssprop [--onet-badge=#116329] - Bright Outlook badge background.
 * @cssprop [--onet-error=#b3261e] - Colour of the error alert.
 */
export abstract class OnetBaseElement<S extends string = string> extends Element_ {
  static observedAttributes = ['snapshot', 'page-size', 'sort'];

  /** The tag name {@link OnetBaseElement.define} registers the component class under by default. */
  static readonly defaultTag: string;

  /**
   * Registers the component class as `tag` (default: its {@link OnetBaseElement.defaultTag}), the
   * class staying separate from its registration. Guarded: a tag already defined, or a class
   * already registered, is left alone, so calling it twice (or next to `onet-match/define`, or
   * with two copies of the package) never throws.
   */
  static define(tag?: string): void {
    const ctor = this as unknown as CustomElementConstructor;
    const name = tag ?? this.defaultTag;
    // getName is missing in older browsers: there only the tag is checked.
    if (customElements.get(name) || customElements.getName?.(ctor)) return;
    customElements.define(name, ctor);
  }

  /** The open shadow root. */
  protected readonly root: ShadowRoot;
  /** First result of the current page (1-based). Reset to 1 by any change but paging. */
  protected start = 1;

  #sorts: readonly (readonly [S, string])[];
  #injected: OnetEngine | null = null;
  #engine: OnetEngine | null = null;
  #gen = 0;
  /** Number of the latest render (run of {@link update}); requests of earlier ones are stale. */
  #render = 0;
  #queued = false;
  #seqs = new Map<string, number>();
  #built = false;
  /** Opening the engine (or loading its static lists) failed: the next change tries again. */
  #openFailed = false;
  /** The engines `onet-release-change` was considered for. */
  #announced = new WeakSet<OnetEngine>();
  /** The release of the last engine this element used. */
  #release: string | null = null;
  #total = 0;
  #end = 0;

  // Shared UI (created on first connect).
  #progress!: HTMLElement;
  #progressLabel!: HTMLElement;
  #progressBar!: HTMLProgressElement;
  #alert!: HTMLElement;
  #attribution!: HTMLElement;
  protected sortSelect!: HTMLSelectElement;
  protected toolbar!: HTMLElement;
  protected status!: HTMLElement;
  protected list!: HTMLOListElement;
  protected pager!: HTMLElement;
  #prev!: HTMLButtonElement;
  #next!: HTMLButtonElement;
  #range!: HTMLElement;

  constructor(sorts: readonly (readonly [S, string])[]) {
    super();
    this.#sorts = sorts;
    this.root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.root);
  }

  /**
   * Manifest URL of the snapshot (attribute `snapshot`, default 'snapshot/manifest.json').
   * @attr snapshot
   */
  get snapshot(): string {
    return this.getAttribute('snapshot') || DEFAULT_SNAPSHOT;
  }
  set snapshot(value: string) {
    this.setAttr('snapshot', value);
  }

  /**
   * Results per page, 1–100 (attribute `page-size`, default 20).
   * @attr page-size
   */
  get pageSize(): number {
    const n = Number.parseInt(this.getAttribute('page-size') ?? '', 10);
    return n > 0 ? Math.min(n, 100) : DEFAULT_PAGE_SIZE;
  }
  set pageSize(value: number) {
    this.setAttr('page-size', value, true);
  }

  /**
   * Result order (attribute `sort`); unknown values read as the default.
   * @attr sort
   */
  get sort(): S {
    const value = this.getAttribute('sort');
    return this.#sorts.find(([s]) => s === value)?.[0] ?? this.#sorts[0]![0];
  }
  set sort(value: S) {
    this.setAttr('sort', value);
  }

  /**
   * The engine in use, or null until it is open. Set it to an already opened engine to skip the
   * shared one (SPAs, tests); set null to go back to the shared engine of `snapshot`.
   */
  get engine(): OnetEngine | null {
    return this.#engine;
  }
  set engine(value: OnetEngine | null) {
    if (value != null && !ENGINE_METHODS.every((m) => typeof (value as unknown as Record<string, unknown>)[m] === 'function')) {
      this.invalid('engine', value);
      return;
    }
    this.#injected = value ?? null;
    if (this.#built) void this.#connect();
  }

  /**
   * Property setters: a string (a number too with `numbers`; an array of strings, joined with
   * commas, with `list`) is written to the attribute, null/undefined remove it (back to the
   * default), anything else is reported by {@link invalid} and ignored.
   */
  protected setAttr(name: string, value: unknown, numbers = false, list = false): void {
    if (value == null) this.removeAttribute(name);
    else if (typeof value === 'string' || (numbers && typeof value === 'number')) this.setAttribute(name, String(value));
    else if (list && Array.isArray(value) && value.every((item) => typeof item === 'string')) this.setAttribute(name, value.join(','));
    else this.invalid(name, value);
  }

  /** A property set to a value of the wrong type: a VALIDATION_ERROR `onet-error` on `name` (shown once connected); the value is ignored. */
  protected invalid(name: string, value: unknown): void {
    this.fail(validationError(name, `"${name}" cannot be ${typeName(value)}`));
  }

  connectedCallback(): void {
    if (this.#built) return;
    this.#built = true;
    this.#progressBar = h('progress', { id: 'progress-bar', 'aria-labelledby': 'progress-label', 'aria-describedby': 'progress-text' });
    this.#progress = h(
      'div',
      { part: 'progress', class: 'progress', hidden: true },
      (this.#progressLabel = h('span', { id: 'progress-label' }, STAGES.manifest)),
      this.#progressBar,
      h('span', { id: 'progress-text', class: 'hint' }),
    );
    this.#alert = h('div', { role: 'alert', part: 'error', class: 'error' });
    this.sortSelect = h(
      'select',
      { id: 'sort', part: 'sort', onchange: () => (this.sort = this.sortSelect.value as S) },
      this.#sorts.map(([value, label]) => h('option', { value }, label)),
    );
    this.toolbar = h('div', { class: 'toolbar', part: 'toolbar', hidden: true }, h('label', { for: 'sort' }, 'Sort by'), this.sortSelect);
    this.status = h('p', { role: 'status', 'aria-live': 'polite', part: 'status', class: 'status' });
    this.list = h('ol', { part: 'results', class: 'results', tabindex: -1, 'aria-label': this.listLabel });
    this.#prev = h('button', { type: 'button', part: 'prev', onclick: () => this.#page(-1) }, 'Previous');
    this.#next = h('button', { type: 'button', part: 'next', onclick: () => this.#page(1) }, 'Next');
    this.pager = h(
      'div',
      { role: 'group', 'aria-label': 'Pages', part: 'pager', class: 'pager', hidden: true },
      this.#prev,
      (this.#range = h('span', { part: 'range' })),
      this.#next,
    );
    this.#attribution = h('span', { dir: 'auto' }, DEFAULT_ATTRIBUTION);
    this.root.append(
      h(
        'div',
        { class: 'box', part: 'container' },
        this.#progress,
        this.#alert,
        this.body(),
        h('div', { class: 'box', part: 'output' }, this.toolbar, this.status, this.list, this.pager),
        h(
          'div',
          { part: 'attribution', class: 'attribution' },
          this.#attribution,
          ' ',
          h('a', { href: 'https://www.onetcenter.org/' }, 'O*NET Resource Center'),
          ' · ',
          h('a', { href: 'https://creativecommons.org/licenses/by/4.0/', rel: 'license' }, 'CC BY 4.0 licence'),
        ),
      ),
    );
    void this.#connect();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.#built) return;
    if (name !== 'snapshot') this.start = 1;
    // A failed open (TIMEOUT, NETWORK, …) is not final: any change is the cue to try again (the
    // shared engine forgot the failure, so this really opens anew).
    if (this.#openFailed || name === 'snapshot') {
      if (this.#openFailed || !this.#injected) void this.#connect();
      return;
    }
    this.invalidate();
  }

  /** Accessible name of the result list. */
  protected abstract readonly listLabel: string;
  /** The component's own controls (between the alert and the results). */
  protected abstract body(): Child;
  /** Called once the engine is open (load static lists here), before the first {@link update}. */
  protected abstract ready(engine: OnetEngine): Promise<void>;
  /** Renders for the current attributes; called coalesced by {@link invalidate}. */
  protected abstract update(): Promise<void>;

  /**
   * Schedules {@link update} (once per microtask). Each run of update is a new render: from then on
   * the answers to requests an earlier render made are dropped (see {@link request}).
   */
  protected invalidate(): void {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (!this.#engine) return;
      this.#render++;
      void this.update();
    });
  }

  async #connect(): Promise<void> {
    const gen = ++this.#gen;
    this.#engine = null;
    this.#openFailed = false;
    this.clearError();
    await null;
    let engine = this.#injected;
    if (!engine) {
      this.#showProgress(null);
      try {
        engine = await sharedEngine(this.snapshot, (p) => {
          if (gen !== this.#gen) return;
          this.#showProgress(p);
          emit(this, 'onet-progress', p);
        });
      } catch (error) {
        if (gen === this.#gen) {
          this.#progress.hidden = true;
          this.#openFailed = true;
          this.fail(error, 'snapshot');
        }
        return;
      }
    }
    if (gen !== this.#gen) return;
    this.#progress.hidden = true;
    this.#engine = engine;
    this.#attribution.textContent = String(engine.summary?.info?.attribution || DEFAULT_ATTRIBUTION);
    emit(this, 'onet-ready', { summary: engine.summary });
    this.#announceRelease(engine);
    try {
      await this.ready(engine);
    } catch (error) {
      if (gen === this.#gen) {
        this.#openFailed = true;
        this.fail(error);
      }
      return;
    }
    if (gen === this.#gen) this.invalidate();
  }

  /**
   * `onet-release-change` when `engine` serves another release than the one before it: the release
   * of the engine this element used last, or for its first engine the release that engine's load
   * replaced (`summary.previousRelease`). Once per engine: reconnecting to the same engine (a
   * `snapshot` changed back, a failed open retried) is no change.
   */
  #announceRelease(engine: OnetEngine): void {
    if (this.#announced.has(engine)) return;
    this.#announced.add(engine);
    const release = engine.summary?.release;
    if (typeof release !== 'string') return;
    const previousRelease = this.#release ?? engine.summary.previousRelease;
    this.#release = release;
    if (typeof previousRelease !== 'string' || previousRelease === release) return;
    emit(this, 'onet-release-change', { release, previousRelease });
  }

  #showProgress(p: Progress | null): void {
    this.#progress.hidden = false;
    this.#progressLabel.textContent = STAGES[p?.stage ?? 'manifest'];
    const bar = this.#progressBar;
    const text = this.#progress.lastChild as HTMLElement;
    if (p && p.total > 0 && p.stage === 'download') {
      bar.max = p.total;
      bar.value = p.loaded;
      text.textContent = `${(p.loaded / 1e6).toFixed(1)} of ${(p.total / 1e6).toFixed(1)} MB`;
    } else {
      bar.removeAttribute('value');
      text.textContent = '';
    }
  }

  /**
   * Runs a request on the engine. Resolves undefined — the caller then stops: what it would render
   * is out of date or absent — when the engine is not open, when a newer request with the same `key`
   * started, when a newer render started (by default a request belongs to the render that made
   * it: an answer for attributes that have changed since must not be shown, whichever order the
   * answers arrive in), or on error (shown, and reported as `onet-error`).
   *
   * `detached`: the request is not part of a render (the combobox's suggestions, driven by typing)
   * and survives newer renders; it is still dropped by a newer request with the same key.
   *
   * Subclasses make their requests from {@link update}, awaiting only requests: a request made
   * after an answer that this method returned is then part of the same, still latest, render.
   */
  protected async request<T>(key: string, fn: (engine: OnetEngine) => Promise<T>, { detached = false } = {}): Promise<T | undefined> {
    const engine = this.#engine;
    if (!engine) return undefined;
    const n = this.cancel(key);
    const render = this.#render;
    const latest = () => this.#seqs.get(key) === n && engine === this.#engine && (detached || render === this.#render);
    const busy = key === 'results' ? this.list : null;
    busy?.setAttribute('aria-busy', 'true');
    try {
      const value = await fn(engine);
      return latest() ? value : undefined;
    } catch (error) {
      if (latest()) {
        this.failed(key);
        this.fail(error);
      }
      return undefined;
    } finally {
      if (this.#seqs.get(key) === n) busy?.removeAttribute('aria-busy');
    }
  }

  /** Called when the latest request with `key` failed (before the error is shown). */
  protected failed(key: string): void {
    if (key === 'results') this.noResults('');
  }

  /** Drops the answer of any pending request with `key` (and so the busy state of the results). */
  protected cancel(key: string): number {
    const n = (this.#seqs.get(key) ?? 0) + 1;
    this.#seqs.set(key, n);
    if (key === 'results') this.list?.removeAttribute('aria-busy');
    return n;
  }

  /** Shows an error in the alert and dispatches `onet-error`. */
  protected fail(error: unknown, field: string | null = null): void {
    const e = toOnetError(error);
    if (this.#alert) replace(this.#alert, 'Error ', h('code', { part: 'error-code' }, e.code), ': ', isolate(e.message));
    emit(this, 'onet-error', { code: e.code, message: e.message, field: e.field ?? field });
  }

  /** Empties the alert. */
  protected clearError(): void {
    if (this.#alert) this.#alert.replaceChildren();
  }

  /** Shows a message instead of results (empty selection). */
  protected noResults(message: string): void {
    this.list.replaceChildren();
    this.toolbar.hidden = this.pager.hidden = true;
    this.status.textContent = message;
  }

  /** Renders a page of results, announces the count and dispatches `onet-results`. */
  protected showPage(page: { start: number; end: number; total: number }, route: string, items: readonly Child[]): void {
    const { start, end, total } = page;
    this.clearError();
    this.#total = total;
    this.#end = end;
    this.sortSelect.value = this.sort;
    replace(this.list, items);
    this.toolbar.hidden = this.pager.hidden = total === 0;
    this.#range.textContent = total ? `${fmt(start)}–${fmt(end)} of ${fmt(total)}` : '';
    const hadFocus = this.root.activeElement;
    this.#prev.disabled = start <= 1;
    this.#next.disabled = end >= total;
    if (hadFocus instanceof HTMLButtonElement && hadFocus.disabled) this.list.focus();
    this.status.textContent = total
      ? `${plural(total, '1 occupation matches', '# occupations match')}.${total > end - start + 1 ? ` Showing ${fmt(start)}–${fmt(end)}.` : ''}`
      : 'No occupations match.';
    emit(this, 'onet-results', { total, start, end, route, list: 'results' });
  }

  #page(direction: 1 | -1): void {
    if (direction > 0 && this.#end >= this.#total) return;
    this.start = direction > 0 ? this.#end + 1 : Math.max(1, this.start - this.pageSize);
    this.invalidate();
  }

  /** Title, code, Bright Outlook badge and job zone of a result. */
  protected occupationHead(o: OccupationLike): Child[] {
    return [
      h(
        'p',
        { class: 'title' },
        h('strong', { part: 'title', dir: 'auto' }, o.title),
        ' ',
        h('span', { part: 'code', class: 'code', dir: 'ltr' }, o.code),
        o.tags.bright_outlook && h('span', { part: 'badge', class: 'badge' }, 'Bright Outlook'),
      ),
      h('p', { class: 'meta', part: 'zone' }, o.job_zone ? isolate(o.job_zone.title) : 'Job zone not available'),
    ];
  }
}
