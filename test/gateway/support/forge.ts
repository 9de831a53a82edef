// Tampering a real endorsed transaction before submitting it, as a malicious client could.
import { common, gateway as gw, peer } from '@hyperledger/fabric-protos';
import { signLowS, type AllianceConnection } from '@alliance/gateway';

/**
 * Endorses `members:ListMembers`, then either replaces the last endorsement's signature (`forge`) or
 * keeps only the first endorsement (`drop`), signs the envelope and submits it.
 */
export async function forgeSubmit(
  conn: AllianceConnection,
  how: 'forge' | 'drop' = 'forge',
): Promise<string> {
  const proposal = conn.contract('members').newProposal('ListMembers');
  const endorsed = await proposal.endorse();
  const prepared = gw.PreparedTransaction.deserializeBinary(endorsed.getBytes());
  const env = prepared.getEnvelope()!;
  const payload = common.Payload.deserializeBinary(env.getPayload_asU8());
  const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const action = tx.getActionsList()[0]!;
  const cap = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const ends = cap.getAction()!.getEndorsementsList();
  if (how === 'forge')
    ends[ends.length - 1]!.setSignature(signLowS(conn.identity.privateKey, Buffer.from('not the response')));
  cap.getAction()!.setEndorsementsList(how === 'drop' ? ends.slice(0, 1) : ends);
  action.setPayload(cap.serializeBinary());
  tx.setActionsList([action]);
  payload.setData(tx.serializeBinary());
  env.setPayload(payload.serializeBinary());
  prepared.setEnvelope(env);
  const bytes = prepared.serializeBinary();
  const signed = conn.gateway.newSignedTransaction(
    bytes,
    signLowS(conn.identity.privateKey, env.getPayload_asU8()),
  );
  const submitted = await signed.submit();
  await submitted.getStatus();
  return signed.getTransactionId();
}
