// A TLS gRPC server speaking the real gateway.Gateway service with real protobufs, whose answers
// each test scripts. It stands in for a peer in unit tests of the client side only; the
// integration tests run against the embedded network.
import * as grpc from '@grpc/grpc-js';
import { gateway, google } from '@hyperledger/fabric-protos';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { issue, newCa, type TestCa } from './pki';

type Unary<Req, Res> = (req: Req, meta: grpc.Metadata) => Res | Promise<Res>;

export interface GatewayScript {
  evaluate?: Unary<gateway.EvaluateRequest, gateway.EvaluateResponse>;
  endorse?: Unary<gateway.EndorseRequest, gateway.EndorseResponse>;
  submit?: Unary<gateway.SubmitRequest, gateway.SubmitResponse>;
  commitStatus?: Unary<gateway.SignedCommitStatusRequest, gateway.CommitStatusResponse>;
  chaincodeEvents?: (
    req: gateway.SignedChaincodeEventsRequest,
    call: grpc.ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>,
  ) => void;
}

/** A gRPC error as a Fabric gateway sends it: code, message and ErrorDetail entries in the status details. */
export class RpcFailure extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
    readonly details: { address: string; mspId: string; message: string }[] = [],
  ) {
    super(message);
  }

  toServiceError(): Partial<grpc.ServiceError> {
    const status = new google.rpc.Status();
    status.setCode(this.code);
    status.setMessage(this.message);
    for (const d of this.details) {
      const detail = new gateway.ErrorDetail();
      detail.setAddress(d.address);
      detail.setMspId(d.mspId);
      detail.setMessage(d.message);
      const any = new Any();
      any.setTypeUrl('type.googleapis.com/gateway.ErrorDetail');
      any.setValue(detail.serializeBinary());
      status.addDetails(any);
    }
    const metadata = new grpc.Metadata();
    metadata.set('grpc-status-details-bin', Buffer.from(status.serializeBinary()));
    return { code: this.code, details: this.message, metadata };
  }
}

export interface RunningGatewayServer {
  endpoint: string;
  tlsCaPem: string;
  tlsHostName: string;
  ca: TestCa;
  script: GatewayScript;
  calls: { method: string; metadata: grpc.Metadata; deadline: grpc.Deadline }[];
  stop(): Promise<void>;
}

function unary<Req, Res>(
  server: RunningGatewayServer,
  name: keyof GatewayScript,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    server.calls.push({ method: name, metadata: call.metadata, deadline: call.getDeadline() });
    const handler = server.script[name] as Unary<Req, Res> | undefined;
    if (!handler) {
      callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} not scripted` });
      return;
    }
    Promise.resolve()
      .then(() => handler(call.request, call.metadata))
      .then((res) => {
        callback(null, res);
      })
      .catch((e: unknown) => {
        callback(
          e instanceof RpcFailure ? e.toServiceError() : { code: grpc.status.INTERNAL, details: String(e) },
        );
      });
  };
}

export async function startGatewayServer(script: GatewayScript = {}): Promise<RunningGatewayServer> {
  const tlsHostName = 'peer0.test.alliance.test';
  const ca = await newCa('tls.test.alliance.test');
  const tls = await issue(ca, { cn: tlsHostName, dnsNames: [tlsHostName] });
  const server = new grpc.Server();
  const running: RunningGatewayServer = {
    endpoint: '',
    tlsCaPem: ca.pem,
    tlsHostName,
    ca,
    script,
    calls: [],
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => {
          resolve();
        });
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 500).unref();
      }),
  };
  server.addService(gateway.GatewayService, {
    evaluate: unary(running, 'evaluate'),
    endorse: unary(running, 'endorse'),
    submit: unary(running, 'submit'),
    commitStatus: unary(running, 'commitStatus'),
    chaincodeEvents: (
      call: grpc.ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>,
    ) => {
      running.calls.push({
        method: 'chaincodeEvents',
        metadata: call.metadata,
        deadline: call.getDeadline(),
      });
      if (!running.script.chaincodeEvents) {
        call.destroy(Object.assign(new Error('not scripted'), { code: grpc.status.UNIMPLEMENTED }));
        return;
      }
      running.script.chaincodeEvents(call.request, call);
    },
  });
  const creds = grpc.ServerCredentials.createSsl(
    null,
    [{ cert_chain: Buffer.from(tls.certPem), private_key: Buffer.from(tls.keyPem) }],
    false,
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', creds, (err, p) => {
      if (err) reject(err);
      else resolve(p);
    });
  });
  running.endpoint = `127.0.0.1:${port}`;
  return running;
}
