/**
 * Rated-element parts: Skills, Knowledge, Abilities, Work Activities (importance and level on
 * 0–100), Work Context (context on 0–100), Interests (RIASEC, OI on 0–100) and the top Work Value.
 * Rules: docs/catalog.md.
 */
import { str } from '../../../snapshot/schema.js';
import { requireTable } from '../../occupations.js';
import type { EngineIndexes } from '../../routes.js';
import { importanceScore, levelScore } from '../../soft-skills.js';
import { memoised } from '../common.js';
import { byOccupation, elementsOf, orderedRows, rowsOf } from './rows.js';

/** An element rating as listed in Skills / Knowledge / Ability / Work Activity / Work Context / Interest lists. */
export interface ElementData {
  ElementID: string;
  ElementName: string;
  ElementDescription: string;
  /** Level on 0–100 (interests: the OI score, work context: the context score, on 0–100); null when O*NET gives no level. */
  DataValue: number | null;
  /** Importance on 0–100 (interests and work context: the same score again). */
  Importance: number | null;
}

/** The tables rated on importance (IM) and level (LV). */
export type ImportanceLevelTable = 'skills' | 'knowledge' | 'abilities' | 'workActivities';

/**
 * Per occupation, the rated elements of an {@link ImportanceLevelTable} in response order
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
const RATING_ORDER_KEYS = {
  skills: 'ratingOrder:skills',
  knowledge: 'ratingOrder:knowledge',
  abilities: 'ratingOrder:abilities',
  workActivities: 'ratingOrder:workActivities',
} as const;

function ratingOrder(ix: EngineIndexes, name: ImportanceLevelTable): RatingOrder {
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

/** Skills, Knowledge, Abilities or Work Activities: importance and level on 0–100, most important first. */
export function ratingList(ix: EngineIndexes, name: ImportanceLevelTable, occ: number): ElementData[] {
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

/**
 * Per occupation, its Work Context elements in response order with their context score: the
 * context value on the element's scale — CX (1–5), or CT (1–3) for the few elements rated on it —
 * as an exact fraction of the scale's range in 400ths (CX: x − 1 in hundredths, CT: 2 × (x − 1)),
 * highest first, ties in Content Model order. The category rows (CXP / CTP response percentages)
 * are not read.
 */
interface ContextOrder {
  readonly start: Uint32Array;
  readonly element: Uint32Array;
  readonly key: Int32Array;
}

function contextOrder(ix: EngineIndexes): ContextOrder {
  return memoised(ix.snapshot, 'contextOrder', () => {
    const table = requireTable(ix.snapshot, 'workContext');
    const groups = byOccupation(ix, 'workContext');
    const count = ix.occupations.count;
    const start = new Uint32Array(count + 1);
    const element: number[] = [];
    const keys: number[] = [];
    for (let occ = 0; occ < count; occ++) {
      const key = new Map<number, number>();
      for (const r of rowsOf(groups, occ)) {
        if (table.columns.category[r] !== 0) continue;
        const scale = str(table.columns.scale, r);
        const e = table.columns.element[r]!;
        const above = Math.max(0, table.columns.value[r]! - 100);
        if (scale === 'CX') key.set(e, above);
        else if (scale === 'CT' && !key.has(e)) key.set(e, 2 * above);
      }
      for (const e of [...key.keys()].sort((a, b) => key.get(b)! - key.get(a)! || a - b)) {
        element.push(e);
        keys.push(key.get(e)!);
      }
      start[occ + 1] = element.length;
    }
    return { start, element: Uint32Array.from(element), key: Int32Array.from(keys) };
  });
}

/** Work Context: the context score on 0–100 (`floor((CX − 1) ÷ 4 × 100)`, `floor((CT − 1) ÷ 2 × 100)`), highest first. */
export function contextList(ix: EngineIndexes, occ: number): ElementData[] {
  const order = contextOrder(ix);
  const el = elementsOf(ix.snapshot);
  const out: ElementData[] = [];
  for (let i = order.start[occ]!, end = order.start[occ + 1]!; i < end; i++) {
    const e = order.element[i]!;
    // key / 400 × 100, truncated.
    const score = Math.floor(order.key[i]! / 4);
    out.push({ ElementID: el.ids[e]!, ElementName: el.names[e]!, ElementDescription: el.descriptions[e]!, DataValue: score, Importance: score });
  }
  return out;
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
