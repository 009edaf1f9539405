/**
 * `onet-match` command line: `onet-match get "<route>" [--snapshot <manifest path or URL>]` prints
 * the route's JSON on stdout and exits 0; on error prints `{"error": …}` and exits 1 (2 for bad
 * command-line usage).
 */
import { OnetError, toOnetError } from '../src/errors.js';
import { createEngine } from '../src/engine/engine.js';
import { defaultManifestPath, loadSnapshotFile } from './node-snapshot.js';

const USAGE = 'Usage: onet-match get "<route>" [--snapshot <manifest path or URL>]\n' +
  'Example: onet-match get "/online/soft_skills/results?skills=2.B.1.a"';

/** Parsed command line. */
export interface CliArgs {
  readonly route: string;
  readonly snapshot: string;
}

/** Parses argv (without node and script). Throws VALIDATION_ERROR with the offending argument. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const rest = [...argv];
  let snapshot: string | undefined;
  const positional: string[] = [];
  while (rest.length) {
    const arg = rest.shift()!;
    if (arg === '--snapshot') {
      const value = rest.shift();
      if (!value) throw new OnetError('VALIDATION_ERROR', '--snapshot needs a manifest path or URL', { field: '--snapshot' });
      snapshot = value;
    } else if (arg.startsWith('--snapshot=')) snapshot = arg.slice('--snapshot='.length);
    else if (arg === '--help' || arg === '-h') throw new OnetError('VALIDATION_ERROR', USAGE, { field: 'help' });
    else if (arg.startsWith('-')) throw new OnetError('VALIDATION_ERROR', `Unknown option ${arg}`, { field: arg, suggestion: USAGE });
    else positional.push(arg);
  }
  if (positional[0] !== 'get') throw new OnetError('VALIDATION_ERROR', positional.length ? `Unknown command "${positional[0]}"` : 'No command given', { field: 'command', suggestion: USAGE });
  if (positional.length !== 2) throw new OnetError('VALIDATION_ERROR', 'get takes exactly one route', { field: 'route', suggestion: USAGE });
  return { route: positional[1]!, snapshot: snapshot ?? defaultManifestPath() };
}

/** Runs the CLI; returns the exit code. Output goes through `write` so tests can capture it. */
export async function main(argv: readonly string[], write: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    write(JSON.stringify({ error: toOnetError(error).toJSON() }, null, 2) + '\n');
    return 2;
  }
  try {
    const { snapshot } = await loadSnapshotFile(args.snapshot);
    const response = createEngine(snapshot).handle(args.route);
    write(JSON.stringify(response.body, null, 2) + '\n');
    return response.status === 200 ? 0 : 1;
  } catch (error) {
    write(JSON.stringify({ error: toOnetError(error).toJSON() }, null, 2) + '\n');
    return 1;
  }
}
