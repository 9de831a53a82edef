import type { ChannelOptions } from '@grpc/grpc-js';

/** Blocks and range results can exceed grpc-js's 4 MB default, so both ends accept 100 MB. */
export const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

/**
 * Options shared by every server and dialler of the network.
 * Keepalive is gentle (pings every 2 minutes, only with calls in flight) so a Go or Node
 * chaincode server never answers with GOAWAY "too_many_pings".
 */
export const CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  'grpc.keepalive_time_ms': 120_000,
  'grpc.keepalive_timeout_ms': 20_000,
  'grpc.keepalive_permit_without_calls': 0,
};

/** Server-side policy: accept the shim's 110 s pings, even without calls in flight. */
export const SERVER_OPTIONS: ChannelOptions = {
  ...CHANNEL_OPTIONS,
  'grpc.http2.min_ping_interval_without_data_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
};
