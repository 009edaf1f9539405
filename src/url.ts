/**
 * The one URL resolver: every relative URL of the project (the page's `snapshot` and `workerUrl`
 * options, the components' `snapshot` attribute, the files a manifest names) is resolved here, so
 * a URL that cannot be resolved is always the same typed VALIDATION_ERROR naming its field.
 */
import { validationError } from './errors.js';

/** Options of {@link resolveUrl}. */
export interface ResolveUrlOptions {
  /** The option or attribute the URL came from (the error's `field`). */
  readonly field: string;
  /** Base URL. Default: the document's base URL, else the global location (a Worker's script URL). */
  readonly base?: string;
  /** Error message (default `"<field>" is not a valid URL`). */
  readonly message?: string;
  /** Hint for the caller. */
  readonly suggestion?: string;
}

/** The context's own base: `document.baseURI` on a page, the script URL in a Worker, undefined in Node. */
function contextBase(): string | undefined {
  return typeof document !== 'undefined' ? document.baseURI : globalThis.location?.href;
}

/** `value` resolved to an absolute URL; VALIDATION_ERROR on `options.field` when it cannot be resolved. */
export function resolveUrl(value: string | URL, options: ResolveUrlOptions): string {
  try {
    return new URL(value, options.base ?? contextBase()).href;
  } catch {
    throw validationError(options.field, options.message ?? `"${options.field}" is not a valid URL`, options.suggestion);
  }
}
