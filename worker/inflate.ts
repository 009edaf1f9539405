/**
 * Section inflation for the loader: the platform's `DecompressionStream('deflate-raw')` where it
 * exists, fflate otherwise.
 *
 * Why: the native inflater runs in C++; in `npm run bench` (headless Chromium) the cold start's
 * decompress stage went from 258–286 ms (fflate, in a fresh Worker whose JIT is cold) to
 * 131–159 ms, with byte-identical output (bench/README.md). fflate stays the fallback for browsers without
 * 'deflate-raw' (Chromium < 103, Safari < 16.4, Firefox < 113) and for the pure codec in Node.
 *
 * fflate is imported dynamically, on first use: its module builds its Huffman tables when it is
 * evaluated, which every Worker start paid although the native inflater is used wherever it
 * exists. The library build keeps the import inside the one Worker file (see vite.config.ts).
 */
import type { RawInflater } from '../src/snapshot/codec.js';

/** True when this platform's DecompressionStream accepts 'deflate-raw'. */
export function hasNativeDeflateRaw(): boolean {
  if (typeof DecompressionStream !== 'function') return false;
  try {
    new DecompressionStream('deflate-raw');
    return true;
  } catch {
    return false;
  }
}

/**
 * Native inflation into a buffer of exactly `rawBytes`: reading stops with an error as soon as the
 * stream yields more (a deflate bomb cannot make it allocate beyond what the header announced).
 */
export const nativeInflateRaw: RawInflater = async (compressed, rawBytes) => {
  const out = new Uint8Array(rawBytes);
  const stream = new Blob([compressed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.length > rawBytes) throw new RangeError('section inflates past its announced size');
      out.set(value, length);
      length += value.length;
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  }
  return length === rawBytes ? out : out.subarray(0, length);
};

/** fflate, wrapped as a {@link RawInflater} (loaded on its first call). */
export const fflateInflateRaw: RawInflater = async (compressed, rawBytes) => {
  const { inflateSync } = await import('./fflate-inflate.js');
  return inflateSync(compressed, { out: new Uint8Array(rawBytes) });
};

/** The best inflater this platform has. */
export function platformInflater(): RawInflater {
  return hasNativeDeflateRaw() ? nativeInflateRaw : fflateInflateRaw;
}
