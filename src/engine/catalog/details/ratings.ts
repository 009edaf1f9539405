/**
 * Rated-element parts: Skills, Knowledge, Abilities (importance and level on 0–100), Interests
 * (RIASEC, OI on 0–100) and the top Work Value. Rules: docs/catalog.md.
 */
import { str } from '../../../snapshot/schema.js';
import { requireTable } from '../../occupations.js';
import type { EngineIndexes } from '../../routes.js';
import { importanceScore, levelScore } from '../../soft-skills.js';
import { memoised } from '../common.js';
import { byOccupation, elementsOf, orderedRows, rowsOf } from './rows.js';

/** An element rating as listed in Skills / Knowledge / Ability / Interest lists. */
export interface ElementData {
  ElementID: string;
  ElementName: string;
  ElementDescription: string;
  /** Level on 0–100 (interests: the OI score on 0–100); null when O*NET gives no level. */
  DataValue: number | null;
  /** Importance on 0–100 (interests: the OI score again). */
  Importance: number | null;
}

/**
 * Per occupation, the rated elements of a Skills / Knowledge / Abilities table in response order
 * (importance desc, level desc — unrated last —, element), with their IM and LV (hundredths; LV −1
 * when absent). CSR over occupations, built once per table on first use: sorting per request
 * dominated this route.
 */
interface RatingOrder {
  readonly start: Uint32Array;
  readonly element: Uint32Array;
  readonly im: Int32Array;
  readonly lv: Int32Array;
}

/** Memo keys of {@link ratingOrder} (constant: a key built per request cost as much as the lookup). */
const RATING_ORDER_KEYS = { skills: 'ratingOrder:skills', knowledge: 'ratingOrder:knowledge', abilities: 'ratingOrder:abilities' } as const;

function ratingOrder(ix: EngineIndexes, name: 'skills' | 'knowledge' | 'abilities'): RatingOrder {
  return memoised(ix.snapshot, RATING_ORDER_KEYS[name], () => {
    const table = ix.snapshot.tables[name]!;
    const groups = byOccupation(ix, name)!;
    const count = ix.occupations.count;
    const start = new Uint32Array(count + 1);
    const element: number[] = [];
    const imOut: number[] = [];
    const lvOut: number[] = [];
    for (let occ = 0; occ < count; occ++) {
      const im = new Map<number, number>();
      const lv = new Map<number, number>();
      for (const r of rowsOf(groups, occ)) {
        const scale = str(table.columns.scale, r);
        if (scale === 'IM') im.set(table.columns.element[r]!, table.columns.value[r]!);
        else if (scale === 'LV') lv.set(table.columns.element[r]!, table.columns.value[r]!);
      }
      const elements = [...im.keys()].sort((a, b) => im.get(b)! - im.get(a)! || (lv.get(b) ?? -1) - (lv.get(a) ?? -1) || a - b);
      for (const e of elements) {
        element.push(e);
        imOut.push(im.get(e)!);
        lvOut.push(lv.get(e) ?? -1);
      }
      start[occ + 1] = element.length;
    }
    return { start, element: Uint32Array.from(element), im: Int32Array.from(imOut), lv: Int32Array.from(lvOut) };
  });
}

/** Skills, Knowledge or Abilities: importance and level on 0–100, most important first. */
export function ratingList(ix: EngineIndexes, name: 'skills' | 'knowledge' | 'abilities', occ: number): ElementData[] {
  const order = ratingOrder(ix, name);
  const el = elementsOf(ix.snapshot);
  const out: ElementData[] = [];
  for (let i = order.start[occ]!, end = order.start[occ + 1]!; i < end; i++) {
    const e = order.element[i]!;
    const lv = order.lv[i]!;
    out.push({
      ElementID: el.ids[e]!,
      ElementName: el.names[e]!,
      ElementDescription: el.descriptions[e]!,
      DataValue: lv < 0 ? null : levelScore(lv),
      Importance: importanceScore(order.im[i]!),
    });
  }
  return out;
}

/** 0–100 score of a 1–7 rating given in hundredths: (x − 1) / 6 × 100, truncated. */
export function sevenPointScore(hundredths: number): number {
  return Math.floor(Math.max(0, hundredths - 100) / 6);
}

/** RIASEC interests (OI scale), highest first (then by element). */
export function interestList(ix: EngineIndexes, occ: number): ElementData[] {
  const table = requireTable(ix.snapshot, 'interests');
  const el = elementsOf(ix.snapshot);
  const order = memoised(ix.snapshot, 'interestOrder', () =>
    orderedRows(
      ix,
      byOccupation(ix, 'interests'),
      (r) => str(table.columns.scale, r) === 'OI',
      (a, b) => table.columns.value[b]! - table.columns.value[a]! || table.columns.element[a]! - table.columns.element[b]!,
    ),
  );
  const out: ElementData[] = [];
  for (let i = order.start[occ]!, end = order.start[occ + 1]!; i < end; i++) {
    const r = order.rows[i]!;
    const e = table.columns.element[r]!;
    const score = sevenPointScore(table.columns.value[r]!);
    out.push({ ElementID: el.ids[e]!, ElementName: el.names[e]!, ElementDescription: el.descriptions[e]!, DataValue: score, Importance: score });
  }
  return out;
}

/** The top work value: O*NET's First Work Value High-Point, else the highest extent (EX). */
export function topWorkValue(ix: EngineIndexes, occ: number) {
  const table = requireTable(ix.snapshot, 'workValues');
  const el = elementsOf(ix.snapshot);
  const extent = new Map<number, number>();
  let firstHighPoint = 0;
  for (const r of rowsOf(byOccupation(ix, 'workValues'), occ)) {
    const scale = str(table.columns.scale, r);
    const e = table.columns.element[r]!;
    if (scale === 'EX') extent.set(e, table.columns.value[r]!);
    else if (scale === 'VH' && el.ids[e] === '1.B.2.g') firstHighPoint = Math.round(table.columns.value[r]! / 100);
  }
  // High-point codes 1–6 name the work values 1.B.2.a–f in order.
  let top = firstHighPoint >= 1 && firstHighPoint <= 6 ? el.rowOf.get(`1.B.2.${'abcdef'[firstHighPoint - 1]}`) : undefined;
  if (top === undefined || !extent.has(top)) {
    top = undefined;
    for (const [e, v] of [...extent].sort((a, b) => a[0] - b[0])) if (top === undefined || v > extent.get(top)!) top = e;
  }
  if (top === undefined) return null;
  return { Workvalue: el.names[top]!, Characteristics: el.descriptions[top]!, ElementID: el.ids[top]!, DataValue: sevenPointScore(extent.get(top)!) };
}
