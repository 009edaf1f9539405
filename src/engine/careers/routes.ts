/**
 * Career routes: careers like mine (from an occupation or a person's skills) and careers that fit
 * my interests. Parameters, rules and tie-breaks: docs/api.md, docs/ranking.md.
 */
import type { RouteDef } from '../routes.js';
import { INTEREST_INDEX_TABLES, interestIndex, interestResults } from '../interests/interests.js';
import { CAREER_INDEX_TABLES, careerChangers, careerChangersForPerson, careerIndex, RATEABLE_SKILL_TABLES, rateableSkills } from './career-changers.js';
import type { EngineIndexes } from '../routes.js';

/** Career routes, assembled into the engine's dispatcher. Literal paths come before `*`. */
export const careerRoutes: readonly RouteDef[] = [
  { path: '/online/career_changers/skills', handler: (ix, req) => rateableSkills(ix, req), tables: RATEABLE_SKILL_TABLES },
  { path: '/online/career_changers/results', handler: (ix, req) => careerChangersForPerson(ix, req), tables: CAREER_INDEX_TABLES },
  { path: '/online/career_changers/*', handler: (ix, req, [code]) => careerChangers(ix, req, code), tables: CAREER_INDEX_TABLES },
  { path: '/online/interests/results', handler: (ix, req) => interestResults(ix, req), tables: INTEREST_INDEX_TABLES },
];

/** Idle-time builds of the career and interest indexes (idempotent). */
export function careerWarmUpSteps(ix: EngineIndexes): (() => void)[] {
  return [() => void careerIndex(ix), () => void interestIndex(ix.snapshot, ix.occupations)];
}
