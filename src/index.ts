/**
 * onet-match — in-browser O*NET matching engine. Main-thread entry point: the promise API, the
 * typed errors and the route builders. The web components are in `onet-match/elements` (classes)
 * and `onet-match/define` (registration).
 */
export { openEngine, type OnetEngine, type OpenEngineOptions, type Progress, type LoadSummary, type EngineSummary } from './api/client.js';
// The response type of each route (what the typed methods of OnetEngine resolve to).
export type {
  SoftSkillList,
  SoftSkillResults,
  OccupationSearchResults,
  ActivityList,
  RelatedActivitiesResults,
  ActivityResolution,
  OccupationListResponse,
  OccupationSummary,
  SourceSchema,
  StemTypesResponse,
  StemTypeItem,
  StemType,
  StemOccupationsResponse,
  StemOccupationItem,
  OccupationDetailsResponse,
  OccupationDetail,
  ElementData,
  NotAvailablePart,
  ExampleCategory,
  CareerChangerResults,
  RateableSkill,
  InterestResults,
} from './engine/routes.js';
export * from './api/routes.js';
export * from './api/career-routes.js';
export { OnetError, ErrorCodes, isOnetError, type ErrorCode, type OnetErrorBody, type FieldError } from './errors.js';
