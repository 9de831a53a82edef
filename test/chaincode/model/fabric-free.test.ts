/**
 * The gateway imports the model without fabric-contract-api or fabric-shim: checked on the
 * sources (model/ and rules/ import neither, directly or through ledger/json) and on the built
 * package, loaded in a fresh Node process as the gateway loads it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const src = join(root, 'chaincode/src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const FABRIC_IMPORT = /from '(fabric-contract-api|fabric-shim|fabric-shim-api)'|require\('fabric-/;

describe('Fabric-free model', () => {
  it.each(['model', 'rules'])('%s/ imports nothing from Fabric', (folder) => {
    const offenders = tsFiles(join(src, folder)).filter((file) =>
      FABRIC_IMPORT.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('the built model loads in a fresh process without any Fabric module', () => {
    const entry = join(root, 'chaincode/dist/model/index.js');
    if (!existsSync(entry)) execFileSync('npx', ['tsc', '-b', 'chaincode'], { cwd: root });
    const script = `const m = require(${JSON.stringify(entry)});
      const fabric = Object.keys(require.cache).filter((k) => /node_modules[\\\\/](fabric-|@hyperledger)/.test(k));
      console.log(JSON.stringify({ fabric, codes: m.ERROR_CODES.length, event: m.CHAINCODE_EVENT_NAME }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as {
      fabric: string[];
      codes: number;
      event: string;
    };
    expect(out.fabric).toEqual([]);
    expect(out.codes).toBeGreaterThan(10);
    expect(out.event).toBe('alliance.events');
  });
});
