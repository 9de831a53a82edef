'use strict';
// The 3-org create-asset benchmark: platform, brand and supplier, MAJORITY (2 of 3)
// endorsement, CreateAsset (one existence read, one JSON write) and ReadAsset on the fixture
// chaincode, the topology of the real-Fabric figures issue 3 compares against.
const { join } = require('node:path');
const { defaultNetworkDefinition } = require('../../network/dist/definition');
const { cpuMeter, standardRun } = require('./measure');
const { chainHeight, startBenchNetwork, withFreePorts } = require('./network');

const ASSET_CHAINCODE = join(__dirname, '..', '..', 'test', 'network', 'fixtures', 'asset-chaincode');

function threeOrgDefinition() {
  const def = withFreePorts(defaultNetworkDefinition());
  return {
    ...def,
    chaincode: { name: 'assets', version: '1.0', path: ASSET_CHAINCODE },
    orgs: def.orgs.slice(0, 3),
    endorsementPolicy: 'MAJORITY Endorsement',
  };
}

/** Runs the suite; `counts` as in measure.standardRun. */
async function run({ counts, progress }) {
  const definition = threeOrgDefinition();
  progress('asset: starting a 3-org network (MAJORITY endorsement) in a background process');
  const network = await startBenchNetwork({ definition, chaincodeDir: ASSET_CHAINCODE });
  try {
    const contract = network
      .connect('platform', 'User1')
      .getNetwork(definition.channel)
      .getContract('assets');
    let counter = 0;
    let lastId = '';
    const submit = async () => {
      counter += 1;
      const id = `asset-${process.pid}-${counter}`;
      await contract.submitTransaction('CreateAsset', id, 'blue', '5', 'Tomoko', '300');
      lastId = id;
    };
    for (let i = 0; i < 20; i++) await submit(); // warm-up: JIT, streams, caches
    const figures = await standardRun({
      submit,
      evaluate: () => contract.evaluateTransaction('ReadAsset', lastId),
      meter: cpuMeter(network.pids),
      height: chainHeight(network.connect('platform', 'User1'), definition.channel),
      counts,
      progress: (line) => progress(`asset: ${line}`),
    });
    return {
      topology: {
        orgs: 3,
        peers: 3,
        orderers: 1,
        endorsement: 'MAJORITY Endorsement (2 of 3)',
        chaincode: 'CreateAsset/ReadAsset (chaincode-as-a-service)',
        batch: definition.batch,
      },
      readyMs: network.readyMs,
      ...figures,
    };
  } finally {
    await network.stop();
  }
}

module.exports = { name: 'threeOrgCreateAsset', run };
