/**
 * Occupation-to-occupation similarity from the snapshot's own ratings and activities: rating
 * profiles (skills, knowledge, abilities and work activities when present), shared detailed work
 * activities, the Interests profile and the job zone. Never reads O*NET's Related Occupations table,
 * which is the yardstick the design is measured against. The design, its weights and the reasons
 * for them: docs/ranking.md ("Careers like mine").
 */
import { str, type Snapshot } from '../../snapshot/schema.js';
import { requireTable, type OccupationIndex } from '../occupations.js';
import type { CareerProfiles, RatingDomain, RatingDomainName } from './profiles.js';

/** The weights of the similarity; see {@link DEFAULT_SIMILARITY_DESIGN} and docs/ranking.md. */
export interface SimilarityDesign {
  /** Weight of each rating domain's profile correlation (domains missing from the snapshot drop out). */
  readonly domains: Readonly<Record<RatingDomainName, number>>;
  /** Weight of the correlation of the two occupations' Interests profiles (OI, six RIASEC areas). */
  readonly interests: number;
  /** Weight of the IDF-weighted cosine of the two occupations' detailed work activities. */
  readonly dwas: number;
  /** Weight of the IDF-weighted cosine of their intermediate work activities (the DWAs' parents). */
  readonly iwas: number;
  /** Penalty per job-zone step between the two occupations. */
  readonly zoneStep: number;
}

/**
 * The default design (docs/ranking.md, "Careers like mine", has the measurements behind each
 * weight). Knowledge counts double: its 33 elements name fields of work, while most of the 35
 * skills are general and shared by very different occupations. The activity overlaps separate
 * occupations whose profiles look alike but whose work differs. Interests add the kind of work a
 * person is drawn to. A small job-zone penalty keeps changes within reach. Abilities and work
 * activities, when a snapshot has them, count like skills.
 */
export const DEFAULT_SIMILARITY_DESIGN: SimilarityDesign = {
  domains: { skills: 1, knowledge: 2, abilities: 1, workActivities: 1 },
  interests: 0.5,
  dwas: 0.5,
  iwas: 0.5,
  zoneStep: 0.05,
};

/** Unit-length, centred profile vectors of one rating table, one row of `width` per occupation. */
export interface ProfileVectors {
  readonly width: number;
  /** Zeros for an occupation without ratings (or with a flat profile). */
  readonly unit: Float32Array;
  /** 1 when the occupation has a vector. */
  readonly has: Uint8Array;
}

/** Precomputed vectors for one design. */
export interface SimilarityIndex {
  readonly design: SimilarityDesign;
  /** Per rating domain with a weight: its profile vectors. */
  readonly vectors: readonly { readonly domain: RatingDomain; readonly weight: number; readonly profile: ProfileVectors }[];
  /** Interests (OI) profile vectors, when the snapshot has Interests. */
  readonly interests: ProfileVectors | undefined;
  /** Squared IDF of each DWA, and each occupation's DWA vector norm. */
  readonly dwaIdf2: Float32Array;
  readonly dwaNorm: Float32Array;
  /** Occupations of each DWA (CSR). */
  readonly dwaOccStart: Uint32Array;
  readonly dwaOcc: Uint16Array;
  /** IWAs of each occupation (CSR: `iwaStart` into `iwaOf`, with its count of DWAs under each in `iwaCountOf`). */
  readonly iwaStart: Uint32Array;
  readonly iwaOf: Uint16Array;
  readonly iwaCountOf: Uint16Array;
  /** Squared IDF of each IWA, each occupation's IWA vector norm. */
  readonly iwaIdf2: Float32Array;
  readonly iwaNorm: Float32Array;
  /** Occupations of each IWA with their counts (CSR). */
  readonly iwaOccStart: Uint32Array;
  readonly iwaOcc: Uint16Array;
  readonly iwaOccCount: Uint16Array;
}

/**
 * Centres each occupation's vector on its own mean and scales it to unit length, so that the dot
 * product of two vectors is their correlation: the *shape* of the profile counts (what the work
 * needs most and least), not its overall height. Measured alternatives (element-centred, raw
 * levels): docs/ranking.md.
 */
function unitRows(values: Float32Array, width: number, has: Uint8Array): ProfileVectors {
  const unit = new Float32Array(values.length);
  for (let o = 0; o < has.length; o++) {
    if (!has[o]) continue;
    let mean = 0;
    for (let e = 0; e < width; e++) mean += values[o * width + e]!;
    mean /= width;
    let norm = 0;
    for (let e = 0; e < width; e++) norm += (values[o * width + e]! - mean) ** 2;
    if (norm === 0) {
      has[o] = 0;
      continue;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let e = 0; e < width; e++) unit[o * width + e] = (values[o * width + e]! - mean) * scale;
  }
  return { width, unit, has };
}

/**
 * A rating domain's profile: per element √(level/7 × importance on 0–1), the geometric mean of how
 * much of the element the work needs and how much it matters — an element the work barely uses
 * says little about it whatever its level.
 */
function domainVectors(domain: RatingDomain, count: number): ProfileVectors {
  const width = domain.codes.length;
  const values = new Float32Array(count * width);
  for (let o = 0; o < count; o++) {
    if (!domain.rated[o]) continue;
    for (let e = 0; e < width; e++) {
      const i = o * width + e;
      values[i] = Math.sqrt((domain.level[i]! / 7) * Math.max(0, (domain.importance[i]! - 1) / 4));
    }
  }
  return unitRows(values, width, Uint8Array.from(domain.rated));
}

/** The six OI (occupational interest, 1–7) scores of every occupation, in element-id order, as profile vectors. */
function interestVectors(snapshot: Snapshot, count: number): ProfileVectors | undefined {
  const table = snapshot.tables.interests;
  const elements = snapshot.tables.elements;
  if (!table || !elements) return undefined;
  const values = new Float32Array(count * RIASEC.length);
  const has = new Uint8Array(count);
  const { occ, element, scale, value } = table.columns;
  const position = Int8Array.from(elements.columns.id.values, (id) => RIASEC.indexOf(id as (typeof RIASEC)[number]));
  for (let r = 0; r < table.rows; r++) {
    if (str(scale, r) !== 'OI') continue;
    const e = position[elements.columns.id.index[element[r]!]!]!;
    if (e < 0) continue;
    values[occ[r]! * RIASEC.length + e] = value[r]! / 100;
    has[occ[r]!] = 1;
  }
  return unitRows(values, RIASEC.length, has);
}

/** Element ids of the six RIASEC areas, in O*NET's order. */
export const RIASEC = ['1.B.1.a', '1.B.1.b', '1.B.1.c', '1.B.1.d', '1.B.1.e', '1.B.1.f'] as const;

/** CSR of `valueOfLink` grouped by `groupOfLink`. */
function invert(groupOfLink: ArrayLike<number>, valueOfLink: ArrayLike<number>, groups: number): { start: Uint32Array; values: Uint16Array } {
  const start = new Uint32Array(groups + 1);
  for (let i = 0; i < groupOfLink.length; i++) start[groupOfLink[i]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const cursor = start.slice(0, groups);
  const values = new Uint16Array(groupOfLink.length);
  for (let i = 0; i < groupOfLink.length; i++) values[cursor[groupOfLink[i]!]!++] = valueOfLink[i]!;
  return { start, values };
}

/** Builds the vectors of a design over the profiles. */
export function buildSimilarityIndex(
  snapshot: Snapshot,
  profiles: CareerProfiles,
  occupations: OccupationIndex,
  design: SimilarityDesign = DEFAULT_SIMILARITY_DESIGN,
): SimilarityIndex {
  const n = occupations.count;
  const iwaOfDwa = requireTable(snapshot, 'dwas').columns.iwa;
  const iwaCount = requireTable(snapshot, 'iwas').rows;
  const vectors = profiles.domains.filter((d) => design.domains[d.name] > 0).map((domain) => ({ domain, weight: design.domains[domain.name], profile: domainVectors(domain, n) }));

  // DWAs: a DWA that few occupations share says more than one that many share (IDF over the
  // occupations that have any DWA).
  const { dwaStart, dwaRows, dwaCount } = profiles;
  let withDwas = 0;
  for (let o = 0; o < n; o++) if (dwaStart[o + 1]! > dwaStart[o]!) withDwas++;
  const linkOcc = new Uint16Array(dwaRows.length);
  for (let o = 0; o < n; o++) for (let i = dwaStart[o]!; i < dwaStart[o + 1]!; i++) linkOcc[i] = o;
  const byDwa = invert(dwaRows, linkOcc, dwaCount);
  const dwaIdf2 = new Float32Array(dwaCount);
  for (let d = 0; d < dwaCount; d++) {
    const df = byDwa.start[d + 1]! - byDwa.start[d]!;
    if (df > 0) dwaIdf2[d] = Math.log(withDwas / df) ** 2;
  }
  const dwaNorm = new Float32Array(n);
  for (let o = 0; o < n; o++) {
    let s = 0;
    for (let i = dwaStart[o]!; i < dwaStart[o + 1]!; i++) s += dwaIdf2[dwaRows[i]!]!;
    dwaNorm[o] = Math.sqrt(s);
  }

  // IWAs: an occupation's count of DWAs under each IWA, IDF-weighted — related but not identical
  // activities ("similar" in the related-activities route).
  const iwaLinkOcc: number[] = [];
  const iwaLinkIwa: number[] = [];
  const iwaLinkCount: number[] = [];
  const seen = new Int32Array(iwaCount).fill(-1);
  for (let o = 0; o < n; o++) {
    const from = iwaLinkIwa.length;
    for (let i = dwaStart[o]!; i < dwaStart[o + 1]!; i++) {
      const iwa = iwaOfDwa[dwaRows[i]!]!;
      if (seen[iwa]! >= from) iwaLinkCount[seen[iwa]!]!++;
      else {
        seen[iwa] = iwaLinkIwa.length;
        iwaLinkOcc.push(o);
        iwaLinkIwa.push(iwa);
        iwaLinkCount.push(1);
      }
    }
  }
  const ofOcc = invert(iwaLinkOcc, iwaLinkIwa, n);
  const byIwa = invert(iwaLinkIwa, iwaLinkOcc, iwaCount);
  const iwaIdf2 = new Float32Array(iwaCount);
  for (let w = 0; w < iwaCount; w++) {
    const df = byIwa.start[w + 1]! - byIwa.start[w]!;
    if (df > 0) iwaIdf2[w] = Math.log(withDwas / df) ** 2;
  }
  const iwaNorm = new Float32Array(n);
  for (let l = 0; l < iwaLinkOcc.length; l++) iwaNorm[iwaLinkOcc[l]!]! += iwaLinkCount[l]! ** 2 * iwaIdf2[iwaLinkIwa[l]!]!;
  for (let o = 0; o < n; o++) iwaNorm[o] = Math.sqrt(iwaNorm[o]!);

  return {
    design,
    vectors,
    interests: design.interests > 0 ? interestVectors(snapshot, n) : undefined,
    dwaIdf2,
    dwaNorm,
    dwaOccStart: byDwa.start,
    dwaOcc: byDwa.values,
    iwaStart: ofOcc.start,
    iwaOf: ofOcc.values,
    iwaCountOf: invert(iwaLinkOcc, iwaLinkCount, n).values,
    iwaIdf2,
    iwaNorm,
    iwaOccStart: byIwa.start,
    iwaOcc: byIwa.values,
    iwaOccCount: invert(iwaLinkIwa, iwaLinkCount, iwaCount).values,
  };
}

/** The evidence of similarity between one target and every occupation, before it is combined. */
export interface Components {
  /** Profile correlation per entry of {@link SimilarityIndex.vectors} (−1…1; 0 when either is unrated). */
  readonly domains: readonly Float64Array[];
  /** Interests correlation (−1…1; 0 when either has none). */
  readonly interests: Float64Array;
  /** IDF-weighted cosine of the DWA sets (0…1). */
  readonly dwas: Float64Array;
  /** IDF-weighted cosine of the IWA counts (0…1). */
  readonly iwas: Float64Array;
  /** Shared DWAs per occupation. */
  readonly sharedDwas: Uint16Array;
}

/** Dot products of row `target` with every row. */
function correlations(p: ProfileVectors, target: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (!p.has[target]) return out;
  const { unit, width } = p;
  const t = target * width;
  for (let o = 0; o < n; o++) {
    if (!p.has[o]) continue;
    let dot = 0;
    const b = o * width;
    for (let e = 0; e < width; e++) dot += unit[t + e]! * unit[b + e]!;
    out[o] = dot;
  }
  return out;
}

/**
 * Each kind of evidence for every occupation against occupation `target` (itself included).
 * O(occupations × profile width + the target's activity links × their occupations).
 */
export function components(index: SimilarityIndex, profiles: CareerProfiles, occupations: OccupationIndex, target: number): Components {
  const n = occupations.count;
  const domains = index.vectors.map(({ profile }) => correlations(profile, target, n));
  const interests = index.interests ? correlations(index.interests, target, n) : new Float64Array(n);
  const sharedDwas = new Uint16Array(n);
  const dwas = new Float64Array(n);
  const { dwaStart, dwaRows } = profiles;
  if (index.dwaNorm[target]! > 0) {
    for (let i = dwaStart[target]!; i < dwaStart[target + 1]!; i++) {
      const d = dwaRows[i]!;
      const w = index.dwaIdf2[d]!;
      for (let j = index.dwaOccStart[d]!; j < index.dwaOccStart[d + 1]!; j++) {
        const o = index.dwaOcc[j]!;
        dwas[o]! += w;
        sharedDwas[o]!++;
      }
    }
    for (let o = 0; o < n; o++) if (dwas[o]! > 0) dwas[o] = dwas[o]! / (index.dwaNorm[target]! * index.dwaNorm[o]!);
  }
  const iwas = new Float64Array(n);
  if (index.iwaNorm[target]! > 0) {
    for (let i = index.iwaStart[target]!; i < index.iwaStart[target + 1]!; i++) {
      const w = index.iwaOf[i]!;
      const tw = index.iwaCountOf[i]! * index.iwaIdf2[w]!;
      for (let j = index.iwaOccStart[w]!; j < index.iwaOccStart[w + 1]!; j++) iwas[index.iwaOcc[j]!]! += tw * index.iwaOccCount[j]!;
    }
    for (let o = 0; o < n; o++) if (iwas[o]! > 0) iwas[o] = iwas[o]! / (index.iwaNorm[target]! * index.iwaNorm[o]!);
  }
  return { domains, interests, dwas, iwas, sharedDwas };
}

/** Scores of every occupation against one target, and what a perfect match would score. */
export interface ScoreParts {
  /** Combined score (higher = more similar). */
  readonly score: Float64Array;
  /** The target's score with itself: the sum of the weights of the evidence the target has. */
  readonly selfScore: number;
  /** Shared DWAs per occupation. */
  readonly sharedDwas: Uint16Array;
}

/** Scores every occupation against occupation `target` (the target itself included). */
export function scoreAgainst(index: SimilarityIndex, profiles: CareerProfiles, occupations: OccupationIndex, target: number): ScoreParts {
  const parts = components(index, profiles, occupations, target);
  const design = index.design;
  const n = occupations.count;
  const score = new Float64Array(n);
  const weights: number[] = [];
  const arrays: Float64Array[] = [];
  index.vectors.forEach((v, d) => {
    if (v.profile.has[target]) {
      weights.push(v.weight);
      arrays.push(parts.domains[d]!);
    }
  });
  if (index.interests?.has[target]) {
    weights.push(design.interests);
    arrays.push(parts.interests);
  }
  if (index.dwaNorm[target]! > 0) {
    weights.push(design.dwas, design.iwas);
    arrays.push(parts.dwas, parts.iwas);
  }
  const zone = occupations.jobZone[target]!;
  for (let o = 0; o < n; o++) {
    let s = 0;
    for (let k = 0; k < arrays.length; k++) s += weights[k]! * arrays[k]![o]!;
    const z = occupations.jobZone[o]!;
    if (zone !== 0 && z !== 0) s -= design.zoneStep * Math.abs(z - zone);
    score[o] = s;
  }
  return { score, selfScore: weights.reduce((a, b) => a + b, 0), sharedDwas: parts.sharedDwas };
}

/** A score on 0–100: its share of the target's score with itself, clipped to 0–100 and rounded. */
export function similarityPercent(score: number, selfScore: number): number {
  return selfScore > 0 ? Math.max(0, Math.min(100, Math.round((100 * score) / selfScore))) : 0;
}
