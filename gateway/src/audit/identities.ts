import type { ChannelConfigView } from '../verify/channel-config';
import { checkIdentity, type IdentityCheck } from '../verify/msp';

/**
 * Resolves serialized identities against the channel configuration in force, remembering each
 * certificate's chain check per configuration (a replay sees the same few identities thousands of
 * times); the validity period is still checked against every transaction's time.
 */
export class IdentityResolver {
  readonly #cache = new Map<string, IdentityCheck>();
  #configBlock = -1n;

  /** The identity as the configuration sees it at time `at`. */
  resolve(config: ChannelConfigView, serialized: Uint8Array, at: Date): IdentityCheck {
    if (config.blockNumber !== this.#configBlock) {
      this.#cache.clear();
      this.#configBlock = config.blockNumber;
    }
    const key = Buffer.from(serialized).toString('base64');
    const hit = this.#cache.get(key);
    if (hit?.ok) {
      const t = at.getTime();
      const cert = hit.identity.certificate;
      if (t >= Date.parse(cert.validFrom) && t <= Date.parse(cert.validTo)) return hit;
    }
    const fresh = checkIdentity(config.msps, serialized, at);
    if (fresh.ok) this.#cache.set(key, fresh);
    return fresh;
  }
}
