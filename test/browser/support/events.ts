/** Waiting for the components' events in browser tests. */
import type { OnetEventDetails } from '../../../src/elements/index.js';

/** Resolves with the detail of the next `type` event on `el` (optionally the next one matching `filter`). */
export function next<K extends keyof OnetEventDetails>(el: EventTarget, type: K, filter: (d: OnetEventDetails[K]) => boolean = () => true): Promise<OnetEventDetails[K]> {
  return new Promise((resolve) => {
    const on = (e: Event) => {
      const detail = (e as CustomEvent<OnetEventDetails[K]>).detail;
      if (!filter(detail)) return;
      el.removeEventListener(type, on);
      resolve(detail);
    };
    el.addEventListener(type, on);
  });
}
