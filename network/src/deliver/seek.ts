import { common, orderer } from '@hyperledger/fabric-protos';
import type { FabricStatus } from '../grpc/proto-types';

/** The block range a seek asks for, resolved against the ledger height at request time. */
export interface SeekRange {
  readonly start: number;
  readonly stop: number;
  /** FAIL_IF_NOT_READY: answer NOT_FOUND instead of waiting for a future block. */
  readonly failIfNotReady: boolean;
}

/** A seek the server refuses, with the Fabric status it answers. */
export interface SeekRefusal {
  readonly status: FabricStatus;
  readonly message: string;
}

/**
 * Resolves SeekInfo positions as Fabric's file ledger does: Oldest = 0, Newest = height-1,
 * NextCommit = height (the next block to commit), Specified n (n > height is NOT_FOUND).
 */
export function resolveSeek(seek: orderer.SeekInfo, height: number): SeekRange | SeekRefusal {
  const start = position(seek.getStart(), height);
  if (start === undefined)
    return { status: common.Status.BAD_REQUEST, message: 'unknown start position type' };
  if (start > height)
    return {
      status: common.Status.NOT_FOUND,
      message: `start block ${start} is beyond the ledger height ${height}`,
    };
  const stop = position(seek.getStop(), height);
  if (stop === undefined) return { status: common.Status.BAD_REQUEST, message: 'unknown stop position type' };
  if (stop < start)
    return {
      status: common.Status.BAD_REQUEST,
      message: `stop block ${stop} is before start block ${start}`,
    };
  const failIfNotReady = seek.getBehavior() === orderer.SeekInfo.SeekBehavior.FAIL_IF_NOT_READY;
  if (failIfNotReady && start >= height)
    return { status: common.Status.NOT_FOUND, message: `block ${start} is not yet committed` };
  return { start, stop, failIfNotReady };
}

/** True when `value` is a refusal rather than a range. */
export function isRefusal(value: SeekRange | SeekRefusal): value is SeekRefusal {
  return 'status' in value;
}

function position(pos: orderer.SeekPosition | undefined, height: number): number | undefined {
  if (!pos) return height;
  switch (pos.getTypeCase()) {
    case orderer.SeekPosition.TypeCase.OLDEST:
      return 0;
    case orderer.SeekPosition.TypeCase.NEWEST:
      return Math.max(0, height - 1);
    case orderer.SeekPosition.TypeCase.SPECIFIED:
      return pos.getSpecified()?.getNumber() ?? 0;
    case orderer.SeekPosition.TypeCase.NEXT_COMMIT:
      return height;
    default:
      return undefined;
  }
}
