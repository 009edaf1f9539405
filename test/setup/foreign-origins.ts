/**
 * Vitest global setup: two small HTTP servers on other ports than the test page's, so browser tests
 * have real other origins (`inject('foreignOrigins')`). Both serve build/test-snapshots/ with CORS
 * headers (a request the page allows does succeed), plus routes that misbehave:
 *
 *   /<path under build/test-snapshots>   the file, with Access-Control-Allow-Origin: *
 *   /stall/<anything>                     headers are never sent (a request that hangs)
 *   /half/<path>                          JSON in full; other files: the headers and half, then nothing
 *   /trickle/<path>                       JSON in full; other files in 40 pieces 100 ms apart
 *   /to-other/<path>                      302 to the same path on the other server
 *   /alias/<key>/<path>                   served as /<target>/<path>, where `POST /alias/<key>?to=<target>`
 *                                         set the target (a folder under build/test-snapshots, or a
 *                                         route above and its folder, e.g. trickle/fixture-next): a
 *                                         manifest URL whose release a test can move
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { TEST_SNAPSHOT_DIR } from '../support/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Two origins other than the test page's, e.g. `http://127.0.0.1:40001` (see this file). */
    foreignOrigins: [string, string];
  }
}

const ROOT = resolve(import.meta.dirname, '../..', TEST_SNAPSHOT_DIR);

function serve(otherOrigin: () => string): Server {
  const held = new Set<ServerResponse>();
  const aliases = new Map<string, string>();
  const server = createServer(function handle(req, res) {
    res.setHeader('access-control-allow-origin', '*');
    const url = new URL(req.url ?? '/', 'http://x');
    const [, route = '', ...rest] = url.pathname.split('/');
    if (route === 'alias') {
      const [key = '', ...path] = rest;
      if (req.method === 'POST') {
        aliases.set(key, (url.searchParams.get('to') ?? '').replace(/^\/+|\/+$/g, ''));
        res.writeHead(204).end();
        return;
      }
      const target = aliases.get(key);
      if (target === undefined || target.split('/')[0] === 'alias') {
        res.writeHead(404).end();
        return;
      }
      req.url = `/${target}/${path.join('/')}`;
      handle(req, res);
      return;
    }
    if (route === 'stall') {
      held.add(res); // never answered; released on teardown
      return;
    }
    if (route === 'to-other') {
      res.writeHead(302, { location: `${otherOrigin()}/${rest.join('/')}` }).end();
      return;
    }
    const slow = (route === 'half' || route === 'trickle') && !url.pathname.endsWith('.json');
    const relative = route === 'half' || route === 'trickle' ? rest.join('/') : url.pathname.slice(1);
    const file = normalize(join(ROOT, relative));
    if (!file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    if (slow) {
      const bytes = readFileSync(file);
      res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
      if (route === 'half') {
        res.write(bytes.subarray(0, bytes.length >> 1));
        held.add(res);
        return;
      }
      const size = Math.ceil(bytes.length / 40);
      let offset = 0;
      const timer = setInterval(() => {
        res.write(bytes.subarray(offset, (offset += size)));
        if (offset >= bytes.length) {
          clearInterval(timer);
          res.end();
        }
      }, 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  server.on('close', () => held.forEach((r) => r.destroy()));
  return server;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const origins: string[] = [];
  const a = serve(() => origins[1]!);
  const b = serve(() => origins[0]!);
  origins.push(await listen(a), await listen(b));
  project.provide('foreignOrigins', [origins[0]!, origins[1]!]);
  return async () => {
    for (const server of [a, b]) {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  };
}
