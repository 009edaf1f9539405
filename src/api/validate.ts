/**
 * Argument checks of the typed entry points (route builders, promise API, openEngine options).
 *
 * The engine validates every route parameter (ranges, enums, known codes), so these checks only
 * make sure an argument can become a route string faithfully: it is read through its own
 * properties only, unknown properties are refused (a typo is never silently ignored), every value
 * is a string, number or boolean — or, for lists, an array of strings without commas — so that
 * wrong types never turn into a TypeError/URIError, are never coerced into another request
 * (`"[object Object]"`, `"a,b"` read as two codes) and never reach the Worker as something
 * structured clone cannot copy. Numbers and booleans are sent in their string form and checked
 * by the engine (`start: 1.5` → `"start" must be a positive integer`). Every problem is a
 * VALIDATION_ERROR whose `field` is the route parameter (`skills`, `page_size`, …), so typed
 * methods and routes name fields alike.
 */
import { isOnetError, validationError } from '../errors.js';

/** Most items of a list argument (`skills`, `activities`, section flags), duplicates included. */
export const MAX_LIST_ITEMS = 1_000;

/** Short type name for messages: `null`, `array`, `number`, `object`, … */
export const typeName = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Marks an invalid value. */
export const INVALID = Symbol();

/** A string, number or boolean: what a route parameter's value can be. */
export const isScalar = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * A route value: a scalar; a list (an array of at most {@link MAX_LIST_ITEMS} strings without
 * commas, copied); or, for `sections`, an object of at most that many scalar flags (copied). Each
 * item is read once.
 */
function routeValue(value: unknown, param: string): unknown {
  if (param === 'sections') {
    const flags = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [[0, {}]];
    return flags.length <= MAX_LIST_ITEMS && flags.every(([, v]) => isScalar(v)) ? Object.fromEntries(flags) : INVALID;
  }
  if (isScalar(value)) return value;
  const items = !Array.isArray(value) || value.length > MAX_LIST_ITEMS ? [0] : Array.from(value as unknown[]);
  return items.every((item) => typeof item === 'string' && !item.includes(',')) ? items : INVALID;
}

/**
 * Reads an argument object. `spec` lists the allowed properties, space-separated, each optionally
 * renamed to its route parameter (`'page pageSize:page_size'`). `undefined` counts as `{}` unless
 * `required` lists properties. Only own properties are read (a polluted prototype cannot inject a
 * parameter); an own property outside `spec` is an error, as is anything thrown while reading
 * (getters, Proxies). `check` (default: route values) returns the value to keep or INVALID.
 * Returns a null-prototype record keyed by parameter, in `spec` order, without absent ones.
 */
export function readArgs(
  value: unknown,
  spec: string,
  required: readonly string[] = [],
  name = 'query',
  check: (value: unknown, param: string) => unknown = routeValue,
): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  if (value === undefined && !required.length) return out;
  const props = spec.split(' ').map((p) => p.split(':') as [string, string?]);
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError(name, `"${name}" must be an object, got ${typeName(value)}`);
    for (const key of Object.keys(value)) {
      if (!props.some(([p]) => p === key)) throw validationError(key || name, `Unknown property ${JSON.stringify(key.slice(0, 40))}`);
    }
    for (const [key, param = key] of props) {
      const raw = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
      if (raw === undefined) {
        if (required.includes(key)) throw validationError(param, `"${param}" is required`);
        continue;
      }
      const v = check(raw, param);
      if (v === INVALID)
        throw validationError(
          param,
          `"${param}" cannot be ${isScalar(raw) ? JSON.stringify(String(raw).slice(0, 40)) : typeName(raw)}${Array.isArray(raw) ? ' (lists: up to 1000 strings without commas)' : ''}`,
        );
      out[param] = v;
    }
    return out;
  } catch (error) {
    if (isOnetError(error)) throw error;
    throw validationError(name, `"${name}" could not be read`);
  }
}

/** `encodeURIComponent`, with a VALIDATION_ERROR on `field` for text that is not well-formed Unicode (an unpaired surrogate). */
export function encode(value: unknown, field: string): string {
  try {
    return encodeURIComponent(String(value));
  } catch {
    throw validationError(field, `"${field}" is not well-formed Unicode`);
  }
}

/**
 * `?a=1&b=x,y` from checked parameters: absent ones skipped, lists joined with commas, and commas
 * and colons left readable (list and `id:level` separators; both are valid in a query).
 */
export function routeQuery(params: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined)
      parts.push(
        `${encode(key, key)}=${encode(Array.isArray(value) ? value.join(',') : value, key)
          .replace(/%2C/g, ',')
          .replace(/%3A/g, ':')}`,
      );
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
