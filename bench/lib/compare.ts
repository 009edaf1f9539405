/**
 * Answer comparison: the baselines must return exactly the engine's JSON. Objects are compared
 * with sorted keys (key order is not part of the API), arrays in order, `undefined` members are
 * dropped (as JSON does). The list route's `metadata.request_id` is a per-engine counter
 * (`local-<n>`) and is masked.
 */

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      out[key] = key === 'request_id' ? 'masked' : normalize(v);
    }
    return out;
  }
  return value;
}

/** Canonical JSON text of an answer. */
export function canonical(value: unknown): string {
  return JSON.stringify(normalize(value));
}

/** First difference between two canonical JSON texts, for error messages. */
export function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 80);
  return `at char ${i}:\n    expected …${a.slice(from, i + 120)}\n    got      …${b.slice(from, i + 120)}`;
}
