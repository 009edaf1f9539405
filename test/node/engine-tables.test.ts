/**
 * The table lists a loader fetching sections on demand relies on (worker/section-install.ts,
 * worker/worker.ts, the page's warm-start preload): OCCUPATION_INDEX_TABLES names exactly the
 * tables creating an engine reads (and PRELOADED_TABLES repeats them), and
 * `engine.tablesFor(route)` exactly the further tables a route always reads. Each is checked to be
 * enough (the route answers with nothing else there) and needed (without any one, it is missing).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ACTIVITY_INDEX_TABLES } from '../../src/engine/activities.js';
import { CAREER_INDEX_TABLES, RATEABLE_SKILL_TABLES } from '../../src/engine/careers/career-changers.js';
import { createEngine } from '../../src/engine/engine.js';
import { INTEREST_INDEX_TABLES } from '../../src/engine/interests/interests.js';
import { OCCUPATION_INDEX_TABLES } from '../../src/engine/occupations.js';
import { SEARCH_INDEX_TABLES } from '../../src/engine/search.js';
import { SOFT_SKILL_INDEX_TABLES } from '../../src/engine/soft-skills.js';
import { PRELOADED_TABLES } from '../../src/protocol.js';
import { decodeAvailableSections, decodeSections, inflateSections, SectionPendingError } from '../../src/snapshot/codec.js';
import type { TableName } from '../../src/snapshot/schema.js';
import { TEST_SNAPSHOT_DIR } from '../support/paths.js';

const bytes = readFileSync(resolve(import.meta.dirname, '../..', TEST_SNAPSHOT_DIR, 'fixture/onet-0.1.snap'));
const { header, sections } = inflateSections(bytes);

/** Creates an engine over only `present` and runs `route` on it, reporting the first table wanted that was not there. */
function create(present: readonly string[], route?: string): { missing?: TableName } {
  const snapshot = decodeAvailableSections(header.info, header.sections, (name) => (present.includes(name) ? sections.find((s) => s.entry.name === name) : undefined));
  try {
    const engine = createEngine(snapshot);
    if (route) engine.get(route);
    return {};
  } catch (error) {
    if (error instanceof SectionPendingError) return { missing: error.table };
    throw error;
  }
}

const full = createEngine(decodeSections(header.info, sections));
const firstCode = (full.get('/v1/occupations?page_size=1') as { data: { items: { soc_code: string }[] } }).data.items[0]!.soc_code;
const firstTitle = (full.get('/v1/occupations?page_size=1') as { data: { items: { title: string }[] } }).data.items[0]!.title;
const skill = (full.get('/online/soft_skills') as { social: { code: string }[] }).social[0]!.code;
const activity = (full.get(`/online/related_activities/activities/${firstCode}`) as { id: string }[])[0]?.id;

/** Routes with the tables they declare, as the engine says. */
const DECLARED: readonly (readonly [string, readonly string[]])[] = [
  ['/online/soft_skills', SOFT_SKILL_INDEX_TABLES],
  [`/online/soft_skills/results?skills=${skill}`, SOFT_SKILL_INDEX_TABLES],
  [`/online/related_activities?keyword=${encodeURIComponent(firstTitle)}`, SEARCH_INDEX_TABLES],
  [`/online/related_activities/activities/${firstCode}`, ACTIVITY_INDEX_TABLES],
  [`/online/related_activities/resolve?activities=${activity}`, ACTIVITY_INDEX_TABLES],
  [`/online/career_changers/${firstCode}`, CAREER_INDEX_TABLES],
  [`/online/career_changers/${firstCode}?sort=zone&job_zone=1-5&bright_outlook=true`, CAREER_INDEX_TABLES],
  [`/online/career_changers/results?skills=${skill}:4`, CAREER_INDEX_TABLES],
  ['/online/career_changers/skills', RATEABLE_SKILL_TABLES],
  ['/online/interests/results?code=SIA', INTEREST_INDEX_TABLES],
  ['/online/interests/results?realistic=1&investigative=2&artistic=3&social=4&enterprising=5&conventional=6', INTEREST_INDEX_TABLES],
];

/** Tables of the fixture snapshot: a declared table it lacks (one of later releases) is read only where present. */
const inFixture = (table: string) => header.sections.some((s) => s.name === table);

describe('the tables a route declares', () => {
  test.each(DECLARED)('%s: the engine declares them, and with only these it answers', (route, tables) => {
    expect(full.tablesFor(route)).toEqual(tables);
    expect(create([...OCCUPATION_INDEX_TABLES, ...tables], route)).toEqual({});
  });

  test.each(DECLARED.flatMap(([route, tables]) => tables.filter(inFixture).map((t) => [route, t] as const)))('%s needs %s', (route, table) => {
    const present = [...OCCUPATION_INDEX_TABLES, ...full.tablesFor(route)].filter((n) => n !== table);
    expect(create(present, route).missing).toBe(table);
  });

  test('routes whose tables depend on the request declare none, and no route string makes it throw', () => {
    expect(full.tablesFor(`/v1/occupation/${firstCode}/US?tasks=true`)).toEqual([]);
    expect(full.tablesFor('/no/such/route')).toEqual([]);
    expect(full.tablesFor('%%%')).toEqual([]);
  });
});

describe('the tables creating an engine reads', () => {
  test('with only these tables an engine is created', () => {
    expect(create(OCCUPATION_INDEX_TABLES)).toEqual({});
  });

  test.each(OCCUPATION_INDEX_TABLES.map((name) => [name]))('without %s it is not', (name) => {
    expect(create(OCCUPATION_INDEX_TABLES.filter((n) => n !== name)).missing).toBe(name);
  });

  test('the page preloads exactly these on a warm start (the contract repeats them: the page bundle must not import the engine)', () => {
    expect([...PRELOADED_TABLES].sort()).toEqual([...OCCUPATION_INDEX_TABLES].sort());
  });
});
