/**
 * Smoke checks: one cheap query per route family on a candidate snapshot's engine, before that
 * snapshot may replace the installed one (and on warm starts whose stored bytes cannot be shown
 * to be the ones that passed these checks at install time).
 *
 * Decoding proves a snapshot is well-formed; it does not prove the engine can answer from it. A
 * snapshot without one of the soft-skill elements decodes fine and then fails every soft-skills
 * query with SNAPSHOT_CORRUPT. Installing it would replace a working release with one that cannot
 * answer a whole family, on every later load. So each family answers one query here, with
 * parameters chosen from the candidate's own data (an occupation that has skill ratings, one that
 * has activities), and a query that needs data the snapshot legitimately lacks (no interest
 * ratings at all) is not asked: only what any usable snapshot must answer is required.
 */
import type { Engine } from '../src/engine/engine.js';
import { OnetError, toOnetError } from '../src/errors.js';
import type { Snapshot } from '../src/snapshot/schema.js';

/** The route families a snapshot must serve before it is installed, in the order they are checked. */
export const SMOKE_FAMILIES = ['catalog', 'softSkills', 'relatedActivities', 'search', 'careers', 'interests'] as const;

/** A route family of {@link SMOKE_FAMILIES}. */
export type SmokeFamily = (typeof SMOKE_FAMILIES)[number];

/** What each family's failure means for the user, for the error's suggestion. */
const FAMILY_NAMES: Record<SmokeFamily, string> = {
  catalog: 'the occupation list and details (/v1/occupations, /v1/occupation/{code}/US)',
  softSkills: 'soft skills (/online/soft_skills, /online/soft_skills/results)',
  relatedActivities: 'related activities (/online/related_activities/activities/{code}, /online/related_activities/results/{code})',
  search: 'keyword search (/online/related_activities?keyword=)',
  careers: 'careers (/online/career_changers)',
  interests: 'interests (/online/interests/results)',
};

/** Every details part, so that the catalog check reads every table the details route can touch. */
const ALL_DETAIL_PARTS =
  'training=true&interest=true&tasks=true&dwas=true&alternateOnetTitles=true&relatedOnetTitles=true&skills=true&knowledge=true&ability=true&toolsAndTechnology=true&workValues=true&workActivities=true&workContext=true';

/** First row index of a grouped `occ` column (0 when the column is empty: callers check rows first). */
function firstOccupation(table: { rows: number; columns: { occ: Uint16Array } } | undefined): number | undefined {
  return table && table.rows > 0 ? table.columns.occ[0] : undefined;
}

/**
 * The checks of {@link smokeCheck}, one step per route family in {@link SMOKE_FAMILIES} order, so a
 * caller working in idle time can let queries in between. Each step throws the error
 * {@link smokeCheck} documents.
 */
export function smokeSteps(engine: Engine, snapshot: Snapshot): (() => void)[] {
  const step = (family: SmokeFamily, check: () => void) => () => {
    try {
      check();
    } catch (error) {
      const e = toOnetError(error);
      if (e.code === 'ABORTED') throw e;
      throw new OnetError('SNAPSHOT_CORRUPT', `The snapshot cannot serve ${family}: ${e.message}`, {
        field: `smoke.${family}`,
        suggestion: `Rebuild or redeploy the snapshot: ${FAMILY_NAMES[family]} failed on it (${e.code}).`,
        cause: error,
      });
    }
  };
  // Read on first use, inside the catalog step, so a missing table is that step's error.
  const occupations = () => {
    const table = snapshot.tables.occupations;
    if (!table || table.rows === 0) throw new OnetError('SNAPSHOT_CORRUPT', 'The snapshot has no occupations');
    return table;
  };
  const codeAt = (row: number) => {
    const codes = occupations().columns.code;
    return encodeURIComponent(codes.values[codes.index[row]!]!);
  };
  return [
    step('catalog', () => {
      const first = codeAt(0);
      engine.get('/v1/occupations?page_size=1');
      engine.get(`/v1/occupation/${first}/US?${ALL_DETAIL_PARTS}`);
    }),
    step('softSkills', () => {
      const list = engine.get('/online/soft_skills') as { social?: { code: string }[]; thinking?: { code: string }[] };
      const skill = list.social?.[0]?.code ?? list.thinking?.[0]?.code;
      if (skill === undefined) throw new OnetError('SNAPSHOT_CORRUPT', 'The soft-skill list is empty');
      engine.get(`/online/soft_skills/results?skills=${encodeURIComponent(skill)}&end=1`);
    }),
    step('relatedActivities', () => {
      const withActivities = firstOccupation(snapshot.tables.occupationDwas);
      const activityCode = withActivities === undefined ? codeAt(0) : codeAt(withActivities);
      const activities = engine.get(`/online/related_activities/activities/${activityCode}`) as { id: string }[];
      if (withActivities !== undefined) {
        if (!Array.isArray(activities) || activities.length === 0)
          throw new OnetError('SNAPSHOT_CORRUPT', `Occupation ${decodeURIComponent(activityCode)} has activity links but no activities`);
        engine.get(`/online/related_activities/results/${activityCode}?activities=${encodeURIComponent(activities[0]!.id)}&end=1`);
      }
    }),
    step('search', () => {
      const title = occupations().columns.title;
      const words = title.values[title.index[0]!]!;
      const found = engine.get(`/online/related_activities?keyword=${encodeURIComponent(words)}&end=1`) as { total: number };
      if (!(found.total >= 1)) throw new OnetError('SNAPSHOT_CORRUPT', `A search for the title "${words}" finds nothing`);
    }),
    step('careers', () => {
      engine.get('/online/career_changers/skills');
      const rated = firstOccupation(snapshot.tables.skills);
      if (rated !== undefined) engine.get(`/online/career_changers/${codeAt(rated)}?end=1`);
    }),
    step('interests', () => {
      if ((snapshot.tables.interests?.rows ?? 0) > 0) engine.get('/online/interests/results?code=R&end=1');
    }),
  ];
}

/**
 * Runs one query per family on `engine` (built from `snapshot`). Throws SNAPSHOT_CORRUPT naming
 * the first family that cannot answer (`field` is `smoke.<family>`), with the engine's own error
 * as the cause and in the message. Also builds the indexes those queries need, so a Worker that
 * installs a snapshot has them ready.
 */
export function smokeCheck(engine: Engine, snapshot: Snapshot): void {
  for (const step of smokeSteps(engine, snapshot)) step();
}
