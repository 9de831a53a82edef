import { common, peer } from '@hyperledger/fabric-protos';
import { blockTransactions, validationCodes } from './transactions';
import type { HeaderType, TxValidationCode } from '../grpc/proto-types';

/**
 * Builds the FilteredBlock a peer sends on DeliverFiltered: per transaction its id, type and
 * validation code; endorser transactions carry their chaincode event without its payload.
 */
export function toFilteredBlock(block: common.Block, channelId: string): peer.FilteredBlock {
  const codes = validationCodes(block);
  const filtered = new peer.FilteredBlock();
  filtered.setChannelId(channelId);
  filtered.setNumber(block.getHeader()?.getNumber() ?? 0);
  filtered.setFilteredTransactionsList(
    blockTransactions(block).map((tx) => {
      const ftx = new peer.FilteredTransaction();
      ftx.setTxid(tx.txId);
      ftx.setType(Math.max(tx.type, 0) as HeaderType);
      ftx.setTxValidationCode((codes[tx.index] ?? peer.TxValidationCode.NOT_VALIDATED) as TxValidationCode);
      if (tx.type === common.HeaderType.ENDORSER_TRANSACTION) {
        const actions = new peer.FilteredTransactionActions();
        if (tx.event && tx.event.getChaincodeId() !== '') {
          const event = new peer.ChaincodeEvent();
          event.setChaincodeId(tx.event.getChaincodeId());
          event.setTxId(tx.event.getTxId());
          event.setEventName(tx.event.getEventName());
          const action = new peer.FilteredChaincodeAction();
          action.setChaincodeEvent(event);
          actions.setChaincodeActionsList([action]);
        }
        ftx.setTransactionActions(actions);
      }
      return ftx;
    }),
  );
  return filtered;
}
