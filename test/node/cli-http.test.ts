/**
 * The CLI's HTTP reads (tools/node-snapshot.ts) follow the Worker's rules: capped, under the
 * inactivity timeout, no redirect to another origin, absurd declared sizes refused before the
 * download — against real local HTTP servers that misbehave.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OnetError } from '../../src/errors.js';
import { MAX_MANIFEST_BYTES } from '../../src/protocol.js';
import { loadSnapshotFile } from '../../tools/node-snapshot.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

const ROOT = resolve(import.meta.dirname, '../..');
const manifestJson = readFileSync(resolve(ROOT, FIXTURE_MANIFEST), 'utf8');
const manifest = JSON.parse(manifestJson) as { file: string; bytes: number };
const snapshotBytes = readFileSync(resolve(ROOT, FIXTURE_MANIFEST, '..', manifest.file));

let servers: Server[] = [];
let main = '';
let other = '';
/** Bytes the endless routes have written (to show the reader stopped early). */
let written = 0;

/** Writes 64 KiB pieces until the client goes away. */
function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  const piece = Buffer.alloc(64 * 1024, 32);
  const pump = () => {
    while (!res.destroyed && written < 1 << 30) {
      written += piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
  };
  pump();
}

function routes(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  switch (path) {
    case '/ok/manifest.json':
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(manifestJson);
    case `/ok/${manifest.file}`:
    case `/huge/${manifest.file}`:
    case `/same-origin-redirect/${manifest.file}`: // the file resolves against the URL asked for
      return void res.writeHead(200).end(snapshotBytes);
    case '/endless/manifest.json':
      return endless(res);
    case '/endless-snapshot/manifest.json':
      return void res.writeHead(200).end(manifestJson);
    case `/endless-snapshot/${manifest.file}`:
      return endless(res);
    case '/stall/manifest.json':
      return; // never answered
    case '/stall-body/manifest.json':
      return void res.writeHead(200).write('{"format":');
    case '/huge/manifest.json':
      return void res.writeHead(200).end(JSON.stringify({ ...JSON.parse(manifestJson), bytes: 4e9 }));
    case '/to-other/manifest.json':
      return void res.writeHead(302, { location: `${other}/ok/manifest.json` }).end();
    case '/same-origin-redirect/manifest.json':
      return void res.writeHead(302, { location: '/ok/manifest.json' }).end();
    default:
      res.writeHead(404).end();
  }
}

async function start(): Promise<string> {
  const server = createServer(routes);
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  main = await start();
  other = await start();
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
  servers = [];
});

async function failure(location: string, timeoutMs?: number): Promise<OnetError> {
  const error = await loadSnapshotFile(location, { timeoutMs }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OnetError);
  return error as OnetError;
}

describe('CLI HTTP reads', () => {
  test('a well-behaved server (and a same-origin redirect) loads', async () => {
    expect((await loadSnapshotFile(`${main}/ok/manifest.json`)).snapshot.info.release).toBe('0.1');
    expect((await loadSnapshotFile(`${main}/same-origin-redirect/manifest.json`)).snapshot.info.release).toBe('0.1');
  });

  test('an endless manifest body is SNAPSHOT_CORRUPT after at most the manifest limit', async () => {
    written = 0;
    const error = await failure(`${main}/endless/manifest.json`);
    expect(error.code).toBe('SNAPSHOT_CORRUPT');
    expect(error.field).toBe('snapshot');
    // The server may have a few socket buffers more in flight, never the gigabyte it would send.
    expect(written).toBeLessThan(MAX_MANIFEST_BYTES + (16 << 20));
  });

  test('a snapshot body longer than declared is SNAPSHOT_CORRUPT', async () => {
    written = 0;
    expect((await failure(`${main}/endless-snapshot/manifest.json`)).code).toBe('SNAPSHOT_CORRUPT');
    expect(written).toBeLessThan(manifest.bytes + (16 << 20));
  });

  test('a server that never answers, or stalls mid-body, is TIMEOUT', async () => {
    expect((await failure(`${main}/stall/manifest.json`, 300)).code).toBe('TIMEOUT');
    expect((await failure(`${main}/stall-body/manifest.json`, 300)).code).toBe('TIMEOUT');
  });

  test('a declared size of 4e9 bytes is SNAPSHOT_CORRUPT before the download', async () => {
    const error = await failure(`${main}/huge/manifest.json`);
    expect(error.code).toBe('SNAPSHOT_CORRUPT');
    expect(error.message).toMatch(/declares a 4000000000-byte snapshot/);
  });

  test('a redirect to another origin is NETWORK', async () => {
    const error = await failure(`${main}/to-other/manifest.json`);
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain(other);
  });
});
