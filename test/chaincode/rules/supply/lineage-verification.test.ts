import { downstreamOf, traceTree, type LineageLink } from '../../../../chaincode/src/rules/supply/lineage';
import {
  VERIFICATION_STATES,
  nextVerificationState,
  outstanding,
  protocolEditable,
  revealAllowed,
  stateForOutcome,
  type VerificationEvent,
} from '../../../../chaincode/src/rules/supply/verification-state';

const graph: Record<string, LineageLink[]> = {
  A: [{ id: 'P', transformationId: 'T1' }],
  B: [{ id: 'P', transformationId: 'T1' }],
  P: [
    { id: 'F1', transformationId: 'T2' },
    { id: 'F2', transformationId: 'T3' },
  ],
  F1: [{ id: 'A', transformationId: 'BAD' }], // a malformed cycle must not loop
};
const forward = (id: string): Promise<LineageLink[]> => Promise.resolve(graph[id] ?? []);

describe('lineage walks (rules 32-33)', () => {
  it('builds a forward tree with the transformation on each edge', async () => {
    expect(await traceTree('A', forward)).toEqual({
      id: 'A',
      children: [
        {
          id: 'P',
          via: 'T1',
          children: [
            { id: 'F1', via: 'T2', children: [] },
            { id: 'F2', via: 'T3', children: [] },
          ],
        },
      ],
    });
  });

  it('stops at the depth limit', async () => {
    expect(await traceTree('A', forward, 1)).toEqual({
      id: 'A',
      children: [{ id: 'P', via: 'T1', children: [] }],
    });
    expect(await traceTree('A', forward, 0)).toEqual({ id: 'A', children: [] });
  });

  it('lists everything downstream once, breadth first', async () => {
    expect(await downstreamOf(['B'], forward)).toEqual(['P', 'F1', 'F2', 'A']);
    expect(await downstreamOf(['A', 'B'], forward)).toEqual(['P', 'F1', 'F2']);
    expect(await downstreamOf(['F2'], forward)).toEqual([]);
  });
});

const EVENTS: VerificationEvent[] = [
  'APPROVE',
  'DISPATCH',
  'COMMIT',
  'SEAL',
  'EVALUATE',
  'INVESTIGATE',
  'CLOSE',
];
const ALLOWED: Record<string, string> = {
  'DRAFT/APPROVE': 'APPROVED',
  'APPROVED/DISPATCH': 'SAMPLES_DISPATCHED',
  'SAMPLES_DISPATCHED/COMMIT': 'RESULTS_PENDING',
  'RESULTS_PENDING/COMMIT': 'RESULTS_PENDING',
  'RESULTS_PENDING/SEAL': 'RESULTS_COMPLETE',
  'RESULTS_COMPLETE/EVALUATE': 'EVALUATED',
  'QUESTIONABLE/INVESTIGATE': 'INVESTIGATION',
  'UNSATISFACTORY/INVESTIGATE': 'INVESTIGATION',
  'INVESTIGATION/CLOSE': 'CLOSED',
  'SATISFACTORY/CLOSE': 'CLOSED',
};

describe('verification case states (rule 29)', () => {
  it.each(VERIFICATION_STATES.flatMap((s) => EVENTS.map((e) => [s, e] as const)))(
    '%s on %s',
    (state, event) => {
      expect(nextVerificationState(state, event)).toBe(ALLOWED[`${state}/${event}`]);
    },
  );

  it('freezes the protocol after DRAFT and reveals only once sealed', () => {
    expect(VERIFICATION_STATES.filter(protocolEditable)).toEqual(['DRAFT']);
    expect(VERIFICATION_STATES.filter(revealAllowed)).toEqual(['RESULTS_COMPLETE']);
    expect(stateForOutcome('QUESTIONABLE')).toBe('QUESTIONABLE');
    expect(outstanding(['A', 'B', 'C'], ['B'])).toEqual(['A', 'C']);
    expect(outstanding(['A'], ['A'])).toEqual([]);
  });
});
