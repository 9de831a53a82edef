'use strict';
// The 5-org alliance benchmark: the default network (network/network.yaml's five member orgs,
// MAJORITY = 3 of 5) with the project's chaincode. After the one-time bootstrap of the registry
// by platform/Admin, the transaction is lots:RegisterLot as supplier/User1 (a lot record, its
// EPCIS event, a supplier index key and a key-level policy naming the owner) and the query is
// lots:GetLot of the last registered lot.
const { join } = require('node:path');
const { defaultNetworkDefinition } = require('../../network/dist/definition');
const { cpuMeter, standardRun } = require('./measure');
const { chainHeight, startBenchNetwork, withFreePorts } = require('./network');

const ALLIANCE_CHAINCODE = join(__dirname, '..', '..', 'chaincode');
const GTIN = '09506000134352';
const SUPPLIER_GLN = '9506000130019';

/** The chaincode reads one canonical JSON argument. */
const argument = (input) => JSON.stringify(input);

/** The founding registry from the definition, as `npm start` bootstraps it. */
function founders(definition) {
  return { members: definition.orgs.map((org) => ({ mspId: org.mspId, name: org.name, roles: org.roles })) };
}

/** Runs the suite; `counts` as in measure.standardRun. */
async function run({ counts, progress }) {
  const definition = withFreePorts(defaultNetworkDefinition());
  definition.chaincode = { ...definition.chaincode, path: ALLIANCE_CHAINCODE };
  progress(
    `alliance: starting the default ${definition.orgs.length}-org network with the alliance chaincode`,
  );
  const network = await startBenchNetwork({ definition, chaincodeDir: ALLIANCE_CHAINCODE });
  try {
    const channel = (org, user) => network.connect(org, user).getNetwork(definition.channel);
    await channel('platform', 'Admin')
      .getContract(definition.chaincode.name, 'members')
      .submitTransaction('Bootstrap', argument(founders(definition)));
    const lots = channel('supplier', 'User1').getContract(definition.chaincode.name, 'lots');
    const run = `${process.pid.toString(36)}${Date.now().toString(36)}`.slice(-10).toUpperCase();
    let counter = 0;
    let lastLot = '';
    const submit = async () => {
      counter += 1;
      const lot = `B${run}${counter}`;
      await lots.submitTransaction(
        'RegisterLot',
        argument({
          gtin: GTIN,
          lot,
          supplierGln: SUPPLIER_GLN,
          countryOfOrigin: 'IN',
          expiryDate: '2030-12-31',
          quantity: 100,
          uom: 'KGM',
          eventTime: new Date(Date.now() - 1000).toISOString(),
          eventTimeZoneOffset: '+08:00',
        }),
      );
      lastLot = `${GTIN}.${lot}`;
    };
    for (let i = 0; i < 20; i++) await submit(); // warm-up: JIT, streams, caches
    const figures = await standardRun({
      submit,
      evaluate: () => lots.evaluateTransaction('GetLot', argument({ lotId: lastLot })),
      meter: cpuMeter(network.pids),
      height: chainHeight(network.connect('platform', 'User1'), definition.channel),
      counts,
      progress: (line) => progress(`alliance: ${line}`),
    });
    return {
      topology: {
        orgs: definition.orgs.length,
        peers: definition.orgs.length,
        orderers: 1,
        endorsement: `${definition.endorsementPolicy} (3 of 5); lot keys carry the owner's key-level policy`,
        chaincode: 'alliance chaincode (chaincode/), lots:RegisterLot as supplier/User1, lots:GetLot',
        batch: definition.batch,
      },
      readyMs: network.readyMs,
      ...figures,
    };
  } finally {
    await network.stop();
  }
}

module.exports = { name: 'allianceFiveOrg', run };
