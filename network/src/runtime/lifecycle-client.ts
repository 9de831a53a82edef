import { peer } from '@hyperledger/fabric-protos';
import type { Gateway } from '@hyperledger/fabric-gateway';

/** A committed chaincode definition, as `_lifecycle` QueryChaincodeDefinition reports it. */
export interface CommittedDefinition {
  readonly sequence: number;
  readonly version: string;
}

const LIFECYCLE = '_lifecycle';

/** The committed definition of `name`, or undefined when the chaincode is not defined. */
export async function queryDefinition(
  gateway: Gateway,
  channel: string,
  name: string,
): Promise<CommittedDefinition | undefined> {
  const args = new peer.lifecycle.QueryChaincodeDefinitionArgs();
  args.setName(name);
  try {
    const bytes = await gateway
      .getNetwork(channel)
      .getContract(LIFECYCLE)
      .evaluateTransaction('QueryChaincodeDefinition', args.serializeBinary());
    const result = peer.lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(bytes);
    return { sequence: result.getSequence(), version: result.getVersion() };
  } catch (err) {
    if (isNotDefined(err)) return undefined;
    throw err;
  }
}

/**
 * Commits a chaincode definition with a real `_lifecycle` transaction; the gateway collects
 * the endorsements `/Channel/Application/LifecycleEndorsement` (a majority) requires.
 */
export async function commitDefinition(
  gateway: Gateway,
  channel: string,
  def: { name: string; version: string; sequence: number; endorsementPolicy: Uint8Array },
): Promise<void> {
  const args = new peer.lifecycle.CommitChaincodeDefinitionArgs();
  args.setName(def.name);
  args.setVersion(def.version);
  args.setSequence(def.sequence);
  args.setEndorsementPlugin('escc');
  args.setValidationPlugin('vscc');
  args.setValidationParameter(def.endorsementPolicy);
  args.setInitRequired(false);
  await gateway
    .getNetwork(channel)
    .getContract(LIFECYCLE)
    .submitTransaction('CommitChaincodeDefinition', args.serializeBinary());
}

function isNotDefined(err: unknown): boolean {
  const text = JSON.stringify(err, Object.getOwnPropertyNames(err)) + String(err);
  return /not found|not defined|does not exist/i.test(text);
}
