/**
 * Typed errors shared by the builder, the engine, the Worker and the main-thread API.
 *
 * Every failure that reaches a caller is an {@link OnetError} with a stable `code`. The codes are
 * part of the public API (documented in docs/api.md and docs/reliability.md); messages are for humans and may change.
 * Errors cross the Worker boundary as plain objects (see {@link OnetError.toJSON} and
 * {@link OnetError.fromJSON}) so the `code` and `field` survive structured cloning.
 */

/** Stable error codes. */
export const ErrorCodes = {
  /** A request parameter is malformed, out of range or refers to an unknown code (HTTP 422 style). */
  VALIDATION_ERROR: 'VALIDATION_ERROR',
  /** The route or the occupation asked for does not exist (HTTP 404 style). */
  NOT_FOUND: 'NOT_FOUND',
  /** The snapshot does not contain the data this request needs (e.g. green-economy list, Abilities). */
  NOT_AVAILABLE: 'NOT_AVAILABLE',
  /** Snapshot bytes failed verification or decoding (bad sha256, truncated, malformed). */
  SNAPSHOT_CORRUPT: 'SNAPSHOT_CORRUPT',
  /** The snapshot or manifest uses a format version this build cannot read. */
  SNAPSHOT_VERSION: 'SNAPSHOT_VERSION',
  /** Fetching the manifest or snapshot failed (HTTP error or network failure). */
  NETWORK: 'NETWORK',
  /** Fetching took longer than the configured timeout. */
  TIMEOUT: 'TIMEOUT',
  /** The caller aborted the operation through its AbortSignal. */
  ABORTED: 'ABORTED',
  /** IndexedDB failed (blocked, quota exceeded, deleted); the engine may continue from memory. */
  STORAGE: 'STORAGE',
  /** The O*NET source files given to the snapshot builder are missing or malformed. */
  SOURCE_INVALID: 'SOURCE_INVALID',
  /** The engine has been closed, or its Worker died and could not be restarted. */
  ENGINE_CLOSED: 'ENGINE_CLOSED',
  /** A bug: an unexpected exception inside the engine. */
  INTERNAL: 'INTERNAL',
} as const;

/** One of {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** HTTP-style status that the local routes report for each code. */
const STATUS: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 422,
  NOT_FOUND: 404,
  NOT_AVAILABLE: 501,
  SNAPSHOT_CORRUPT: 500,
  SNAPSHOT_VERSION: 500,
  NETWORK: 503,
  TIMEOUT: 504,
  ABORTED: 499,
  STORAGE: 500,
  SOURCE_INVALID: 400,
  ENGINE_CLOSED: 503,
  INTERNAL: 500,
};

/** One per-field problem inside a validation error. */
export interface FieldError {
  /** Request field that is wrong. */
  readonly field: string;
  /** What is wrong with it. */
  readonly message: string;
}

/** Plain-object form of an {@link OnetError}: what routes return as `{error: …}` and what crosses the Worker boundary. */
export interface OnetErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly status: number;
  readonly field: string | null;
  readonly suggestion?: string | null;
  readonly errors?: readonly FieldError[] | null;
}

/** Options for {@link OnetError}. */
export interface OnetErrorOptions {
  /** The offending input field (query parameter, path segment, file:line:column, …). */
  field?: string | null;
  /** An actionable hint. */
  suggestion?: string | null;
  /** Per-field problems for validation errors. */
  errors?: readonly FieldError[] | null;
  /** Underlying cause. */
  cause?: unknown;
}

/** The one error class every public entry point throws or rejects with. */
export class OnetError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** HTTP-style status of the code. */
  readonly status: number;
  /** The offending input field, or null. */
  readonly field: string | null;
  /** Actionable hint, or null. */
  readonly suggestion: string | null;
  /** Per-field problems, or null. */
  readonly errors: readonly FieldError[] | null;

  constructor(code: ErrorCode, message: string, options: OnetErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OnetError';
    this.code = code;
    this.status = STATUS[code];
    this.field = options.field ?? null;
    this.suggestion = options.suggestion ?? null;
    this.errors = options.errors ?? null;
  }

  /** The plain-object body used in route responses and across the Worker boundary. */
  toJSON(): OnetErrorBody {
    const body: OnetErrorBody = { code: this.code, message: this.message, status: this.status, field: this.field };
    return {
      ...body,
      ...(this.suggestion !== null ? { suggestion: this.suggestion } : {}),
      ...(this.errors !== null ? { errors: this.errors } : {}),
    };
  }

  /** Rebuilds an error from its body (e.g. after crossing the Worker boundary). */
  static fromJSON(body: OnetErrorBody): OnetError {
    return new OnetError(isErrorCode(body.code) ? body.code : 'INTERNAL', String(body.message), {
      field: body.field ?? null,
      suggestion: body.suggestion ?? null,
      errors: body.errors ?? null,
    });
  }
}

/** True when `value` is one of the stable error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ErrorCodes, value);
}

/** True for an {@link OnetError} (also across realms, by shape). */
export function isOnetError(value: unknown): value is OnetError {
  return value instanceof OnetError || (value instanceof Error && isErrorCode((value as { code?: unknown }).code));
}

/** Wraps anything thrown into an {@link OnetError}, keeping OnetErrors as they are. */
export function toOnetError(value: unknown, fallback: ErrorCode = 'INTERNAL'): OnetError {
  if (value instanceof OnetError) return value;
  if (isOnetError(value)) return OnetError.fromJSON(value as unknown as OnetErrorBody);
  if (value instanceof DOMException && value.name === 'AbortError') return new OnetError('ABORTED', value.message || 'Aborted', { cause: value });
  const message = value instanceof Error ? value.message : String(value);
  return new OnetError(fallback, message, { cause: value });
}

/** Shorthand for a validation error on one field. */
export function validationError(field: string, message: string, suggestion?: string): OnetError {
  return new OnetError('VALIDATION_ERROR', message, { field, suggestion: suggestion ?? null, errors: [{ field, message }] });
}
