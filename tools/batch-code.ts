/**
 * Batch coding (`onet-match code`): job titles in, the best O*NET-SOC occupation for each out,
 * with its title, the ranking score, how it matched and the next two candidates — for researchers
 * coding survey answers and HR systems mapping their own titles. The ranking is the keyword
 * search's (docs/ranking.md); repeated titles are searched once.
 */
import { stat, readFile } from 'node:fs/promises';
import { OnetError } from '../src/errors.js';
import type { Engine } from '../src/engine/engine.js';
import { MAX_KEYWORD_LENGTH, MatchClass, searchKeyword, type SearchHit } from '../src/engine/search.js';

/** Output formats of `onet-match code`. */
export type OutputFormat = 'csv' | 'json';

/** Largest input accepted (a title list of this size is millions of lines). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Inputs of at least this many titles report progress on stderr. */
export const PROGRESS_EVERY = 1000;

const MATCH_NAMES: Record<number, string> = {
  [MatchClass.Exact]: 'exact',
  [MatchClass.Completed]: 'completed',
  [MatchClass.Corrected]: 'corrected',
  [MatchClass.Partial]: 'partial',
};

/** The input text of a file or of standard input ("-"), checked to be UTF-8 text. */
export async function readInput(path: string, stdin: () => Promise<Uint8Array>): Promise<string> {
  let bytes: Uint8Array;
  if (path === '-') {
    bytes = await stdin();
  } else {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new OnetError('NOT_FOUND', `Cannot read the input file ${path.slice(0, 200)}`, {
        field: 'input',
        suggestion: 'Give a text file with one job title per line, or - to read standard input',
        cause: error,
      });
    }
    // stat first: a directory, a FIFO or /dev/zero must not hang the command or exhaust memory.
    if (!info.isFile())
      throw new OnetError('VALIDATION_ERROR', `The input ${path.slice(0, 200)} is not a regular file`, {
        field: 'input',
        suggestion: 'Give a text file with one job title per line, or - to read standard input',
      });
    if (info.size > MAX_INPUT_BYTES)
      throw new OnetError('VALIDATION_ERROR', `The input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`, { field: 'input', suggestion: 'Split the file' });
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new OnetError('NOT_FOUND', `Cannot read the input file ${path.slice(0, 200)}`, { field: 'input', suggestion: 'Check the file permissions', cause: error });
    }
  }
  if (bytes.length > MAX_INPUT_BYTES)
    throw new OnetError('VALIDATION_ERROR', `The input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`, { field: 'input', suggestion: 'Split the input' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new OnetError('VALIDATION_ERROR', 'The input is not UTF-8 text', { field: 'input', suggestion: 'Save the titles as UTF-8 text (CSV, TSV or one title per line)' });
  }
  if (text.includes('\0')) throw new OnetError('VALIDATION_ERROR', 'The input is binary, not text', { field: 'input', suggestion: 'Give a text file with one job title per line' });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Rows of a CSV or TSV text (RFC 4180 quoting: quoted fields may hold the delimiter, quotes and line breaks). */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The titles of the input: every line, or the chosen column of a CSV/TSV with a header row. */
export function titlesOf(text: string, column: string | undefined): string[] {
  if (column === undefined) {
    const lines = text.split(/\r\n|\r|\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const rows = parseDelimited(text, firstLine.includes('\t') ? '\t' : ',');
  const header = rows.shift();
  if (!header)
    throw new OnetError('VALIDATION_ERROR', 'The input is empty: no header row to find the column in', { field: 'input', suggestion: 'The first line names the columns' });
  let index: number;
  if (/^\d+$/.test(column)) {
    index = Number(column) - 1;
    if (index < 0 || index >= header.length)
      throw new OnetError('VALIDATION_ERROR', `--column ${column} is out of range: the header has ${header.length} columns`, {
        field: '--column',
        suggestion: `Use a number from 1 to ${header.length} or a column name`,
      });
  } else {
    const wanted = column.trim().toLowerCase();
    index = header.findIndex((h) => h.trim().toLowerCase() === wanted);
    if (index < 0) {
      throw new OnetError('VALIDATION_ERROR', `No column named "${column.slice(0, 60)}"`, {
        field: '--column',
        suggestion: `Columns: ${header
          .map((h) => h.slice(0, 40))
          .join(', ')
          .slice(0, 300)}`,
      });
    }
  }
  return rows.map((r) => r[index] ?? '');
}

/** One coded title. */
export interface CodedTitle {
  readonly line: number;
  readonly input: string;
  /** Best occupation, or null when nothing matched. */
  readonly code: string | null;
  readonly title: string | null;
  readonly score: number | null;
  /** exact, completed, corrected or partial (docs/ranking.md, match classes). */
  readonly match: string | null;
  /** The next two candidates. */
  readonly candidates: readonly { code: string; title: string; score: number }[];
}

/** Codes every title (pure: the engine answers, nothing is read or written here). */
export function codeAll(engine: Engine, titles: readonly string[], onProgress?: (done: number, total: number) => void): CodedTitle[] {
  const index = engine.indexes.search();
  const occ = engine.indexes.occupations;
  const cache = new Map<string, SearchHit[]>();
  const out: CodedTitle[] = [];
  titles.forEach((raw, i) => {
    const input = raw.trim();
    const keyword = input.slice(0, MAX_KEYWORD_LENGTH);
    let hits = cache.get(keyword);
    if (!hits) cache.set(keyword, (hits = keyword === '' ? [] : searchKeyword(index, occ, keyword).hits.slice(0, 3)));
    const best = hits[0];
    out.push({
      line: i + 1,
      input,
      code: best ? occ.codes[best.occupation]! : null,
      title: best ? occ.titles[best.occupation]! : null,
      score: best ? best.score : null,
      match: best ? MATCH_NAMES[best.matchClass]! : null,
      candidates: hits.slice(1).map((h) => ({ code: occ.codes[h.occupation]!, title: occ.titles[h.occupation]!, score: h.score })),
    });
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, titles.length);
  });
  return out;
}

/** A CSV field, quoted when it must be. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV or JSON document of coded titles. */
function formatCoded(rows: readonly CodedTitle[], format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  const header = ['line', 'input', 'code', 'title', 'score', 'match', 'code_2', 'title_2', 'score_2', 'code_3', 'title_3', 'score_3'];
  const lines = [header.join(',')];
  for (const r of rows) {
    const c = [0, 1].flatMap((k) => {
      const cand = r.candidates[k];
      return cand ? [cand.code, cand.title, cand.score] : [null, null, null];
    });
    lines.push([r.line, r.input, r.code, r.title, r.score, r.match, ...c].map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Codes the titles of `text` and returns the output document; progress lines go to `progress` for large inputs. */
export function codeTitles(engine: Engine, text: string, options: { column?: string; format: OutputFormat; progress?: (line: string) => void }): string {
  const titles = titlesOf(text, options.column);
  const started = Date.now();
  const report = options.progress && titles.length >= PROGRESS_EVERY ? options.progress : undefined;
  const rows = codeAll(engine, titles, report && ((done, total) => report(`onet-match code: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} titles\n`)));
  report?.(`onet-match code: ${titles.length.toLocaleString('en-US')} titles coded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return formatCoded(rows, options.format);
}
