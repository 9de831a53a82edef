/**
 * The alliance's story end to end, as a library function: `npm start` runs it on the fresh
 * network, the integration test asserts on what it returns, and the auditor replays its ledger.
 * Every step goes through the public facades with the acting org's own identity.
 */
import { dirname, join, relative, resolve } from 'node:path';
import type { RecognitionRecord } from '@alliance/chaincode/model/lab/report';
import type { Verdict, VerificationOutcomeRecord } from '@alliance/chaincode/model';
import { DEFAULT_PROFILE_PATH } from '../connect/profile';
import { peerLedgerSource } from '../verify/ledger-source';
import { connectActors } from './actors';
import { calibrations } from './chapters/calibrations';
import { governance } from './chapters/governance';
import { instruments } from './chapters/instruments';
import { releaseAndMake } from './chapters/release';
import { reports } from './chapters/reports';
import { revocation, type RevocationOutcome } from './chapters/revocation';
import { runs } from './chapters/runs';
import { supply } from './chapters/supply';
import { verification } from './chapters/verification';
import { verifyEachOrg, type OrgVerification } from './chapters/verify';
import { newEvidenceWriter } from './evidence-files';
import { demoIds, type DemoIds } from './ids';
import { newNarrator, type DemoTransaction } from './narrator';
import { nextSteps } from './next-steps';
import { newStory } from './story';
import { newTimeline } from './timeline';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** The connection profile (default `.alliance/network.json`). */
  readonly profile?: string;
  /** Where raw-data and document files go (default `demo/` beside the profile). */
  readonly evidenceDir?: string;
  /** Where the story is printed (default stdout); pass `() => undefined` for silence. */
  readonly write?: (line: string) => void;
  /** The wall clock (default `new Date()`). */
  readonly clock?: () => Date;
}

/** What one demo run did. */
export interface DemoResult {
  readonly ids: DemoIds;
  readonly lotId: string;
  readonly batchId: string;
  /** Every committed transaction, in order, with its step, actor, tx id and block. */
  readonly transactions: readonly DemoTransaction[];
  readonly recognitions: readonly RecognitionRecord[];
  readonly verification: VerificationOutcomeRecord;
  /** The batch's verdict right after it was made. */
  readonly batchVerdict: Verdict;
  readonly revocation: RevocationOutcome;
  /** One verified transaction per org. */
  readonly orgVerifications: readonly OrgVerification[];
  readonly evidenceDir: string;
}

/**
 * Runs the story on the network of `options.profile`. Ids are fresh per run (from the block
 * height), so it can run again on the same network.
 * @throws the library's typed errors when a step is refused (the story stops there)
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const profilePath = resolve(options.profile ?? DEFAULT_PROFILE_PATH);
  using actors = connectActors(profilePath);
  const height = await peerLedgerSource(actors.client('auditor').connection).height();
  const ids = demoIds(height);
  const narrator = newNarrator(options.write);
  const evidence = newEvidenceWriter(options.evidenceDir ?? join(dirname(profilePath), 'demo'), ids.suffix);
  const story = newStory({ actors, narrator, ids, time: newTimeline(options.clock), evidence });
  const shownDir = relative(process.cwd(), evidence.dir) || '.';
  narrator.line(
    `The Safety Alliance story, run ${ids.suffix} (channel height ${height.toString()}); evidence files in ${shownDir}`,
  );

  await governance(story);
  await supply(story);
  await instruments(story);
  await calibrations(story);
  const files = await runs(story);
  const recognitions = await reports(story, files);
  const outcome = await verification(story);
  const batchVerdict = await releaseAndMake(story);
  const revoked = await revocation(story);
  const orgVerifications = await verifyEachOrg(story, profilePath);

  const { lotId, batchId } = story.facts;
  if (lotId === undefined || batchId === undefined)
    throw new Error('the story ended without its lot and batch');
  for (const line of nextSteps(ids, lotId, batchId, shownDir)) narrator.line(line);
  return {
    ids,
    lotId,
    batchId,
    transactions: narrator.transactions,
    recognitions,
    verification: outcome,
    batchVerdict,
    revocation: revoked,
    orgVerifications,
    evidenceDir: evidence.dir,
  };
}
