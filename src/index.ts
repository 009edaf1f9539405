/**
 * onet-match — in-browser O*NET matching engine. Main-thread entry point: the promise API, the
 * typed errors and the route builders. The web components are in `onet-match/elements` (classes)
 * and `onet-match/define` (registration).
 */
export { openEngine, type OnetEngine, type OpenEngineOptions, type Progress, type LoadSummary } from './api/client.js';
export type { SoftSkillList, SoftSkillResults, OccupationSearchResults, ActivityList, RelatedActivitiesResults } from './api/client.js';
export type { InterestResults, CareerChangerResults, RateableSkill } from './api/client.js';
export * from './api/routes.js';
export * from './api/career-routes.js';
export { OnetError, ErrorCodes, isOnetError, type ErrorCode, type OnetErrorBody, type FieldError } from './errors.js';
