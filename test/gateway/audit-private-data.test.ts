// The auditor on ledgers that hold private data as real Fabric 2.5 writes it: lifecycle approvals
// as hashed writes to each org's implicit collection, a commit that reads them, and a chaincode's
// hashed reads and writes. The blocks are built and signed here (the embedded network writes no
// private data); each variant is what a misbehaving endorser or a forger would leave behind.
import { join } from 'node:path';
import {
  createSignaturePool,
  replayLedger,
  runAudit,
  type BlockSource,
  type ReplayOutcome,
  type SignaturePool,
} from '@alliance/gateway';
import { common } from '@alliance/network/protos';
import {
  approvalWrites,
  BRAND_COLLECTION,
  cleanPrivateLedger,
  editHashedWrites,
  keyHashHex,
  PrivateLedger,
  secretUpdate,
  secretWrite,
  type PrivateOrg,
} from './support/private-ledger';
import { common as gatewayCommon } from '../../gateway/node_modules/@hyperledger/fabric-protos';
import { forgerKey, ordererMspId, rechain, type ForgerKey } from './support/ledger-forger';
import { issue, newCa, tempDir } from './support/pki';

jest.setTimeout(60_000);

const VALID = 0;
const MVCC_READ_CONFLICT = 11;
const ORGS: PrivateOrg[] = ['platform', 'brand', 'supplier'];
const approvedAt = {
  platform: { blockNum: 1, txNum: 0 },
  brand: { blockNum: 1, txNum: 1 },
  supplier: { blockNum: 1, txNum: 2 },
};

let pool: SignaturePool;
let clean: PrivateLedger;
let cleanOutcome: ReplayOutcome;
let forger: ForgerKey;

/** The blocks of a ledger as a source. */
function source(blocks: readonly common.Block[]): BlockSource {
  const bytes = blocks.map((b) => b.serializeBinary());
  return {
    description: 'built in memory',
    height: () => Promise.resolve(bytes.length),
    async *blocks(from, to) {
      for (let n = from; n < to; n++) yield await Promise.resolve(bytes[n]!);
    },
    close: () => Promise.resolve(),
  };
}

const replay = (l: PrivateLedger): Promise<ReplayOutcome> => replayLedger({ source: source(l.blocks), pool });
const errors = (o: ReplayOutcome) => o.state.anomalies.filter((a) => a.severity === 'error');

beforeAll(async () => {
  pool = createSignaturePool(1);
  clean = await cleanPrivateLedger();
  cleanOutcome = await replay(clean);
  const genesis = gatewayCommon.Block.deserializeBinary(clean.blocks[0]!.serializeBinary());
  forger = forgerKey(
    ordererMspId(genesis),
    await issue(await newCa('forger'), { cn: 'orderer.forger', ou: 'orderer' }),
  );
});

/** The clean ledger's blocks edited by a forger, who then re-hashes the chain and re-signs every block from `from`. */
async function forged(from: number, edit: (blocks: gatewayCommon.Block[]) => void): Promise<ReplayOutcome> {
  const blocks = clean.blocks.map((b) => gatewayCommon.Block.deserializeBinary(b.serializeBinary()));
  edit(blocks);
  rechain(blocks, from, forger);
  const out = await replayLedger({
    source: source(blocks.map((b) => common.Block.deserializeBinary(b.serializeBinary()))),
    pool,
  });
  expect(out.state.anomalies.filter((a) => a.check === 'previous-hash' || a.check === 'data-hash')).toEqual(
    [],
  );
  return out;
}
afterAll(() => pool.close());

describe('auditor replay of a ledger with private data', () => {
  it('gives a clean ledger a clean report, with every code re-validated and the definition in force', () => {
    expect(cleanOutcome.state.anomalies).toEqual([]);
    expect(cleanOutcome.state.txs.map((t) => [t.block, t.tx, t.auditedCode])).toEqual([
      [0, 0, VALID],
      [1, 0, VALID],
      [1, 1, VALID],
      [1, 2, VALID],
      [2, 0, VALID],
      [3, 0, VALID],
      [4, 0, VALID],
    ]);
    // The chaincode's transactions validated under the definition the commit wrote.
    expect(cleanOutcome.state.world.get('provenance', 'formula-revision')?.version).toEqual({
      block: 4,
      tx: 0,
    });
  });

  it('keeps the hashed state per namespace, collection and key hash, with value hash and version', () => {
    const hashed = cleanOutcome.state.world.hashed;
    const formula = hashed.collection('provenance', BRAND_COLLECTION);
    expect(formula.map((r) => [r.keyHash, r.entry.version])).toEqual([
      [keyHashHex('formula-F-1'), { block: 4, tx: 0 }],
    ]);
    expect(Buffer.from(formula[0]!.entry.valueHash).toString('hex')).toBe(keyHashHex('v2'));
    for (const [i, msp] of ['PlatformMSP', 'BrandMSP', 'SupplierMSP'].entries()) {
      const approval = hashed.collection('_lifecycle', `_implicit_org_${msp}`);
      expect(approval).toHaveLength(approvalWrites().length);
      expect(approval.every((r) => r.entry.version.block === 1 && r.entry.version.tx === i)).toBe(true);
    }
  });

  it("counts the commit against LifecycleEndorsement from the orgs' hashed approvals", () => {
    expect(cleanOutcome.state.definitions).toEqual([
      expect.objectContaining({
        name: 'provenance',
        sequence: 1,
        version: '1.0',
        block: 2,
        tx: 0,
        approvals: 'checked',
        approvedBy: ['BrandMSP', 'PlatformMSP', 'SupplierMSP'],
        endorsedBy: ['BrandMSP', 'PlatformMSP', 'SupplierMSP'],
      }),
    ]);
  });

  it("finds an approval whose value hash is not the committed definition's, at the commit its org endorsed", async () => {
    const l = await PrivateLedger.create();
    const tampered = approvalWrites().map((w) =>
      w.key.endsWith('/ValidationInfo') ? { ...w, valueHash: Buffer.alloc(32, 7) } : w,
    );
    l.append(ORGS.map((org) => l.approve(org, org === 'supplier' ? tampered : undefined)));
    l.append([l.commit(approvedAt)]);
    const out = await replay(l);
    expect(out.state.definitions[0]?.approvedBy).toEqual(['BrandMSP', 'PlatformMSP']);
    expect(errors(out)).toEqual([
      expect.objectContaining({
        block: 2,
        tx: 0,
        check: 'lifecycle-approvals',
        detail: expect.stringMatching(/SupplierMSP endorsed .* without an approval/) as unknown,
      }),
    ]);
  });

  it("finds an approval with a dropped hashed write through the commit's hashed read of it (MVCC)", async () => {
    const l = await PrivateLedger.create();
    const dropped = approvalWrites().filter((w) => !w.key.endsWith('/EndorsementInfo'));
    l.append(ORGS.map((org) => l.approve(org, org === 'brand' ? dropped : undefined)));
    l.append([l.commit(approvedAt)]);
    const found = errors(await replay(l));
    expect(found).toContainEqual(
      expect.objectContaining({
        block: 2,
        tx: 0,
        check: 'validation-code',
        detail: expect.stringContaining(
          `block records VALID, re-validation gives MVCC_READ_CONFLICT: _lifecycle/_implicit_org_BrandMSP key hash ${keyHashHex('namespaces/fields/provenance#1/EndorsementInfo').slice(0, 16)}… read at (1,1), replayed hashed state holds absent`,
        ) as unknown,
      }),
    );
  });

  it('finds a stale hashed read recorded as valid, and accepts one recorded as an MVCC conflict', async () => {
    const l = await PrivateLedger.create();
    l.append(ORGS.map((org) => l.approve(org)));
    l.append([l.commit(approvedAt)]);
    l.append([secretWrite(l, 'v1')]);
    l.append([secretWrite(l, 'v1b')]);
    // Read at (3,0), but block 4 rewrote the key: stale.
    l.append(
      [
        secretUpdate(l, { blockNum: 3, txNum: 0 }, 'v2'),
        secretUpdate(l, { blockNum: 4, txNum: 0 }, 'v3'),
        secretUpdate(l, { blockNum: 4, txNum: 0 }, 'v4'),
      ],
      [VALID, VALID, MVCC_READ_CONFLICT],
    );
    const out = await replay(l);
    const hash = keyHashHex('formula-F-1').slice(0, 16);
    expect(errors(out)).toEqual([
      expect.objectContaining({
        block: 5,
        tx: 0,
        check: 'validation-code',
        detail: `block records VALID, re-validation gives MVCC_READ_CONFLICT: provenance/${BRAND_COLLECTION} key hash ${hash}… read at (3,0), replayed hashed state holds (4,0)`,
      }),
    ]);
    // The second update read the right version, the third one a key the second had just written.
    expect(out.state.txs.filter((t) => t.block === 5).map((t) => t.auditedCode)).toEqual([
      MVCC_READ_CONFLICT,
      VALID,
      MVCC_READ_CONFLICT,
    ]);
    expect(
      out.state.world.hashed.get(
        'provenance',
        BRAND_COLLECTION,
        Buffer.from(keyHashHex('formula-F-1'), 'hex'),
      )?.version,
    ).toEqual({ block: 5, tx: 1 });
  });

  it("checks writes to an implicit collection against that org's Endorsement policy, and refuses unknown collections", async () => {
    const l = await PrivateLedger.create();
    l.append(ORGS.map((org) => l.approve(org)));
    l.append([l.commit(approvedAt)]);
    l.append([
      secretWrite(l, 'v1', { endorsers: ['platform', 'supplier'] }),
      secretWrite(l, 'v1', { collection: 'formulas' }),
    ]);
    const found = errors(await replay(l));
    expect(found).toEqual([
      expect.objectContaining({
        block: 3,
        tx: 0,
        detail: expect.stringMatching(
          /re-validation gives ENDORSEMENT_POLICY_FAILURE: provenance\/_implicit_org_BrandMSP key hash .*\/Channel\/Application\/brand\/Endorsement: not satisfied/,
        ) as unknown,
      }),
      expect.objectContaining({
        block: 3,
        tx: 1,
        detail: expect.stringMatching(
          /re-validation gives ENDORSEMENT_POLICY_FAILURE: provenance\/formulas: no collection formulas in the definition/,
        ) as unknown,
      }),
    ]);
  });

  it('locates a value hash a forger changed in an approval, and the commit that read that approval', async () => {
    const out = await forged(1, (bs) => {
      editHashedWrites(bs[1]!, 2, '_implicit_org_SupplierMSP', (writes) => {
        writes[0]!.setValueHash(Buffer.alloc(32, 1));
        return writes;
      });
    });
    const found = errors(out);
    expect(found).toContainEqual(
      expect.objectContaining({
        block: 1,
        tx: 2,
        check: 'validation-code',
        detail: expect.stringMatching(
          /block records VALID, re-validation gives BAD_CREATOR_SIGNATURE/,
        ) as unknown,
      }),
    );
    // The approval no longer counts, so the commit's hashed read of it fails.
    expect(found).toContainEqual(
      expect.objectContaining({
        block: 2,
        tx: 0,
        check: 'validation-code',
        detail: expect.stringMatching(
          /re-validation gives MVCC_READ_CONFLICT: _lifecycle\/_implicit_org_SupplierMSP key hash [0-9a-f]{16}… read at \(1,2\), replayed hashed state holds absent/,
        ) as unknown,
      }),
    );
  });

  it('locates a hashed write a forger dropped through the later hashed read of it', async () => {
    const out = await forged(3, (bs) => {
      editHashedWrites(bs[3]!, 0, BRAND_COLLECTION, () => []);
    });
    const found = errors(out);
    expect(found).toContainEqual(expect.objectContaining({ block: 3, tx: 0, check: 'validation-code' }));
    expect(found).toContainEqual(
      expect.objectContaining({
        block: 4,
        tx: 0,
        check: 'validation-code',
        detail: expect.stringMatching(
          /re-validation gives MVCC_READ_CONFLICT: provenance\/_implicit_org_BrandMSP key hash [0-9a-f]{16}… read at \(3,0\), replayed hashed state holds absent/,
        ) as unknown,
      }),
    );
  });

  it('resumes from a checkpoint with the same hashed state and definitions', async () => {
    const dir = tempDir('alliance-private-');
    const checkpoint = join(dir, 'checkpoint.json');
    await replayLedger({ source: source(clean.blocks), pool, to: 3, checkpoint });
    const rest = await replayLedger({ source: source(clean.blocks), pool, checkpoint });
    expect(rest.resumedAt).toBe(3);
    expect(rest.state.anomalies).toEqual([]);
    expect(rest.state.world.hashed.rows()).toEqual(cleanOutcome.state.world.hashed.rows());
    expect(rest.state.definitions).toEqual(cleanOutcome.state.definitions);
  });

  it('says in the report what it checked from hashes and what it could not', async () => {
    const report = await runAudit({ source: source(clean.blocks), workers: 0 });
    expect(report.clean).toBe(true);
    expect(report.definitions).toHaveLength(1);
    expect(report.notes).toContainEqual(
      expect.stringMatching(/^private data: 19 keys in 4 collections are known by hashes only/),
    );
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /chaincode provenance sequence 1 \(block 2\): approved by BrandMSP, PlatformMSP, SupplierMSP/,
      ),
    );
  });
});
