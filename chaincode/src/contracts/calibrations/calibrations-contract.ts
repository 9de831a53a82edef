/**
 * The `calibrations` contract (rules 12-14): CRM records, calibrations whose traceability class
 * the chaincode computes from the CRMs and their producers' accreditation on the calibration
 * date, CRM revocation and expiry with their consequences.
 */
import { AllianceError } from '../../model/errors';
import type { CalibrationRecord } from '../../model/lab/calibration';
import {
  parseCalibrationRefInput,
  parseCrmRefInput,
  parseRecordCalibrationInput,
  parseRegisterCrmInput,
  parseRevokeCrmInput,
} from '../../model/lab/calibration-input';
import type { CrmRecord } from '../../model/lab/reference-material';
import { canonicalJson } from '../../ledger/json';
import { isOutOfTolerance } from '../../rules/lab/calibration';
import { checkEventTime } from '../../rules/lab/chronology';
import { CALIBRATIONS_ACCESS } from '../../rules/lab/roles';
import { instantMs } from '../../rules/lab/time';
import { calibrationClass, DEFAULT_AUTHORITIES } from '../../rules/lab/traceability';
import { AllianceContract } from '../base';
import type { AllianceContext } from '../context';
import { loadOwnInstrument, saveInstrument } from '../instruments/records';
import { suspendInstrument } from '../instruments/suspend';
import { createOwned, requireOwner } from '../lab-records';
import { applyCrmConsequences } from './crm-consequences';
import { CALIBRATION_BY_CRM, calibrationKey, crmKey } from './keys';

async function loadCrm(ctx: AllianceContext, crmId: string): Promise<CrmRecord> {
  return ctx.store.mustGet<CrmRecord>(crmKey(ctx.store, crmId), 'NOT_FOUND', `CRM ${crmId}`);
}

/** Contract `calibrations`. */
export class CalibrationsContract extends AllianceContract {
  constructor() {
    super('calibrations', CALIBRATIONS_ACCESS);
  }

  /** Registers a CRM lot the caller's lab holds (rule 12). */
  async RegisterCrm(ctx: AllianceContext): Promise<string> {
    const input = ctx.input(parseRegisterCrmInput);
    const { crmId, ...facts } = input;
    const record: CrmRecord = { id: crmId, ...facts, ownerMspId: ctx.caller.mspId, registered: ctx.stamp() };
    await createOwned(ctx, crmKey(ctx.store, crmId), `CRM ${crmId}`, record);
    ctx.emit(
      'crm.registered',
      { kind: 'crm', id: crmId },
      { catalogueCode: input.catalogueCode, lot: input.lot },
    );
    return canonicalJson(record);
  }

  /** Revokes a CRM: instruments calibrated with it are suspended, lots tested with it held. */
  async RevokeCrm(ctx: AllianceContext): Promise<string> {
    const { crmId, reason } = ctx.input(parseRevokeCrmInput);
    const crm = await loadCrm(ctx, crmId);
    requireOwner(ctx, crm.ownerMspId, `CRM ${crmId}`);
    if (crm.revoked !== undefined)
      throw new AllianceError('INVALID_STATE', `CRM ${crmId} is already revoked`);
    await ctx.store.put(crmKey(ctx.store, crmId), { ...crm, revoked: ctx.stamp(reason) });
    const consequences = await applyCrmConsequences(ctx, crmId, 'CRM_REVOKED', reason);
    ctx.emit('crm.revoked', { kind: 'crm', id: crmId }, { reason, ...consequences });
    return canonicalJson(consequences);
  }

  /** Records that a CRM has expired: instruments whose current calibration used it are suspended. */
  async RecordCrmExpiry(ctx: AllianceContext): Promise<string> {
    const { crmId } = ctx.input(parseCrmRefInput);
    const crm = await loadCrm(ctx, crmId);
    requireOwner(ctx, crm.ownerMspId, `CRM ${crmId}`);
    if (instantMs(ctx.now) <= instantMs(crm.expiresAt) || crm.expiryRecorded !== undefined) {
      throw new AllianceError(
        'INVALID_STATE',
        `CRM ${crmId} has not expired or its expiry is already recorded`,
      );
    }
    await ctx.store.put(crmKey(ctx.store, crmId), { ...crm, expiryRecorded: ctx.stamp('expired') });
    const consequences = await applyCrmConsequences(ctx, crmId, 'CRM_EXPIRED', `CRM ${crmId} expired`);
    ctx.emit('crm.expired', { kind: 'crm', id: crmId }, { ...consequences });
    return canonicalJson(consequences);
  }

  /**
   * Records a calibration. The class (T1/T2/T3) is computed here; a CRM expired on the
   * calibration date is refused (rule 18); an out-of-tolerance calibration suspends (rule 10).
   */
  async RecordCalibration(ctx: AllianceContext): Promise<string> {
    const input = ctx.input(parseRecordCalibrationInput);
    const instrument = await loadOwnInstrument(ctx, input.instrumentId);
    const policy = (await ctx.policy()).parameters;
    checkEventTime(input.calibratedAt, ctx.now, policy, 'calibratedAt');
    const crms: CrmRecord[] = [];
    for (const [i, crmId] of input.crmIds.entries()) {
      const crm = await loadCrm(ctx, crmId);
      requireOwner(ctx, crm.ownerMspId, `CRM ${crmId}`);
      if (instantMs(crm.expiresAt) < instantMs(input.calibratedAt)) {
        throw new AllianceError('CHRONOLOGY_VIOLATION', `CRM ${crmId} expired before the calibration`, {
          issues: [{ path: `crmIds.${i}`, message: 'CRM expiry must not be before the calibration date' }],
        });
      }
      crms.push(crm);
    }
    const verdict = calibrationClass(crms, input.calibratedAt, DEFAULT_AUTHORITIES);
    const outOfTolerance = isOutOfTolerance(input.points);
    const record: CalibrationRecord = {
      id: input.calibrationId,
      instrumentId: input.instrumentId,
      crmIds: input.crmIds,
      calibratedAt: input.calibratedAt,
      dueAt: input.dueAt,
      points: input.points,
      outOfTolerance,
      traceability: { ...verdict, assessedAt: ctx.now },
      ownerMspId: ctx.caller.mspId,
      recorded: ctx.stamp(),
    };
    await createOwned(
      ctx,
      calibrationKey(ctx.store, input.calibrationId),
      `calibration ${input.calibrationId}`,
      record,
    );
    for (const crmId of input.crmIds) {
      const indexKey = ctx.store.key(CALIBRATION_BY_CRM, [crmId, input.calibrationId]);
      await createOwned(ctx, indexKey, 'calibration index entry', {
        calibrationId: input.calibrationId,
        instrumentId: input.instrumentId,
      });
    }
    const next = outOfTolerance
      ? await suspendInstrument(
          ctx,
          instrument,
          'CALIBRATION_OUT_OF_TOLERANCE',
          input.calibrationId,
          input.calibratedAt,
          'calibration out of tolerance',
        )
      : { ...instrument, currentCalibrationId: input.calibrationId };
    await saveInstrument(ctx, instrument, next);
    ctx.emit(
      'calibration.recorded',
      { kind: 'calibration', id: input.calibrationId },
      {
        instrumentId: input.instrumentId,
        traceabilityClass: verdict.traceabilityClass,
        outOfTolerance,
      },
    );
    return canonicalJson(record);
  }

  /** One CRM. */
  async GetCrm(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await loadCrm(ctx, ctx.input(parseCrmRefInput).crmId));
  }

  /** One calibration. */
  async GetCalibration(ctx: AllianceContext): Promise<string> {
    const { calibrationId } = ctx.input(parseCalibrationRefInput);
    return canonicalJson(
      await ctx.store.mustGet<CalibrationRecord>(
        calibrationKey(ctx.store, calibrationId),
        'NOT_FOUND',
        `calibration ${calibrationId}`,
      ),
    );
  }
}
