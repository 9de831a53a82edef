import {
  parseAccreditationRefInput,
  parseAddMemberInput,
  parseBootstrapInput,
  parseListProficiencyTestsInput,
  parseMemberRefInput,
  parseMemberStatusInput,
  parseRecordAccreditationInput,
  parseRecordProficiencyTestInput,
  parseSetAccreditationStatusInput,
  parseUpdateRolesInput,
  type AccreditationRecord,
  type MemberRecord,
  type ProficiencyTestRecord,
} from '@alliance/chaincode/model';
import type { InputOf, JsonValue } from './model-types';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

/** The contract's transactions, as the facade and the CLI call them. */
export const MEMBERS_TRANSACTIONS = {
  bootstrap: transaction<InputOf<typeof parseBootstrapInput>, JsonValue>(
    'members',
    'Bootstrap',
    'submit',
    parseBootstrapInput,
  ),
  addMember: transaction<InputOf<typeof parseAddMemberInput>, MemberRecord>(
    'members',
    'AddMember',
    'submit',
    parseAddMemberInput,
  ),
  updateRoles: transaction<InputOf<typeof parseUpdateRolesInput>, MemberRecord>(
    'members',
    'UpdateRoles',
    'submit',
    parseUpdateRolesInput,
  ),
  suspend: transaction<InputOf<typeof parseMemberStatusInput>, MemberRecord>(
    'members',
    'SuspendMember',
    'submit',
    parseMemberStatusInput,
  ),
  reinstate: transaction<InputOf<typeof parseMemberStatusInput>, MemberRecord>(
    'members',
    'ReinstateMember',
    'submit',
    parseMemberStatusInput,
  ),
  get: transaction<InputOf<typeof parseMemberRefInput>, MemberRecord>(
    'members',
    'GetMember',
    'evaluate',
    parseMemberRefInput,
  ),
  list: transaction<undefined, MemberRecord[]>('members', 'ListMembers', 'evaluate'),
  recordAccreditation: transaction<InputOf<typeof parseRecordAccreditationInput>, AccreditationRecord>(
    'members',
    'RecordAccreditation',
    'submit',
    parseRecordAccreditationInput,
  ),
  setAccreditationStatus: transaction<InputOf<typeof parseSetAccreditationStatusInput>, AccreditationRecord>(
    'members',
    'SetAccreditationStatus',
    'submit',
    parseSetAccreditationStatusInput,
  ),
  getAccreditation: transaction<InputOf<typeof parseAccreditationRefInput>, AccreditationRecord>(
    'members',
    'GetAccreditation',
    'evaluate',
    parseAccreditationRefInput,
  ),
  listAccreditations: transaction<{ labMspId?: string }, AccreditationRecord[]>(
    'members',
    'ListAccreditations',
    'evaluate',
  ),
  recordProficiencyTest: transaction<InputOf<typeof parseRecordProficiencyTestInput>, ProficiencyTestRecord>(
    'members',
    'RecordProficiencyTest',
    'submit',
    parseRecordProficiencyTestInput,
  ),
  listProficiencyTests: transaction<InputOf<typeof parseListProficiencyTestsInput>, ProficiencyTestRecord[]>(
    'members',
    'ListProficiencyTests',
    'evaluate',
    parseListProficiencyTestsInput,
  ),
} as const;

/** The `members` contract: the registry of member orgs, their accreditations and proficiency tests. */
export class Members {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /** One-time bootstrap of the founding registry and policy v1 (platform admin). */
  bootstrap(input: InputOf<typeof parseBootstrapInput>): Promise<Committed<JsonValue>> {
    return this.#invoker.submit(MEMBERS_TRANSACTIONS.bootstrap, input);
  }
  /** Adds a member org with its roles. */
  addMember(input: InputOf<typeof parseAddMemberInput>): Promise<Committed<MemberRecord>> {
    return this.#invoker.submit(MEMBERS_TRANSACTIONS.addMember, input);
  }
  /** Replaces a member's org roles. */
  updateRoles(input: InputOf<typeof parseUpdateRolesInput>): Promise<Committed<MemberRecord>> {
    return this.#invoker.submit(MEMBERS_TRANSACTIONS.updateRoles, input);
  }
  /** Suspends a member (it keeps no roles while suspended). */
  suspend(input: InputOf<typeof parseMemberStatusInput>): Promise<Committed<MemberRecord>> {
    return this.#invoker.submit(MEMBERS_TRANSACTIONS.suspend, input);
  }
  /** Reinstates a suspended member. */
  reinstate(input: InputOf<typeof parseMemberStatusInput>): Promise<Committed<MemberRecord>> {
    return this.#invoker.submit(MEMBERS_TRANSACTIONS.reinstate, input);
  }
  /** One member by MSP ID. */
  get(input: InputOf<typeof parseMemberRefInput>): Promise<MemberRecord> {
    return this.#invoker.evaluate(MEMBERS_TRANSACTIONS.get, input);
  }
  /** Every member. */
  list(): Promise<MemberRecord[]> {
    return this.#invoker.evaluate(MEMBERS_TRANSACTIONS.list, undefined);
  }
  /** Records a lab's accreditation (registrar). */
  recordAccreditation(
    input: InputOf<typeof parseRecordAccreditationInput>,
  ): Promise<Committed<AccreditationRecord>> {
    return this.#invoker.submit(MEMBERS_TRANSACTIONS.recordAccreditation, input);
  }
  /** Suspends, withdraws or restores an accreditation. */
  setAccreditationStatus(
    input: InputOf<typeof parseSetAccreditationStatusInput>,
  ): Promise<Committed<AccreditationRecord>> {
    return this.#invoker.submit(MEMBERS_TRANSACTIONS.setAccreditationStatus, input);
  }
  /** One accreditation. */
  getAccreditation(input: InputOf<typeof parseAccreditationRefInput>): Promise<AccreditationRecord> {
    return this.#invoker.evaluate(MEMBERS_TRANSACTIONS.getAccreditation, input);
  }
  /** Accreditations of one lab, or of all labs. */
  listAccreditations(input: { labMspId?: string } = {}): Promise<AccreditationRecord[]> {
    return this.#invoker.evaluate(MEMBERS_TRANSACTIONS.listAccreditations, input);
  }
  /** Records a proficiency-test result. */
  recordProficiencyTest(
    input: InputOf<typeof parseRecordProficiencyTestInput>,
  ): Promise<Committed<ProficiencyTestRecord>> {
    return this.#invoker.submit(MEMBERS_TRANSACTIONS.recordProficiencyTest, input);
  }
  /** Proficiency-test results of a lab. */
  listProficiencyTests(
    input: InputOf<typeof parseListProficiencyTestsInput>,
  ): Promise<ProficiencyTestRecord[]> {
    return this.#invoker.evaluate(MEMBERS_TRANSACTIONS.listProficiencyTests, input);
  }
}
