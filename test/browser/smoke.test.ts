import { expect, test } from 'vitest';
import { wrap } from 'comlink';
import { openDB } from 'idb';
test('worker + comlink + idb', async () => {
  const w = new Worker(new URL('./smoke-worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<{ add(a: number, b: number): number }>(w);
  expect(await api.add(2, 3)).toBe(5);
  const db = await openDB('smoke', 1, {
    upgrade(d) {
      d.createObjectStore('s');
    },
  });
  await db.put('s', new Uint8Array([1, 2]), 'k');
  expect(Array.from((await db.get('s', 'k')) as Uint8Array)).toEqual([1, 2]);
  w.terminate();
});
