/** `onet-match code`: batch coding of job titles (lines or a CSV/TSV column) to CSV or JSON, with typed input errors. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main, parseArgs } from '../../tools/cli.js';
import { parseDelimited, titlesOf, type CodedTitle } from '../../tools/batch-code.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const manifest = resolve(import.meta.dirname, '../..', FIXTURE_MANIFEST);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'onet-code-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    argv,
    (t) => (out += t),
    (t) => (err += t),
    async () => new TextEncoder().encode(stdin),
  );
  return { code, out, err };
}

describe('onet-match code', () => {
  test('one title per line → CSV with the best code, title, score, match and two more candidates', async () => {
    const { code, out, err } = await run(['code', file('titles.txt', 'widget inspector\nwigdet inspector\n\ngizmo\n51-9941.01\n'), '--snapshot', manifest]);
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('line,input,code,title,score,match,code_2,title_2,score_2,code_3,title_3,score_3');
    expect(lines[1]).toMatch(/^1,widget inspector,51-9941\.00,Widget Inspectors,\d+,exact,51-9941\.01,Widget Inspectors and Testers,\d+,,,$/);
    expect(lines[2]).toMatch(/^2,wigdet inspector,51-9941\.00,Widget Inspectors,\d+,corrected,/);
    expect(lines[3]).toBe('3,,,,,,,,,,,'); // blank lines keep their row
    expect(lines[4]).toBe('4,gizmo,,,,,,,,,,');
    expect(lines[5]).toMatch(/^5,51-9941\.01,51-9941\.01,Widget Inspectors and Testers,/);
  });

  test('a CSV column by name from standard input → JSON; quoted fields keep their commas', async () => {
    const csv = 'id,Job Title\n1,"Inspector, widget"\n2,cafe mgr\n';
    const { code, out } = await run(['code', '-', '--column', 'job title', '--format', 'json', '--snapshot', manifest], csv);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as CodedTitle[];
    expect(rows.map((r) => [r.line, r.input, r.code, r.match])).toEqual([
      [1, 'Inspector, widget', '51-9941.00', 'exact'],
      [2, 'cafe mgr', '11-9941.00', 'exact'],
    ]);
    expect(rows[0]!.candidates).toEqual([{ code: '51-9941.01', title: 'Widget Inspectors and Testers', score: expect.any(Number) }]);
  });

  test('TSV by column number; a title with commas and quotes is quoted in the CSV output', async () => {
    const { code, out } = await run(['code', file('t.tsv', 'a\ttitle\nx\tWidget "QC" inspector, senior\n'), '--column', '2', '--snapshot', manifest]);
    expect(code).toBe(0);
    expect(out.split('\n')[1]).toMatch(/^1,"Widget ""QC"" inspector, senior",51-9941\.00,/);
  });

  test('large inputs report progress on stderr, results stay on stdout', async () => {
    const { code, out, err } = await run(['code', file('many.txt', 'widget inspector\ncafe manager\n'.repeat(600)), '--snapshot', manifest]);
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n')).toHaveLength(1201);
    expect(err).toMatch(/1,000 of 1,200 titles/);
    expect(err).toMatch(/1,200 titles coded in/);
  });

  test('unreadable input is a typed error (exit 1), bad usage exit 2', async () => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const error = async (argv: string[], stdin?: string) => {
      const r = await run([...argv, '--snapshot', manifest], stdin);
      return { exit: r.code, ...JSON.parse(r.out).error };
    };
    expect(await error(['code', join(dir, 'missing.txt')])).toMatchObject({ exit: 1, code: 'NOT_FOUND', field: 'input' });
    expect(await error(['code', join(dir, 'folder')])).toMatchObject({ exit: 1, code: 'VALIDATION_ERROR', field: 'input' });
    expect(await error(['code', file('bin.dat', new Uint8Array([0xff, 0xfe, 0x00, 0x41]))])).toMatchObject({ exit: 1, code: 'VALIDATION_ERROR', field: 'input' });
    expect(await error(['code', file('c.csv', 'a,b\n1,2\n'), '--column', 'title'])).toMatchObject({
      exit: 1,
      code: 'VALIDATION_ERROR',
      field: '--column',
      suggestion: 'Columns: a, b',
    });
    expect(await error(['code', file('d.csv', 'a,b\n'), '--column', '3'])).toMatchObject({ exit: 1, field: '--column' });
    expect(await error(['code', '-', '--column', 'x'], '')).toMatchObject({ exit: 1, field: 'input' });
    expect(await error(['code'])).toMatchObject({ exit: 2, code: 'VALIDATION_ERROR', field: 'input' });
    expect(await error(['code', 'a', 'b'])).toMatchObject({ exit: 2, field: 'input' });
    expect(await error(['code', 'a', '--format', 'xml'])).toMatchObject({ exit: 2, field: '--format' });
    expect(await error(['get', '/info', '--column', 'x'])).toMatchObject({ exit: 2, field: '--column' });
    expect(await error(['code', 'a', '--lay-words'])).toMatchObject({ exit: 2, field: '--lay-words' });
  });

  test('--lay-words adds host lay words to both commands; a bad file is a typed error', async () => {
    const lay = file('lay.json', JSON.stringify({ gizmo: 'widget' }));
    const coded = await run(['code', '-', '--lay-words', lay, '--snapshot', manifest], 'gizmo inspector\n');
    expect(coded.out.split('\n')[1]).toMatch(/^1,gizmo inspector,51-9941\.00,/);
    const info = await run(['get', '/info', '--lay-words', lay, '--snapshot', manifest]);
    expect(JSON.parse(info.out).layWords.hostEntries).toBe(1);
    const bad = await run(['get', '/info', '--lay-words', file('bad.json', '{'), '--snapshot', manifest]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).error).toMatchObject({ code: 'VALIDATION_ERROR', field: '--lay-words' });
    const wrong = await run(['get', '/info', '--lay-words', file('wrong.json', '{"cop": 3}'), '--snapshot', manifest]);
    expect(JSON.parse(wrong.out).error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'layWords' });
  });

  test('argument parsing (node:util parseArgs) keeps the get forms', () => {
    expect(parseArgs(['get', '/info', '--snapshot=x'])).toMatchObject({ command: 'get', route: '/info', snapshot: 'x' });
    expect(parseArgs(['--snapshot', 'x', 'code', 'f.txt', '--format', 'json'])).toMatchObject({ command: 'code', input: 'f.txt', format: 'json', snapshot: 'x' });
    expect(() => parseArgs(['-h'])).toThrowError(expect.objectContaining({ field: 'help' }));
  });

  test('CSV parsing: quotes, doubled quotes, CRLF and line breaks inside quotes', () => {
    expect(parseDelimited('a,"b,c"\r\n"d ""e""","f\ng"\n', ',')).toEqual([
      ['a', 'b,c'],
      ['d "e"', 'f\ng'],
    ]);
    expect(titlesOf('one\r\ntwo\n', undefined)).toEqual(['one', 'two']);
  });
});
