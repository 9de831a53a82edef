import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { gateway } from '@hyperledger/fabric-protos';
import { serverStreamHandler, unaryHandler } from '../grpc/handlers';
import type { GatewayBackend } from './backend';
import { chaincodeEvents } from './chaincode-events';
import { commitStatus } from './commit-status';
import { endorse } from './endorse';
import { evaluate } from './evaluate';
import { submit } from './submit';

/** The `gateway.Gateway` service implementation for grpc-js, backed by one peer. */
export function createGatewayService(backend: GatewayBackend): UntypedServiceImplementation {
  return {
    evaluate: unaryHandler((req: gateway.EvaluateRequest) => evaluate(backend, req)),
    endorse: unaryHandler((req: gateway.EndorseRequest) => endorse(backend, req)),
    submit: unaryHandler((req: gateway.SubmitRequest) => submit(backend, req)),
    commitStatus: unaryHandler((req: gateway.SignedCommitStatusRequest, call) =>
      commitStatus(backend, req, call),
    ),
    chaincodeEvents: serverStreamHandler((call) => chaincodeEvents(backend, call)),
  };
}
