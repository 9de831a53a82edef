// The demo's clock and ids: lab times strictly increase even when the wall clock stands still,
// the story starts a day ago on a whole minute, and ids follow the block height.
import { demoIds } from '@alliance/gateway';
import { hoursAfter, newTimeline } from '@alliance/gateway/demo/timeline';

describe('the demo timeline', () => {
  it('starts hoursAgo before the clock on a whole minute and counts hours from there', () => {
    const t = newTimeline(() => new Date('2026-11-24T03:21:40.500Z'), 26);
    expect(t.at(0)).toBe('2026-11-23T01:21:00.000Z');
    expect(t.at(18.5)).toBe('2026-11-23T19:51:00.000Z');
    expect(t.date(730)).toBe('2028-11-22');
    expect(hoursAfter('2026-11-24T00:00:00.000Z', 24)).toBe('2026-11-25T00:00:00.000Z');
  });

  it('never returns the same instant twice, even from a frozen clock', () => {
    const t = newTimeline(() => new Date('2026-11-24T00:00:00.000Z'));
    const times = [t.now(), t.now(), t.now()];
    expect(times).toEqual([
      '2026-11-24T00:00:00.000Z',
      '2026-11-24T00:00:00.001Z',
      '2026-11-24T00:00:00.002Z',
    ]);
  });
});

describe('demo ids', () => {
  it('carry the block height, so another run on the same ledger makes new assets', () => {
    const a = demoIds(3n);
    const b = demoIds(57n);
    expect(a.lotNumber).toBe('VEB3');
    expect(a.caseId).toBe('CV-B3');
    expect(Object.values(b).filter((id) => Object.values(a).includes(id))).toEqual([]);
  });
});
