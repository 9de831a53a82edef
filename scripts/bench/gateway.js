'use strict';
// The member library's own figures for `npm run bench`: submit and evaluate through the typed
// AllianceClient facade versus the raw @hyperledger/fabric-gateway Contract underneath it, on a
// 3-org network (MAJORITY endorsement) running the alliance chaincode, so the facade's overhead
// (model parsing, canonical JSON, the endorse/submit/commit-status steps, domain events, typed
// errors) is visible. Both paths share one identity, gRPC client and signer; calls alternate
// facade/raw so load on the machine hits both alike. Besides wall-clock latency it reports this
// process's CPU time per call, which other work on the machine disturbs far less.
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { defaultNetworkDefinition } = require('../../network/dist/definition');
const { startEmbeddedNetwork } = require('../../network/dist/runtime');
const { connectAllianceClient } = require('../../gateway/dist');

const ROOT = join(__dirname, '..', '..');
const CALLS = Number(process.env.BENCH_GATEWAY_CALLS ?? 200);
const WARM_UP = 10;
const FOUNDERS = [
  { mspId: 'PlatformMSP', name: 'Platform', roles: ['PLATFORM', 'ACCREDITATION_REGISTRAR', 'AUDITOR'] },
  { mspId: 'BrandMSP', name: 'Brand', roles: ['MANUFACTURER'] },
  { mspId: 'SupplierMSP', name: 'Supplier', roles: ['SUPPLIER', 'IMPORTER'] },
];

function allianceThreeOrgs() {
  const def = defaultNetworkDefinition();
  return {
    ...def,
    chaincode: { ...def.chaincode, path: join(ROOT, 'chaincode') },
    orderer: { ...def.orderer, port: 0 },
    orgs: def.orgs.slice(0, 3).map((org) => ({ ...org, peer: { ...org.peer, port: 0 } })),
    batch: { ...def.batch, cutOnDrain: true },
    endorsementPolicy: 'MAJORITY Endorsement',
  };
}

/** Wall-clock and CPU samples of one way of calling. */
function recorder() {
  const wallMs = [];
  let cpuMicros = 0;
  return {
    async time(call) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      await call();
      wallMs.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuMicros += used.user + used.system;
    },
    summary() {
      const sorted = [...wallMs].sort((a, b) => a - b);
      const at = (p) =>
        Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
      return {
        p50Ms: at(50),
        p99Ms: at(99),
        clientCpuMsPerCall: Number((cpuMicros / 1000 / sorted.length).toFixed(3)),
        count: sorted.length,
      };
    },
  };
}

/** Facade minus raw, per figure: what the library adds to each call. */
function overhead(facade, raw) {
  const diff = (k) => Number((facade[k] - raw[k]).toFixed(3));
  return { p50Ms: diff('p50Ms'), p99Ms: diff('p99Ms'), clientCpuMsPerCall: diff('clientCpuMsPerCall') };
}

/**
 * Measures the facade against the raw client and returns the JSON section.
 * @param progress - writes a progress line (to stderr)
 */
async function benchGatewayLibrary(progress) {
  const stateDir = mkdtempSync(join(tmpdir(), 'alliance-bench-gw-'));
  const definition = allianceThreeOrgs();
  progress('gateway library: starting a 3-org network (MAJORITY) with the alliance chaincode');
  const network = await startEmbeddedNetwork({
    definition,
    stateDir,
    chaincodeDir: definition.chaincode.path,
    detached: true,
  });
  const client = connectAllianceClient({ profile: network.profilePath, identity: 'platform/Admin' });
  try {
    await client.members.bootstrap({ members: FOUNDERS });
    const raw = client.connection.contract('members');
    let n = 0;
    const member = (way) => {
      n += 1;
      return { mspId: `Bench${way}${n}MSP`, name: `Bench ${n}`, roles: ['SUPPLIER'], reason: 'benchmark' };
    };
    const ways = {
      submit: {
        facade: () => client.members.addMember(member('F')),
        raw: () => raw.submitTransaction('AddMember', JSON.stringify(member('R'))),
      },
      evaluate: {
        facade: () => client.members.get({ mspId: 'PlatformMSP' }),
        raw: () => raw.evaluateTransaction('GetMember', JSON.stringify({ mspId: 'PlatformMSP' })),
      },
    };
    const figures = {};
    for (const [kind, way] of Object.entries(ways)) {
      for (let i = 0; i < WARM_UP; i++) {
        await way.facade();
        await way.raw();
      }
      progress(
        `gateway library: ${CALLS} ${kind} calls each through the facade and the raw client, alternating`,
      );
      const facade = recorder();
      const rawCalls = recorder();
      for (let i = 0; i < CALLS; i++) {
        await facade.time(way.facade);
        await rawCalls.time(way.raw);
      }
      const f = facade.summary();
      const r = rawCalls.summary();
      figures[kind] = { facade: f, rawClient: r, facadeOverhead: overhead(f, r) };
    }
    return {
      topology: {
        orgs: 3,
        endorsement: 'MAJORITY Endorsement (2 of 3)',
        chaincode: 'alliance (members:AddMember, members:GetMember)',
      },
      identity: 'platform/Admin, one gRPC client and signer for both paths',
      ...figures,
    };
  } finally {
    client.close();
    await network.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

module.exports = { benchGatewayLibrary };

// Run alone: `node scripts/bench/gateway.js` (after `npm run build`).
if (require.main === module) {
  benchGatewayLibrary((line) => process.stderr.write(`bench: ${line}\n`))
    .then((r) => process.stdout.write(`${JSON.stringify({ gatewayLibrary: r }, null, 2)}\n`))
    .catch((err) => {
      process.stderr.write(`bench failed: ${err && err.stack ? err.stack : String(err)}\n`);
      process.exit(1);
    });
}
