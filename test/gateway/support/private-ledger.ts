// A ledger as real Fabric 2.5 writes it when its lifecycle approves and commits a chaincode and a
// chaincode writes private data: approvals as hashed writes to each org's implicit collection,
// the commit's hashed reads of every org's approval, hashed reads and writes of a chaincode's
// collection. Blocks are signed by the channel's orderer; transactions by real identities. Options
// make an endorser write something else than an honest peer would.
import { createHash } from 'node:crypto';
import { createBlock, headerHash, setTxFilter } from '@alliance/network/block';
import { common, ledger, peer } from '@alliance/network/protos';
// The gateway's copy of the protos, for blocks a forger edits (see ledger-forger).
import {
  common as gatewayCommon,
  ledger as gatewayLedger,
} from '../../../gateway/node_modules/@hyperledger/fabric-protos';
import { openTransaction } from './ledger-forger';
import {
  buildEndorserTransaction,
  buildRwset,
  createTestChannel,
  type NamespaceSpec,
  type TestChannel,
} from '../../network/support';

type GatewayBlock = gatewayCommon.Block;

const sha256 = (b: Uint8Array | string): Buffer => createHash('sha256').update(b).digest();

/** The orgs of the test channel and their MSP IDs. */
export const PRIVATE_ORGS = { platform: 'PlatformMSP', brand: 'BrandMSP', supplier: 'SupplierMSP' } as const;
export type PrivateOrg = keyof typeof PRIVATE_ORGS;
const ORGS = Object.keys(PRIVATE_ORGS) as PrivateOrg[];

/** A block version: block number and index of the transaction. */
export interface Version {
  blockNum: number;
  txNum: number;
}

/** A hashed read of a private key (by its plaintext, hashed here), optionally at a version. */
export interface PrivateRead {
  key: string;
  version?: Version;
}

/** A private write: a value (hashed here), an explicit value hash, or a delete. */
export interface PrivateWrite {
  key: string;
  value?: string;
  valueHash?: Uint8Array;
  delete?: boolean;
  metadata?: Record<string, Uint8Array>;
}

/** What one transaction does in one collection of a namespace. */
export interface CollectionSpec {
  namespace: string;
  collection: string;
  reads?: PrivateRead[];
  writes?: PrivateWrite[];
}

/** The definition of `provenance` as `_lifecycle` stores it: field name to StateData bytes. */
export function definitionFields(): Record<
  'Sequence' | 'EndorsementInfo' | 'ValidationInfo' | 'Collections',
  Uint8Array
> {
  const data = (value: number | Uint8Array): Uint8Array => {
    const d = new peer.lifecycle.StateData();
    if (typeof value === 'number') d.setInt64(value);
    else d.setBytes(value);
    return d.serializeBinary();
  };
  const endorsement = new peer.lifecycle.ChaincodeEndorsementInfo();
  endorsement.setVersion('1.0');
  endorsement.setEndorsementPlugin('escc');
  const policy = new peer.ApplicationPolicy();
  policy.setChannelConfigPolicyReference('/Channel/Application/Endorsement');
  const validation = new peer.lifecycle.ChaincodeValidationInfo();
  validation.setValidationPlugin('vscc');
  validation.setValidationParameter(policy.serializeBinary());
  return {
    Sequence: data(1),
    EndorsementInfo: data(endorsement.serializeBinary()),
    ValidationInfo: data(validation.serializeBinary()),
    // An empty collection package is still set: the lifecycle stores the bytes field, empty.
    Collections: data(new Uint8Array()),
  };
}

const metadataBytes = (datatype: string, fields: string[]): Uint8Array => {
  const m = new peer.lifecycle.StateMetadata();
  m.setDatatype(datatype);
  m.setFieldsList(fields);
  return m.serializeBinary();
};

/** The private writes of an org's approval of `provenance#1`, as the lifecycle serializes them. */
export function approvalWrites(): PrivateWrite[] {
  const f = definitionFields();
  const hashOf = (b: Uint8Array): Uint8Array => sha256(b);
  return [
    {
      key: 'namespaces/metadata/provenance#1',
      valueHash: hashOf(
        metadataBytes('ChaincodeParameters', ['EndorsementInfo', 'ValidationInfo', 'Collections']),
      ),
    },
    { key: 'namespaces/fields/provenance#1/EndorsementInfo', valueHash: hashOf(f.EndorsementInfo) },
    { key: 'namespaces/fields/provenance#1/ValidationInfo', valueHash: hashOf(f.ValidationInfo) },
    { key: 'namespaces/fields/provenance#1/Collections', valueHash: hashOf(f.Collections) },
    {
      key: 'chaincode-sources/metadata/provenance#1',
      valueHash: hashOf(metadataBytes('ChaincodeLocalPackage', ['PackageID'])),
    },
    { key: 'chaincode-sources/fields/provenance#1/PackageID', value: 'provenance_1.0:0123' },
  ];
}

/** A TxReadWriteSet: public namespaces as buildRwset encodes them, plus hashed collections. */
export function rwsetWithCollections(
  pub: Record<string, NamespaceSpec>,
  collections: CollectionSpec[],
): Uint8Array {
  const names = new Set([...Object.keys(pub), ...collections.map((c) => c.namespace)]);
  const full: Record<string, NamespaceSpec> = {};
  for (const n of names) full[n] = pub[n] ?? {};
  const tx = ledger.rwset.TxReadWriteSet.deserializeBinary(buildRwset(full));
  for (const ns of tx.getNsRwsetList()) {
    ns.setCollectionHashedRwsetList(
      collections.filter((c) => c.namespace === ns.getNamespace()).map(hashedCollection),
    );
  }
  return tx.serializeBinary();
}

function hashedCollection(c: CollectionSpec): ledger.rwset.CollectionHashedReadWriteSet {
  const { kvrwset } = ledger.rwset;
  const set = new kvrwset.HashedRWSet();
  set.setHashedReadsList(
    (c.reads ?? []).map((r) => {
      const read = new kvrwset.KVReadHash();
      read.setKeyHash(sha256(r.key));
      if (r.version) {
        const v = new kvrwset.Version();
        v.setBlockNum(r.version.blockNum);
        v.setTxNum(r.version.txNum);
        read.setVersion(v);
      }
      return read;
    }),
  );
  const writes = c.writes ?? [];
  set.setHashedWritesList(
    writes.map((w) => {
      const write = new kvrwset.KVWriteHash();
      write.setKeyHash(sha256(w.key));
      if (w.delete) write.setIsDelete(true);
      else write.setValueHash(w.valueHash ?? sha256(w.value ?? ''));
      return write;
    }),
  );
  set.setMetadataWritesList(
    writes.flatMap((w) => {
      if (!w.metadata) return [];
      const md = new kvrwset.KVMetadataWriteHash();
      md.setKeyHash(sha256(w.key));
      md.setEntriesList(
        Object.entries(w.metadata).map(([name, value]) => {
          const e = new kvrwset.KVMetadataEntry();
          e.setName(name);
          e.setValue(value);
          return e;
        }),
      );
      return [md];
    }),
  );
  const out = new ledger.rwset.CollectionHashedReadWriteSet();
  out.setCollectionName(c.collection);
  out.setHashedRwset(set.serializeBinary());
  if (writes.length > 0) out.setPvtRwsetHash(sha256(`private write set of ${c.collection}`));
  return out;
}

/** The chain being built: genesis first, each block signed by the orderer. */
export class PrivateLedger {
  readonly blocks: common.Block[];

  private constructor(readonly channel: TestChannel) {
    // A peer delivers the genesis block with its validation flag set, as every other block.
    const genesis = common.Block.deserializeBinary(channel.genesis.serializeBinary());
    setTxFilter(genesis, Uint8Array.of(0));
    this.blocks = [genesis];
  }

  /** A ledger of the platform, brand and supplier orgs, holding only the genesis block. */
  static async create(): Promise<PrivateLedger> {
    return new PrivateLedger(await createTestChannel([...ORGS]));
  }

  /** The next block's number. */
  get height(): number {
    return this.blocks.length;
  }

  /** Appends a block of envelopes with their validation codes (all VALID by default). */
  append(envelopes: Uint8Array[], codes?: number[]): common.Block {
    const previous = this.blocks[this.blocks.length - 1]!.getHeader()!;
    const block = createBlock(this.blocks.length, headerHash(previous), envelopes);
    setTxFilter(block, Uint8Array.from(codes ?? envelopes.map(() => 0)));
    this.channel.signAsOrderer(block, 0);
    this.blocks.push(block);
    return block;
  }

  /** An endorser transaction on `chaincode`, created by `creator`'s User1 and endorsed by the orgs' peers. */
  tx(o: {
    chaincode: string;
    creator: PrivateOrg;
    endorsers: PrivateOrg[];
    args: string[];
    pub?: Record<string, NamespaceSpec>;
    collections?: CollectionSpec[];
  }): Uint8Array {
    return buildEndorserTransaction({
      channelId: this.channel.def.channel,
      chaincode: o.chaincode,
      chaincodeVersion: o.chaincode === '_lifecycle' ? 'syscc' : '1.0',
      creator: this.channel.user(o.creator, 'Admin'),
      endorsers: o.endorsers.map((e) => this.channel.peer(e)),
      rwset: rwsetWithCollections(o.pub ?? {}, o.collections ?? []),
      args: o.args,
    }).envelope;
  }

  /** An org's approval of `provenance#1` (its writes can be replaced to misbehave). */
  approve(org: PrivateOrg, writes: PrivateWrite[] = approvalWrites()): Uint8Array {
    return this.tx({
      chaincode: '_lifecycle',
      creator: org,
      endorsers: [org],
      args: ['ApproveChaincodeDefinitionForMyOrg'],
      pub: {
        _lifecycle: {
          reads: [
            { key: 'namespaces/fields/provenance/Sequence' },
            { key: 'namespaces/metadata/provenance' },
          ],
        },
      },
      collections: [
        {
          namespace: '_lifecycle',
          collection: `_implicit_org_${PRIVATE_ORGS[org]}`,
          reads: [
            { key: 'namespaces/metadata/provenance#1' },
            { key: 'chaincode-sources/metadata/provenance#1' },
          ],
          writes,
        },
      ],
    });
  }

  /** The commit of `provenance#1`: the definition's public writes and each org's approval read at its version. */
  commit(approvedAt: Partial<Record<PrivateOrg, Version>>, endorsers: PrivateOrg[] = [...ORGS]): Uint8Array {
    const f = definitionFields();
    const keys = [
      'namespaces/metadata/provenance#1',
      'namespaces/fields/provenance#1/EndorsementInfo',
      'namespaces/fields/provenance#1/ValidationInfo',
      'namespaces/fields/provenance#1/Collections',
    ];
    return this.tx({
      chaincode: '_lifecycle',
      creator: 'platform',
      endorsers,
      args: ['CommitChaincodeDefinition'],
      pub: {
        _lifecycle: {
          reads: [
            { key: 'namespaces/fields/provenance/Sequence' },
            { key: 'namespaces/metadata/provenance' },
          ],
          writes: [
            {
              key: 'namespaces/metadata/provenance',
              value: metadataBytes('ChaincodeDefinition', [
                'Sequence',
                'EndorsementInfo',
                'ValidationInfo',
                'Collections',
              ]),
            },
            ...Object.entries(f).map(([field, value]) => ({
              key: `namespaces/fields/provenance/${field}`,
              value,
            })),
          ],
        },
      },
      collections: ORGS.map((org) => {
        const at = approvedAt[org];
        return {
          namespace: '_lifecycle',
          collection: `_implicit_org_${PRIVATE_ORGS[org]}`,
          reads: keys.map((key) => (at ? { key, version: at } : { key })),
        };
      }),
    });
  }
}

/** A clean ledger: approvals (block 1), commit (block 2), a private write (block 3), a read-and-update of it (block 4). */
export async function cleanPrivateLedger(): Promise<PrivateLedger> {
  const l = await PrivateLedger.create();
  l.append(ORGS.map((org) => l.approve(org)));
  l.append([
    l.commit({
      platform: { blockNum: 1, txNum: 0 },
      brand: { blockNum: 1, txNum: 1 },
      supplier: { blockNum: 1, txNum: 2 },
    }),
  ]);
  l.append([secretWrite(l, 'v1')]);
  l.append([secretUpdate(l, { blockNum: 3, txNum: 0 }, 'v2')]);
  return l;
}

/** The brand's implicit collection of `provenance`, where the brand keeps its formula. */
export const BRAND_COLLECTION = '_implicit_org_BrandMSP';

/** Writes the brand's private formula (and a public record), endorsed by brand and platform. */
export function secretWrite(
  l: PrivateLedger,
  value: string,
  o: { endorsers?: PrivateOrg[]; collection?: string } = {},
): Uint8Array {
  return l.tx({
    chaincode: 'provenance',
    creator: 'brand',
    endorsers: o.endorsers ?? ['brand', 'platform'],
    args: ['formulas:Record'],
    pub: { provenance: { writes: [{ key: 'formula-index', value: 'F-1' }] } },
    collections: [
      {
        namespace: 'provenance',
        collection: o.collection ?? BRAND_COLLECTION,
        writes: [{ key: 'formula-F-1', value }],
      },
    ],
  });
}

/** Reads the formula's hash at `readAt` and writes a new value. */
export function secretUpdate(l: PrivateLedger, readAt: Version | undefined, value: string): Uint8Array {
  return l.tx({
    chaincode: 'provenance',
    creator: 'brand',
    endorsers: ['brand', 'platform'],
    args: ['formulas:Revise'],
    pub: { provenance: { writes: [{ key: 'formula-revision', value }] } },
    collections: [
      {
        namespace: 'provenance',
        collection: BRAND_COLLECTION,
        reads: [readAt ? { key: 'formula-F-1', version: readAt } : { key: 'formula-F-1' }],
        writes: [{ key: 'formula-F-1', value }],
      },
    ],
  });
}

/** The key hash the auditor knows a private key by (hex). */
export const keyHashHex = (key: string): string => sha256(key).toString('hex');

/**
 * Edits the hashed writes of one collection of transaction `i` in a block (decoded with the
 * gateway's protos, as a forger with the block files would), leaving signatures as they were.
 */
export function editHashedWrites(
  b: GatewayBlock,
  i: number,
  collection: string,
  edit: (writes: gatewayLedger.rwset.kvrwset.KVWriteHash[]) => gatewayLedger.rwset.kvrwset.KVWriteHash[],
): void {
  const t = openTransaction(b, i);
  const rwset = gatewayLedger.rwset.TxReadWriteSet.deserializeBinary(t.ccAction.getResults_asU8());
  for (const ns of rwset.getNsRwsetList()) {
    const sets = ns.getCollectionHashedRwsetList();
    for (const c of sets) {
      if (c.getCollectionName() !== collection) continue;
      const hashed = gatewayLedger.rwset.kvrwset.HashedRWSet.deserializeBinary(c.getHashedRwset_asU8());
      hashed.setHashedWritesList(edit(hashed.getHashedWritesList()));
      c.setHashedRwset(hashed.serializeBinary());
    }
    ns.setCollectionHashedRwsetList(sets);
  }
  t.ccAction.setResults(rwset.serializeBinary());
  t.save();
}
