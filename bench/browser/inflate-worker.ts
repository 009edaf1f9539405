/**
 * Experiment (not a contender): how long decompressing the snapshot takes in a fresh Worker with
 * the loader's fflate path (`inflateSections`) versus the browser's native
 * `DecompressionStream('deflate-raw')` on the same section blobs. The native output is checked
 * byte for byte against fflate's.
 */
import { inflateSections, readHeader } from '../../src/snapshot/codec.js';
import { URLS, type WorkerReply } from './protocol.js';

const reply = (m: WorkerReply) => postMessage(m);

async function nativeInflate(bytes: Uint8Array): Promise<Uint8Array[]> {
  const { header, bodyOffset } = readHeader(bytes);
  let offset = bodyOffset;
  const jobs = header.sections.map((entry) => {
    const blob = new Blob([bytes.slice(offset, offset + entry.bytes)]);
    offset += entry.bytes;
    return new Response(blob.stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer().then((b) => new Uint8Array(b));
  });
  return Promise.all(jobs);
}

self.onmessage = async (e: MessageEvent<{ type: 'inflate'; mode: 'fflate' | 'native' }>) => {
  try {
    const manifest = (await (await fetch(URLS.manifest)).json()) as { file: string };
    const bytes = new Uint8Array(await (await fetch(new URL(manifest.file, new URL(URLS.manifest, location.origin)).href)).arrayBuffer());
    const t0 = performance.now();
    let out: Uint8Array[];
    if (e.data.mode === 'fflate') out = inflateSections(bytes).sections.map((s) => s.data);
    else out = await nativeInflate(bytes);
    const ms = performance.now() - t0;
    let identical = true;
    if (e.data.mode === 'native') {
      const ref = inflateSections(bytes).sections;
      identical = ref.length === out.length && ref.every((s, i) => s.data.length === out[i]!.length && s.data.every((b, j) => b === out[i]![j]));
    }
    reply({
      type: 'cold',
      result: {
        stages: { [e.data.mode === 'fflate' ? 'fflate inflateSections' : "native DecompressionStream('deflate-raw')"]: ms },
        bytes: { identical: identical ? 1 : 0, inflated: out.reduce((n, d) => n + d.length, 0) },
      },
    });
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
