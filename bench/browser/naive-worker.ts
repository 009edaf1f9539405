/** Naive-engine cold start in a Worker: JSON download + parse, first answer. */
import { NaiveContender } from '../naive/engine.js';
import type { NaiveData } from '../naive/data.js';
import { URLS, serveColdStart } from './protocol.js';

serveColdStart(async (data) => {
  const t0 = performance.now();
  const text = await (await fetch(URLS.naive, { cache: 'no-cache' })).text();
  const t1 = performance.now();
  const parsed = JSON.parse(text) as NaiveData;
  const t2 = performance.now();
  const contender = new NaiveContender(parsed);
  contender.answer(data.firstQuery);
  const t3 = performance.now();
  (self as unknown as { keep: unknown }).keep = contender;
  return { stages: { download: t1 - t0, 'JSON.parse': t2 - t1, 'first answer': t3 - t2 }, bytes: { json: text.length } };
});
