import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { common, ledger, msp } from '../../gateway/node_modules/@hyperledger/fabric-protos';
import { merkleSummary } from '@alliance/network/committer/merkle';
import {
  signLowS,
  WorldState,
  directoryBlockSource,
  peerStoreBlockSource,
  renderHtml,
  type AuditReport,
} from '@alliance/gateway';
import { BlockOverlay } from '@alliance/gateway/audit/block-overlay';
import { buildEvidence } from '@alliance/gateway/audit/evidence';
import { checkConfigUpdate } from '@alliance/gateway/audit/config-update';
import { IdentityResolver } from '@alliance/gateway/audit/identities';
import { merkleHashes } from '@alliance/gateway/audit/read-conflicts';
import { recordFacts, referencedIds } from '@alliance/gateway/audit/record-facts';
import { verifyInline, type SignatureJob } from '@alliance/gateway/audit/signature-pool';
import { configView } from '@alliance/gateway/verify/channel-config';
import { configEnvelope } from './support/config-block';
import { newOrg, serializedIdentity, type TestOrg } from './support/fabric-tx';
import { issue, tempDir, type TestIdentity } from './support/pki';

const v = (block: number, tx: number) => ({ block, tx });
const entry = (value: string, block: number, tx = 0) => ({
  value: Buffer.from(value),
  version: v(block, tx),
  txId: `t${block}.${tx}`,
});

describe('rebuilt world state', () => {
  it('orders range scans by UTF-8 bytes, not UTF-16 code units', () => {
    const w = new WorldState();
    for (const k of ['b', '\u{10FFFF}', '\uE000', 'a']) w.put('ns', k, entry(k, 1));
    expect(w.range('ns', '', '').map(([k]) => k)).toEqual(['a', 'b', '\uE000', '\u{10FFFF}']);
    expect(w.range('ns', 'b', '\u{10FFFF}').map(([k]) => k)).toEqual(['b', '\uE000']);
  });

  it('applies writes as Fabric does: metadata kept on a value write, dropped on delete, a metadata write on a missing key ignored', () => {
    const w = new WorldState();
    const policy = new Map([['VALIDATION_PARAMETER', Buffer.from('p')]]);
    w.put('ns', 'k', { ...entry('1', 1), metadata: policy });
    w.put('ns', 'gone', entry('x', 1));
    const o = new BlockOverlay(w);
    o.apply(
      [
        {
          namespace: 'ns',
          reads: [],
          ranges: [],
          writes: [
            { key: 'k', isDelete: false, value: Buffer.from('2') },
            { key: 'gone', isDelete: true, value: new Uint8Array() },
          ],
          metadataWrites: [{ key: 'missing', entries: policy }],
          collectionCount: 0,
        },
      ],
      v(2, 0),
      'tx2',
    );
    expect(o.touched('ns', 'k')).toBe(true);
    expect(w.get('ns', 'k')?.version).toEqual(v(1, 0)); // nothing committed before commit()
    o.commit();
    expect(w.get('ns', 'k')).toMatchObject({ version: v(2, 0), txId: 'tx2', metadata: policy });
    expect(w.get('ns', 'gone')).toBeUndefined();
    expect(w.get('ns', 'missing')).toBeUndefined();
    expect(w.history('ns', 'gone').map((h) => h.isDelete)).toEqual([true]);
  });
});

describe('range-scan Merkle summaries', () => {
  it.each([3, 4, 5, 17, 40, 130])(
    'rebuilds the summary a peer records for %i results (degree 3)',
    (count) => {
      const results = Array.from(
        { length: count },
        (_, i) =>
          [`k${String(i).padStart(4, '0')}`, entry('v', i, i % 3)] as [string, ReturnType<typeof entry>],
      );
      const reads = results.map(([k, e]) => {
        const r = new ledger.rwset.kvrwset.KVRead();
        r.setKey(k);
        const ver = new ledger.rwset.kvrwset.Version();
        ver.setBlockNum(e.version.block);
        ver.setTxNum(e.version.tx);
        r.setVersion(ver);
        return r;
      });
      const theirs = merkleSummary(reads, 3);
      const ours = merkleHashes(results, 3);
      if (!theirs) expect(ours).toBeUndefined();
      else
        expect({ level: ours?.level, hashes: ours?.hashes.map((h) => h.toString('hex')) }).toEqual({
          level: theirs.getMaxLevel(),
          hashes: theirs.getMaxLevelHashesList_asU8().map((h) => Buffer.from(h).toString('hex')),
        });
    },
  );
});

describe('config update checks', () => {
  let orgs: TestOrg[];
  let admins: TestIdentity[];
  beforeAll(async () => {
    orgs = [await newOrg('Org1MSP'), await newOrg('Org2MSP')];
    admins = await Promise.all(orgs.map((o) => issue(o.ca, { cn: `Admin@${o.mspId}`, ou: 'admin' })));
  });

  const adminsPolicy = (mspId: string): common.ConfigPolicy => {
    const role = new msp.MSPRole();
    role.setMspIdentifier(mspId);
    role.setRole(msp.MSPRole.MSPRoleType.ADMIN);
    const principal = new msp.MSPPrincipal();
    principal.setPrincipal(role.serializeBinary());
    const rule = new common.SignaturePolicy();
    rule.setSignedBy(0);
    const env = new common.SignaturePolicyEnvelope();
    env.setRule(rule);
    env.setIdentitiesList([principal]);
    const p = new common.Policy();
    p.setType(common.Policy.PolicyType.SIGNATURE);
    p.setValue(env.serializeBinary());
    const cp = new common.ConfigPolicy();
    cp.setPolicy(p);
    return cp;
  };

  /** The current config: org Admins policies, MAJORITY Admins at the application, Endorsement modifiable by Admins. */
  function currentConfig(): common.Config {
    const env = configEnvelope('ch', orgs);
    const config = common.ConfigEnvelope.deserializeBinary(
      common.Payload.deserializeBinary(env.getPayload_asU8()).getData_asU8(),
    ).getConfig()!;
    const app = config.getChannelGroup()!.getGroupsMap().get('Application')!;
    orgs.forEach((o, i) =>
      app.getGroupsMap().get(`org${i}`)!.getPoliciesMap().set('Admins', adminsPolicy(o.mspId)),
    );
    const meta = new common.ImplicitMetaPolicy();
    meta.setSubPolicy('Admins');
    meta.setRule(common.ImplicitMetaPolicy.Rule.MAJORITY);
    const p = new common.Policy();
    p.setType(common.Policy.PolicyType.IMPLICIT_META);
    p.setValue(meta.serializeBinary());
    const admins = new common.ConfigPolicy();
    admins.setPolicy(p);
    app.getPoliciesMap().set('Admins', admins);
    app.getPoliciesMap().get('Endorsement')!.setModPolicy('Admins');
    return config;
  }

  /** An update turning Endorsement into ANY, signed by `signers`, and the config it produces (plus `tamper`). */
  function update(signers: number[], tamper?: (next: common.Config) => void) {
    const current = currentConfig();
    const next = common.Config.deserializeBinary(current.serializeBinary());
    next.setSequence(1);
    const endorsement = next
      .getChannelGroup()!
      .getGroupsMap()
      .get('Application')!
      .getPoliciesMap()
      .get('Endorsement')!;
    const meta = common.ImplicitMetaPolicy.deserializeBinary(endorsement.getPolicy()!.getValue_asU8());
    meta.setRule(common.ImplicitMetaPolicy.Rule.ANY);
    endorsement.getPolicy()!.setValue(meta.serializeBinary());
    endorsement.setVersion(1);
    tamper?.(next);
    const readApp = new common.ConfigGroup();
    const writeApp = new common.ConfigGroup();
    writeApp.getPoliciesMap().set('Endorsement', endorsement);
    const read = new common.ConfigGroup();
    read.getGroupsMap().set('Application', readApp);
    const write = new common.ConfigGroup();
    write.getGroupsMap().set('Application', writeApp);
    const cu = new common.ConfigUpdate();
    cu.setChannelId('ch');
    cu.setReadSet(read);
    cu.setWriteSet(write);
    const updateBytes = cu.serializeBinary();
    const jobs: SignatureJob[] = [];
    const slots = signers.map((i) => {
      const identity = serializedIdentity(orgs[i]!.mspId, admins[i]!.certPem);
      const shdr = new common.SignatureHeader();
      shdr.setCreator(identity);
      shdr.setNonce(Buffer.from('nonce'));
      const message = Buffer.concat([shdr.serializeBinary(), updateBytes]);
      jobs.push({ certPem: admins[i]!.certPem, message, signature: signLowS(admins[i]!.key, message) });
      return { identity, job: jobs.length - 1 };
    });
    const verdicts = jobs.map(verifyInline);
    const envelope = new common.ConfigEnvelope();
    envelope.setConfig(next);
    return checkConfigUpdate({ envelope, updateBytes, updateSignatures: slots }, next, {
      current: configView(current, 0n, 'ch'),
      identities: new IdentityResolver(),
      verdict: (s) => (s.job === undefined ? 'no certificate' : verdicts[s.job]),
      at: new Date(),
    });
  }

  it('accepts an update signed by a majority of admins that yields exactly the new config', () => {
    expect(update([0, 1])).toEqual([]);
  });

  it('refuses an update whose signatures do not meet the mod_policy', () => {
    expect(update([0]).join('\n')).toMatch(
      /\/Channel\/Application\/policies\/Endorsement: mod_policy .*MAJORITY Admins: 1 of 2 orgs satisfied/,
    );
  });

  it('finds a config block edited beyond what its signed update asked for', () => {
    const problems = update([0, 1], (next) => {
      next
        .getChannelGroup()!
        .getGroupsMap()
        .get('Application')!
        .getGroupsMap()
        .get('org1')!
        .getPoliciesMap()
        .del('Admins');
    });
    expect(problems.join('\n')).toMatch(
      /\/Channel\/Application\/org1\/policies\/Admins changed in the new configuration without a signed update/,
    );
  });
});

describe('block sources', () => {
  const record = (payload: Buffer): Buffer => {
    const h = Buffer.alloc(8);
    h.writeUInt32BE(payload.length, 0);
    createHash('sha256').update(payload).digest().copy(h, 4, 0, 4);
    return Buffer.concat([h, payload]);
  };

  it('reads an embedded peer block store and stops at a torn last record', async () => {
    const dir = tempDir('alliance-store-');
    const file = join(dir, 'chain.dat');
    writeFileSync(file, Buffer.concat([record(Buffer.from('block0')), record(Buffer.from('block1'))]));
    appendFileSync(file, record(Buffer.from('torn')).subarray(0, 9));
    const source = peerStoreBlockSource(dir);
    expect(await source.height()).toBe(2);
    const got: string[] = [];
    for await (const b of source.blocks(0, 2)) got.push(Buffer.from(b).toString());
    expect(got).toEqual(['block0', 'block1']);
  });

  it('refuses a store record whose checksum fails, and a directory with a gap', async () => {
    const dir = tempDir('alliance-store-');
    const bad = record(Buffer.from('block0'));
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 1, bad.length - 1);
    writeFileSync(join(dir, 'chain.dat'), bad);
    await expect(async () => {
      for await (const b of peerStoreBlockSource(dir).blocks(0, 1)) expect(b).toBeDefined();
    }).rejects.toMatchObject({ code: 'SOURCE_CORRUPT' });
    writeFileSync(join(dir, '0.block'), 'x');
    writeFileSync(join(dir, '2.block'), 'x');
    const files = directoryBlockSource(dir);
    expect(await files.height()).toBe(1);
    await expect(async () => {
      for await (const b of files.blocks(0, 3)) expect(b).toBeDefined();
    }).rejects.toMatchObject({ code: 'SOURCE_GAP' });
    expect(() => directoryBlockSource(join(dir, 'none'))).toThrow(
      expect.objectContaining({ code: 'SOURCE_NOT_FOUND' }) as Error,
    );
  });
});

describe('evidence chain', () => {
  it("leaves the chaincode's audit-trail entries out: they describe records, they are not links", () => {
    const w = new WorldState();
    const key = (type: string, ...attrs: string[]): string =>
      `\u0000${type}\u0000${attrs.map((a) => `${a}\u0000`).join('')}`;
    w.put('ns', key('lot', 'L1'), entry(JSON.stringify({ runIds: ['R1'] }), 1));
    w.put('ns', key('run', 'R1'), entry('{}', 1));
    w.put('ns', key('audit~change', 'lot', 'L1', '2025-01-06T08:00:00.000Z', 'ab'), entry('{}', 2));
    w.put('ns', key('audit~plain', 'L1', '2025-01-06T08:00:00.000Z', 'cd'), entry('{}', 2));
    const chain = buildEvidence(w, 'ns', 'L1', []);
    expect(chain.nodes.map((n) => n.id).sort()).toEqual(['lot/L1', 'run/R1']);
  });
});

describe('report', () => {
  it('reads signatures with their meaning, reasons and referenced ids from records', () => {
    const rec = {
      status: 'HELD',
      cause: { kind: 'CRM_REVOKED', refId: 'CRM-1', reason: 'withdrawn' },
      runIds: ['R1'],
      signatures: [
        { meaning: 'APPROVAL', printedName: 'Ann', role: 'approver', mspId: 'LabMSP', signedAt: 'T' },
      ],
      reasons: [{ code: 'X', message: 'because' }],
    };
    expect(recordFacts(rec)).toEqual([
      'status: HELD',
      'cause.kind: CRM_REVOKED',
      'cause.reason: withdrawn',
      'signature: APPROVAL by Ann (approver) of LabMSP at T',
      'reasons[0]: X: because',
    ]);
    expect(referencedIds(rec)).toEqual(['CRM-1', 'R1']);
  });

  it('renders a self-contained page that escapes what the ledger says', () => {
    const report = {
      generatedAt: 'now',
      source: 'files',
      channel: 'alliance',
      height: 2,
      clean: false,
      summary: {
        blocks: 2,
        transactions: 1,
        valid: 0,
        invalid: 1,
        errors: 1,
        warnings: 0,
        signaturesVerified: 3,
        resumedAt: undefined,
        wallMs: 1,
        cpuMs: 1,
        workers: 2,
        blocksPerSecond: 2,
        verifiedTxPerSecond: 1,
      },
      orgs: [{ mspId: 'A<MSP>', submitted: 1, valid: 0, invalid: 1, endorsed: 0 }],
      notes: ['block 0 <as served>'],
      anomalies: [
        {
          block: 1,
          tx: 0,
          txId: 'ab',
          check: 'validation-code',
          detail: '<script>alert(1)</script>',
          severity: 'error',
        },
      ],
      definitions: [],
      stateComparison: undefined,
      evidence: {
        subject: 'L1',
        found: true,
        truncated: false,
        edges: [{ from: 'lot/L1', to: 'run/R1', via: 'run' }],
        nodes: [
          {
            id: 'lot/L1',
            type: 'lot',
            depth: 0,
            block: 1,
            tx: 0,
            txId: 'ab',
            fn: 'f',
            writtenBy: 'A',
            writtenAt: 't',
            versions: 1,
            facts: ['status: HELD'],
            asOfLink: undefined,
          },
          {
            id: 'run/R1',
            type: 'run',
            depth: 1,
            block: 1,
            tx: 0,
            txId: 'ab',
            fn: 'f',
            writtenBy: 'A',
            writtenAt: 't',
            versions: 1,
            facts: [],
            asOfLink: undefined,
          },
        ],
      },
    } satisfies AuditReport;
    const html = renderHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('A&lt;MSP&gt;');
    expect(html).toContain('block 0 &lt;as served&gt;');
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).toContain('<line ');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
