import { gateway, type ledger } from '@hyperledger/fabric-protos';
import { canonicalJson } from '@alliance/chaincode/model';
import type { AllianceConnection } from '../connect/connection';
import type { ChannelConfigView } from '../verify/channel-config';
import { checkIdentity } from '../verify/msp';
import { parseChaincodeAction, type ReadVersion } from '../verify/rwset-parse';
import { parseEnvelope } from '../verify/transaction-parse';
import { parseHashedRwsets } from './hashed-rwset';
import { verifyInline } from './signature-pool';
import type { Probe } from './state-probes';

/** What a peer signed for one probe: its point reads, its range scans, its hashed reads and its response. */
export interface SignedAnswer {
  readonly reads: { ns: string; key: string; version: ReadVersion | undefined }[];
  /** Range scans with what they returned (raw results or a Merkle summary). */
  readonly ranges: { ns: string; info: ledger.rwset.kvrwset.RangeQueryInfo }[];
  readonly hashed: {
    ns: string;
    collection: string;
    keyHash: Uint8Array;
    version: ReadVersion | undefined;
  }[];
  readonly payload: Uint8Array;
}

/** A probe that got no signed answer: the peer refused it, or its answer carries no valid endorsement. */
export interface ProbeFailure {
  readonly failure: 'refused' | 'unsigned';
  readonly detail: string;
}

/**
 * Sends a probe for endorsement to the connection's peer alone (never submitted) and returns what
 * the peer signed, once an endorsement of a channel member verifies over the response.
 */
export async function askPeer(
  conn: AllianceConnection,
  config: ChannelConfigView | undefined,
  ns: string,
  p: Probe,
): Promise<SignedAnswer | ProbeFailure> {
  const name = `${p.chaincode ?? ns} ${p.contract ?? ''}:${p.fn}`;
  if (!config)
    return {
      failure: 'unsigned',
      detail: `${name}: the replay holds no channel config to check the answer with`,
    };
  let bytes: Uint8Array;
  try {
    const args = p.args ? [...p.args] : p.input === undefined ? [] : [canonicalJson(p.input)];
    const endorsed = await conn
      .contract(p.contract, p.chaincode)
      .newProposal(p.fn, { arguments: args, endorsingOrganizations: [conn.identity.mspId] })
      .endorse();
    bytes =
      gateway.PreparedTransaction.deserializeBinary(endorsed.getBytes()).getEnvelope()?.serializeBinary() ??
      new Uint8Array();
  } catch (e) {
    return { failure: 'refused', detail: `${name}: ${(e as Error).message}` };
  }
  const e = parseEnvelope(bytes, 0).endorsed;
  const signed = e?.endorsements.some((en) => {
    const id = checkIdentity(config.msps, en.endorser, new Date());
    return (
      id.ok &&
      verifyInline({
        certPem: Buffer.from(id.identity.idBytes).toString('utf8'),
        message: Buffer.concat([e.proposalResponsePayload, en.endorser]),
        signature: en.signature,
      }) === undefined
    );
  });
  if (!e || !signed)
    return { failure: 'unsigned', detail: `${name}: the peer's answer carries no valid endorsement` };
  const action = parseChaincodeAction(e.chaincodeAction);
  const hashed = action.namespaces.some((n) => n.collectionCount > 0)
    ? parseHashedRwsets(e.chaincodeAction)
    : new Map<string, never[]>();
  return {
    reads: action.namespaces.flatMap((n) =>
      n.reads.map((r) => ({ ns: n.namespace, key: r.key, version: r.version })),
    ),
    ranges: action.namespaces.flatMap((n) => n.ranges.map((info) => ({ ns: n.namespace, info }))),
    hashed: [...hashed].flatMap(([hns, collections]) =>
      collections.flatMap((c) =>
        c.reads.map((r) => ({ ns: hns, collection: c.collection, keyHash: r.keyHash, version: r.version })),
      ),
    ),
    payload: action.responsePayload,
  };
}
