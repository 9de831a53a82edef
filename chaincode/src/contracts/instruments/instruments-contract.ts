/**
 * The `instruments` contract (rules 6-11): registration, IQ/OQ/PQ, maintenance and
 * configuration changes (which suspend automatically), daily performance checks, manual
 * suspension and retirement, and the qualification state at any instant.
 */
import { AllianceError } from '../../model/errors';
import type { InstrumentRecord, MaintenanceRecord } from '../../model/lab/instrument';
import {
  parseChangeConfigurationInput,
  parseInstrumentReasonInput,
  parseInstrumentRefInput,
  parseInstrumentStateAtInput,
  parseRecordMaintenanceInput,
  parseRecordQualificationInput,
  parseRegisterInstrumentInput,
} from '../../model/lab/instrument-input';
import type { QualificationRecord } from '../../model/lab/qualification';
import { checkEventTime } from '../../rules/lab/chronology';
import { applyStage, checkGroup, retire } from '../../rules/lab/qualification';
import { checkOverrides, evaluateStage } from '../../rules/lab/qualification-tests';
import { INSTRUMENTS_ACCESS } from '../../rules/lab/roles';
import { canonicalJson } from '../../ledger/json';
import { AllianceContract } from '../base';
import type { AllianceContext } from '../context';
import { createOwned } from '../lab-records';
import { recordDailyCheck } from './daily-checks';
import { instrumentKey, maintenanceKey, qualificationKey } from './keys';
import { instrumentStateAt } from './queries';
import { effectiveAt, loadInstrument, loadOwnInstrument, saveInstrument, withStatus } from './records';
import { suspendInstrument } from './suspend';

const SUSPENDING_MAINTENANCE = ['RELOCATION', 'MAJOR_REPAIR'] as const;

/** Contract `instruments`. */
export class InstrumentsContract extends AllianceContract {
  constructor() {
    super('instruments', INSTRUMENTS_ACCESS);
  }

  /** Registers an instrument of the caller's lab (rule 6); it starts REGISTERED. */
  async RegisterInstrument(ctx: AllianceContext): Promise<string> {
    const input = ctx.input(parseRegisterInstrumentInput);
    checkGroup(input.technique, input.uspGroup);
    checkOverrides(input.technique, input.limitOverrides);
    const record: InstrumentRecord = {
      ...input,
      ownerMspId: ctx.caller.mspId,
      qualification: { state: 'REGISTERED' },
      timeline: [{ at: ctx.now, state: 'REGISTERED', reason: 'registered' }],
      version: 1,
      created: ctx.stamp(),
      updated: ctx.stamp(),
    };
    await createOwned(
      ctx,
      instrumentKey(ctx.store, input.instrumentId),
      `instrument ${input.instrumentId}`,
      record,
    );
    ctx.emit(
      'instrument.registered',
      { kind: 'instrument', id: input.instrumentId },
      { technique: input.technique },
    );
    return canonicalJson(record);
  }

  /**
   * Records an IQ, OQ or PQ with every test; the chaincode computes each result and moves the
   * state machine. The stage must run on the software and firmware in use (<1058> 2017).
   */
  async RecordQualification(ctx: AllianceContext): Promise<string> {
    const input = ctx.input(parseRecordQualificationInput);
    const instrument = await loadOwnInstrument(ctx, input.instrumentId);
    const policy = (await ctx.policy()).parameters;
    checkEventTime(input.performedAt, ctx.now, policy, 'performedAt');
    if (
      input.softwareVersion !== instrument.softwareVersion ||
      input.firmwareVersion !== instrument.firmwareVersion
    ) {
      throw new AllianceError(
        'VALIDATION_FAILED',
        'qualification must run on the software and firmware in use',
        {
          issues: [
            {
              path: 'softwareVersion',
              message: `instrument runs ${instrument.softwareVersion} / ${instrument.firmwareVersion}`,
            },
          ],
        },
      );
    }
    const evaluation = evaluateStage(
      instrument.technique,
      input.stage,
      input.tests,
      instrument.limitOverrides,
    );
    const at = effectiveAt(instrument, input.performedAt);
    const status = applyStage(
      instrument.qualification,
      instrument.uspGroup,
      input.stage,
      evaluation.passed,
      at,
      policy,
    );
    const record: QualificationRecord = {
      id: input.qualificationId,
      instrumentId: input.instrumentId,
      stage: input.stage,
      performedAt: input.performedAt,
      softwareVersion: input.softwareVersion,
      firmwareVersion: input.firmwareVersion,
      tests: evaluation.tests,
      documents: input.documents,
      passed: evaluation.passed,
      recorded: ctx.stamp(),
    };
    const key = qualificationKey(ctx.store, input.instrumentId, input.qualificationId);
    await createOwned(ctx, key, `qualification ${input.qualificationId}`, record);
    let next = withStatus(
      instrument,
      status,
      at,
      `${input.stage} ${evaluation.passed ? 'passed' : 'failed'}`,
      input.qualificationId,
    );
    if (evaluation.passed && input.stage !== 'IQ') next = { ...next, lastPassingCheckAt: at };
    if (status.state === 'SUSPENDED' && instrument.qualification.state !== 'SUSPENDED') {
      // A failed OQ/PQ on a qualified instrument: hold what it tested since its last good check.
      const cause = input.stage === 'OQ' ? 'FAILED_OQ' : 'FAILED_PQ';
      next = await suspendInstrument(ctx, next, cause, input.qualificationId, at, `${input.stage} failed`);
    }
    await saveInstrument(ctx, instrument, next);
    ctx.emit(
      'instrument.qualification-recorded',
      { kind: 'instrument', id: input.instrumentId },
      {
        qualificationId: input.qualificationId,
        stage: input.stage,
        passed: evaluation.passed,
      },
    );
    return canonicalJson({ qualification: record, state: next.qualification });
  }

  /** Records maintenance; relocation, major repair and critical part replacement suspend (rule 10). */
  async RecordMaintenance(ctx: AllianceContext): Promise<string> {
    const input = ctx.input(parseRecordMaintenanceInput);
    const instrument = await loadOwnInstrument(ctx, input.instrumentId);
    const { lateEntry } = checkEventTime(
      input.performedAt,
      ctx.now,
      (await ctx.policy()).parameters,
      'performedAt',
    );
    const critical = input.kind === 'PART_REPLACEMENT' && input.critical;
    const suspends = critical || (SUSPENDING_MAINTENANCE as readonly string[]).includes(input.kind);
    const record: MaintenanceRecord = { ...input, suspended: suspends, lateEntry, recorded: ctx.stamp() };
    await createOwned(
      ctx,
      maintenanceKey(ctx.store, input.instrumentId, input.maintenanceId),
      `maintenance ${input.maintenanceId}`,
      record,
    );
    let next: InstrumentRecord =
      input.newLocation === undefined ? instrument : { ...instrument, location: input.newLocation };
    if (suspends) {
      const cause = critical
        ? 'CRITICAL_PART_REPLACEMENT'
        : input.kind === 'RELOCATION'
          ? 'RELOCATION'
          : 'MAJOR_REPAIR';
      next = await suspendInstrument(
        ctx,
        next,
        cause,
        input.maintenanceId,
        input.performedAt,
        input.description,
      );
    }
    await saveInstrument(ctx, instrument, next, input.description);
    ctx.emit(
      'instrument.maintenance-recorded',
      { kind: 'instrument', id: input.instrumentId },
      {
        maintenanceId: input.maintenanceId,
        kind: input.kind,
        suspended: suspends,
      },
    );
    return canonicalJson(record);
  }

  /** Records a software and/or firmware change, which always suspends (OQ must be redone). */
  async ChangeConfiguration(ctx: AllianceContext): Promise<string> {
    const input = ctx.input(parseChangeConfigurationInput);
    const instrument = await loadOwnInstrument(ctx, input.instrumentId);
    checkEventTime(input.changedAt, ctx.now, (await ctx.policy()).parameters, 'changedAt');
    const software = input.softwareVersion ?? instrument.softwareVersion;
    const firmware = input.firmwareVersion ?? instrument.firmwareVersion;
    if (software === instrument.softwareVersion && firmware === instrument.firmwareVersion) {
      throw new AllianceError('VALIDATION_FAILED', 'the versions given are the ones in use', {
        issues: [{ path: 'softwareVersion', message: 'must differ from the version in use' }],
      });
    }
    const cause = software === instrument.softwareVersion ? 'FIRMWARE_CHANGE' : 'SOFTWARE_CHANGE';
    const changed = { ...instrument, softwareVersion: software, firmwareVersion: firmware };
    const next = await suspendInstrument(
      ctx,
      changed,
      cause,
      `${software}/${firmware}`,
      input.changedAt,
      input.reason,
    );
    await saveInstrument(ctx, instrument, next, input.reason);
    return canonicalJson(next);
  }

  /** Records a daily performance check (rule 11); a failed check suspends the instrument. */
  async RecordDailyCheck(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await recordDailyCheck(ctx));
  }

  /** Suspends an instrument by the lab's own decision (requalification from OQ). */
  async SuspendInstrument(ctx: AllianceContext): Promise<string> {
    const { instrumentId, reason } = ctx.input(parseInstrumentReasonInput);
    const instrument = await loadOwnInstrument(ctx, instrumentId);
    const next = await suspendInstrument(ctx, instrument, 'MANUAL', ctx.txId, ctx.now, reason);
    await saveInstrument(ctx, instrument, next, reason);
    return canonicalJson(next);
  }

  /** Retires an instrument for good. */
  async RetireInstrument(ctx: AllianceContext): Promise<string> {
    const { instrumentId, reason } = ctx.input(parseInstrumentReasonInput);
    const instrument = await loadOwnInstrument(ctx, instrumentId);
    const next = withStatus(
      instrument,
      retire(instrument.qualification),
      ctx.now,
      `retired: ${reason}`,
      ctx.txId,
    );
    await saveInstrument(ctx, instrument, next, reason);
    ctx.emit('instrument.retired', { kind: 'instrument', id: instrumentId }, { reason });
    return canonicalJson(next);
  }

  /** One instrument with its timeline. */
  async GetInstrument(ctx: AllianceContext): Promise<string> {
    const { instrumentId } = ctx.input(parseInstrumentRefInput);
    return canonicalJson(await loadInstrument(ctx, instrumentId));
  }

  /** The qualification state at an instant (default: ledger time), DUE_SOON and EXPIRED included. */
  async InstrumentStateAt(ctx: AllianceContext): Promise<string> {
    const { instrumentId, at } = ctx.input(parseInstrumentStateAtInput);
    const when = at === undefined ? ctx.ledgerTime : new Date(at);
    return canonicalJson({
      instrumentId,
      at: when.toISOString(),
      state: await instrumentStateAt(ctx, instrumentId, when),
    });
  }
}
