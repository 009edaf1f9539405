/**
 * `onet-match` command line.
 *
 *   onet-match get "<route>"  [--snapshot <manifest>] [--lay-words <file.json>]
 *   onet-match code <file|->  [--column <name|number>] [--format csv|json] [--snapshot …] [--lay-words …]
 *
 * `get` prints the route's JSON on stdout and exits 0; on error prints `{"error": …}` and exits 1.
 * `code` reads job titles (one per line, or one column of a CSV/TSV file) and writes the best
 * O*NET-SOC code for each (./batch-code.ts). Bad command-line usage exits 2 with the error JSON;
 * any other failure (unreadable snapshot or input) exits 1. Errors are always JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import { parseArgs as parseNodeArgs } from 'node:util';
import { OnetError, toOnetError } from '../src/errors.js';
import { createEngine } from '../src/engine/engine.js';
import type { LayWords } from '../src/engine/search.js';
import { codeTitles, readInput, type OutputFormat } from './batch-code.js';
import { defaultManifestPath, loadSnapshotFile } from './node-snapshot.js';

const USAGE =
  'Usage: onet-match get "<route>" [--snapshot <manifest path or URL>] [--lay-words <file.json>]\n' +
  '       onet-match code <file|-> [--column <name|number>] [--format csv|json] [--snapshot …] [--lay-words …]\n' +
  'Example: onet-match get "/online/soft_skills/results?skills=2.B.1.a"';

/** Parsed command line. */
export type CliArgs =
  | { readonly command: 'get'; readonly route: string; readonly snapshot: string; readonly layWords?: string }
  | {
      readonly command: 'code';
      /** Input file, or "-" for standard input. */
      readonly input: string;
      /** Column of a CSV/TSV input (header name or 1-based number); absent: one title per line. */
      readonly column?: string;
      readonly format: OutputFormat;
      readonly snapshot: string;
      readonly layWords?: string;
    };

const OPTIONS = {
  snapshot: { type: 'string' },
  'lay-words': { type: 'string' },
  column: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The option a node:util parseArgs error is about ("Unknown option '--verbose'…" → "--verbose"). */
function offendingOption(error: unknown): string {
  const quoted = /'([^']+)'/.exec(error instanceof Error ? error.message : '');
  return quoted ? quoted[1]!.replace(/ <value>$/, '') : 'arguments';
}

/** Parses argv (without node and script). Throws VALIDATION_ERROR with the offending argument. */
export function parseArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parseNodeArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true; args: string[] }>>;
  try {
    parsed = parseNodeArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const option = offendingOption(error);
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new OnetError('VALIDATION_ERROR', `${option} needs a value`, { field: option, suggestion: USAGE });
    throw new OnetError('VALIDATION_ERROR', `Unknown option ${option}`, { field: option, suggestion: USAGE });
  }
  const { values, positionals } = parsed;
  if (values.help) throw new OnetError('VALIDATION_ERROR', USAGE, { field: 'help', suggestion: 'See docs/api.md, "Command line"' });
  for (const name of ['snapshot', 'lay-words', 'column', 'format'] as const) {
    if (values[name] === '') throw new OnetError('VALIDATION_ERROR', `--${name} needs a value`, { field: `--${name}`, suggestion: USAGE });
  }
  const snapshot = values.snapshot ?? defaultManifestPath();
  const layWords = values['lay-words'];
  const command = positionals[0];
  if (command === 'get') {
    for (const name of ['column', 'format'] as const) {
      if (values[name] !== undefined) throw new OnetError('VALIDATION_ERROR', `--${name} applies to the code command only`, { field: `--${name}`, suggestion: USAGE });
    }
    if (positionals.length !== 2) throw new OnetError('VALIDATION_ERROR', 'get takes exactly one route', { field: 'route', suggestion: USAGE });
    return { command, route: positionals[1]!, snapshot, ...(layWords !== undefined ? { layWords } : {}) };
  }
  if (command === 'code') {
    if (positionals.length !== 2) throw new OnetError('VALIDATION_ERROR', 'code takes exactly one input: a file, or - for standard input', { field: 'input', suggestion: USAGE });
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'json')
      throw new OnetError('VALIDATION_ERROR', `--format must be csv or json; got "${format.slice(0, 40)}"`, { field: '--format', suggestion: 'Use --format csv or --format json' });
    return {
      command,
      input: positionals[1]!,
      format,
      snapshot,
      ...(values.column !== undefined ? { column: values.column } : {}),
      ...(layWords !== undefined ? { layWords } : {}),
    };
  }
  throw new OnetError('VALIDATION_ERROR', positionals.length ? `Unknown command "${String(command).slice(0, 40)}"` : 'No command given', { field: 'command', suggestion: USAGE });
}

/** Reads a `--lay-words` file: a JSON object mapping a lay word to a phrase or a list of phrases. */
function readLayWords(path: string): LayWords {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OnetError('NOT_FOUND', `Cannot read the lay-words file ${path.slice(0, 200)}`, {
      field: '--lay-words',
      suggestion: 'Give a JSON file such as {"barkeep": "bartender"}',
      cause: error,
    });
  }
  try {
    return JSON.parse(text) as LayWords;
  } catch (error) {
    throw new OnetError('VALIDATION_ERROR', `The lay-words file ${path.slice(0, 200)} is not JSON`, {
      field: '--lay-words',
      suggestion: 'Give a JSON object such as {"barkeep": "bartender"}',
      cause: error,
    });
  }
}

/** Where the CLI writes: stdout for results, stderr for progress (tests capture both). */
export interface CliOutput {
  (text: string): void;
}

/**
 * Runs the CLI; returns the exit code. Results go through `write` (stdout), progress of long
 * batch runs through `progress` (stderr), so tests can capture them.
 */
export async function main(
  argv: readonly string[],
  write: CliOutput = (t) => process.stdout.write(t),
  progress: CliOutput = (t) => process.stderr.write(t),
  stdin: () => Promise<Uint8Array> = readStdin,
): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    write(JSON.stringify({ error: toOnetError(error).toJSON() }, null, 2) + '\n');
    return 2;
  }
  try {
    const layWords = args.layWords !== undefined ? readLayWords(args.layWords) : undefined;
    if (args.command === 'code') {
      // The input first: a missing file is reported before the snapshot is loaded.
      const input = await readInput(args.input, stdin);
      const { snapshot } = await loadSnapshotFile(args.snapshot);
      const engine = createEngine(snapshot, layWords ? { layWords } : {});
      write(codeTitles(engine, input, { column: args.column, format: args.format, progress }));
      return 0;
    }
    const { snapshot } = await loadSnapshotFile(args.snapshot);
    const response = createEngine(snapshot, layWords ? { layWords } : {}).handle(args.route);
    write(JSON.stringify(response.body, null, 2) + '\n');
    return response.status === 200 ? 0 : 1;
  } catch (error) {
    write(JSON.stringify({ error: toOnetError(error).toJSON() }, null, 2) + '\n');
    return 1;
  }
}

/** All of standard input. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
