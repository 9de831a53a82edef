/**
 * What every chapter of the demo shares: the actors, the narrator, the ids and clock of this run,
 * the evidence writer, and the facts earlier chapters established (the lot, the batch, ...).
 */
import type { AllianceClient } from '../contracts/alliance-client';
import type { Committed } from '../contracts/typed-invoker';
import type { Actor, Actors } from './actors';
import { peerLedgerSource } from '../verify/ledger-source';
import { awaitBlockOnPeers } from './peer-sync';
import type { EvidenceWriter } from './evidence-files';
import type { DemoIds } from './ids';
import type { Narrator } from './narrator';
import type { Timeline } from './timeline';

/** One identity per org, to ask each org's peer for its height. */
const ONE_PER_ORG: readonly Actor[] = ['auditor', 'supplier', 'brandUser', 'labAnalyst', 'verifierAnalyst'];

/** Facts the story establishes as it goes. */
export interface StoryFacts {
  lotId?: string;
  batchId?: string;
  /** The tx id of one transaction per org, for the closing verification. */
  readonly txByOrg: Map<string, string>;
}

/** The shared context of the chapters. */
export interface Story {
  readonly actors: Actors;
  readonly narrator: Narrator;
  readonly ids: DemoIds;
  readonly time: Timeline;
  readonly evidence: EvidenceWriter;
  readonly facts: StoryFacts;
  /**
   * Runs one submit as `actor`, prints it with its tx id and block, and remembers it.
   * @param step - short step name (`lot.register`)
   * @param what - what happened, for people
   */
  act<R>(
    actor: Actor,
    step: string,
    what: string,
    call: (client: AllianceClient) => Promise<Committed<R>>,
  ): Promise<R>;
  /** Reads as `actor` (no transaction). */
  read<R>(actor: Actor, call: (client: AllianceClient) => Promise<R>): Promise<R>;
}

/** Builds the story context. */
export function newStory(parts: Omit<Story, 'act' | 'read' | 'facts'>): Story {
  const facts: StoryFacts = { txByOrg: new Map() };
  return {
    ...parts,
    facts,
    act: async (actor, step, what, call) => {
      const committed = await call(parts.actors.client(actor));
      // The next step may be endorsed on any org's peer: let them all commit this block first.
      await awaitBlockOnPeers(
        ONE_PER_ORG.map((a) => peerLedgerSource(parts.actors.client(a).connection)),
        committed.blockNumber,
      );
      const org = parts.actors.name(actor).split('/')[0] ?? actor;
      if (!facts.txByOrg.has(org)) facts.txByOrg.set(org, committed.txId);
      return parts.narrator.committed(step, parts.actors.name(actor), what, committed);
    },
    read: (actor, call) => call(parts.actors.client(actor)),
  };
}

/** The lot id established by the supply chapter. */
export function lotOf(story: Story): string {
  if (story.facts.lotId === undefined) throw new Error('the lot is not registered yet');
  return story.facts.lotId;
}
