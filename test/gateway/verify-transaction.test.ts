import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import {
  fileTrustStore,
  verifyTransaction,
  type LedgerSource,
  type TransactionVerification,
} from '@alliance/gateway';
import {
  configEnvelope,
  endorsedTransaction,
  forgeEndorsement,
  makeBlock,
  newOrg,
  type TestOrg,
} from './support/fabric-tx';
import { issue, newCa, tempDir } from './support/pki';

let orgs: TestOrg[];
let chain: common.Block[];
const tx: Record<string, string> = {};

/** Serves blocks from an in-memory chain, the way qscc would (the library must not trust it). */
function source(blocks: common.Block[]): LedgerSource {
  const byTx = (id: string): common.Block => {
    const b = blocks.find((blk) =>
      blk
        .getData()!
        .getDataList_asU8()
        .some((d) => Buffer.from(d).includes(Buffer.from(id))),
    );
    if (!b) throw new Error(`no block for ${id}`);
    return b;
  };
  return {
    channel: 'alliance',
    blockByTxId: (id) => Promise.resolve(byTx(id).serializeBinary()),
    blockByNumber: (n) => Promise.resolve(blocks[Number(n)]!.serializeBinary()),
    height: () => Promise.resolve(BigInt(blocks.length)),
    chaincodeDefinition: () => Promise.resolve(undefined),
  };
}

const failed = (v: TransactionVerification): string[] => v.findings.filter((f) => !f.ok).map((f) => f.check);

beforeAll(async () => {
  orgs = await Promise.all(['PlatformMSP', 'BrandMSP', 'LabMSP'].map(newOrg));
  const [a, b, c] = orgs as [TestOrg, TestOrg, TestOrg];
  const as = (o: TestOrg, who: 'peer' | 'user' = 'peer') => ({ mspId: o.mspId, id: o[who] });
  const base = { channel: 'alliance', chaincode: 'provenance' };
  const good = endorsedTransaction({ ...base, creator: as(b, 'user'), endorsers: [as(a), as(b)] });
  const forged = endorsedTransaction({ ...base, creator: as(b, 'user'), endorsers: [as(a), as(c)] });
  forgeEndorsement(forged.envelope, 1, c.peer.key, b.user.key);
  const lonely = endorsedTransaction({ ...base, creator: as(b, 'user'), endorsers: [as(a)] });
  const outsider = await issue(await newCa('rogue'), { cn: 'peer0.rogue', ou: 'peer' });
  const stranger = endorsedTransaction({
    ...base,
    creator: as(b, 'user'),
    endorsers: [as(a), { mspId: 'LabMSP', id: outsider }],
  });
  const b0 = makeBlock({ number: 0n, envelopes: [configEnvelope('alliance', orgs)], lastConfig: 0n });
  const b1 = makeBlock({ number: 1n, previous: b0, envelopes: [good.envelope], lastConfig: 0n });
  const b2 = makeBlock({
    number: 2n,
    previous: b1,
    envelopes: [forged.envelope, lonely.envelope],
    lastConfig: 0n,
    filter: [10, 0],
  });
  const b3 = makeBlock({
    number: 3n,
    previous: b2,
    envelopes: [stranger.envelope],
    lastConfig: 0n,
    filter: [10],
  });
  chain = [b0, b1, b2, b3];
  Object.assign(tx, { good: good.txId, forged: forged.txId, lonely: lonely.txId, stranger: stranger.txId });
});

describe('verifyTransaction', () => {
  it('verifies a well-endorsed transaction and remembers the block on first use', async () => {
    const path = join(tempDir(), 'trust.json');
    const v = await verifyTransaction(source(chain), tx.good!, { trustStore: fileTrustStore(path) });
    expect(failed(v)).toEqual([]);
    expect(v).toMatchObject({
      verified: true,
      blockNumber: 1n,
      peerValidationName: 'VALID',
      contradictsPeer: false,
    });
    expect(v.findings.map((f) => f.check)).toEqual(
      expect.arrayContaining([
        'creator',
        'creator-signature',
        'tx-id',
        'proposal-hash',
        'endorsement[0]',
        'endorsement[1]',
        'endorsement-policy',
        'data-hash',
        'chain',
      ]),
    );
    expect(v.notes.join(' ')).toMatch(/key-level/);
    expect(
      fileTrustStore(path)
        .anchors('alliance')
        .map((a) => a.number),
    ).toEqual([0n, 1n]);
  });

  it('fails on a forged endorsement signature, naming it', async () => {
    const v = await verifyTransaction(source(chain), tx.forged!, {
      trustStore: fileTrustStore(join(tempDir(), 't.json')),
    });
    expect(failed(v)).toEqual(['endorsement[1]', 'endorsement-policy']);
    expect(v.findings.find((f) => f.check === 'endorsement[1]')!.detail).toMatch(/does not verify/);
  });

  it('fails when the endorsers do not satisfy MAJORITY Endorsement, even with the flag flipped to VALID', async () => {
    const v = await verifyTransaction(source(chain), tx.lonely!, {
      trustStore: fileTrustStore(join(tempDir(), 't.json')),
    });
    expect(failed(v)).toEqual(['endorsement-policy']);
    expect(v.findings.find((f) => f.check === 'endorsement-policy')!.detail).toMatch(
      /1 of 3 orgs.*2 required/,
    );
    expect(v).toMatchObject({ peerValidationName: 'VALID', contradictsPeer: true, verified: false });
  });

  it('refuses an endorser whose certificate does not chain to its MSP', async () => {
    const v = await verifyTransaction(source(chain), tx.stranger!, {
      trustStore: fileTrustStore(join(tempDir(), 't.json')),
    });
    expect(failed(v)).toEqual(['endorsement[1]', 'endorsement-policy']);
    expect(v.peerValidationName).toBe('ENDORSEMENT_POLICY_FAILURE');
  });

  it('fails the chain check when a served block does not link to the trusted hash', async () => {
    const path = join(tempDir(), 'trust.json');
    await verifyTransaction(source(chain), tx.good!, { trustStore: fileTrustStore(path) });
    // A peer that rewrote block 1 (same tx, different data) cannot link it to the trusted block 0.
    const rewritten = chain.map((b) => common.Block.deserializeBinary(b.serializeBinary()));
    rewritten[1]!.getHeader()!.setPreviousHash(Buffer.alloc(32, 7));
    const fresh = fileTrustStore(join(tempDir(), 'x.json'));
    await fresh.add(
      'alliance',
      fileTrustStore(path)
        .anchors('alliance')
        .filter((a) => a.number === 0n),
    );
    const v = await verifyTransaction(source(rewritten), tx.good!, { trustStore: fresh });
    expect(failed(v)).toEqual(['chain']);
  });

  it('fails the data hash when a transaction was altered after ordering', async () => {
    const altered = chain.map((b) => common.Block.deserializeBinary(b.serializeBinary()));
    const data = altered[1]!.getData()!.getDataList_asU8();
    const env = common.Envelope.deserializeBinary(data[0]!);
    env.setSignature(Buffer.concat([env.getSignature_asU8(), Buffer.from([0])]));
    altered[1]!.getData()!.setDataList([env.serializeBinary()]);
    const v = await verifyTransaction(source(altered), tx.good!, {
      trustStore: fileTrustStore(join(tempDir(), 't.json')),
    });
    expect(failed(v)).toEqual(expect.arrayContaining(['data-hash', 'creator-signature']));
  });
});
