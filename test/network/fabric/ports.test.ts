import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveFabricPorts } from '@alliance/network/fabric/ports';
import * as runtimePorts from '@alliance/network/runtime/ports';
import { testDefinition } from '../harness/definition';

describe('ports of the real-Fabric nodes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-ports-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const all = (ports: Awaited<ReturnType<typeof resolveFabricPorts>>): number[] => [
    ...Object.values(ports.orderer),
    ...Object.values(ports.peers).flatMap((p) => [p.listen, p.chaincode, p.operations]),
  ];

  it('gives every listener its own port, even when the OS hands one out twice', async () => {
    const handed = [20001, 20002, 20002, 20003, 20001, 20004, 20005, 20006, 20007, 20008, 20009, 20010];
    jest.spyOn(runtimePorts, 'listenerPort').mockImplementation(() => Promise.resolve(handed.shift() ?? 0));
    const ports = await resolveFabricPorts(testDefinition({ orgs: 2 }), join(dir, 'repeat.json'));
    expect(new Set(all(ports)).size).toBe(9);
    expect(all(ports)).not.toContain(0);
  });

  it('picks free ports outside the range the OS uses for outgoing connections, and keeps them', async () => {
    const file = join(dir, 'kept.json');
    const def = testDefinition({ orgs: 3 });
    const first = await resolveFabricPorts(def, file);
    const ports = all(first);
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(port).toBeLessThan(32768);
    expect(await resolveFabricPorts(def, file)).toEqual(first);
  });
});
