import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCryptoMaterial } from '@alliance/network/crypto';
import { PortInUseError } from '@alliance/network/grpc/server';
import { freePort } from '@alliance/network/runtime/ports';
import { startNodes } from '@alliance/network/runtime/nodes';
import { stateLayout } from '@alliance/network/runtime';
import { testDefinition } from '../harness/network';

// The runtime starts the nodes again on fresh ports when a probed port is taken before it is
// bound; that retry reuses the same data directories, so a failed start must release them.
describe('starting the nodes after a port race', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'alliance-retry-'));
  let squatter: Server;

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      squatter.close(() => {
        resolve();
      });
    });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('starts on fresh ports in the same state directory once a peer found its port taken', async () => {
    const def = testDefinition({ orgs: 2 });
    const layout = stateLayout(stateDir);
    const crypto = await generateCryptoMaterial(def, layout.root);
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const address = squatter.address();
    const taken = typeof address === 'object' && address ? address.port : 0;
    const [first, second] = def.orgs.map((org) => org.name);
    if (!first || !second) throw new Error('the test definition has two orgs');

    const racing = startNodes(
      def,
      crypto,
      layout,
      { orderer: await freePort(), peers: { [first]: await freePort(), [second]: taken } },
      () => undefined,
    );
    await expect(racing).rejects.toBeInstanceOf(PortInUseError);

    const nodes = await startNodes(
      def,
      crypto,
      layout,
      { orderer: await freePort(), peers: { [first]: await freePort(), [second]: await freePort() } },
      () => undefined,
    );
    try {
      expect([...nodes.peers.keys()]).toEqual([first, second]);
      expect(nodes.peers.get(second)?.ledger.height).toBe(1);
    } finally {
      await nodes.stop();
    }
  });
});
