/**
 * O*NET Web Services style paging: `start` is 1-based, `end` defaults to start + 19, `total` always
 * counts the whole result, `prev`/`next` are local routes for the neighbouring pages of the same size.
 */
import { validationError } from '../errors.js';
import { positiveIntParam } from './request.js';

/** Requested window. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/** Default page length (start … start + 19). */
export const DEFAULT_PAGE_LENGTH = 20;

/** Reads and validates `start` / `end`. */
export function readWindow(query: URLSearchParams): Window {
  const start = positiveIntParam(query, 'start', 1)!;
  const end = positiveIntParam(query, 'end', start + DEFAULT_PAGE_LENGTH - 1)!;
  if (start > end) throw validationError('start', `"start" (${start}) must not be greater than "end" (${end})`, `Use start=${end} or less, or a larger end`);
  return { start, end };
}

/** The paging envelope fields of a response. */
export interface PageEnvelope {
  start: number;
  end: number;
  total: number;
  prev?: string;
  next?: string;
}

/**
 * Cuts `items` to the window and builds the envelope. `routeFor(start, end)` returns the local
 * route of another page. A window that starts past the last result is a VALIDATION_ERROR (an
 * empty result has total 0 and accepts start 1).
 */
export function page<T>(items: readonly T[], window: Window, routeFor: (start: number, end: number) => string): { envelope: PageEnvelope; items: T[] } {
  const total = items.length;
  if (window.start > Math.max(total, 1)) {
    throw validationError('start', `"start" (${window.start}) is past the last result (total ${total})`, `Use start between 1 and ${Math.max(total, 1)}`);
  }
  const end = Math.min(window.end, total);
  const length = window.end - window.start + 1;
  const envelope: PageEnvelope = { start: window.start, end, total };
  if (window.start > 1) {
    const prevStart = Math.max(1, window.start - length);
    envelope.prev = routeFor(prevStart, window.start - 1);
  }
  if (end < total) envelope.next = routeFor(end + 1, end + length);
  return { envelope, items: items.slice(window.start - 1, end) };
}

/** Builds a route with query parameters, keeping commas readable as O*NET's own links do. */
export function buildRoute(path: string, params: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value)).replace(/%2C/g, ',')}`);
  }
  return parts.length ? `${path}?${parts.join('&')}` : path;
}
