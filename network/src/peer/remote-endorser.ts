import { peer } from '@hyperledger/fabric-protos';
import { lenientClient } from '../grpc/codec';
import { dial, type Endpoint } from '../grpc/dial';
import type { EndorsingPeer } from '../gateway/backend';

/** Another org's peer, asked to endorse through `protos.Endorser/ProcessProposal`. */
export class RemoteEndorser implements EndorsingPeer {
  readonly address: string;
  readonly #client: peer.EndorserClient;

  constructor(
    readonly mspId: string,
    endpoint: Endpoint,
    private readonly timeoutMs = 30_000,
  ) {
    this.address = endpoint.address;
    this.#client = dial(lenientClient(peer.EndorserClient, peer.EndorserService), endpoint);
  }

  /** Calls ProcessProposal with a deadline; rejects on any gRPC error. */
  processProposal(signed: peer.SignedProposal): Promise<peer.ProposalResponse> {
    return new Promise((resolve, reject) => {
      this.#client.processProposal(signed, { deadline: Date.now() + this.timeoutMs }, (err, response) => {
        if (err) reject(err);
        else if (!response) reject(new Error('empty ProcessProposal response'));
        else resolve(response);
      });
    });
  }

  /** Closes the channel. */
  close(): void {
    this.#client.close();
  }
}
