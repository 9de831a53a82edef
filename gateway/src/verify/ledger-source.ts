import { common, peer } from '@hyperledger/fabric-protos';
import type { AllianceConnection } from '../connect/connection';
import { toAllianceError } from '../errors/map-error';

/** The chaincode definition as committed on the channel. */
export interface ChaincodeDefinitionInfo {
  readonly sequence: number;
  readonly version: string;
  /** The endorsement policy (`peer.ApplicationPolicy` bytes). */
  readonly policy: Uint8Array;
}

/**
 * Reads blocks and definitions from a peer; everything it returns is checked, never trusted.
 * Blocks travel as bytes so that callers holding another copy of the protobuf classes can serve them.
 */
export interface LedgerSource {
  readonly channel: string;
  /** The block (`common.Block` bytes) that holds a transaction. */
  blockByTxId(txId: string): Promise<Uint8Array>;
  /** A block (`common.Block` bytes) by number. */
  blockByNumber(n: bigint): Promise<Uint8Array>;
  /** The current chain height. */
  height(): Promise<bigint>;
  /** The committed definition of a chaincode, or undefined when the peer has none. */
  chaincodeDefinition(name: string): Promise<ChaincodeDefinitionInfo | undefined>;
}

/**
 * Reads the ledger through the system chaincodes a peer serves to channel readers: `qscc` for
 * blocks and chain info, `_lifecycle` for chaincode definitions.
 */
export function peerLedgerSource(conn: AllianceConnection): LedgerSource {
  const qscc = conn.contract(undefined, 'qscc');
  const lifecycle = conn.contract(undefined, '_lifecycle');
  const ch = conn.channel;
  const query = async (run: () => Promise<Uint8Array>): Promise<Uint8Array> => {
    try {
      return await run();
    } catch (e) {
      throw toAllianceError(e, { stage: 'query' });
    }
  };
  return {
    channel: ch,
    blockByTxId: (txId) => query(() => qscc.evaluateTransaction('GetBlockByTxID', ch, txId)),
    blockByNumber: (n) => query(() => qscc.evaluateTransaction('GetBlockByNumber', ch, n.toString())),
    height: async () =>
      BigInt(
        common.BlockchainInfo.deserializeBinary(
          await query(() => qscc.evaluateTransaction('GetChainInfo', ch)),
        ).getHeight(),
      ),
    chaincodeDefinition: async (name) => {
      const args = new peer.lifecycle.QueryChaincodeDefinitionArgs();
      args.setName(name);
      let bytes: Uint8Array;
      try {
        bytes = await lifecycle.evaluateTransaction('QueryChaincodeDefinition', args.serializeBinary());
      } catch {
        // A peer that does not serve _lifecycle to this identity: fall back to the channel default.
        return undefined;
      }
      const result = peer.lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(bytes);
      return {
        sequence: result.getSequence(),
        version: result.getVersion(),
        policy: result.getValidationParameter_asU8(),
      };
    },
  };
}
