import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeInState, runtimeOf, UnknownRuntimeError } from '@alliance/network/cli/runtime';
import { wipeData } from '@alliance/network/cli/wipe';

describe('choosing the runtime', () => {
  it('takes the option first, then ALLIANCE_RUNTIME, then embedded', () => {
    expect(runtimeOf('fabric', { ALLIANCE_RUNTIME: 'embedded' })).toBe('fabric');
    expect(runtimeOf(undefined, { ALLIANCE_RUNTIME: 'fabric' })).toBe('fabric');
    expect(runtimeOf(undefined, {})).toBe('embedded');
  });

  it('refuses an unknown runtime with a coded error', () => {
    expect(() => runtimeOf('docker', {})).toThrow(UnknownRuntimeError);
    expect(() => runtimeOf(undefined, { ALLIANCE_RUNTIME: 'k8s' })).toThrow(/use embedded or fabric/);
  });
});

describe('a state directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-state-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells which runtime wrote its profile', () => {
    expect(runtimeInState(dir)).toBe('embedded');
    writeFileSync(
      join(dir, 'network.json'),
      JSON.stringify({ runtime: 'fabric', channel: 'c', chaincode: 'x', orderer: {}, orgs: {} }),
    );
    expect(runtimeInState(dir)).toBe('fabric');
  });

  it('wipes both runtimes data and keeps the crypto material', () => {
    for (const sub of ['nodes/peer0', 'fabric/data', 'chaincodes', 'logs', 'organizations/peerOrganizations'])
      mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'definition.json'), '{}');
    expect(wipeData(dir).sort()).toEqual([
      'chaincodes',
      'definition.json',
      'fabric',
      'logs',
      'network.json',
      'nodes',
    ]);
    expect(existsSync(join(dir, 'organizations', 'peerOrganizations'))).toBe(true);
    expect(existsSync(join(dir, 'fabric'))).toBe(false);
  });
});
