import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { signatureProblem } from '../verify/signature';
import { X509Certificate } from 'node:crypto';

/** One signature to check: the signer's PEM certificate, the signed bytes and the DER signature. */
export interface SignatureJob {
  readonly certPem: string;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

/** Why a signature failed, or undefined when it holds (valid ECDSA-SHA256, low S). */
export type SignatureVerdict = string | undefined;

/** Verifies batches of signatures, on worker threads when it has any. */
export interface SignaturePool {
  /** Number of worker threads (0: verification runs on the calling thread). */
  readonly workers: number;
  verifyAll(jobs: readonly SignatureJob[]): Promise<SignatureVerdict[]>;
  close(): Promise<void>;
}

// The worker is plain JavaScript evaluated from a string, so that it runs the same from compiled
// code and from sources under test; it keeps each signer's public key parsed once.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const HALF = 0x7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8n;
const keys = new Map();
function lowS(sig) {
  let i = 2;
  if (sig[1] & 0x80) i = 2 + (sig[1] & 0x7f);
  if (sig[i] !== 2) return false;
  const rl = sig[i + 1]; i += 2 + rl;
  if (sig[i] !== 2) return false;
  const sl = sig[i + 1];
  const s = BigInt('0x' + (Buffer.from(sig.subarray(i + 2, i + 2 + sl)).toString('hex') || '0'));
  return s <= HALF;
}
parentPort.on('message', ({ id, pems, jobs }) => {
  const out = jobs.map(([p, message, signature]) => {
    try {
      let key = keys.get(pems[p]);
      if (!key) { key = createPublicKey(pems[p]); keys.set(pems[p], key); }
      if (!verify('sha256', message, { key, dsaEncoding: 'der' }, signature)) return 'signature does not verify';
      return lowS(signature) ? null : 'signature has a high S value (Fabric refuses those)';
    } catch (e) { return 'signature is not a DER ECDSA signature'; }
  });
  parentPort.postMessage({ id, out });
});
`;

/** Below this many jobs a batch is checked on the calling thread (posting costs more). */
const MIN_PARALLEL_BATCH = 16;

/**
 * Creates a pool of worker threads verifying signatures with node:crypto.
 * @param workers - number of threads (default: the machine's parallelism; 0 verifies inline)
 */
export function createSignaturePool(workers = availableParallelism()): SignaturePool {
  const threads = Array.from({ length: workers }, () => new Worker(WORKER_SOURCE, { eval: true }));
  const waiting = new Map<number, (out: (string | null)[]) => void>();
  // An idle pool must not keep the process alive, but a busy one must: a CLI run whose only
  // pending work is a batch in a worker would otherwise end before the answer arrives.
  const busy = new Map<Worker, number>();
  const track = (t: Worker, delta: number): void => {
    const n = (busy.get(t) ?? 0) + delta;
    busy.set(t, n);
    if (n > 0) t.ref();
    else t.unref();
  };
  let nextId = 0;
  for (const t of threads) {
    t.on('message', ({ id, out }: { id: number; out: (string | null)[] }) => {
      track(t, -1);
      waiting.get(id)?.(out);
      waiting.delete(id);
    });
    t.unref();
  }
  const run = (t: Worker, jobs: readonly SignatureJob[]): Promise<SignatureVerdict[]> => {
    const pems: string[] = [];
    const pemIndex = new Map<string, number>();
    const encoded = jobs.map((j) => {
      let p = pemIndex.get(j.certPem);
      if (p === undefined) pemIndex.set(j.certPem, (p = pems.push(j.certPem) - 1));
      return [p, j.message, j.signature] as const;
    });
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, (out) => {
        resolve(out.map((o) => o ?? undefined));
      });
      t.once('error', reject);
      track(t, 1);
      t.postMessage({ id, pems, jobs: encoded });
    });
  };
  return {
    workers,
    verifyAll: async (jobs) => {
      if (threads.length === 0 || jobs.length < MIN_PARALLEL_BATCH) return jobs.map(verifyInline);
      const size = Math.ceil(jobs.length / threads.length);
      const parts = threads.map((t, i) => run(t, jobs.slice(i * size, (i + 1) * size)));
      return (await Promise.all(parts)).flat();
    },
    close: async () => {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}

const certCache = new Map<string, X509Certificate>();

/** Verifies one signature on the calling thread, with the verifier's own rules. */
export function verifyInline(job: SignatureJob): SignatureVerdict {
  let cert = certCache.get(job.certPem);
  if (!cert) {
    try {
      cert = new X509Certificate(job.certPem);
    } catch {
      return 'signer certificate does not parse';
    }
    certCache.set(job.certPem, cert);
  }
  return signatureProblem(cert, job.message, job.signature);
}
