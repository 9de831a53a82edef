/**
 * Rule 20 through the contracts: a recognition is suspended automatically when the lab's PT in
 * the sub-field becomes unsatisfactory (|z| >= 3); a questionable PT (2 < |z| < 3) changes nothing.
 */
import type { RecognitionRecord } from '@alliance/chaincode/model/lab/report';
import { labWithRun, report } from './fixtures';
import { signedThrough } from '../verified-lot';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(60_000);

const DAY = '2025-03-03';
const pt = (round: string, score: number, date: string) => ({
  labMspId: 'LabMSP', scheme: 'FAPAS-07', round, analyte: 'Pb', matrix: 'botanical', scoreType: 'z', score, date,
}); // prettier-ignore

describe('recognition and proficiency (rule 20)', () => {
  it('suspends the recognitions of the analyte on an unsatisfactory PT, not on a questionable one', async () => {
    const { h, users } = await labWithRun(DAY);
    h.setTime(`${DAY}T16:00:00Z`);
    await h.ok(users.labAnalyst, 'reports:CreateReport', report('REP-PT', 'RUN-1', DAY));
    expect((await signedThrough(h, users, 'REP-PT')).state).toBe('VERIFIED');

    const questionable = await h.invoke(
      users.registrar,
      'members:RecordProficiencyTest',
      pt('R-Q', 2.5, '2025-03-03'),
    );
    expect(questionable.ok && questionable.events.map((e) => e.type)).toEqual(['proficiency.recorded']);
    const failed = await h.invoke(
      users.registrar,
      'members:RecordProficiencyTest',
      pt('R-U', -3.2, '2025-03-03'),
    );
    expect(failed.ok && failed.events.map((e) => [e.type, e.subject.id])).toEqual([
      ['recognition.suspended', 'REP-PT'],
      ['proficiency.recorded', 'FAPAS-07/R-U'],
    ]);
    const recognition = await h.ok<RecognitionRecord>(users.brandUser, 'reports:GetRecognition', {
      reportId: 'REP-PT',
    });
    expect(recognition).toMatchObject({
      status: 'RECOGNIZED',
      suspendedAt: '2025-03-03T16:00:06.000Z',
      suspensionCause: 'PT FAPAS-07/R-U unsatisfactory for Pb in botanical',
    });
  });
});
