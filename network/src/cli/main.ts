#!/usr/bin/env node
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { deployChaincode } from '../runtime/deploy';
import { stopNetwork } from '../runtime/detached';
import { stateLayout } from '../runtime/layout';
import { addOrgCommand, type AddOrgCliOptions } from './add-org';
import { stateDirOf, type CommonOptions } from './context';
import { status } from './status';
import { up, type UpOptions } from './up';

const program = new Command('alliance-network')
  .description('Start, stop and inspect the embedded Fabric-compatible network of the Safety Alliance Ledger')
  .option('--state-dir <dir>', 'state directory (default: <repo>/.alliance)')
  .option('--definition <file>', 'network definition YAML (default: <repo>/network/network.yaml)');

const common = (): CommonOptions => program.opts<CommonOptions>();

program
  .command('up')
  .description('start the network with the chaincode deployed and write the connection profile')
  .option('--detached', 'run in the background (stop it with down)')
  .option('--chaincode <dir>', 'chaincode directory to serve (default: the definition chaincode path)')
  .option('--no-chaincode', 'start without a chaincode')
  .action((opts: UpOptions) => up({ ...common(), ...opts }));

program
  .command('down')
  .description('stop what up started (by its pid files)')
  .action(async () => {
    const stopped = await stopNetwork(stateDirOf(common()));
    process.stdout.write(stopped ? 'network stopped\n' : 'no network was running\n');
  });

program
  .command('status')
  .description('show whether the network runs, its endpoints and the chaincode in force')
  .action(() => status(common()));

program
  .command('deploy')
  .description('deploy a Node chaincode directory under a name (next sequence; state is kept)')
  .argument('<dir>', 'chaincode directory')
  .argument('<name>', 'chaincode name on the channel')
  .option('--version <version>', 'chaincode version (default v<sequence>)')
  .option(
    '--policy <policy>',
    'endorsement policy, e.g. "MAJORITY Endorsement" or "OR(\'A.peer\',\'B.peer\')"',
  )
  .action(async (dir: string, name: string, opts: { version?: string; policy?: string }) => {
    const result = await deployChaincode({ stateDir: stateDirOf(common()), name, path: dir, ...opts });
    process.stdout.write(`deployed ${name} version ${result.version} (sequence ${result.sequence})\n`);
  });

program
  .command('add-org')
  .description('prepare a new member org (crypto, channel definition, profile) and start its peer')
  .argument('<name>', 'short org name, e.g. importer')
  .option('--domain <domain>', 'DNS domain (default <name>.alliance.test)')
  .option('--msp-id <id>', 'MSP ID (default <Name>MSP)')
  .option('--roles <roles>', 'comma-separated ledger org roles, e.g. IMPORTER (default MEMBER)')
  .option('--peer-port <port>', 'peer port on loopback (default: a free port)')
  .action((name: string, opts: AddOrgCliOptions) => addOrgCommand(name, { ...common(), ...opts }));

program
  .command('logs')
  .description('print the network logs')
  .argument('[name]', 'one log (network, chaincode-<name>-<version>)')
  .action((name?: string) => {
    const dir = stateLayout(stateDirOf(common())).logDir;
    const files = existsSync(dir)
      ? readdirSync(dir).filter((f) => f.endsWith('.log') && (!name || f === `${name}.log`))
      : [];
    if (files.length === 0) {
      process.stdout.write(`no logs in ${dir}\n`);
      return;
    }
    void files.reduce(
      (prev, file) =>
        prev.then(
          () =>
            new Promise<void>((resolve) => {
              process.stdout.write(`==> ${file} <==\n`);
              createReadStream(join(dir, file)).on('end', resolve).pipe(process.stdout, { end: false });
            }),
        ),
      Promise.resolve(),
    );
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  const coded = err as { code?: unknown; message?: unknown };
  const code = typeof coded.code === 'string' ? `${coded.code}: ` : '';
  process.stderr.write(`error: ${code}${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
