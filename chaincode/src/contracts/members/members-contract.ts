/**
 * Contract `members`: the member registry (bootstrap and governance), lab accreditations and
 * proficiency-test results. Each transaction takes one JSON object (or none) and returns
 * canonical JSON.
 */
import { canonicalJson } from '../../ledger/json';
import {
  parseAccreditationRefInput,
  parseListAccreditationsInput,
  parseRecordAccreditationInput,
  parseSetAccreditationStatusInput,
} from '../../model/accreditation';
import {
  parseAddMemberInput,
  parseMemberRefInput,
  parseMemberStatusInput,
  parseUpdateRolesInput,
} from '../../model/member';
import { parseListProficiencyTestsInput, parseRecordProficiencyTestInput } from '../../model/proficiency';
import { MEMBERS_ACCESS } from '../../rules/roles';
import { AllianceContract } from '../base';
import type { AllianceContext } from '../context';
import {
  getAccreditation,
  listAccreditations,
  recordAccreditation,
  setAccreditationStatus,
} from './accreditations';
import { proficiencyTestsOf, recordProficiencyTest } from './proficiency';
import { addMember, bootstrap, getMember, listMembers, setMemberStatus, updateRoles } from './registry';

/** The `members` contract. */
export class MembersContract extends AllianceContract {
  constructor() {
    super('members', MEMBERS_ACCESS);
  }

  /** One-time: the founding registry (`{members:[{mspId,name,roles}], parameters?}`) and policy v1. */
  async Bootstrap(ctx: AllianceContext): Promise<string> {
    return bootstrap(ctx);
  }

  /** Adds a member org: `{mspId, name, roles, reason}`. */
  async AddMember(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await addMember(ctx, ctx.input(parseAddMemberInput)));
  }

  /** Replaces a member's roles: `{mspId, roles, reason}`. */
  async UpdateRoles(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await updateRoles(ctx, ctx.input(parseUpdateRolesInput)));
  }

  /** Suspends a member (it holds no roles while suspended): `{mspId, reason}`. */
  async SuspendMember(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await setMemberStatus(ctx, ctx.input(parseMemberStatusInput), 'SUSPENDED'));
  }

  /** Reinstates a suspended member: `{mspId, reason}`. */
  async ReinstateMember(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await setMemberStatus(ctx, ctx.input(parseMemberStatusInput), 'ACTIVE'));
  }

  /** One member: `{mspId}`. */
  async GetMember(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await getMember(ctx, ctx.input(parseMemberRefInput).mspId));
  }

  /** Every member, by MSP ID. */
  async ListMembers(ctx: AllianceContext): Promise<string> {
    ctx.expectNoInput();
    return canonicalJson(await listMembers(ctx));
  }

  /** Records or revises a lab accreditation. */
  async RecordAccreditation(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await recordAccreditation(ctx, ctx.input(parseRecordAccreditationInput)));
  }

  /** Changes an accreditation's status: `{labMspId, body, certificateNumber, status, reason}`. */
  async SetAccreditationStatus(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await setAccreditationStatus(ctx, ctx.input(parseSetAccreditationStatusInput)));
  }

  /** One accreditation: `{labMspId, body, certificateNumber}`. */
  async GetAccreditation(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await getAccreditation(ctx, ctx.input(parseAccreditationRefInput)));
  }

  /** Accreditations of one lab (`{labMspId}`) or of all labs (`{}`). */
  async ListAccreditations(ctx: AllianceContext): Promise<string> {
    const { labMspId } = ctx.optionalInput(parseListAccreditationsInput, {});
    return canonicalJson(await listAccreditations(ctx, labMspId));
  }

  /** Records a PT result: `{labMspId, scheme, round, analyte, matrix, scoreType, score, date}`. */
  async RecordProficiencyTest(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await recordProficiencyTest(ctx, ctx.input(parseRecordProficiencyTestInput)));
  }

  /** PT results of a lab, optionally one sub-field: `{labMspId, analyte?, matrix?}`. */
  async ListProficiencyTests(ctx: AllianceContext): Promise<string> {
    const { labMspId, ...subField } = ctx.input(parseListProficiencyTestsInput);
    return canonicalJson(await proficiencyTestsOf(ctx, labMspId, subField));
  }
}
