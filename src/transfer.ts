/**
 * Keeps {@link OnetError}s typed across the Worker boundary.
 *
 * comlink serialises a thrown Error as `{message, name, stack}` only, so a caller on the other side
 * would lose the `code` it has to branch on. This module replaces comlink's `'throw'` transfer
 * handler with one that ships the full {@link OnetErrorBody} and rebuilds an `OnetError` on arrival.
 *
 * The wire format is a superset of comlink's own (`{isError: true, value: {message, name, stack, …}}`),
 * so a side that has NOT installed this handler still gets an Error whose own properties include
 * `code`, `status`, `field`… (comlink's default deserialiser `Object.assign`s them), and this
 * deserialiser also accepts comlink's plain format. A mismatch between the two sides therefore
 * degrades, it never breaks.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { isErrorCode, OnetError, toOnetError, type OnetErrorBody } from './errors.js';

/** What crosses the boundary for a thrown value: always an error, always with an OnetError body. */
interface SerializedThrow {
  readonly isError: true;
  readonly value: OnetErrorBody & { readonly name: string; readonly stack?: string | undefined };
}

/** The value comlink hands to the `'throw'` handler: the thrown value plus comlink's private marker. */
interface ThrownValue {
  readonly value: unknown;
}

let installed = false;

/**
 * Replaces comlink's `'throw'` transfer handler (process-wide, idempotent). Call it once in the
 * Worker (worker/worker.ts does) and once on the main thread before the first call through `wrap`.
 *
 * Anything thrown that is not an OnetError is sent as an INTERNAL OnetError with the original
 * message, because every failure that reaches a caller must carry a stable code.
 */
export function installErrorTransfer(): void {
  if (installed) return;
  const original = transferHandlers.get('throw');
  if (!original) throw new OnetError('INTERNAL', 'comlink has no "throw" transfer handler to replace');
  const handler: TransferHandler<ThrownValue, SerializedThrow> = {
    // comlink's marker symbol is private; its own predicate is the only stable way to recognise a throw.
    canHandle: (value: unknown): value is ThrownValue => original.canHandle(value),
    serialize({ value }) {
      const error = toOnetError(value);
      const stack = value instanceof Error ? value.stack : undefined;
      return [{ isError: true, value: { ...error.toJSON(), name: error.name, stack } }, []];
    },
    deserialize(serialized) {
      throw rebuildError(serialized as unknown);
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
  installed = true;
}

/** Turns any serialised throw (ours or comlink's default) back into an error object. */
function rebuildError(serialized: unknown): unknown {
  if (typeof serialized !== 'object' || serialized === null) return new OnetError('INTERNAL', String(serialized));
  const { isError, value } = serialized as { isError?: unknown; value?: unknown };
  if (!isError) return toOnetError(value);
  const body = (typeof value === 'object' && value !== null ? value : {}) as Partial<OnetErrorBody> & { stack?: unknown };
  const error = OnetError.fromJSON({
    code: isErrorCode(body.code) ? body.code : 'INTERNAL',
    message: typeof body.message === 'string' ? body.message : 'Unknown error in the Worker',
    status: 0,
    field: typeof body.field === 'string' ? body.field : null,
    suggestion: typeof body.suggestion === 'string' ? body.suggestion : null,
    errors: Array.isArray(body.errors) ? body.errors : null,
  });
  // The remote stack is where the bug is; the local one only shows comlink's message plumbing.
  if (typeof body.stack === 'string') error.stack = body.stack;
  return error;
}
