/** How many verified signatures one node remembers; the memo is emptied when it is full. */
const CAPACITY = 2048;

interface Verified {
  readonly signer: Buffer;
  readonly data: Buffer;
}

const view = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The signatures one node has verified as valid: a peer checks a proposal's signature twice
 * (message validation, then the peer/Propose ACL), as Fabric does, and checks made ahead in the
 * thread pool are looked up again by the synchronous policy checks. A repeat is recognised by
 * its signature bytes and then compared byte for byte with the signer and data that verified
 * (memcmp, far cheaper than hashing kilobytes of data, let alone an ECDSA verify, ~60 µs). Only
 * successes are kept, as copies, so no block buffer stays pinned; each node (each channel
 * config) has its own memo, and nothing is shared between nodes: every node still verifies each
 * signature it is given at least once itself.
 */
export class VerifiedSignatures {
  readonly #bySignature = new Map<string, Verified>();

  /** True when this signature by this signer over exactly these bytes verified before. */
  has(signer: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
    const found = this.#bySignature.get(view(signature).toString('latin1'));
    return found !== undefined && found.signer.equals(view(signer)) && found.data.equals(view(data));
  }

  /** Records a check that verified. */
  add(signer: Uint8Array, data: Uint8Array, signature: Uint8Array): void {
    if (this.#bySignature.size >= CAPACITY) this.#bySignature.clear();
    this.#bySignature.set(view(signature).toString('latin1'), {
      signer: Buffer.from(signer),
      data: Buffer.from(data),
    });
  }
}
