import { peer } from '@hyperledger/fabric-protos';
import { canonicalJson } from '@alliance/chaincode/model';
import { LIFECYCLE_NAMESPACE } from './chaincode-definitions';
import { parseKey } from './evidence';
import type { ReplayState } from './replay-state';

/** One query the chaincode offers, and the input that asks it about a record. */
export interface Probe {
  /** The chaincode asked (the audited one when absent). */
  readonly chaincode?: string;
  readonly contract: string | undefined;
  readonly fn: string;
  readonly input: unknown;
  /** Arguments as sent, when they are not the input's canonical JSON. */
  readonly args?: readonly Uint8Array[];
}

/** Asks `_lifecycle` for the chaincode's definition: its reads cover the definition and every org's hashed approval. */
export function lifecycleProbe(ns: string): Probe {
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

/**
 * Queries whose range scans cover a whole record type, whatever the replay holds: their results
 * name every member, policy version and product the peer has.
 */
const LISTINGS: readonly Probe[] = [
  { contract: 'members', fn: 'ListMembers', input: undefined },
  { contract: 'policy', fn: 'PolicyHistory', input: undefined },
  { contract: 'products', fn: 'ListProducts', input: undefined },
];

/** The record a key belongs to: a lot's events, holds and error declarations are keyed by the lot id. */
function recordOf(type: string, attrs: readonly string[]): { type: string; id: string } {
  return { type: type.startsWith('lot~') ? 'lot' : type, id: attrs[0] ?? '' };
}

/** The queries that read each record type (and, through their range scans, its neighbours). */
function probesFor(type: string, id: string): Probe[] {
  switch (type) {
    case 'lot':
      return [
        { contract: 'lots', fn: 'GetLot', input: { lotId: id } },
        { contract: 'lots', fn: 'GetLotEvents', input: { lotId: id } },
        { contract: 'lots', fn: 'GetHolds', input: { lotId: id } },
      ];
    case 'instrument':
      return [{ contract: 'instruments', fn: 'GetInstrument', input: { instrumentId: id } }];
    case 'vcase':
      return [{ contract: 'verifications', fn: 'GetCase', input: { caseId: id } }];
    default:
      return [];
  }
}

const probeId = (p: Probe): string =>
  `${p.chaincode ?? ''}:${p.contract ?? ''}:${p.fn}:${canonicalJson(p.input ?? null)}`;

/**
 * The probes of a comparison, chosen from both sides of it: the chaincode's definition, the
 * listings of whole record types, and the records of every key the replay holds or that the peers
 * wrote and the replay refused (so that keys a peer has and the replay lacks are asked about too).
 * @param sample - how many records to probe per record type (undefined: every record)
 */
export function chooseProbes(state: ReplayState, ns: string, sample?: number): Probe[] {
  const probes = new Map<string, Probe>();
  const add = (p: Probe): void => {
    probes.set(probeId(p), p);
  };
  add(lifecycleProbe(ns));
  LISTINGS.forEach(add);
  const perType = new Map<string, Set<string>>();
  const keys = [
    ...state.world.entries(ns).map(([key]) => key),
    ...[...state.refusedWrites.values()].filter((w) => w.ns === ns).map((w) => w.key),
  ];
  for (const key of keys) {
    const k = parseKey(key);
    if (!k) continue;
    const record = recordOf(k.type, k.attrs);
    let ids = perType.get(record.type);
    if (!ids) perType.set(record.type, (ids = new Set()));
    if (ids.has(record.id) || (sample !== undefined && ids.size >= sample)) continue;
    ids.add(record.id);
    probesFor(record.type, record.id).forEach(add);
  }
  return [...probes.values()];
}
