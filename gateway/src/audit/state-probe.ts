import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { canonicalJson } from '@alliance/chaincode/model';
import type { AllianceConnection } from '../connect/connection';
import { blockHeaderHash } from '../verify/block-hash';
import { checkIdentity } from '../verify/msp';
import { peerLedgerSource } from '../verify/ledger-source';
import { parseChaincodeAction, versionOf, type ReadVersion } from '../verify/rwset-parse';
import { parseEnvelope } from '../verify/transaction-parse';
import { LIFECYCLE_NAMESPACE, replayedDefinition } from './chaincode-definitions';
import { applicationGroups } from './collection-policies';
import { parseKey } from './evidence';
import { parseHashedRwsets, printableHashed } from './hashed-rwset';
import { approvingOrgs, worldView } from './lifecycle-approvals';
import { printable, sameVersion, show } from './read-conflicts';
import type { ReplayState } from './replay-state';
import { verifyInline } from './signature-pool';
import type { Anomaly } from './types';

/** How the rebuilt state compared with what a peer signed. */
export interface StateComparison {
  /** The org whose peer was asked. */
  readonly peerMspId: string;
  readonly probes: number;
  /** Distinct keys whose version the peer signed and the auditor compared. */
  readonly keysCompared: number;
  /** Keys of the rebuilt namespace in total. */
  readonly keysInState: number;
  /** Private keys (known by hash) whose version the peer signed and the auditor compared. */
  readonly hashedKeysCompared: number;
  readonly differences: Anomaly[];
  readonly notes: string[];
}

/** One query the chaincode offers, and the input that asks it about a record. */
interface Probe {
  /** The chaincode asked (the audited one when absent). */
  readonly chaincode?: string;
  readonly contract: string | undefined;
  readonly fn: string;
  readonly input: unknown;
  /** Arguments as sent, when they are not the input's canonical JSON. */
  readonly args?: readonly Uint8Array[];
}

/** Asks `_lifecycle` for the chaincode's definition: its reads cover the definition and every org's hashed approval. */
function lifecycleProbe(ns: string): Probe {
  const args = new peer.lifecycle.QueryChaincodeDefinitionArgs();
  args.setName(ns);
  return {
    chaincode: LIFECYCLE_NAMESPACE,
    contract: undefined,
    fn: 'QueryChaincodeDefinition',
    input: { name: ns },
    args: [args.serializeBinary()],
  };
}

/** The queries that read each record type (and, through their range scans, its neighbours). */
function probesFor(type: string, attrs: readonly string[]): Probe[] {
  const id = attrs[0] ?? '';
  switch (type) {
    case 'lot':
      return [
        { contract: 'lots', fn: 'GetLot', input: { lotId: id } },
        { contract: 'lots', fn: 'GetLotEvents', input: { lotId: id } },
        { contract: 'lots', fn: 'GetHolds', input: { lotId: id } },
      ];
    case 'member':
      return [{ contract: 'members', fn: 'ListMembers', input: undefined }];
    case 'policy':
      return [{ contract: 'policy', fn: 'PolicyHistory', input: undefined }];
    case 'instrument':
      return [{ contract: 'instruments', fn: 'GetInstrument', input: { instrumentId: id } }];
    case 'vcase':
      return [{ contract: 'verifications', fn: 'GetCase', input: { caseId: id } }];
    default:
      return [];
  }
}

/**
 * Compares the rebuilt state with a peer's without trusting the peer's word: each probe is a
 * chaincode query sent for endorsement to that peer alone (and never submitted). The peer signs
 * its response, whose read set names every key the query read with the version `(block, tx)` it
 * holds, and every key a range scan returned. The auditor checks the peer's signature, then
 * compares each version with the rebuilt one: a peer holding another value for a key must name
 * another version, or sign a version whose write the replay knows to be different.
 * @param sample - how many records to probe per record type (undefined: every record)
 */
export async function compareWithPeer(
  conn: AllianceConnection,
  state: ReplayState,
  ns: string,
  sample?: number,
): Promise<StateComparison> {
  const differences: Anomaly[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const compared = new Set<string>();
  const probes = new Map<string, Probe>();
  const perType = new Map<string, number>();
  if (replayedDefinition(state.world, ns)) probes.set(LIFECYCLE_NAMESPACE, lifecycleProbe(ns));
  for (const [key] of state.world.entries(ns)) {
    const k = parseKey(key);
    if (!k) continue;
    const count = perType.get(k.type) ?? 0;
    if (sample !== undefined && count >= sample) continue;
    perType.set(k.type, count + 1);
    for (const p of probesFor(k.type, k.attrs))
      probes.set(`${p.contract ?? ''}:${p.fn}:${canonicalJson(p.input ?? null)}`, p);
  }
  let hashedCompared = 0;
  for (const p of probes.values()) {
    const answer = await signedReads(conn, state, ns, p, differences);
    if (!answer) continue;
    for (const r of answer.reads) {
      if (seen.has(`${r.ns}\u0000${r.key}`)) continue;
      seen.add(`${r.ns}\u0000${r.key}`);
      compared.add(r.key);
      const ours = state.world.get(r.ns, r.key);
      if (!sameVersion(ours?.version, r.version))
        differences.push(versionDifference(conn, `${r.ns} key ${printable(r.key)}`, r.version, ours));
    }
    for (const r of answer.hashed) {
      const id = `${r.ns}\u0001${r.collection}\u0000${Buffer.from(r.keyHash).toString('hex')}`;
      if (seen.has(id)) continue;
      seen.add(id);
      hashedCompared++;
      const ours = state.world.hashed.get(r.ns, r.collection, r.keyHash);
      if (!sameVersion(ours?.version, r.version))
        differences.push(
          versionDifference(conn, printableHashed(r.ns, r.collection, r.keyHash), r.version, ours),
        );
    }
    if (p.chaincode === LIFECYCLE_NAMESPACE) {
      const d = approvalsDifference(conn, state, ns, answer.payload);
      if (d) differences.push(d);
    }
  }
  const peerHash = await chainHash(conn, state, notes);
  if (peerHash) differences.push(peerHash);
  return {
    peerMspId: conn.identity.mspId,
    probes: probes.size,
    keysCompared: compared.size,
    keysInState: state.world.entries(ns).length,
    hashedKeysCompared: hashedCompared,
    differences,
    notes,
  };
}

/** A key (public, or private by its hash) the peer signed at another version than the replay's. */
function versionDifference(
  conn: AllianceConnection,
  what: string,
  theirs: ReadVersion | undefined,
  ours: { readonly version: ReadVersion; readonly txId: string } | undefined,
): Anomaly {
  return {
    block: ours?.version.block ?? theirs?.block ?? 0,
    // Located at the replay's write of the key, or at the write the peer names when the replay has none.
    ...(ours ? { tx: ours.version.tx, txId: ours.txId } : theirs ? { tx: theirs.tx } : {}),
    check: 'state-version',
    detail: `${conn.identity.mspId}'s peer holds ${what} at ${show(theirs)}; the replay holds it at ${show(ours?.version)}`,
    severity: 'error',
  };
}

/**
 * Compares the approvals a peer reports for the chaincode's definition (real Fabric's lifecycle
 * reads them from every org's implicit collection) with those the replay counts from hashes.
 */
function approvalsDifference(
  conn: AllianceConnection,
  state: ReplayState,
  ns: string,
  payload: Uint8Array,
): Anomaly | undefined {
  const def = replayedDefinition(state.world, ns);
  if (!def || !state.config) return undefined;
  const theirs: string[] = [];
  let reported = 0;
  peer.lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(payload)
    .getApprovalsMap()
    .forEach((approved: boolean, mspId: string) => {
      reported++;
      if (approved) theirs.push(mspId);
    });
  // A lifecycle without approvals (the embedded network) reports none.
  if (reported === 0) return undefined;
  const ours = approvingOrgs(worldView(state.world), ns, def.sequence, [
    ...applicationGroups(state.config).keys(),
  ]);
  if (theirs.sort().join(',') === ours.sort().join(',')) return undefined;
  return {
    block: state.nextBlock - 1,
    check: 'lifecycle-approvals',
    detail: `${conn.identity.mspId}'s peer reports ${ns} sequence ${def.sequence} approved by ${theirs.join(', ') || 'no org'}; the replay's hashes say ${ours.join(', ') || 'no org'}`,
    severity: 'error',
  };
}

/** The reads a peer signed for a probe, public (range results included) and hashed, and its response payload. */
interface SignedAnswer {
  readonly reads: { ns: string; key: string; version: ReadVersion | undefined }[];
  readonly hashed: {
    ns: string;
    collection: string;
    keyHash: Uint8Array;
    version: ReadVersion | undefined;
  }[];
  readonly payload: Uint8Array;
}

/** Runs one probe and returns what the peer signed for it, or undefined when it gave no signed answer. */
async function signedReads(
  conn: AllianceConnection,
  state: ReplayState,
  ns: string,
  p: Probe,
  differences: Anomaly[],
): Promise<SignedAnswer | undefined> {
  const name = `${p.chaincode ?? ns} ${p.contract ?? ''}:${p.fn}`;
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
    differences.push({
      block: state.nextBlock,
      check: 'probe-failed',
      detail: `${name}: ${(e as Error).message}`,
      severity: 'warning',
    });
    return undefined;
  }
  const tx = parseEnvelope(bytes, 0);
  const e = tx.endorsed;
  const config = state.config;
  if (!e || !config) return undefined;
  const signed = e.endorsements.some((en) => {
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
  if (!signed) {
    differences.push({
      block: state.nextBlock,
      check: 'peer-signature',
      detail: `${name}: the peer's answer carries no valid endorsement`,
      severity: 'error',
    });
    return undefined;
  }
  const action = parseChaincodeAction(e.chaincodeAction);
  const hashed = action.namespaces.some((n) => n.collectionCount > 0)
    ? parseHashedRwsets(e.chaincodeAction)
    : new Map<string, never[]>();
  return {
    reads: action.namespaces.flatMap((n) => [
      ...n.reads.map((r) => ({ ns: n.namespace, key: r.key, version: r.version })),
      ...n.ranges.flatMap((ri) =>
        (ri.getRawReads()?.getKvReadsList() ?? []).map((r) => ({
          ns: n.namespace,
          key: r.getKey(),
          version: versionOf(r.getVersion()),
        })),
      ),
    ]),
    hashed: [...hashed].flatMap(([hns, collections]) =>
      collections.flatMap((c) =>
        c.reads.map((r) => ({ ns: hns, collection: c.collection, keyHash: r.keyHash, version: r.version })),
      ),
    ),
    payload: action.responsePayload,
  };
}

/** Compares the peer's chain (height and last block hash) with the replayed one. */
async function chainHash(
  conn: AllianceConnection,
  state: ReplayState,
  notes: string[],
): Promise<Anomaly | undefined> {
  const source = peerLedgerSource(conn);
  const height = Number(await source.height());
  if (height < state.nextBlock)
    return {
      block: height,
      check: 'peer-height',
      detail: `the peer's chain has ${height} blocks, the replay ${state.nextBlock}`,
      severity: 'error',
    };
  if (height > state.nextBlock)
    notes.push(
      `the peer has ${height - state.nextBlock} blocks beyond the replay; versions written there show as differences`,
    );
  const last = common.Block.deserializeBinary(await source.blockByNumber(BigInt(state.nextBlock - 1)));
  const header = last.getHeader();
  const ours = state.previousHash;
  if (!header || !ours || !Buffer.from(blockHeaderHash(header)).equals(Buffer.from(ours))) {
    return {
      block: state.nextBlock - 1,
      check: 'peer-chain',
      detail: `the peer's block ${state.nextBlock - 1} is not the replayed one`,
      severity: 'error',
    };
  }
  return undefined;
}
