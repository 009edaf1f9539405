/** The `onet-match get` command line: JSON on stdout, exit codes, argument validation. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { main, parseArgs } from '../../tools/cli.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const root = resolve(import.meta.dirname, '../..');
const manifest = resolve(root, FIXTURE_MANIFEST);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI prints any route's JSON
async function run(argv: string[]): Promise<{ code: number; json: any }> {
  let out = '';
  const code = await main(argv, (t) => (out += t));
  return { code, json: JSON.parse(out) };
}

describe('onet-match CLI', () => {
  test('prints a route as JSON and exits 0', async () => {
    const { code, json } = await run(['get', '/online/soft_skills', '--snapshot', manifest]);
    expect(code).toBe(0);
    expect(json.social.length).toBe(6);
  });

  test('prints the error JSON and exits 1 for a bad route', async () => {
    const { code, json } = await run(['get', '/online/soft_skills/results?skills=nope', '--snapshot', manifest]);
    expect(code).toBe(1);
    expect(json.error).toMatchObject({ code: 'VALIDATION_ERROR', status: 422, field: 'skills' });
  });

  test('a missing snapshot is a clear NOT_FOUND error with a suggestion', async () => {
    const { code, json } = await run(['get', '/info', '--snapshot', '/nonexistent/manifest.json']);
    expect(code).toBe(1);
    expect(json.error).toMatchObject({ code: 'NOT_FOUND', field: 'snapshot' });
    expect(json.error.suggestion).toMatch(/npm run snapshot/);
  });

  test('validates its arguments (exit 2)', async () => {
    expect(() => parseArgs([])).toThrowError(expect.objectContaining({ code: 'VALIDATION_ERROR', field: 'command' }));
    expect(() => parseArgs(['get'])).toThrowError(expect.objectContaining({ field: 'route' }));
    expect(() => parseArgs(['get', '/a', '/b'])).toThrowError(expect.objectContaining({ field: 'route' }));
    expect(() => parseArgs(['get', '/a', '--snapshot'])).toThrowError(expect.objectContaining({ field: '--snapshot' }));
    expect(() => parseArgs(['get', '/a', '--verbose'])).toThrowError(expect.objectContaining({ field: '--verbose' }));
    expect(() => parseArgs(['put', '/a'])).toThrowError(expect.objectContaining({ field: 'command' }));
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  describe('the installed bin', () => {
    beforeAll(() => {
      // `npm ci` builds dist/node through the prepare script; build it here when running from a dev tree.
      if (!existsSync(resolve(root, 'dist/node/tools/cli.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.node.json'], { cwd: root });
    });

    test('npx-style invocation prints JSON and sets the exit code', () => {
      const ok = spawnSync(process.execPath, ['bin/onet-match.js', 'get', '/online/related_activities?keyword=widget', '--snapshot', manifest], { cwd: root, encoding: 'utf8' });
      expect(ok.status).toBe(0);
      expect(JSON.parse(ok.stdout)).toHaveProperty('total');
      const bad = spawnSync(process.execPath, ['bin/onet-match.js', 'get', '/online/related_activities/activities/99-9999.00', '--snapshot', manifest], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(bad.status).toBe(1);
      expect(JSON.parse(bad.stdout).error.code).toBe('NOT_FOUND');
    });
  });
});
