import { createTxSimulator } from '@alliance/network/chaincode';
import {
  commitDefinition,
  createChaincodeDefinitionView,
  encodeFields,
  encodeMetadata,
  withDefaults,
  type ChaincodeDefinition,
} from '@alliance/network/lifecycle';
import { defineChaincode, testDefinition } from '../support/lifecycle';
import { MemoryState } from '../support/memory-state';
import { decodeRwSet } from '../support/decode-rwset';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ascii = (s: string): string => Buffer.from(s).toString('hex');
/** A length-delimited protobuf field, hand-encoded (lengths < 128). */
const field = (tag: number, bodyHex: string): string =>
  `${tag.toString(16).padStart(2, '0')}${(bodyHex.length / 2).toString(16).padStart(2, '0')}${bodyHex}`;

const definition = testDefinition;

function commitInto(state: MemoryState, def: ChaincodeDefinition) {
  return decodeRwSet(defineChaincode(state, def))[0];
}

describe('_lifecycle records', () => {
  it('encode the definition metadata and fields byte for byte as Fabric', () => {
    expect(hex(encodeMetadata())).toBe(
      field(0x0a, ascii('ChaincodeDefinition')) +
        ['Sequence', 'EndorsementInfo', 'ValidationInfo', 'Collections']
          .map((f) => field(0x12, ascii(f)))
          .join(''),
    );
    const fields = encodeFields(withDefaults(definition()));
    expect(hex(fields.Sequence)).toBe('0801');
    expect(hex(fields.EndorsementInfo)).toBe(
      field(0x12, field(0x0a, ascii('1.0')) + field(0x1a, ascii('escc'))),
    );
    const policy = field(0x12, ascii('/Channel/Application/Endorsement'));
    expect(hex(fields.ValidationInfo)).toBe(field(0x12, field(0x0a, ascii('vscc')) + field(0x12, policy)));
    // An empty collections package is still a set oneof: tag and zero length.
    expect(hex(fields.Collections)).toBe('1200');
  });

  it('commit the first definition: reads the sequence and metadata, writes every key', () => {
    const state = new MemoryState();
    const ns = commitInto(state, definition());
    expect(ns?.namespace).toBe('_lifecycle');
    expect(ns?.reads).toEqual([
      { key: 'namespaces/fields/provenance/Sequence' },
      { key: 'namespaces/metadata/provenance' },
    ]);
    expect(ns?.writes.map((w) => w.key)).toEqual([
      'namespaces/fields/provenance/Collections',
      'namespaces/fields/provenance/EndorsementInfo',
      'namespaces/fields/provenance/Sequence',
      'namespaces/fields/provenance/ValidationInfo',
      'namespaces/metadata/provenance',
    ]);
    expect(createChaincodeDefinitionView(state).get('provenance')).toMatchObject({
      version: '1.0',
      sequence: 1,
    });
    expect(createChaincodeDefinitionView(state).get('other')).toBeUndefined();
  });

  it('bump the sequence on redefinition and write only what changed', () => {
    const state = new MemoryState();
    commitInto(state, definition());
    const same = commitInto(state, definition({ sequence: 2 }));
    expect(same?.writes.map((w) => w.key)).toEqual(['namespaces/fields/provenance/Sequence']);
    const upgraded = commitInto(state, definition({ sequence: 3, version: '2.0' }));
    expect(upgraded?.writes.map((w) => w.key)).toEqual([
      'namespaces/fields/provenance/EndorsementInfo',
      'namespaces/fields/provenance/Sequence',
    ]);
    expect(createChaincodeDefinitionView(state).get('provenance')).toMatchObject({
      version: '2.0',
      sequence: 3,
    });
  });

  it('refuse wrong sequences, bad names and versions, and system chaincode names', () => {
    const state = new MemoryState();
    const attempt = (def: ChaincodeDefinition) => () => {
      commitDefinition(def, createTxSimulator(state, state.history));
    };
    expect(attempt(definition({ sequence: 2 }))).toThrow(
      'requested sequence is 2, but new definition must be sequence 1',
    );
    expect(attempt(definition({ name: '-bad' }))).toThrow(
      "error validating chaincode definition: invalid chaincode name '-bad'",
    );
    expect(attempt(definition({ name: 'qscc' }))).toThrow(
      "chaincode name 'qscc' is the name of a system chaincode",
    );
    expect(attempt(definition({ version: 'v 1' }))).toThrow("invalid chaincode version 'v 1'");
  });
});
