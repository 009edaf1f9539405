/**
 * Text normalisation for search and title sorting: case- and accent-insensitive, punctuation as
 * word breaks, and a light English plural folding so "pharmacist" finds "Pharmacists".
 * Written as plain character loops: the search index tokenises ~65,000 titles at load.
 */

// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL on purpose
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower-case ASCII words of `text`; accents are stripped first, every non-alphanumeric breaks words. */
export function words(text: string): string[] {
  const source = NON_ASCII.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
  const lower = source.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(lower.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/** Lower-cases, strips diacritics and turns every run of non-alphanumerics into one space. */
export function normalize(text: string): string {
  return words(text).join(' ');
}

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * Folds an English plural to its singular, conservatively: "pharmacists" → "pharmacist",
 * "secretaries" → "secretary", "boxes" → "box", "businesses" → "business"; words ending in
 * "ss", "us", "is", short words and words with digits are kept.
 */
export function singular(word: string): string {
  // Every folding below needs a final "s": most words leave here (the search index folds ~360,000 words at load).
  if (word.charCodeAt(word.length - 1) !== 115) return word;
  if (word.length <= 3 || hasDigit(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses') || word.endsWith('shes') || word.endsWith('ches') || word.endsWith('xes') || word.endsWith('zes')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** Search terms of a text: normalised words folded to singular. */
export function terms(text: string): string[] {
  const out = words(text);
  for (let i = 0; i < out.length; i++) out[i] = singular(out[i]!);
  return out;
}

/** Deterministic, locale-independent title comparison: normalised text, then raw code points. */
export function compareTitles(a: string, b: string): number {
  const na = normalize(a);
  const nb = normalize(b);
  if (na !== nb) return na < nb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
