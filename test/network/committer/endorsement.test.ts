import { parseSignaturePolicy, signaturePolicyReference } from '@alliance/network/policy';
import { peer } from '@alliance/network/protos';
import { chaincodeDefinitions } from '../support';
import { openHarness, useCommitHarness } from './harness';

const Code = peer.TxValidationCode;
const supplierOnly = parseSignaturePolicy("OR('SupplierMSP.peer')").serializeBinary();
const brandOnly = parseSignaturePolicy("OR('BrandMSP.peer')").serializeBinary();
const keyPolicy = (policy: Uint8Array): { VALIDATION_PARAMETER: Uint8Array } => ({
  VALIDATION_PARAMETER: policy,
});

describe('committer: endorsement policies', () => {
  const scope = useCommitHarness();

  /** Commits 'asset' owned by the supplier: key-level policy OR('SupplierMSP.peer'). */
  async function supplierAsset(): Promise<void> {
    const create = scope.h.tx(
      {
        provenance: {
          writes: [{ key: 'asset', value: 'v0' }],
          metadataWrites: [{ key: 'asset', entries: keyPolicy(supplierOnly) }],
        },
      },
      ['platform', 'brand'],
    );
    expect(await scope.h.commit([create.envelope])).toEqual([Code.VALID]);
  }

  it('needs the chaincode policy: MAJORITY of 3 orgs is 2 peers', async () => {
    const one = scope.h.tx({ provenance: { writes: [{ key: 'a', value: '1' }] } }, ['platform']);
    const users = scope.h.tx({ provenance: { writes: [{ key: 'b', value: '1' }] } }, [], {
      endorsers: [scope.channel.user('platform'), scope.channel.user('brand')],
    });
    const two = scope.h.tx({ provenance: { writes: [{ key: 'c', value: '1' }] } }, ['platform', 'supplier']);
    const twice = scope.h.tx({ provenance: { writes: [{ key: 'd', value: '1' }] } }, [
      'platform',
      'platform',
    ]);
    expect(await scope.h.commit([one.envelope, users.envelope, two.envelope, twice.envelope])).toEqual([
      Code.ENDORSEMENT_POLICY_FAILURE,
      Code.ENDORSEMENT_POLICY_FAILURE,
      Code.VALID,
      Code.ENDORSEMENT_POLICY_FAILURE,
    ]);
  });

  it('requires the chaincode policy for read-only transactions', async () => {
    const readOnly = scope.h.tx({ provenance: { reads: [{ key: 'nothing' }] } }, ['brand']);
    const endorsed = scope.h.tx({ provenance: { reads: [{ key: 'nothing' }] } }, ['brand', 'supplier']);
    expect(await scope.h.commit([readOnly.envelope, endorsed.envelope])).toEqual([
      Code.ENDORSEMENT_POLICY_FAILURE,
      Code.VALID,
    ]);
  });

  it('rejects a write endorsed only by orgs the key-level policy does not name', async () => {
    await supplierAsset();
    const byMajority = scope.h.tx({ provenance: { writes: [{ key: 'asset', value: 'stolen' }] } }, [
      'platform',
      'brand',
    ]);
    expect(await scope.h.commit([byMajority.envelope])).toEqual([Code.ENDORSEMENT_POLICY_FAILURE]);
    expect(Buffer.from(scope.h.ledger.state.get('provenance', 'asset')!.value).toString()).toBe('v0');
  });

  it('lets the key owner alone write a key-level covered key, skipping the chaincode policy', async () => {
    await supplierAsset();
    const byOwner = scope.h.tx({ provenance: { writes: [{ key: 'asset', value: 'v1' }] } }, ['supplier']);
    expect(await scope.h.commit([byOwner.envelope])).toEqual([Code.VALID]);
    expect(scope.h.ledger.state.get('provenance', 'asset')!.metadata).toEqual(keyPolicy(supplierOnly));
  });

  it('still needs the chaincode policy for the uncovered keys of the same transaction', async () => {
    await supplierAsset();
    const mixed = scope.h.tx(
      {
        provenance: {
          writes: [
            { key: 'asset', value: 'v1' },
            { key: 'plain', value: 'p' },
          ],
        },
      },
      ['supplier'],
    );
    const mixedMajority = scope.h.tx(
      {
        provenance: {
          writes: [
            { key: 'asset', value: 'v1' },
            { key: 'plain', value: 'p' },
          ],
        },
      },
      ['supplier', 'brand'],
    );
    expect(await scope.h.commit([mixed.envelope, mixedMajority.envelope])).toEqual([
      Code.ENDORSEMENT_POLICY_FAILURE,
      Code.VALID,
    ]);
  });

  it('checks a policy change against the current key policy, and moves ownership', async () => {
    await supplierAsset();
    const hijack = scope.h.tx(
      { provenance: { metadataWrites: [{ key: 'asset', entries: keyPolicy(brandOnly) }] } },
      ['platform', 'brand'],
    );
    expect(await scope.h.commit([hijack.envelope])).toEqual([Code.ENDORSEMENT_POLICY_FAILURE]);
    const transfer = scope.h.tx(
      { provenance: { metadataWrites: [{ key: 'asset', entries: keyPolicy(brandOnly) }] } },
      ['supplier'],
    );
    expect(await scope.h.commit([transfer.envelope])).toEqual([Code.VALID]);
    const oldOwner = scope.h.tx({ provenance: { writes: [{ key: 'asset', value: 'x' }] } }, ['supplier']);
    const newOwner = scope.h.tx({ provenance: { writes: [{ key: 'asset', value: 'y' }] } }, ['brand']);
    expect(await scope.h.commit([oldOwner.envelope])).toEqual([Code.ENDORSEMENT_POLICY_FAILURE]);
    expect(await scope.h.commit([newOwner.envelope])).toEqual([Code.VALID]);
  });

  it('invalidates a later writer of a key whose policy an earlier tx of the same block changed', async () => {
    await supplierAsset();
    const transfer = scope.h.tx(
      { provenance: { metadataWrites: [{ key: 'asset', entries: keyPolicy(brandOnly) }] } },
      ['supplier'],
    );
    const writer = scope.h.tx(
      {
        provenance: {
          writes: [
            { key: 'other-key', value: 'o' },
            { key: 'asset', value: 'z' },
          ],
        },
      },
      ['supplier', 'brand'],
    );
    const unrelated = scope.h.tx({ provenance: { writes: [{ key: 'other-key', value: 'o' }] } }, [
      'platform',
      'brand',
    ]);
    expect(await scope.h.commit([transfer.envelope, writer.envelope, unrelated.envelope])).toEqual([
      Code.VALID,
      Code.ENDORSEMENT_POLICY_FAILURE,
      Code.VALID,
    ]);
  });

  it('ignores a forged endorsement signature', async () => {
    const t = scope.h.tx({ provenance: { writes: [{ key: 'a', value: '1' }] } }, [], {
      endorsers: [
        scope.channel.peer('platform'),
        { serialized: scope.channel.peer('brand').serialized, sign: () => Buffer.alloc(70, 1) },
      ],
    });
    expect(await scope.h.commit([t.envelope])).toEqual([Code.ENDORSEMENT_POLICY_FAILURE]);
  });

  it('checks _lifecycle writes against /Channel/Application/LifecycleEndorsement', async () => {
    const define = (endorsers: string[]): Uint8Array =>
      scope.h.tx(
        { _lifecycle: { writes: [{ key: 'namespaces/fields/provenance/Sequence', value: '1' }] } },
        endorsers,
        {
          chaincode: '_lifecycle',
          chaincodeVersion: 'syscc',
        },
      ).envelope;
    expect(await scope.h.commit([define(['platform']), define(['platform', 'supplier'])])).toEqual([
      Code.ENDORSEMENT_POLICY_FAILURE,
      Code.VALID,
    ]);
  });

  it('uses a chaincode signature policy when the definition carries one', async () => {
    await scope.h.close();
    scope.h = await openHarness(
      scope.channel,
      chaincodeDefinitions({
        provenance: signaturePolicyReference(parseSignaturePolicy("OR('BrandMSP.peer')")),
      }),
    );
    const byBrand = scope.h.tx({ provenance: { writes: [{ key: 'a', value: '1' }] } }, ['brand']);
    const byOthers = scope.h.tx({ provenance: { writes: [{ key: 'b', value: '1' }] } }, [
      'platform',
      'supplier',
    ]);
    expect(await scope.h.commit([byBrand.envelope, byOthers.envelope])).toEqual([
      Code.VALID,
      Code.ENDORSEMENT_POLICY_FAILURE,
    ]);
  });
});
