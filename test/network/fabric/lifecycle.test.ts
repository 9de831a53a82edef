import { approveForMyOrg, commitDefinition } from '@alliance/network/fabric/lifecycle';
import type { PeerCli } from '@alliance/network/fabric/peer-cli';
import { FabricCommandError } from '@alliance/network/fabric/command';

/** A peer CLI whose commands answer from a script, recording what was run. */
function scriptedCli(answers: (string | undefined)[]): { cli: PeerCli; runs: string[][] } {
  const runs: string[][] = [];
  const cli: PeerCli = {
    orgName: 'platform',
    mspId: 'PlatformMSP',
    peerAddress: '127.0.0.1:7051',
    peerTlsCaFile: 'ca.pem',
    ordererArgs: () => ['-o', '127.0.0.1:7050'],
    run: (args) => {
      runs.push([...args]);
      const failure = answers.shift();
      return failure === undefined
        ? Promise.resolve({ stdout: '', stderr: '' })
        : Promise.reject(new FabricCommandError('peer lifecycle', failure));
    },
  };
  return { cli, runs };
}

const definition = {
  name: 'cc',
  version: '1.0',
  sequence: 1,
  packageId: 'cc_1.0:ab',
  policy: 'MAJORITY Endorsement',
};
const NO_LEADER =
  'Error: failed to send transaction: got unexpected status: SERVICE_UNAVAILABLE -- no Raft leader';

describe('lifecycle commands that go through the orderer', () => {
  it('approve again while a just-joined orderer has no Raft leader yet', async () => {
    const { cli, runs } = scriptedCli([NO_LEADER, NO_LEADER, undefined]);
    await approveForMyOrg(cli, 'alliance', definition);
    expect(runs).toHaveLength(3);
    expect(runs[2]).toEqual(expect.arrayContaining(['approveformyorg', '--package-id', 'cc_1.0:ab']));
  });

  it('commit again on the same answer, and give up at once on any other failure', async () => {
    const retried = scriptedCli([NO_LEADER, undefined]);
    await commitDefinition(retried.cli, 'alliance', definition, [retried.cli]);
    expect(retried.runs).toHaveLength(2);
    const refused = scriptedCli(['Error: ENDORSEMENT_POLICY_FAILURE']);
    await expect(commitDefinition(refused.cli, 'alliance', definition, [refused.cli])).rejects.toThrow(
      /ENDORSEMENT_POLICY_FAILURE/,
    );
    expect(refused.runs).toHaveLength(1);
  });
});
