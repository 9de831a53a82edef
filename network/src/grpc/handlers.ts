import type {
  handleBidiStreamingCall,
  handleServerStreamingCall,
  handleUnaryCall,
  sendUnaryData,
  ServerDuplexStream,
  ServerUnaryCall,
  ServerWritableStream,
} from '@grpc/grpc-js';
import { toServiceError } from './status';

/**
 * Wraps an async unary implementation so that every outcome, including a thrown error,
 * becomes an explicit gRPC status.
 */
export function unaryHandler<Req, Res>(
  impl: (request: Req, call: ServerUnaryCall<Req, Res>) => Promise<Res>,
): handleUnaryCall<Req, Res> {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => {
    impl(call.request, call).then(
      (response) => {
        callback(null, response);
      },
      (err: unknown) => {
        callback(toServiceError(err));
      },
    );
  };
}

/** Wraps a server-streaming implementation; a thrown error ends the stream with its status. */
export function serverStreamHandler<Req, Res>(
  impl: (call: ServerWritableStream<Req, Res>) => Promise<void>,
): handleServerStreamingCall<Req, Res> {
  return (call: ServerWritableStream<Req, Res>) => {
    settleStream(call, impl(call));
  };
}

/** Wraps a bidi-streaming implementation; a thrown error ends the stream with its status. */
export function bidiHandler<Req, Res>(
  impl: (call: ServerDuplexStream<Req, Res>) => Promise<void>,
): handleBidiStreamingCall<Req, Res> {
  return (call: ServerDuplexStream<Req, Res>) => {
    settleStream(call, impl(call));
  };
}

/** Ends a server-side stream when its implementation finishes, or fails it with the error's status. */
function settleStream(
  call: ServerWritableStream<unknown, unknown> | ServerDuplexStream<unknown, unknown>,
  done: Promise<void>,
): void {
  done.then(
    () => {
      if (!call.cancelled && call.writable) call.end();
    },
    (err: unknown) => {
      if (!call.cancelled) call.emit('error', Object.assign(new Error('stream failed'), toServiceError(err)));
    },
  );
}
