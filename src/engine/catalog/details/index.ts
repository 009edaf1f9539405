/**
 * `/v1/occupation/{keyword}/{location}`: occupation details in the shape of CareerOneStop's
 * "Get Occupation Details" (occupation-details-api.txt), for every part that O*NET data covers.
 * Parts that need other agencies' data (wages, projections, videos, …) are never invented: when
 * requested, they are named in `NotAvailable`. Every decision is in docs/catalog.md.
 *
 * One module per part family: flags.ts (request flags), location.ts, keyword.ts (path segments),
 * ratings.ts (skills, knowledge, abilities, work activities, work context, interests, work values), tasks.ts (tasks, DWAs),
 * titles.ts, tools.ts, education.ts, header.ts; rows.ts holds the shared row indexes.
 */
import type { SnapshotInfo } from '../../../snapshot/schema.js';
import { str } from '../../../snapshot/schema.js';
import type { Request } from '../../request.js';
import type { EngineIndexes } from '../../routes.js';
import { BRIGHT_OUTLOOK_URL, ONET_DATABASE_URL, ParamCollector, QueryParams, booleanValue } from '../common.js';
import { educationTraining } from './education.js';
import { DETAIL_FLAGS, TRAINING_BLS_PARTS, UNAVAILABLE_FLAGS, missingPart, missingToolsPart, type DetailFlag, type NotAvailablePart } from './flags.js';
import { headerFacts, socInfo } from './header.js';
import { resolveKeyword } from './keyword.js';
import { checkLocation } from './location.js';
import { contextList, interestList, ratingList, topWorkValue } from './ratings.js';
import { dwaList, taskList } from './tasks.js';
import { alternateTitles, relatedTitles } from './titles.js';
import { toolsAndTechnology } from './tools.js';

export { DETAIL_FLAGS, TRAINING_BLS_PARTS, UNAVAILABLE_FLAGS, type NotAvailablePart } from './flags.js';
export { resolveKeyword } from './keyword.js';
export { checkLocation } from './location.js';
export type { ElementData } from './ratings.js';

/** Metadata switch (spec: "enable Meta Data", default true). */
const META_FLAG = 'enableMetaData';

const UNAVAILABLE_NAMES: readonly string[] = Object.keys(UNAVAILABLE_FLAGS);

/** The accepted parameters, in this order: the detail flags, the unavailable flags, the metadata switch. */
const PARAMS = new QueryParams([...DETAIL_FLAGS, ...UNAVAILABLE_NAMES, META_FLAG]);

/** `/v1/occupation/{keyword}/{location}?training=&interest=&tasks=&…` */
export function occupationDetails(ix: EngineIndexes, request: Request, keyword: string | undefined, location: string | undefined) {
  const params = new ParamCollector();
  // One pass over the query; the values come back in PARAMS order.
  const raw = PARAMS.read(request.query, params);
  // A set of the flags that are on (usually a few of 13): cheaper to build than a record of all 13.
  const want = new Set<DetailFlag>();
  for (let i = 0; i < DETAIL_FLAGS.length; i++) {
    const flag = DETAIL_FLAGS[i]!;
    if (params.value(flag, raw[i], booleanValue, false)) want.add(flag);
  }
  const unavailable: string[] = [];
  for (let i = 0; i < UNAVAILABLE_NAMES.length; i++) {
    const flag = UNAVAILABLE_NAMES[i]!;
    if (params.value(flag, raw[DETAIL_FLAGS.length + i], booleanValue, false)) unavailable.push(flag);
  }
  const metadata = params.value(META_FLAG, raw[DETAIL_FLAGS.length + UNAVAILABLE_NAMES.length], booleanValue, true);
  const place = params.read(() => checkLocation(location), '');
  params.throwIfAny();
  const row = resolveKeyword(ix, keyword);

  const occ = ix.occupations;
  const facts = headerFacts(ix);
  const notAvailable: NotAvailablePart[] = [];
  const detail: Record<string, unknown> = {
    OnetTitle: occ.titles[row]!,
    OnetCode: occ.codes[row]!,
    OnetDescription: str(occ.descriptions, row),
    BrightOutlook: occ.brightOutlook[row] !== 0 ? 'Bright' : '',
    BrightOutlookCategory: facts.brightCategories[row]!,
    Location: place,
    SocInfo: socInfo(occ, row, facts),
  };
  if (want.has('tasks')) detail.Tasks = taskList(ix, row);
  if (want.has('dwas')) detail.DWAs = dwaList(ix, row);
  if (want.has('alternateOnetTitles')) detail.AlternateTitles = alternateTitles(ix, row);
  if (want.has('interest')) detail.InterestDataList = interestList(ix, row);
  if (want.has('relatedOnetTitles')) detail.RelatedOnetTitles = relatedTitles(ix, row);
  if (want.has('skills')) detail.SkillsDataList = ratingList(ix, 'skills', row);
  if (want.has('knowledge')) detail.KnowledgeDataList = ratingList(ix, 'knowledge', row);
  if (want.has('ability')) {
    if (ix.snapshot.tables.abilities) detail.AbilityDataList = ratingList(ix, 'abilities', row);
    else notAvailable.push(missingPart('ability'));
  }
  if (want.has('toolsAndTechnology')) {
    detail.ToolsandTechOccupationDetails = toolsAndTechnology(ix, row);
    if (!ix.snapshot.tables.tools) notAvailable.push(missingToolsPart());
  }
  if (want.has('workValues')) {
    // Work Values left O*NET with release 30.3.
    if (ix.snapshot.tables.workValues) detail.WorkValuesOccupationDetails = topWorkValue(ix, row);
    else notAvailable.push(missingPart('workValues'));
  }
  if (want.has('workActivities')) {
    if (ix.snapshot.tables.workActivities) detail.WorkActivityDataList = ratingList(ix, 'workActivities', row);
    else notAvailable.push(missingPart('workActivities'));
  }
  if (want.has('workContext')) {
    if (ix.snapshot.tables.workContext) detail.WorkContextDataList = contextList(ix, row);
    else notAvailable.push(missingPart('workContext'));
  }
  if (want.has('training')) {
    detail.EducationTraining = educationTraining(ix, row);
    notAvailable.push({ ...TRAINING_BLS_PARTS, Parts: [...TRAINING_BLS_PARTS.Parts] });
  }
  for (const flag of unavailable) {
    const part = UNAVAILABLE_FLAGS[flag]!;
    notAvailable.push({ Flag: flag, ...part, Parts: [...part.Parts] });
  }

  const response: Record<string, unknown> = { OccupationDetail: [detail], RecordCount: 1, NotAvailable: notAvailable };
  if (metadata) response.MetaData = detailsMetaData(ix.snapshot.info);
  return response;
}

/**
 * The `MetaData` block of a details answer (a new object per call). Exported so that the
 * benchmark baselines answer with the very same texts.
 */
export function detailsMetaData(info: SnapshotInfo) {
  return {
    Publisher: 'onet-match',
    CitationSuggested: info.attribution,
    DataSource: [
      {
        DataName: 'Occupational data',
        DataSourceName: info.source,
        DataSourceUrl: ONET_DATABASE_URL,
        DataVintageOrVersion: info.release,
        DataDescription:
          'O*NET occupations, tasks, detailed work activities, titles, interests, related occupations, skills, knowledge, abilities, tools and technology, work values, education and job zones.',
        DataSourceCitation: info.attribution,
      },
      {
        DataName: 'Bright Outlook',
        DataSourceName: 'O*NET OnLine Bright Outlook occupations',
        DataSourceUrl: BRIGHT_OUTLOOK_URL,
        // The list ships as an extras file beside the release; its own vintage is not recorded in the snapshot.
        DataVintageOrVersion: null,
        DataDescription: 'Occupations expected to grow rapidly, have large numbers of openings, or be new and emerging (from BLS Employment Projections).',
        DataSourceCitation: info.attribution,
      },
    ],
  };
}
