import { peer } from '@hyperledger/fabric-protos';
import type { TxSimulator } from '../chaincode';
import { aclFailure } from '../system/acl';
import { argText, failure, success } from '../system/responses';
import type { SystemChaincode, SystemInvocation } from '../system/types';
import { commitDefinition, definitionFromArgs, LifecycleError } from './commit';
import { readDefinition, type ChaincodeDefinition } from './definition';
import { LIFECYCLE_NAMESPACE } from './keys';

const lb = peer.lifecycle;
const METADATA_PREFIX = 'namespaces/metadata/';

type Operation = (input: Uint8Array, simulator: TxSimulator) => Uint8Array;

function lookup(name: string, simulator: TxSimulator): ChaincodeDefinition {
  const def = readDefinition(name, (key) => simulator.getState(LIFECYCLE_NAMESPACE, key));
  if (!def) throw new LifecycleError(`namespace ${name} is not defined`);
  return def;
}

function collections(bytes: Uint8Array): peer.CollectionConfigPackage {
  return peer.CollectionConfigPackage.deserializeBinary(bytes);
}

const operations: Readonly<Record<string, Operation>> = {
  CommitChaincodeDefinition(input, simulator) {
    commitDefinition(
      definitionFromArgs(lb.CommitChaincodeDefinitionArgs.deserializeBinary(input)),
      simulator,
    );
    return new lb.CommitChaincodeDefinitionResult().serializeBinary();
  },
  QueryChaincodeDefinition(input, simulator) {
    const def = lookup(lb.QueryChaincodeDefinitionArgs.deserializeBinary(input).getName(), simulator);
    const result = new lb.QueryChaincodeDefinitionResult();
    result.setSequence(def.sequence);
    result.setVersion(def.version);
    result.setEndorsementPlugin(def.endorsementPlugin);
    result.setValidationPlugin(def.validationPlugin);
    result.setValidationParameter(def.endorsementPolicy);
    result.setCollections(collections(def.collections));
    result.setInitRequired(def.initRequired);
    return result.serializeBinary();
  },
  QueryChaincodeDefinitions(_input, simulator) {
    const names: string[] = [];
    const scan = simulator.rangeScan(LIFECYCLE_NAMESPACE, METADATA_PREFIX, `${METADATA_PREFIX}\x7f`);
    for (let row = scan.next(); row; row = scan.next()) names.push(row.key.slice(METADATA_PREFIX.length));
    const result = new lb.QueryChaincodeDefinitionsResult();
    for (const name of names) {
      const def = readDefinition(name, (key) => simulator.getState(LIFECYCLE_NAMESPACE, key));
      if (!def) continue;
      const entry = new lb.QueryChaincodeDefinitionsResult.ChaincodeDefinition();
      entry.setName(def.name);
      entry.setSequence(def.sequence);
      entry.setVersion(def.version);
      entry.setEndorsementPlugin(def.endorsementPlugin);
      entry.setValidationPlugin(def.validationPlugin);
      entry.setValidationParameter(def.endorsementPolicy);
      entry.setCollections(collections(def.collections));
      entry.setInitRequired(def.initRequired);
      result.addChaincodeDefinitions(entry);
    }
    return result.serializeBinary();
  },
};

/**
 * The `_lifecycle` system chaincode, committed definitions only (no per-org approvals): args
 * are [function, proto-encoded arguments], each function guarded by its `_lifecycle/<function>`
 * ACL. A commit's writes are validated against /Channel/Application/LifecycleEndorsement.
 */
export const lifecycleChaincode: SystemChaincode = {
  name: LIFECYCLE_NAMESPACE,
  usesSimulator: true,
  invoke(call: SystemInvocation): peer.Response {
    const { args, simulator } = call;
    if (args.length === 0) return failure('lifecycle scc must be invoked with arguments');
    if (args.length !== 2) {
      return failure(`lifecycle scc operations require exactly two arguments but received ${args.length}`);
    }
    const fname = argText(args[0]);
    const denied = aclFailure(`_lifecycle/${fname}`, call.channel, call.signedProposal, call.creator);
    if (denied) return failure(`Failed to authorize invocation due to failed ACL check: ${denied}`);
    const operation = operations[fname];
    try {
      if (!operation) throw new LifecycleError(`receiver *lifecycle.Invocation.${fname} does not exist`);
      if (!simulator) throw new LifecycleError('no transaction simulator');
      return success(operation(args[1] ?? new Uint8Array(), simulator));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return failure(`failed to invoke backing implementation of '${fname}': ${reason}`);
    }
  },
};
