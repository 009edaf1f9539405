/** How the keyword search splits text into words (the index and the query side share it). */
import { singular, words } from '../text.js';

/**
 * Words that carry no occupation meaning: a query ignores them unless it has nothing else, and a
 * field's word count leaves them out, so "Accountants and Auditors" equals "accountant auditor".
 */
// One string, split: the bundled Worker must not contain a quoted "from" that reads like an import statement.
export const STOP_WORDS: ReadonlySet<string> = new Set('a an and as at by for from in of on or the to with'.split(' '));

/**
 * The words of a text for search: possessives dropped first ("Sheriff's" → "sheriff", "nurse's
 * aide" → "nurse aide"), so the "s" of an apostrophe is never a word of its own.
 */
export function searchWords(text: string): string[] {
  // Most texts have no apostrophe: skip the replace (the index splits tens of thousands of titles).
  return words(text.includes("'") || text.includes('\u2019') ? text.replace(/['\u2019]s\b/gi, '') : text);
}

/** Search terms of a text: {@link searchWords} folded to singular. */
export function searchTerms(text: string): string[] {
  return searchWords(text).map(singular);
}
