/** Policy paths resources usually point at. */
const READERS = '/Channel/Application/Readers';
const WRITERS = '/Channel/Application/Writers';

/**
 * The ACLs Fabric's sample configtx.yaml writes into the Application group, plus the gateway
 * resources Fabric's default ACL provider maps: resource -> policy path.
 */
export const DEFAULT_ACLS: Readonly<Record<string, string>> = Object.freeze({
  '_lifecycle/CheckCommitReadiness': WRITERS,
  '_lifecycle/CommitChaincodeDefinition': WRITERS,
  '_lifecycle/QueryChaincodeDefinition': WRITERS,
  '_lifecycle/QueryChaincodeDefinitions': WRITERS,
  'lscc/ChaincodeExists': READERS,
  'lscc/GetDeploymentSpec': READERS,
  'lscc/GetChaincodeData': READERS,
  'lscc/GetInstantiatedChaincodes': READERS,
  'qscc/GetChainInfo': READERS,
  'qscc/GetBlockByNumber': READERS,
  'qscc/GetBlockByHash': READERS,
  'qscc/GetTransactionByID': READERS,
  'qscc/GetBlockByTxID': READERS,
  'cscc/GetConfigBlock': READERS,
  'cscc/GetChannelConfig': READERS,
  'peer/Propose': WRITERS,
  'peer/ChaincodeToChaincode': WRITERS,
  'event/Block': READERS,
  'event/FilteredBlock': READERS,
  'gateway/CommitStatus': READERS,
  'gateway/ChaincodeEvents': READERS,
});

/** A fresh, editable copy of {@link DEFAULT_ACLS}, for building or parsing a channel config. */
export function defaultAcls(): Record<string, string> {
  return { ...DEFAULT_ACLS };
}
