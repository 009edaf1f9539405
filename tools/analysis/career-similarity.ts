/**
 * Evaluates career-similarity designs on a real snapshot against O*NET's Related Occupations (the
 * yardstick the engine never reads): for every occupation with skill ratings, the share of its
 * "Primary-Short" related occupations found in the top 10 of the ranking. Prints the naive
 * baseline, each kind of evidence alone, the default design, the default without each part, and
 * the default with each weight halved and doubled (a flat neighbourhood means the weights are
 * not tuned to a spike). Figures quoted in docs/ranking.md.
 *
 *   npx tsx tools/analysis/career-similarity.ts [manifest]   (default build/test-snapshots/real/manifest.json)
 */
import { resolve } from 'node:path';
import { buildOccupationIndex } from '../../src/engine/occupations.js';
import { buildCareerProfiles } from '../../src/engine/careers/profiles.js';
import { buildSimilarityIndex, DEFAULT_SIMILARITY_DESIGN, scoreAgainst, type SimilarityDesign } from '../../src/engine/careers/similarity.js';
import { naiveLevelCorrelation, relatedRecall } from '../../src/engine/careers/evaluate.js';
import { loadSnapshotFile } from '../node-snapshot.js';

const manifest = resolve(process.argv[2] ?? 'build/test-snapshots/real/manifest.json');
const { snapshot } = await loadSnapshotFile(manifest);
const occupations = buildOccupationIndex(snapshot);
const profiles = buildCareerProfiles(snapshot, occupations);

const report = (name: string, scores: (t: number) => ArrayLike<number>) => {
  const r = relatedRecall(snapshot, occupations, profiles, scores);
  console.log(`${r.recall.toFixed(3)}  ${name}  (${r.occupations} occupations)`);
};
const evaluate = (name: string, design: SimilarityDesign) => {
  const index = buildSimilarityIndex(snapshot, profiles, occupations, design);
  report(name, (t) => scoreAgainst(index, profiles, occupations, t).score);
};

const D = DEFAULT_SIMILARITY_DESIGN;
const NONE: SimilarityDesign = { domains: { skills: 0, knowledge: 0, abilities: 0, workActivities: 0 }, interests: 0, dwas: 0, iwas: 0, zoneStep: 0 };
const withDomain = (d: SimilarityDesign, name: keyof SimilarityDesign['domains'], w: number): SimilarityDesign => ({ ...d, domains: { ...d.domains, [name]: w } });

report('naive: correlation of skill and knowledge levels', naiveLevelCorrelation(profiles, occupations.count));
for (const name of ['skills', 'knowledge', 'abilities', 'workActivities'] as const)
  if (profiles.domains.some((d) => d.name === name)) evaluate(`${name} alone`, withDomain(NONE, name, 1));
evaluate('interests alone', { ...NONE, interests: 1 });
evaluate('DWAs alone', { ...NONE, dwas: 1 });
evaluate('IWAs alone', { ...NONE, iwas: 1 });
evaluate('default', D);
for (const name of ['skills', 'knowledge'] as const) {
  evaluate(`default without ${name}`, withDomain(D, name, 0));
  for (const f of [0.5, 2]) evaluate(`default, ${name} ×${f}`, withDomain(D, name, D.domains[name] * f));
}
for (const key of ['interests', 'dwas', 'iwas', 'zoneStep'] as const) {
  evaluate(`default without ${key}`, { ...D, [key]: 0 });
  for (const f of [0.5, 2]) evaluate(`default, ${key} ×${f}`, { ...D, [key]: D[key] * f });
}
