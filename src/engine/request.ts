/**
 * Route parsing and query-parameter validation shared by every route handler: the one set of
 * parameter rules and value parsers (catalog/common.ts only collects their errors, to report them
 * all at once). Every problem is a VALIDATION_ERROR naming the offending field; unknown
 * parameters are rejected (a typo such as `sort=tilte` or `strat=2` must not be silently ignored).
 */
import { OnetError, validationError } from '../errors.js';

/** A parsed local route: path segments (decoded) and query parameters. */
export interface Request {
  /** The route as given. */
  readonly route: string;
  /** Path without query, without trailing slash (except the root). */
  readonly path: string;
  /** Decoded path segments. */
  readonly segments: readonly string[];
  /** Query parameters. */
  readonly query: URLSearchParams;
}

/** Longest route accepted; longer input is refused before parsing. */
export const MAX_ROUTE_LENGTH = 16_384;

/** Parses `route` (a path with optional query; a full http(s) URL is accepted and only its path and query are used). */
export function parseRoute(route: unknown): Request {
  if (typeof route !== 'string') throw validationError('route', `Route must be a string, got ${typeof route}`, 'Use a path such as /online/soft_skills');
  if (route.length === 0) throw validationError('route', 'Route is empty', 'Use a path such as /online/soft_skills');
  if (route.length > MAX_ROUTE_LENGTH)
    throw validationError('route', `Route is longer than ${MAX_ROUTE_LENGTH} characters`, 'Shorten the query: list parameters accept at most a few hundred items');
  const fast = parseSimpleRoute(route);
  if (fast) return fast;
  let url: URL;
  try {
    url = new URL(route, 'http://onet-match.local');
  } catch {
    throw validationError('route', `Route is not a valid path: ${truncate(route)}`, 'Use a path such as /online/soft_skills, with query values URL-encoded');
  }
  if (!route.startsWith('/') && url.host !== 'onet-match.local' && !/^https?:$/.test(url.protocol)) {
    throw validationError('route', `Route must be a path starting with "/": ${truncate(route)}`, 'Use a path such as /online/soft_skills');
  }
  const rawSegments = url.pathname.split('/').filter((s) => s !== '');
  const segments: string[] = [];
  for (const s of rawSegments) {
    try {
      segments.push(decodeURIComponent(s));
    } catch {
      throw validationError('route', `Route has a malformed escape sequence: ${truncate(s)}`, 'Encode the value with encodeURIComponent (a literal "%" is %25)');
    }
  }
  return { route, path: '/' + rawSegments.join('/'), segments, query: url.searchParams };
}

/** Path characters the URL parser leaves exactly as they are (RFC 3986 pchar, "/", "%"). */
const SIMPLE_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
/** Printable ASCII except "#" and "\\": the URL parser encodes (never drops) these in a query, and URLSearchParams decodes them back. */
const SIMPLE_QUERY = /^[\x21\x22\x24-\x5b\x5d-\x7e]*$/;
/** A path segment that is "." or ".." once "%2e" is read as "." (a dot-segment the URL parser would resolve). */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * The common case without the URL parser (which was a fifth of the cheapest routes' cost): a
 * plain "/path?query" whose parse is the same by construction — no characters the parser would
 * encode, strip or reinterpret in the path, no dot-segments, no fragment, no backslash. Anything
 * else returns undefined and takes the general path.
 */
function parseSimpleRoute(route: string): Request | undefined {
  const q = route.indexOf('?');
  const rawPath = q < 0 ? route : route.slice(0, q);
  const rawQuery = q < 0 ? '' : route.slice(q + 1);
  // (URLSearchParams would drop a leading "?" of its input: "??" takes the general path.)
  if (!SIMPLE_PATH.test(rawPath) || (rawQuery !== '' && (!SIMPLE_QUERY.test(rawQuery) || rawQuery.charCodeAt(0) === 63))) return undefined;
  // Segments are cut with indexOf/slice: String#split is a runtime call and cost a quarter of
  // this function. An empty segment ("//", a trailing "/") is skipped, as the URL parser does.
  const segments: string[] = [];
  let skipped = false;
  for (let from = 1; from <= rawPath.length;) {
    let to = rawPath.indexOf('/', from);
    if (to < 0) to = rawPath.length;
    if (to === from) {
      skipped = true;
    } else {
      const s = rawPath.slice(from, to);
      const c = s.charCodeAt(0);
      if ((c === 46 || c === 37) && DOT_SEGMENT.test(s)) return undefined; // starts with "." or "%"
      // decodeURIComponent only rewrites "%" escapes, so a segment without "%" is its own decoding:
      // skipping the call (another runtime call) changes nothing.
      if (!s.includes('%')) {
        segments.push(s);
      } else {
        try {
          segments.push(decodeURIComponent(s));
        } catch {
          return undefined; // the general path reports it
        }
      }
    }
    from = to + 1;
  }
  // Without empty segments, "/" + the raw segments joined is the path itself.
  const path = skipped
    ? '/' +
      rawPath
        .split('/')
        .filter((s) => s !== '')
        .join('/')
    : rawPath;
  return { route, path, segments, query: new URLSearchParams(rawQuery) };
}

/** Shortens untrusted text quoted in error messages. */
export function truncate(text: string, max = 80): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}

/**
 * The rule for a query parameter's name, shared by both ways of reporting it ({@link checkParams}:
 * the first problem; catalog/common.ts: every problem at once): a VALIDATION_ERROR when `key` is
 * not in `allowed` or is `repeated`, else undefined.
 */
export function paramKeyError(key: string, allowed: readonly string[], repeated: boolean): OnetError | undefined {
  if (!allowed.includes(key)) {
    return validationError(
      key,
      `Unknown query parameter "${truncate(key)}"`,
      allowed.length ? `Allowed parameters: ${allowed.join(', ')}` : 'This route takes no query parameters',
    );
  }
  return repeated ? validationError(key, `Query parameter "${truncate(key)}" is given more than once`, `Give ${truncate(key)} once`) : undefined;
}

/** Rejects query parameters outside `allowed` and repeated parameters (the first one found, in query order). */
export function checkParams(query: URLSearchParams, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of query.keys()) {
    const error = paramKeyError(key, allowed, seen.has(key));
    if (error) throw error;
    seen.add(key);
  }
}

/** A required, non-empty string parameter. */
export function requiredParam(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null || value.trim() === '') throw validationError(name, `Query parameter "${name}" is required`, `Add ${name}=… to the query`);
  return value;
}

/** A comma-separated list parameter: trimmed, non-empty items, duplicates removed (first kept), at most `max` items. */
export function listParam(query: URLSearchParams, name: string, max: number): string[] {
  const raw = requiredParam(query, name);
  const items = raw.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw validationError(name, `"${name}" has an empty item`, `Give a comma-separated list such as ${name}=A,B`);
  const unique = [...new Set(items)];
  if (unique.length > max) throw validationError(name, `"${name}" lists ${unique.length} items; at most ${max} are allowed`, `Give at most ${max} items`);
  return unique;
}

/** An enumerated parameter with a default. */
export function enumParam<T extends string>(query: URLSearchParams, name: string, values: readonly T[], fallback: T): T {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  throw validationError(name, `"${name}" must be one of ${values.join(', ')}; got "${truncate(raw)}"`, `Use ${name}=${fallback}`);
}

/** A strictly positive integer parameter (decimal digits only). */
export function positiveIntParam(query: URLSearchParams, name: string, fallback: number | undefined, max = 1_000_000): number | undefined {
  const raw = query.get(name);
  return raw === null ? fallback : positiveIntValue(name, raw, max);
}

/** The value of the strictly positive integer parameter `name` given as `raw` (the check behind {@link positiveIntParam}). */
export function positiveIntValue(name: string, raw: string, max = 1_000_000): number {
  if (!/^\d{1,9}$/.test(raw)) throw validationError(name, `"${name}" must be a positive integer; got "${truncate(raw)}"`, `Use digits only, such as ${name}=1`);
  const value = Number(raw);
  if (value < 1) throw validationError(name, `"${name}" must be at least 1; got ${value}`, `Use ${name}=1 or more`);
  if (value > max) throw validationError(name, `"${name}" must be at most ${max}; got ${value}`, `Use ${name}=${max} or less`);
  return value;
}

/**
 * The value of the boolean query parameter `name` given as `raw`: `true`/`false`/`1`/`0`,
 * case-insensitive. Anything else (including an empty value) is a VALIDATION_ERROR, so
 * `bright_outlook=maybe` never silently filters nothing.
 */
export function booleanValue(name: string, raw: string): boolean {
  const value = raw.toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw validationError(name, `"${name}" must be true or false (or 1 / 0); got "${truncate(raw)}"`, `Use ${name}=true or ${name}=false`);
}

/** Throws NOT_FOUND for a route path no handler serves. */
export function routeNotFound(request: Request): never {
  throw new OnetError('NOT_FOUND', `No such route: ${truncate(request.path)}`, { field: 'route', suggestion: 'See docs/api.md for the list of routes' });
}
