/**
 * Header checking: one place that finds a source file's columns by name and, when one is missing,
 * says which file, which line (the header, line 1) and which columns were expected.
 */
import { OnetError } from '../../src/errors.js';
import { location, type SourceTable } from './parse.js';

/** Column positions by name; optional columns the header lacks are -1. */
export type Columns<R extends string, O extends string = never> = { readonly [K in R]: number } & { readonly [K in O]: number };

/**
 * Positions of `required` (and `optional`) columns in `table`'s header. Throws SOURCE_INVALID at
 * `<file>:1:1` naming the first missing column, every expected column and the header found;
 * `hint` (e.g. "this is the classic header") is appended when given.
 */
export function columns<const R extends string, const O extends string = never>(
  table: SourceTable,
  required: readonly R[],
  optional: readonly O[] = [],
  hint?: string,
): Columns<R, O> {
  const out: Record<string, number> = {};
  for (const name of required) {
    const at = table.column(name);
    if (at < 0) {
      const where = location(table.file, 1, 1);
      throw new OnetError(
        'SOURCE_INVALID',
        `${where}: header of ${table.file} lacks required column "${name}"; expected columns: ${required.map((c) => `"${c}"`).join(', ')}` +
          ` (found: ${table.header.map((h) => `"${h}"`).join(', ')})${hint ? `; ${hint}` : ''}`,
        { field: where, suggestion: `Check that ${table.file} comes from an unmodified O*NET text download of the same release as the other files.` },
      );
    }
    out[name] = at;
  }
  for (const name of optional) out[name] = table.column(name);
  return out as Columns<R, O>;
}
