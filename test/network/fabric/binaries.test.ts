import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FABRIC_PROGRAMS,
  FabricBinariesMissingError,
  fabricBinariesPresent,
  findFabricBinaries,
} from '@alliance/network/fabric';

describe('finding the Fabric binaries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-bin-'));
  const install = (names: readonly string[]): void => {
    for (const name of names) {
      writeFileSync(join(dir, name), '#!/bin/sh\n');
      chmodSync(join(dir, name), 0o755);
    }
  };
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the missing programs, how to install them and FABRIC_BIN', () => {
    install(['configtxgen', 'osnadmin']);
    let err: unknown;
    try {
      findFabricBinaries({ FABRIC_BIN: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FabricBinariesMissingError);
    const missing = err as FabricBinariesMissingError;
    expect(missing.code).toBe('FABRIC_BINARIES_MISSING');
    expect(missing.missing).toEqual(['orderer', 'peer']);
    expect(missing.message).toMatch(/install-fabric\.sh/);
    expect(missing.message).toMatch(/export FABRIC_BIN=/);
    expect(fabricBinariesPresent({ FABRIC_BIN: dir })).toBe(false);
  });

  it('finds every program in FABRIC_BIN, and on the PATH when FABRIC_BIN is unset', () => {
    install(FABRIC_PROGRAMS);
    expect(findFabricBinaries({ FABRIC_BIN: dir }).peer).toBe(join(dir, 'peer'));
    expect(findFabricBinaries({ PATH: `/nonexistent:${dir}` }).orderer).toBe(join(dir, 'orderer'));
  });

  it('does not fall back to the PATH when FABRIC_BIN is set', () => {
    const empty = mkdtempSync(join(tmpdir(), 'alliance-bin-empty-'));
    expect(fabricBinariesPresent({ FABRIC_BIN: empty, PATH: dir })).toBe(false);
    rmSync(empty, { recursive: true, force: true });
  });

  it('ignores files that are not executable', () => {
    chmodSync(join(dir, 'peer'), 0o644);
    expect(() => findFabricBinaries({ FABRIC_BIN: dir })).toThrow(FabricBinariesMissingError);
  });
});
