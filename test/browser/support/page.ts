/** What the browser tests that open engines and elements share: a clean page between tests, typed rejections. */
import { expect } from 'vitest';
import { closeSharedEngines, configureSharedEngines } from '../../../src/elements/index.js';
import { OnetError } from '../../../src/errors.js';
import { deleteTestDatabases } from './snapshots.js';

/**
 * Puts the page back as a test found it: runs (and empties) the test's `cleanup` callbacks, empties
 * the body, closes and resets the shared engines, deletes the test databases.
 */
export async function resetPage(cleanup: (() => void)[]): Promise<void> {
  for (const c of cleanup.splice(0)) c();
  document.body.replaceChildren();
  closeSharedEngines();
  configureSharedEngines({});
  await deleteTestDatabases();
}

/**
 * The rejection of `promise` (an OnetError). Fails when it resolves, or does not settle within
 * `bound` ms — generous, so a busy machine does not fail it; the cases it guards would otherwise hang.
 */
export async function rejection(promise: Promise<unknown>, bound = 20_000): Promise<OnetError> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`did not settle within ${bound} ms`)), bound)));
  const error = await Promise.race([
    promise.then(
      () => 'resolved',
      (e: unknown) => e,
    ),
    hung,
  ]).finally(() => clearTimeout(timer));
  expect(error).toBeInstanceOf(OnetError);
  return error as OnetError;
}
