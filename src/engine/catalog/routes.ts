/**
 * Occupation catalog routes: filtered list, STEM browse, occupation details, and the types of
 * their responses. Parameters, orders and every decision: docs/catalog.md.
 */
import type { RouteDef } from '../routes.js';
import { occupationDetails, type detailsMetaData, type ElementData, type NotAvailablePart } from './details/index.js';
import { listOccupations } from './list.js';
import { listStemTypes, stemOccupations } from './stem.js';

export type { OccupationListResponse, OccupationSummary, SourceSchema } from './list.js';
export type { StemOccupationItem, StemOccupationsResponse, StemType, StemTypeItem, StemTypesResponse } from './stem.js';
export type { ElementData, NotAvailablePart };

/** Catalog routes, assembled into the engine's dispatcher. */
export const catalogRoutes: readonly RouteDef[] = [
  { path: '/v1/occupations', handler: (ix, req) => listOccupations(ix, req) },
  { path: '/online/stem_occupations', handler: (ix, req) => listStemTypes(ix, req) },
  { path: '/online/stem_occupations/*', handler: (ix, req, [type]) => stemOccupations(ix, req, type) },
  { path: '/v1/occupation/*/*', handler: (ix, req, [keyword, location]) => occupationDetails(ix, req, keyword, location) },
];

/** A category of tools or technology with its examples (by title). */
export interface ExampleCategory<E extends { Name: string }> {
  Title: string;
  Examples: E[];
}

/**
 * One occupation of `/v1/occupation/{keyword}/{location}`: the header fields always, each part
 * only when its flag is on (`tasks` → Tasks, `dwas` → DWAs, …; docs/catalog.md).
 */
export interface OccupationDetail {
  OnetTitle: string;
  OnetCode: string;
  OnetDescription: string;
  BrightOutlook: 'Bright' | '';
  /** The Bright Outlook categories, '; '-separated ('' when none). */
  BrightOutlookCategory: string;
  /** The validated `location` path parameter. */
  Location: string;
  SocInfo: { SocCode: string; SocTitle: string | null; SocDescription: string | null };
  Tasks?: { TaskDescription: string; TaskId: string; DataValue: number | null }[];
  DWAs?: { DWATitle: string; DWAId: string; DataValue: number | null; TaskId: string | null }[];
  AlternateTitles?: string[];
  InterestDataList?: ElementData[];
  /** Related occupations, code → title, in relatedness order. */
  RelatedOnetTitles?: Record<string, string>;
  SkillsDataList?: ElementData[];
  KnowledgeDataList?: ElementData[];
  AbilityDataList?: ElementData[];
  ToolsandTechOccupationDetails?: {
    OnetCode: string;
    OnetTitle: string;
    Tools: { Categories: ExampleCategory<{ Name: string }>[] };
    Technology: { CategoryList: ExampleCategory<{ Name: string; HotTechnology: boolean; InDemand: boolean }>[] };
  };
  /** The occupation's top work value, or null when it has none. */
  WorkValuesOccupationDetails?: { Workvalue: string; Characteristics: string; ElementID: string; DataValue: number } | null;
  EducationTraining?: {
    EducationType: { Category: number; EducationLevel: string; Value: number }[];
    JobZone: { Code: number; Title: string; Education: string; Experience: string; Training: string } | null;
  };
}

/** Response of `/v1/occupation/{keyword}/{location}`. */
export interface OccupationDetailsResponse {
  OccupationDetail: [OccupationDetail];
  RecordCount: 1;
  /** Requested parts this engine cannot serve, and why. */
  NotAvailable: NotAvailablePart[];
  /** Unless `enableMetaData=false`. */
  MetaData?: ReturnType<typeof detailsMetaData>;
}
