/**
 * The web components' classes, without side effects: import `onet-match/define` to register them
 * under their default names, or define them yourself. Docs: docs/components.md.
 */
export { OnetSoftSkillsElement, type SoftSkillsSort } from './soft-skills-element.js';
export { OnetRelatedActivitiesElement, type RelatedActivitiesSort } from './related-activities-element.js';
export { OnetCareerExplorerElement, type CareerExplorerSort, type CareerExplorerMode } from './career-explorer-element.js';
export { OnetBaseElement, DEFAULT_SNAPSHOT, DEFAULT_PAGE_SIZE } from './base.js';
export { sharedEngine, configureSharedEngines, closeSharedEngines, type SharedEngineOptions } from './shared-engine.js';
export type {
  OnetReadyDetail,
  OnetReleaseChangeDetail,
  OnetProgressDetail,
  OnetResultsDetail,
  OnetSelectDetail,
  SoftSkillsSelectDetail,
  RelatedActivitiesSelectDetail,
  CareerExplorerSelectDetail,
  OnetErrorDetail,
  OnetEventDetails,
} from './events.js';
