import { connectChaincode, type ChaincodeStream } from '../chaincode';
import type { ChaincodeDefinitionView } from '../committer';
import { readInstalled } from './installed';

interface Connection {
  readonly version: string;
  readonly packageId: string;
  readonly stream: ChaincodeStream;
}

/**
 * One peer's streams to chaincode servers. A stream is opened when a chaincode is defined on
 * the channel and its installed package has the defined version, and replaced when a new
 * definition (upgrade) names another version, as a Fabric peer launches the defined package.
 */
export class ChaincodeConnections {
  readonly #connections = new Map<string, Connection>();
  readonly #connecting = new Map<string, Promise<void>>();

  constructor(
    private readonly installDir: string,
    private readonly definitions: () => ChaincodeDefinitionView,
  ) {}

  /** The open stream of `name`, if it matches the committed definition. */
  stream(name: string): ChaincodeStream | undefined {
    const connection = this.#connections.get(name);
    const defined = this.definitions().get(name);
    return connection && defined && connection.version === defined.version ? connection.stream : undefined;
  }

  /** Opens (or replaces) the stream of `name` when the committed definition calls for it. */
  async ensure(name: string): Promise<void> {
    const defined = this.definitions().get(name);
    if (!defined || this.#connections.get(name)?.version === defined.version) return;
    const installed = readInstalled(this.installDir, name);
    if (!installed || installed.version !== defined.version) return;
    let pending = this.#connecting.get(name);
    if (!pending) {
      pending = this.#connect(name, installed.version, installed.packageId, installed.address).finally(() =>
        this.#connecting.delete(name),
      );
      this.#connecting.set(name, pending);
    }
    await pending;
  }

  /** Closes every stream. */
  closeAll(): void {
    for (const connection of this.#connections.values()) connection.stream.close();
    this.#connections.clear();
  }

  async #connect(name: string, version: string, packageId: string, address: string): Promise<void> {
    const stream = await connectChaincode({ address, chaincodeId: packageId });
    this.#connections.get(name)?.stream.close();
    this.#connections.set(name, { version, packageId, stream });
  }
}
