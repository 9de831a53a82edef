/**
 * fabric-contract-api serialises results with its own copy of class-transformer (^0.4, which
 * resolves to 0.4.1: a release that already carries 0.5's renames, so its serializer's
 * `classToPlain` call fails on any object result), apart from the application's copy (0.5) and
 * its decorator metadata. Transactions therefore return canonical JSON strings, which that
 * serializer passes through byte for byte.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Exclude, instanceToPlain } from 'class-transformer';
import { JSONSerializer } from 'fabric-contract-api';
import { canonicalJson, type MemberRecord, type PolicyDocument } from '@alliance/chaincode/model';
import { bootstrappedAlliance } from '../support';

class WithSecret {
  name = 'visible';
  @Exclude()
  secret = 'hidden';
}

function packageVersion(request: string, from?: string): string {
  const path = require.resolve(`${request}/package.json`, from === undefined ? {} : { paths: [from] });
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

describe('result serialisation through the contract API', () => {
  const serializer = new JSONSerializer();

  it('the contract API carries its own class-transformer 0.4, apart from ours', () => {
    const contractApiDir = dirname(require.resolve('fabric-contract-api/package.json'));
    expect(packageVersion('class-transformer', contractApiDir)).toMatch(/^0\.4\./);
    expect(packageVersion('class-transformer')).toMatch(/^0\.5\./);
  });

  it('cannot serialise object results at all, with or without our decorators', () => {
    expect(instanceToPlain(new WithSecret())).toEqual({ name: 'visible' });
    expect(() => serializer.toBuffer(new WithSecret(), {})).toThrow(TypeError);
    expect(() => serializer.toBuffer({ mspId: 'LabMSP' }, {})).toThrow('classToPlain is not a function');
  });

  it('passes canonical JSON results through unchanged, byte for byte', async () => {
    const { h, users } = await bootstrappedAlliance();
    const results = [
      await h.invoke(users.auditor, 'members:GetMember', { mspId: 'LabMSP' }),
      await h.invoke(users.auditor, 'members:ListMembers'),
      await h.invoke(users.auditor, 'policy:GetPolicy'),
    ];
    for (const result of results) {
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const value = JSON.parse(result.payload) as MemberRecord | MemberRecord[] | PolicyDocument;
      expect(result.payload).toBe(canonicalJson(value));
      expect(serializer.toBuffer(result.payload, {}).toString()).toBe(result.payload);
      expect(serializer.toBuffer(result.payload, { type: 'string' }).toString()).toBe(result.payload);
    }
  });
});
