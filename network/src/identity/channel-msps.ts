import { msp } from '@hyperledger/fabric-protos';
import { parseCertificate } from './certificate';
import { VerifiedSignatures } from './verified-signatures';
import { verifyEcdsa, verifyEcdsaInBackground } from './ecdsa';
import { IdentityError } from './errors';
import { FabricMsp } from './msp';
import type { ChannelMsps, Identity } from './types';

/** Options for {@link createChannelMsps}. */
export interface ChannelMspsOptions {
  /** The clock for validity checks (ms since the epoch); defaults to Date.now. */
  now?: () => number;
  /**
   * Skip the validity-period check. Fabric's MSP itself accepts expired certificates (only the
   * orderer's and peers' entry points refuse them), so a committer replaying old blocks, or an
   * auditor, sets this to validate past transactions as Fabric did.
   */
  ignoreExpiry?: boolean;
  /** How many deserialized identities to keep; the cache is emptied when it grows past this. */
  cacheSize?: number;
}

interface CachedIdentity {
  readonly identity: Identity;
  readonly certifiersIdentifier: string;
}

const ROLE = msp.MSPRole.MSPRoleType;
const CLASSIFICATION = msp.MSPPrincipal.Classification;

class ChannelMspsImpl implements ChannelMsps {
  private readonly msps = new Map<string, FabricMsp>();
  // Parsing a certificate costs ~150 µs and a chain check ~55 µs, more than a signature check:
  // each distinct identity is validated once and then found by its bytes.
  private readonly cache = new Map<string, CachedIdentity>();
  // Identities this instance produced, so principal checks on the hot path skip the byte lookup.
  private readonly produced = new WeakMap<Identity, CachedIdentity>();
  // Decoded principals: policies hold the same MSPPrincipal objects across evaluations.
  private readonly principals = new WeakMap<msp.MSPPrincipal, (known: CachedIdentity) => boolean>();
  /** undefined when expiry is not checked. */
  private readonly now: () => number | undefined;
  private readonly cacheSize: number;
  private readonly verified = new VerifiedSignatures();

  constructor(configs: msp.FabricMSPConfig[], options: Readonly<ChannelMspsOptions>) {
    for (const config of configs) {
      const fabricMsp = new FabricMsp(config);
      if (this.msps.has(fabricMsp.mspId))
        throw new IdentityError('MALFORMED', `MSP ${fabricMsp.mspId} is configured twice`);
      this.msps.set(fabricMsp.mspId, fabricMsp);
    }
    const clock = options.now ?? Date.now;
    this.now = options.ignoreExpiry ? () => undefined : clock;
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  private expired(known: CachedIdentity): boolean {
    const now = this.now();
    return now !== undefined && now > known.identity.notAfter;
  }

  mspIds(): string[] {
    return [...this.msps.keys()];
  }

  deserialize(serializedIdentity: Uint8Array): Identity {
    return this.lookup(serializedIdentity).identity;
  }

  private lookup(serialized: Uint8Array): CachedIdentity {
    const key = Buffer.from(serialized.buffer, serialized.byteOffset, serialized.byteLength).toString(
      'latin1',
    );
    const cached = this.cache.get(key);
    if (cached) {
      if (!this.expired(cached)) return cached;
      this.cache.delete(key);
    }
    const fresh = this.validate(serialized);
    if (this.cache.size >= this.cacheSize) this.cache.clear();
    this.cache.set(key, fresh);
    this.produced.set(fresh.identity, fresh);
    return fresh;
  }

  private validate(serialized: Uint8Array): CachedIdentity {
    let decoded: msp.SerializedIdentity;
    try {
      decoded = msp.SerializedIdentity.deserializeBinary(serialized);
    } catch (error) {
      throw new IdentityError('MALFORMED', `not a serialized identity: ${(error as Error).message}`);
    }
    const mspId = decoded.getMspid();
    const fabricMsp = this.msps.get(mspId);
    if (!fabricMsp) throw new IdentityError('UNKNOWN_MSP', `MSP '${mspId}' is not a member of the channel`);
    const idBytes = decoded.getIdBytes_asU8();
    const cert = parseCertificate(idBytes);
    const { role, certifiersIdentifier } = fabricMsp.validate(cert, this.now());
    const identity: Identity = {
      mspId,
      certPem: Buffer.from(idBytes).toString('utf8'),
      serialized: Uint8Array.from(serialized),
      role,
      attributes: cert.attributes,
      subject: cert.subject,
      publicKey: cert.x509.publicKey,
      id: cert.id,
      organizationalUnits: cert.organizationalUnits,
      notAfter: cert.notAfter,
    };
    return { identity, certifiersIdentifier };
  }

  verify(identity: Identity, data: Uint8Array, signature: Uint8Array): boolean {
    if (this.verified.has(identity.serialized, data, signature)) return true;
    const valid = verifyEcdsa(identity.publicKey, data, signature);
    if (valid) this.verified.add(identity.serialized, data, signature);
    return valid;
  }

  async verifyInBackground(identity: Identity, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
    // No lookup first: checks made ahead are seldom repeats.
    const valid = await verifyEcdsaInBackground(identity.publicKey, data, signature);
    if (valid) this.verified.add(identity.serialized, data, signature);
    return valid;
  }

  satisfiesPrincipal(identity: Identity, principal: msp.MSPPrincipal): boolean {
    let known = this.produced.get(identity);
    if (!known || this.expired(known)) {
      try {
        known = this.lookup(identity.serialized);
      } catch {
        return false;
      }
    }
    let matcher = this.principals.get(principal);
    if (!matcher) {
      matcher = this.principalMatcher(principal);
      this.principals.set(principal, matcher);
    }
    return matcher(known);
  }

  private principalMatcher(principal: msp.MSPPrincipal): (known: CachedIdentity) => boolean {
    const bytes = principal.getPrincipal_asU8();
    try {
      switch (principal.getPrincipalClassification()) {
        case CLASSIFICATION.ROLE: {
          const role = msp.MSPRole.deserializeBinary(bytes);
          return (known) => this.satisfiesRole(known.identity, role);
        }
        case CLASSIFICATION.IDENTITY: {
          const wanted = msp.SerializedIdentity.deserializeBinary(bytes);
          const certId = parseCertificate(wanted.getIdBytes_asU8()).id;
          return (known) => wanted.getMspid() === known.identity.mspId && certId === known.identity.id;
        }
        case CLASSIFICATION.ORGANIZATION_UNIT: {
          const ou = msp.OrganizationUnit.deserializeBinary(bytes);
          const certifiers = Buffer.from(ou.getCertifiersIdentifier_asU8()).toString('hex');
          return (known) =>
            ou.getMspIdentifier() === known.identity.mspId &&
            known.identity.organizationalUnits.includes(ou.getOrganizationalUnitIdentifier()) &&
            certifiers === known.certifiersIdentifier;
        }
        default:
          return () => false;
      }
    } catch {
      // A principal that does not decode matches nobody, as Fabric's MSP refuses it.
      return () => false;
    }
  }

  private satisfiesRole(identity: Identity, role: msp.MSPRole): boolean {
    if (role.getMspIdentifier() !== identity.mspId) return false;
    switch (role.getRole()) {
      case ROLE.MEMBER:
        return true;
      case ROLE.ADMIN:
        return identity.role === 'admin';
      case ROLE.CLIENT:
        return identity.role === 'client';
      case ROLE.PEER:
        return identity.role === 'peer';
      case ROLE.ORDERER:
        return identity.role === 'orderer';
      default:
        return false;
    }
  }
}

/** The MSPs of a channel from their FabricMSPConfig protos; throws IdentityError MALFORMED for a bad config. */
export function createChannelMsps(
  configs: msp.FabricMSPConfig[],
  options: Readonly<ChannelMspsOptions> = {},
): ChannelMsps {
  return new ChannelMspsImpl(configs, options);
}
