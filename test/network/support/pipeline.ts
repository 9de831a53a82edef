import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBlock } from '@alliance/network/block';
import type { ChaincodeStream } from '@alliance/network/chaincode';
import { createCommitter, type Committer } from '@alliance/network/committer';
import { createEndorser, type Endorser } from '@alliance/network/endorser';
import type { Signer } from '@alliance/network/identity';
import { openPeerLedger, type PeerLedger } from '@alliance/network/ledger';
import { createChaincodeDefinitionView } from '@alliance/network/lifecycle';
import { common, peer } from '@alliance/network/protos';
import type { TestChannel } from './channel';
import type { BuiltProposal } from './proposals';

/** Endorsers of several orgs over one real ledger, the committer, and block cutting. */
export interface Pipeline {
  readonly ledger: PeerLedger;
  readonly endorsers: Record<string, Endorser>;
  /** Endorses on the given orgs' peers (all of them by default). */
  endorse(proposal: BuiltProposal, orgs?: string[]): Promise<peer.ProposalResponse[]>;
  /** Assembles and signs the transaction, cuts it into the next block and commits it; its code. */
  commit(proposal: BuiltProposal, responses: peer.ProposalResponse[], client: Signer): Promise<number>;
  close(): Promise<void>;
}

/** The endorsed transaction envelope as the gateway prepares it and the client signs it. */
export function transactionEnvelope(
  proposal: BuiltProposal,
  responses: peer.ProposalResponse[],
  client: Signer,
): Uint8Array {
  const prop = peer.Proposal.deserializeBinary(proposal.signedProposal.getProposalBytes_asU8());
  const header = common.Header.deserializeBinary(prop.getHeader_asU8());
  const cpp = peer.ChaincodeProposalPayload.deserializeBinary(prop.getPayload_asU8());
  const bare = new peer.ChaincodeProposalPayload();
  bare.setInput(cpp.getInput_asU8());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(responses[0]?.getPayload_asU8() ?? new Uint8Array());
  endorsed.setEndorsementsList(responses.flatMap((r) => r.getEndorsement() ?? []));
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(bare.serializeBinary());
  actionPayload.setAction(endorsed);
  const action = new peer.TransactionAction();
  action.setHeader(header.getSignatureHeader_asU8());
  action.setPayload(actionPayload.serializeBinary());
  const tx = new peer.Transaction();
  tx.setActionsList([action]);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(tx.serializeBinary());
  const payloadBytes = payload.serializeBinary();
  const envelope = new common.Envelope();
  envelope.setPayload(payloadBytes);
  envelope.setSignature(client.sign(payloadBytes));
  return envelope.serializeBinary();
}

/** Opens a ledger in a temporary folder, commits the genesis block, and builds one endorser per org. */
export async function createPipeline(
  channel: TestChannel,
  streams: Record<string, ChaincodeStream>,
): Promise<Pipeline> {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-pipeline-'));
  const ledger = await openPeerLedger(dir);
  const chaincodes = createChaincodeDefinitionView(ledger.state);
  const committer: Committer = createCommitter({ channel: () => channel.config, ledger, chaincodes });
  await committer.commitBlock(channel.genesis);
  const endorsers: Record<string, Endorser> = {};
  for (const org of channel.def.orgs.map((o) => o.name)) {
    endorsers[org] = createEndorser({
      channelId: channel.config.channelId,
      channel: () => channel.config,
      ledger,
      signer: channel.peer(org),
      chaincodes,
      stream: (name) => streams[name],
      timeWindowMs: 15 * 60_000,
    });
  }
  return {
    ledger,
    endorsers,
    endorse: (proposal, orgs = Object.keys(endorsers)) =>
      Promise.all(
        orgs.map(
          (org) => endorsers[org]?.processProposal(proposal.signedProposal) ?? Promise.reject(new Error(org)),
        ),
      ),
    async commit(proposal, responses, client) {
      const block = createBlock(ledger.height, ledger.currentHash(), [
        transactionEnvelope(proposal, responses, client),
      ]);
      channel.signAsOrderer(block);
      const codes = await committer.commitBlock(block);
      return codes[0] ?? -1;
    },
    async close() {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
