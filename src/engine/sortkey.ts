/**
 * Sorting result rows by packed numeric keys: each row's whole sort key (every criterion and the
 * final, unique tie-break) is packed into one float64 — exact below 2^53 — and the keys are sorted
 * by the native typed-array sort, without a comparator call per comparison. The order is exactly
 * the comparator's as long as every component fits the width it is given. `Array#sort(comparator)`
 * dominated the ranking routes' CPU profiles (bench/README.md, "Engine changes for the performance targets").
 */

/** Width of the low part (the unique tie-break that identifies the row). */
export const LOW_SPAN = 65_536;

/** True when every row index (or rank) fits the low part. */
export function packable(count: number): boolean {
  return count <= LOW_SPAN;
}

/**
 * Where the packed keys are written, grown on demand and reused: a fresh typed array per sort cost
 * a ranking query more than filling it. Sorting is synchronous, so one buffer serves every caller.
 */
let packBuffer = new Float64Array(1024);

/**
 * Sorts `rows` in place, ascending by `key(row)`, an integer in [0, 2^53) whose low 16 bits
 * (`key % 65536`) are unique per row; `rowOf(low)` maps those bits back to the row.
 */
export function sortByPackedKey(rows: number[], key: (row: number) => number, rowOf: (low: number) => number): number[] {
  if (packBuffer.length < rows.length) packBuffer = new Float64Array(Math.max(rows.length, packBuffer.length * 2));
  const packed = packBuffer.subarray(0, rows.length);
  for (let i = 0; i < rows.length; i++) packed[i] = key(rows[i]!);
  packed.sort();
  for (let i = 0; i < rows.length; i++) rows[i] = rowOf(packed[i]! % LOW_SPAN);
  return rows;
}

/** The counting sort's per-row buckets and bucket starts, reused as {@link packBuffer} is. */
let bucketKeys = new Uint32Array(1024);
let bucketStarts = new Uint32Array(1024);

/**
 * Stable counting sort of `rows` in place by `bucket(row)`, an integer in [0, buckets): rows with
 * equal buckets keep their order. O(rows + buckets), no comparisons — for keys with few values.
 */
export function sortByBucket(rows: number[], bucket: (row: number) => number, buckets: number): number[] {
  const n = rows.length;
  if (bucketKeys.length < n) bucketKeys = new Uint32Array(Math.max(n, bucketKeys.length * 2));
  if (bucketStarts.length < buckets + 1) bucketStarts = new Uint32Array(Math.max(buckets + 1, bucketStarts.length * 2));
  const keys = bucketKeys;
  const next = bucketStarts.fill(0, 0, buckets + 1);
  for (let i = 0; i < n; i++) {
    const b = bucket(rows[i]!);
    keys[i] = b;
    next[b + 1]!++;
  }
  for (let b = 0; b < buckets; b++) next[b + 1]! += next[b]!;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[next[keys[i]!]!++] = rows[i]!;
  for (let i = 0; i < n; i++) rows[i] = out[i]!;
  return rows;
}

/** Sorts distinct `rows` in place by a unique rank in [0, count) (e.g. title order), in O(rows + count). */
export function sortByUniqueRank(rows: number[], rank: ArrayLike<number>, count: number): number[] {
  const slot = new Int32Array(count).fill(-1);
  for (const o of rows) slot[rank[o]!] = o;
  let n = 0;
  for (let r = 0; r < count; r++) if (slot[r]! >= 0) rows[n++] = slot[r]!;
  return rows;
}
