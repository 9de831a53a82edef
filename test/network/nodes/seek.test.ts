import { common, orderer } from '@alliance/network/protos';
import { isRefusal, resolveSeek } from '@alliance/network/deliver';

function position(kind: 'oldest' | 'newest' | 'next' | number): orderer.SeekPosition {
  const pos = new orderer.SeekPosition();
  if (kind === 'oldest') pos.setOldest(new orderer.SeekOldest());
  else if (kind === 'newest') pos.setNewest(new orderer.SeekNewest());
  else if (kind === 'next') pos.setNextCommit(new orderer.SeekNextCommit());
  else {
    const spec = new orderer.SeekSpecified();
    spec.setNumber(kind);
    pos.setSpecified(spec);
  }
  return pos;
}

function seek(
  start: Parameters<typeof position>[0],
  stop: Parameters<typeof position>[0],
  failIfNotReady = false,
): orderer.SeekInfo {
  const info = new orderer.SeekInfo();
  info.setStart(position(start));
  info.setStop(position(stop));
  if (failIfNotReady) info.setBehavior(orderer.SeekInfo.SeekBehavior.FAIL_IF_NOT_READY);
  return info;
}

describe('resolveSeek', () => {
  it('resolves oldest, newest and next commit against the height', () => {
    expect(resolveSeek(seek('oldest', 'newest'), 5)).toEqual({ start: 0, stop: 4, failIfNotReady: false });
    expect(resolveSeek(seek('next', Number.MAX_SAFE_INTEGER), 5)).toEqual({
      start: 5,
      stop: Number.MAX_SAFE_INTEGER,
      failIfNotReady: false,
    });
  });

  it('accepts a specified start equal to the height (waits) and refuses one beyond it', () => {
    expect(resolveSeek(seek(5, 9), 5)).toEqual({ start: 5, stop: 9, failIfNotReady: false });
    const refused = resolveSeek(seek(6, 9), 5);
    expect(isRefusal(refused) && refused.status).toBe(common.Status.NOT_FOUND);
  });

  it('refuses a stop before the start', () => {
    const refused = resolveSeek(seek(3, 2), 5);
    expect(isRefusal(refused) && refused.status).toBe(common.Status.BAD_REQUEST);
  });

  it('answers NOT_FOUND for a future block with FAIL_IF_NOT_READY', () => {
    const refused = resolveSeek(seek('next', 10, true), 5);
    expect(isRefusal(refused) && refused.status).toBe(common.Status.NOT_FOUND);
  });
});
