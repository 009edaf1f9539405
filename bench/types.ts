/**
 * Query and contender types shared by the query generator, the three contenders (onet-match,
 * sql.js, naive JSON) and both harnesses (Node, browser). Everything here is plain JSON so a query
 * set can be shipped to the browser as-is.
 */

/** The five measured query kinds. */
export const QUERY_KINDS = ['softSkills', 'relatedActivities', 'search', 'list', 'details'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** Human labels, in report order. */
export const KIND_LABELS: Record<QueryKind, string> = {
  softSkills: 'soft-skills results',
  relatedActivities: 'related-activities results',
  search: 'keyword search',
  list: 'occupation list',
  details: 'occupation details',
};

export interface SoftSkillsQuery {
  kind: 'softSkills';
  route: string;
  skills: string[];
  sort?: 'skills_covered' | 'my_matches' | 'title' | 'code' | 'zone';
  start?: number;
  end?: number;
}

export interface RelatedActivitiesQuery {
  kind: 'relatedActivities';
  route: string;
  code: string;
  activities: string[];
  sort?: 'shared' | 'similar' | 'title' | 'code' | 'zone';
  start?: number;
  end?: number;
}

export interface SearchQuery {
  kind: 'search';
  route: string;
  keyword: string;
  start?: number;
  end?: number;
}

export interface ListQuery {
  kind: 'list';
  route: string;
  page?: number;
  pageSize?: number;
  jobZone?: number;
  brightOutlook?: boolean;
  green?: boolean;
}

/** Detail sections the baselines implement (see bench/README.md: the others are not benchmarked). */
export const BENCH_DETAIL_FLAGS = ['tasks', 'dwas', 'alternateOnetTitles', 'relatedOnetTitles', 'skills', 'knowledge', 'interest', 'training'] as const;
export type BenchDetailFlag = (typeof BENCH_DETAIL_FLAGS)[number];

export interface DetailsQuery {
  kind: 'details';
  route: string;
  /** O*NET-SOC code or exact title. */
  keyword: string;
  flags: BenchDetailFlag[];
}

export type Query = SoftSkillsQuery | RelatedActivitiesQuery | SearchQuery | ListQuery | DetailsQuery;

/** The query sets, one list per kind. */
export type QuerySet = { [K in QueryKind]: Extract<Query, { kind: K }>[] };

/** Something that answers the benchmark queries with the engine's JSON. */
export interface Contender {
  readonly name: ContenderName;
  answer(query: Query): unknown;
}

/** A baseline with one method per query kind (what {@link answerByKind} dispatches to). */
export interface KindAnswers {
  softSkills(q: SoftSkillsQuery): unknown;
  relatedActivities(q: RelatedActivitiesQuery): unknown;
  search(q: SearchQuery): unknown;
  list(q: ListQuery): unknown;
  details(q: DetailsQuery): unknown;
}

/** Dispatches a query to the method of its kind. */
export function answerByKind(contender: KindAnswers, q: Query): unknown {
  switch (q.kind) {
    case 'softSkills':
      return contender.softSkills(q);
    case 'relatedActivities':
      return contender.relatedActivities(q);
    case 'search':
      return contender.search(q);
    case 'list':
      return contender.list(q);
    case 'details':
      return contender.details(q);
  }
}

export const CONTENDERS = ['onet-match', 'sql.js', 'naive'] as const;
export type ContenderName = (typeof CONTENDERS)[number];
