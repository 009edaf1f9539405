/**
 * Events of the components. All are `CustomEvent`s that bubble and are composed (they leave the
 * shadow root), with a typed `detail`.
 */
import type { EngineSummary, Progress } from '../api/client.js';
import type { ErrorCode } from '../errors.js';

/** `onet-ready`: the engine is open (installed or warm-loaded, or injected). */
export interface OnetReadyDetail {
  readonly summary: EngineSummary;
}

/**
 * `onet-release-change`: the engine the component now uses serves another O*NET release than
 * before — than the component's previous engine (a host that set `engine` to one opened on a new
 * release), or, for its first engine, than the release that engine's load replaced (a page opened
 * after the manifest moved to a new release, installed atomically: the previous release answered
 * until the new one was complete). Dispatched after `onet-ready`, once per engine; the component
 * keeps its selections (attributes and properties) and renders them from the new release. Show the
 * user that the data changed, or reset selections that no longer apply.
 */
export interface OnetReleaseChangeDetail {
  /** The release now served (`summary.release`). */
  readonly release: string;
  /** The release served before: the previous engine's, or `summary.previousRelease`. */
  readonly previousRelease: string;
}

/** `onet-progress`: install / load progress of the snapshot (bytes while downloading). */
export type OnetProgressDetail = Progress;

/** `onet-results`: a list was rendered. */
export interface OnetResultsDetail {
  /** Number of results in the whole list. */
  readonly total: number;
  /** First shown result (1-based). */
  readonly start: number;
  /** Last shown result (0 when the list is empty). */
  readonly end: number;
  /** Local engine route that produced the page (`engine.get(route)` gives the same response). */
  readonly route: string;
  /** 'results' for ranked occupations; 'suggestions' for the occupation search (`<onet-related-activities>`, `<onet-career-explorer>`). */
  readonly list: 'results' | 'suggestions';
}

/** `onet-select` of `<onet-soft-skills>`: a skill was toggled. */
export interface SoftSkillsSelectDetail {
  readonly kind: 'skills';
  /** The selected skill codes, in display order. */
  readonly skills: readonly string[];
  /** The skill toggled. */
  readonly code: string;
  readonly selected: boolean;
}

/** `onet-select` of `<onet-related-activities>`: an occupation was chosen or the activities changed. */
export interface RelatedActivitiesSelectDetail {
  readonly kind: 'occupation' | 'activities';
  /** The chosen occupation (null before one is chosen). */
  readonly occupation: { readonly code: string; readonly title: string } | null;
  /** Selected DWA ids. */
  readonly activities: readonly string[];
}

/** `onet-select` of `<onet-career-explorer>`: the occupation, the interests, the mode or a filter changed. */
export interface CareerExplorerSelectDetail {
  readonly kind: 'occupation' | 'interests' | 'mode' | 'filters';
  readonly mode: 'occupation' | 'interests';
  /** The chosen occupation (title '' when it was set by attribute), or null. */
  readonly occupation: { readonly code: string; readonly title: string } | null;
  /** The `interests` attribute: a high-point code or six comma-separated scores. */
  readonly interests: string;
  readonly jobZone: string;
  readonly brightOutlook: boolean;
}

/** `onet-select`. */
export type OnetSelectDetail = SoftSkillsSelectDetail | RelatedActivitiesSelectDetail | CareerExplorerSelectDetail;

/** `onet-error`: opening the engine or a request failed (also shown in the component's alert). */
export interface OnetErrorDetail {
  readonly code: ErrorCode;
  readonly message: string;
  /** The offending request field or attribute, or null. */
  readonly field: string | null;
}

/** Event name → detail. */
export interface OnetEventDetails {
  'onet-ready': OnetReadyDetail;
  'onet-release-change': OnetReleaseChangeDetail;
  'onet-progress': OnetProgressDetail;
  'onet-results': OnetResultsDetail;
  'onet-select': OnetSelectDetail;
  'onet-error': OnetErrorDetail;
}

/** Dispatches a bubbling, composed CustomEvent. */
export function emit<K extends keyof OnetEventDetails>(target: EventTarget, type: K, detail: OnetEventDetails[K]): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'onet-ready': CustomEvent<OnetReadyDetail>;
    'onet-release-change': CustomEvent<OnetReleaseChangeDetail>;
    'onet-progress': CustomEvent<OnetProgressDetail>;
    'onet-results': CustomEvent<OnetResultsDetail>;
    'onet-select': CustomEvent<OnetSelectDetail>;
    'onet-error': CustomEvent<OnetErrorDetail>;
  }
}
