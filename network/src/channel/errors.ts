/** Why a channel config or config block could not be used. */
export type ChannelErrorCode = 'MALFORMED_CONFIG' | 'NOT_A_CONFIG_BLOCK';

/** A channel config that lacks what a channel needs, or a block that holds no config. */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';

  constructor(
    readonly code: ChannelErrorCode,
    message: string,
  ) {
    super(message);
  }
}
