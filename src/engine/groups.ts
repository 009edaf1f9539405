/**
 * Row grouping (CSR layout): for a table whose rows reference a parent row (e.g. `occ`), the rows
 * of each parent as a contiguous range of a permutation, built once at load in O(rows).
 */

/** Rows of each group: rows of group g are `rows[start[g]] … rows[start[g + 1] - 1]`, in table order. */
export interface Groups {
  readonly start: Uint32Array;
  readonly rows: Uint32Array;
}

/** Groups table rows by `keys[row]` (counting sort, stable). Keys ≥ groupCount are ignored. */
export function groupRows(keys: ArrayLike<number>, groupCount: number): Groups {
  const start = new Uint32Array(groupCount + 1);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k < groupCount) start[k + 1]!++;
  }
  for (let g = 0; g < groupCount; g++) start[g + 1]! += start[g]!;
  const cursor = start.slice(0, groupCount);
  const rows = new Uint32Array(start[groupCount]!);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k < groupCount) rows[cursor[k]!++] = i;
  }
  return { start, rows };
}
