/**
 * Quality of the career routes on the snapshot, in Node, with the engine's own functions (the
 * checks of test/node/careers-real.test.ts, reported as figures):
 *
 *   related occupations  over every skill-rated occupation with O*NET "Primary-Short" Related
 *                        Occupations, the share of those found in the top 10 — for onet-match's
 *                        similarity (`scoreAgainst`) and for the naive correlation of skill and
 *                        knowledge levels (`naiveLevelCorrelation`), both scored by `relatedRecall`
 *                        (src/engine/careers/evaluate.ts). The ranking never reads that table.
 *   interests            every occupation with the six Interests (OI) scores, queried through
 *                        `/online/interests/results` with its own scores: the share ranked within
 *                        the first 1 % of the occupations with Interests.
 */
import { interestRoute } from '../../src/api/career-routes.js';
import type { Engine } from '../../src/engine/engine.js';
import { careerIndex } from '../../src/engine/careers/career-changers.js';
import { naiveLevelCorrelation, relatedRecall } from '../../src/engine/careers/evaluate.js';
import { scoreAgainst } from '../../src/engine/careers/similarity.js';
import { INTEREST_AREAS, interestIndex } from '../../src/engine/interests/interests.js';

export interface CareerQuality {
  related: {
    /** Occupations evaluated: skill-rated, with Primary-Short related occupations. */
    occupations: number;
    /** Skill-rated occupations (the ones the route lists). */
    rated: number;
    k: number;
    /** Share of the Primary-Short related occupations in the top k. */
    'onet-match': number;
    naive: number;
    seconds: number;
  };
  interests: {
    /** Occupations with all six OI scores (each queried with its own). */
    occupations: number;
    /** Rank limit: the first 1 % of `occupations`, rounded up. */
    limit: number;
    /** Occupations ranked within `limit`. */
    within: number;
    share: number;
    /** The worst rank seen (0 when an occupation was not within `limit`). */
    worstRank: number;
    seconds: number;
  };
}

/** Runs both checks on `engine`'s snapshot. */
export function careerQuality(engine: Engine, now: () => number = () => performance.now()): CareerQuality {
  const ix = engine.indexes;
  const t0 = now();
  const { profiles, similarity } = careerIndex(ix);
  const ours = relatedRecall(ix.snapshot, ix.occupations, profiles, (t) => scoreAgainst(similarity, profiles, ix.occupations, t).score);
  const naive = relatedRecall(ix.snapshot, ix.occupations, profiles, naiveLevelCorrelation(profiles, ix.occupations.count));
  const rated = profiles.skills.rated.reduce((n, r) => n + r, 0);
  const t1 = now();

  const interests = interestIndex(ix.snapshot, ix.occupations);
  const withScores = interests.has.reduce((n, h) => n + h, 0);
  const limit = Math.ceil(0.01 * withScores);
  let within = 0;
  let worst = 0;
  let missed = false;
  for (let o = 0; o < ix.occupations.count; o++) {
    if (!interests.has[o]) continue;
    const scores = Object.fromEntries(INTEREST_AREAS.map((a, k) => [a.param, Math.round(interests.scores[o * 6 + k]! * 100) / 100]));
    const res = engine.get(interestRoute({ ...scores, end: limit })) as { occupation: { code: string }[] };
    const rank = res.occupation.findIndex((r) => r.code === ix.occupations.codes[o]) + 1;
    if (rank > 0) {
      within++;
      worst = Math.max(worst, rank);
    } else missed = true;
  }
  const t2 = now();
  return {
    related: { occupations: ours.occupations, rated, k: ours.k, 'onet-match': ours.recall, naive: naive.recall, seconds: (t1 - t0) / 1000 },
    interests: { occupations: withScores, limit, within, share: withScores ? within / withScores : Number.NaN, worstRank: missed ? 0 : worst, seconds: (t2 - t1) / 1000 },
  };
}
