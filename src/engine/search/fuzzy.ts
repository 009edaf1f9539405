/**
 * Typo tolerance: the terms of the sorted dictionary within `maxEdits` edits of a word
 * (optimal-string-alignment distance: insertion, deletion, substitution, or a swap of two
 * neighbouring letters each count one).
 *
 * The dictionary is walked in sorted order as an implicit trie: consecutive terms share a prefix,
 * and the dynamic-programming rows of that prefix are kept, so each term costs only its new
 * letters; once every cell of a row exceeds `maxEdits`, all following terms with that prefix are
 * skipped. A general-purpose library would scan every term (or bring its own index); this walk
 * reuses the search index's dictionary and adds no bytes to the Worker beyond these few lines.
 */

/** A dictionary term near the query word. */
export interface NearTerm {
  /** Position in the sorted dictionary (the term id). */
  readonly term: number;
  readonly edits: number;
}

/** Edits allowed for a word: none below 4 letters, one from 4, two from 8 (docs/ranking.md). */
export function allowedEdits(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/** Terms of `sorted` within `maxEdits` of `word`, in dictionary order. */
export function nearTerms(sorted: readonly string[], word: string, maxEdits: number): NearTerm[] {
  const out: NearTerm[] = [];
  if (maxEdits <= 0) return out;
  const n = word.length;
  const width = n + 1;
  // rows[d] is the DP row after the first d letters of the current term (row 0: distance from the empty prefix).
  const maxLength = n + maxEdits;
  const rows = new Int32Array((maxLength + 1) * width);
  for (let j = 0; j <= n; j++) rows[j] = j;
  const rowMin = new Int32Array(maxLength + 1);
  let prev = ''; // the last term whose rows are in `rows`
  for (let t = 0; t < sorted.length; t++) {
    const term = sorted[t]!;
    if (term.length > maxLength || term.length < n - maxEdits) {
      // Too long or too short to be near; its rows are not computed, so `prev` keeps the last computed term.
      continue;
    }
    let shared = 0;
    const limit = Math.min(prev.length, term.length);
    while (shared < limit && prev.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
    let d = shared;
    let pruned = false;
    // A shared prefix whose row already exceeds maxEdits rules this term out without computing anything.
    for (let k = 1; k <= shared; k++) {
      if (rowMin[k]! > maxEdits) {
        pruned = true;
        break;
      }
    }
    if (pruned) continue;
    for (; d < term.length; d++) {
      const c = term.charCodeAt(d);
      const cur = (d + 1) * width;
      const above = d * width;
      rows[cur] = d + 1;
      let min = d + 1;
      for (let j = 1; j <= n; j++) {
        const cost = word.charCodeAt(j - 1) === c ? 0 : 1;
        let v = Math.min(rows[above + j]! + 1, rows[cur + j - 1]! + 1, rows[above + j - 1]! + cost);
        if (d > 0 && j > 1 && c === word.charCodeAt(j - 2) && term.charCodeAt(d - 1) === word.charCodeAt(j - 1)) {
          v = Math.min(v, rows[above - width + j - 2]! + 1);
        }
        rows[cur + j] = v;
        if (v < min) min = v;
      }
      rowMin[d + 1] = min;
      if (min > maxEdits) {
        d++;
        break;
      }
    }
    // Rows are valid up to the letters computed: remember that prefix as the reusable one.
    prev = term.slice(0, d);
    if (d === term.length && rowMin[d]! <= maxEdits) {
      const edits = rows[d * width + n]!;
      if (edits <= maxEdits) out.push({ term: t, edits });
    }
  }
  return out;
}
