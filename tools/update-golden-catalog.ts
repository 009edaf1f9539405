/**
 * Regenerates the catalog golden files (fixtures/golden/catalog/*.json) from the fixture database.
 *
 *   npx tsx tools/update-golden-catalog.ts
 *
 * Each golden file is `{route, status, body}` for one route answered by an engine over the
 * snapshot built from fixtures/onet + fixtures/extras — or `{variant, route, status, body}` for a
 * variant of that database (tools/fixture-variants.ts); `metadata.request_id` is replaced by
 * "<request_id>" (it counts requests and is checked separately). test/node/catalog.test.ts replays
 * every file. Goldens are reviewed by hand against the fixture files after each regeneration:
 * see fixtures/golden/README-catalog.md for how each one was checked.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { decodeSnapshot } from '../src/snapshot/codec.js';
import { fixtureVariantSnapshot, type FixtureVariant } from './fixture-variants.js';
import { buildSnapshot } from './snapshot/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the catalog goldens live. */
export const GOLDEN_DIR = resolve(REPO, 'fixtures/golden/catalog');

const FLAGS_ALL =
  'training=true&interest=true&tasks=true&dwas=true&alternateOnetTitles=true&relatedOnetTitles=true&skills=true&knowledge=true&ability=true&toolsAndTechnology=true&workValues=true';

/** Golden cases: file name (without .json) → route. */
export const GOLDEN_CASES: Readonly<Record<string, string>> = {
  // /v1/occupations
  'list-default': '/v1/occupations',
  'list-page-2-of-5': '/v1/occupations?page=2&page_size=3',
  'list-job-zone-2': '/v1/occupations?job_zone=2',
  'list-bright-true': '/v1/occupations?bright_outlook=TRUE',
  'list-bright-false-zone-3': '/v1/occupations?bright_outlook=0&job_zone=3',
  'list-green-false': '/v1/occupations?green=false&page_size=2',
  'list-past-last-page': '/v1/occupations?page=9&page_size=5',
  'list-error-green-true': '/v1/occupations?green=true',
  'list-error-many': '/v1/occupations?page=0&page_size=101&job_zone=6&bright_outlook=maybe&sort=title',
  // STEM
  'stem-types': '/online/stem_occupations',
  'stem-type-1': '/online/stem_occupations/1',
  'stem-type-1-title-page': '/online/stem_occupations/1?sort=title&start=2&end=3',
  'stem-type-2-code': '/online/stem_occupations/2?sort=code',
  'stem-type-4-family-empty': '/online/stem_occupations/4?job_family=15-0000',
  'stem-all': '/online/stem_occupations/all',
  'stem-all-by-type': '/online/stem_occupations/all?sort=stem_occupation_type',
  'stem-all-family-15': '/online/stem_occupations/all?job_family=15-0000&sort=job_family',
  'stem-error-type-9': '/online/stem_occupations/9',
  'stem-error-family': '/online/stem_occupations/all?job_family=15-1000',
  // Occupation details
  'details-basic': '/v1/occupation/15-2941.00/US',
  'details-basic-detailed-code': '/v1/occupation/15-2941.01/us?tasks=TRUE&dwas=0&relatedOnetTitles=false',
  'details-all-data-wranglers': `/v1/occupation/15-2941.00/US?${FLAGS_ALL}`,
  'details-all-widget-inspectors': `/v1/occupation/51-9941.00/0?${FLAGS_ALL}`,
  'details-title-wellness-aides': `/v1/occupation/wellness%20AIDES/MN?${FLAGS_ALL}`,
  'details-demonstrators-titles': '/v1/occupation/Widget%20Demonstrators/US?alternateOnetTitles=true&tasks=1&toolsAndTechnology=true&enableMetaData=false',
  'details-all-other': `/v1/occupation/53-6949.00/US?${FLAGS_ALL}&enableMetaData=false`,
  'details-unavailable-flags':
    '/v1/occupation/11-9941.00/Chicago,%20IL?videos=true&wages=true&projectedEmployment=true&ooh=true&stateLMILinks=true&trainingPrograms=true&industryEmpPattern=true&enableMetaData=false',
  'details-error-unknown-title': '/v1/occupation/Widget%20Inspector/US',
  'details-error-unknown-code': '/v1/occupation/51-9949.00/US',
  'details-error-malformed-code': '/v1/occupation/51-9941/US',
  'details-error-params': '/v1/occupation/51-9941.00/Atlantis?tasks=yes&salary=true',
};

const FLAGS_FULL = `${FLAGS_ALL}&workActivities=true&workContext=true`;

/** Golden cases on a variant of the fixture database: file name (without .json) → variant and route. */
export const VARIANT_GOLDEN_CASES: Readonly<Record<string, { readonly variant: FixtureVariant; readonly route: string }>> = {
  // Occupation details with Abilities, Work Activities, Work Context and Task Ratings.
  'full-details-widget-inspectors': { variant: 'full', route: `/v1/occupation/51-9941.00/US?${FLAGS_FULL}&enableMetaData=false` },
  'full-details-data-wranglers': {
    variant: 'full',
    route: `/v1/occupation/15-2941.00/US?tasks=true&dwas=true&ability=true&workActivities=true&workContext=true&enableMetaData=false`,
  },
  'full-details-unrated': { variant: 'full', route: '/v1/occupation/53-6949.00/US?tasks=true&ability=true&workActivities=true&workContext=true&enableMetaData=false' },
  'details-new-flags-not-available': { variant: 'classic', route: '/v1/occupation/51-9941.00/US?workActivities=true&workContext=true&ability=true&enableMetaData=false' },
  'full-activities-widget-inspectors': { variant: 'full', route: '/online/related_activities/activities/51-9941.00' },
  // Job zones 2–5 (O*NET 30.2 and later).
  'zones-list-job-zone-2': { variant: 'zones-2-5', route: '/v1/occupations?job_zone=2' },
  'zones-list-error-job-zone-1': { variant: 'zones-2-5', route: '/v1/occupations?job_zone=1' },
  'zones-list-error-job-zone-6': { variant: 'zones-2-5', route: '/v1/occupations?job_zone=6' },
  'zones-details-training': { variant: 'zones-2-5', route: '/v1/occupation/35-9941.00/US?training=true&enableMetaData=false' },
  'zones-soft-skills-zone-sort': { variant: 'zones-2-5', route: '/online/soft_skills/results?skills=2.B.1.a,2.B.1.f,2.B.1.b&sort=zone&end=100' },
  'zones-related-activities-zone-sort': { variant: 'zones-2-5', route: '/online/related_activities/results/51-9941.00?activities=4.A.1.b.2.I81.D01,4.A.3.b.6.I81.D01&sort=zone' },
};

/** A golden record. */
export interface GoldenRecord {
  /** The fixture variant, for goldens of {@link VARIANT_GOLDEN_CASES}. */
  variant?: FixtureVariant;
  route: string;
  status: number;
  body: unknown;
}

/** Replaces the per-engine request counter so goldens do not depend on request order. */
function normaliseRequestId(body: unknown): unknown {
  if (body && typeof body === 'object' && 'metadata' in body) {
    const meta = (body as { metadata: Record<string, unknown> }).metadata;
    if (meta && typeof meta.request_id === 'string') return { ...body, metadata: { ...meta, request_id: '<request_id>' } };
  }
  return body;
}

/** Answers a route as a golden record. */
export function goldenRecord(engine: Engine, route: string, variant?: FixtureVariant): GoldenRecord {
  const { status, body } = engine.handle(route);
  return { ...(variant ? { variant } : {}), route, status, body: normaliseRequestId(body) };
}

/** Engine over a variant of the fixture database (tools/fixture-variants.ts). */
export async function fixtureVariantEngine(variant: FixtureVariant): Promise<Engine> {
  return createEngine(await fixtureVariantSnapshot(variant));
}

/** Engine over the fixture database, built in memory. */
export async function fixtureCatalogEngine(): Promise<Engine> {
  const built = await buildSnapshot({ source: resolve(REPO, 'fixtures/onet'), extras: resolve(REPO, 'fixtures/extras') });
  return createEngine(decodeSnapshot(built.bytes));
}

async function main(): Promise<void> {
  const engine = await fixtureCatalogEngine();
  mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const file of readdirSync(GOLDEN_DIR)) if (file.endsWith('.json')) rmSync(join(GOLDEN_DIR, file));
  for (const [name, route] of Object.entries(GOLDEN_CASES)) {
    const record = goldenRecord(engine, route);
    writeFileSync(join(GOLDEN_DIR, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
    console.log(`${String(record.status).padEnd(4)} ${name}`);
  }
  const engines = new Map<FixtureVariant, Engine>();
  for (const [name, { variant, route }] of Object.entries(VARIANT_GOLDEN_CASES)) {
    if (!engines.has(variant)) engines.set(variant, await fixtureVariantEngine(variant));
    const record = goldenRecord(engines.get(variant)!, route, variant);
    writeFileSync(join(GOLDEN_DIR, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
    console.log(`${String(record.status).padEnd(4)} ${name} (${variant})`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
