/**
 * The promise API's typed results: each typed method of OnetEngine resolves to the response type
 * its route declares (checked by `tsc -p .`, which includes this file; expectTypeOf does nothing
 * at run time), and the declared details shape names exactly the fields the engine answers with.
 */
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type {
  ActivityList,
  ActivityResolution,
  OccupationDetail,
  OccupationDetailsResponse,
  OccupationListResponse,
  OccupationSearchResults,
  OnetEngine,
  RelatedActivitiesResults,
  SoftSkillList,
  SoftSkillResults,
  StemOccupationsResponse,
  StemTypesResponse,
} from '../../src/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { fixtureEngine } from '../support/engines.js';

type Result<M extends keyof OnetEngine> = OnetEngine[M] extends (...args: never[]) => Promise<infer T> ? T : never;

describe('typed results of the promise API', () => {
  it('every typed method resolves to its route response type', () => {
    expectTypeOf<Result<'softSkills'>>().toEqualTypeOf<SoftSkillList>();
    expectTypeOf<Result<'softSkillResults'>>().toEqualTypeOf<SoftSkillResults>();
    expectTypeOf<Result<'searchOccupations'>>().toEqualTypeOf<OccupationSearchResults>();
    expectTypeOf<Result<'occupationActivities'>>().toEqualTypeOf<ActivityList>();
    expectTypeOf<Result<'relatedActivities'>>().toEqualTypeOf<RelatedActivitiesResults>();
    expectTypeOf<Result<'resolveActivities'>>().toEqualTypeOf<ActivityResolution>();
    expectTypeOf<Result<'listOccupations'>>().toEqualTypeOf<OccupationListResponse>();
    expectTypeOf<Result<'stemTypes'>>().toEqualTypeOf<StemTypesResponse>();
    expectTypeOf<Result<'stemOccupations'>>().toEqualTypeOf<StemOccupationsResponse>();
    expectTypeOf<Result<'occupationDetails'>>().toEqualTypeOf<OccupationDetailsResponse>();
    // Only `get` (any route) stays untyped.
    expectTypeOf<Result<'get'>>().toBeUnknown();
  });

  it('the response types are usable without casts', () => {
    expectTypeOf<SoftSkillList['social'][number]['code']>().toBeString();
    expectTypeOf<OccupationListResponse['data']['items'][number]['job_zone']>().toEqualTypeOf<number | null>();
    expectTypeOf<StemTypesResponse[number]['job_family'][number]['code']>().toBeString();
    expectTypeOf<StemOccupationsResponse['occupation'][number]['tags']>().toEqualTypeOf<{ bright_outlook?: true }>();
    expectTypeOf<StemOccupationsResponse['total']>().toBeNumber();
    expectTypeOf<ActivityResolution['activities'][number]['id']>().toEqualTypeOf<string | null>();
    expectTypeOf<OccupationDetailsResponse['OccupationDetail'][0]['OnetCode']>().toBeString();
    expectTypeOf<NonNullable<OccupationDetail['Tasks']>[number]['DataValue']>().toEqualTypeOf<number | null>();
  });
});

describe('OccupationDetailsResponse matches what the engine answers', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await fixtureEngine();
  });

  /** Every field of OccupationDetail (a typo here fails tsc: the list is typed by the interface's keys). */
  const DETAIL_FIELDS: readonly (keyof OccupationDetail)[] = [
    'OnetTitle',
    'OnetCode',
    'OnetDescription',
    'BrightOutlook',
    'BrightOutlookCategory',
    'Location',
    'SocInfo',
    'Tasks',
    'DWAs',
    'AlternateTitles',
    'InterestDataList',
    'RelatedOnetTitles',
    'SkillsDataList',
    'KnowledgeDataList',
    'AbilityDataList',
    'ToolsandTechOccupationDetails',
    'WorkValuesOccupationDetails',
    'EducationTraining',
  ];
  const RESPONSE_FIELDS: readonly (keyof OccupationDetailsResponse)[] = ['OccupationDetail', 'RecordCount', 'NotAvailable', 'MetaData'];
  const ALL_FLAGS = 'tasks dwas alternateOnetTitles interest relatedOnetTitles skills knowledge ability toolsAndTechnology workValues training'.split(' ');

  it('with every flag on, the answer has exactly the declared fields', () => {
    const body = engine.get(`/v1/occupation/51-9941.00/US?${ALL_FLAGS.map((f) => `${f}=true`).join('&')}`) as OccupationDetailsResponse;
    expect(Object.keys(body).sort()).toEqual([...RESPONSE_FIELDS].sort());
    expect(body.RecordCount).toBe(1);
    const detail = body.OccupationDetail[0];
    // The fixture has no Abilities table: that part is reported in NotAvailable instead.
    const served = Object.keys(detail);
    expect(
      served.every((k) => (DETAIL_FIELDS as readonly string[]).includes(k)),
      served.join(', '),
    ).toBe(true);
    const missing = DETAIL_FIELDS.filter((k) => !served.includes(k));
    expect(
      missing.every((k) => body.NotAvailable.some((n) => n.Parts.includes(k))),
      missing.join(', '),
    ).toBe(true);
    expect(typeof detail.SocInfo.SocCode).toBe('string');
    expect(detail.BrightOutlook === 'Bright' || detail.BrightOutlook === '').toBe(true);
  });

  it('without flags and with enableMetaData=false: the header fields only, no MetaData', () => {
    const body = engine.get('/v1/occupation/51-9941.00/US?enableMetaData=false') as OccupationDetailsResponse;
    expect(Object.keys(body).sort()).toEqual(['NotAvailable', 'OccupationDetail', 'RecordCount']);
    expect(Object.keys(body.OccupationDetail[0]).sort()).toEqual(['BrightOutlook', 'BrightOutlookCategory', 'Location', 'OnetCode', 'OnetDescription', 'OnetTitle', 'SocInfo']);
  });
});
