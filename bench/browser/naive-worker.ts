/** Naive-engine cold start in a Worker: JSON download + parse, first answer. */
import { NaiveContender } from '../naive/engine.js';
import type { NaiveData } from '../naive/data.js';
import { URLS, type WorkerReply, type WorkerRequest } from './protocol.js';

const reply = (m: WorkerReply) => postMessage(m);

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  if (req.type !== 'cold') return;
  try {
    const t0 = performance.now();
    const text = await (await fetch(URLS.naive, { cache: 'no-cache' })).text();
    const t1 = performance.now();
    const data = JSON.parse(text) as NaiveData;
    const t2 = performance.now();
    const contender = new NaiveContender(data);
    contender.answer(req.data.firstQuery);
    const t3 = performance.now();
    (self as unknown as { keep: unknown }).keep = contender;
    reply({ type: 'cold', result: { stages: { download: t1 - t0, 'JSON.parse': t2 - t1, 'first answer': t3 - t2 }, bytes: { json: text.length } } });
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
