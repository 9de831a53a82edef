/**
 * The alliance chaincode. fabric-chaincode-node loads `contracts` from here (package.json
 * `main`) both as chaincode-as-a-service (`server`) and in peer mode (`start`).
 */
import 'reflect-metadata';
import { MembersContract } from './contracts/members/members-contract';
import { PolicyContract } from './contracts/policy/policy-contract';
import { ProductsContract } from './contracts/products/products-contract';
import { LotsContract } from './contracts/lots/lots-contract';
import { VerificationsContract } from './contracts/verifications/verifications-contract';
import { VerdictsContract } from './contracts/verdicts/verdicts-contract';
import { InstrumentsContract } from './contracts/instruments/instruments-contract';
import { CalibrationsContract } from './contracts/calibrations/calibrations-contract';
import { RunsContract } from './contracts/runs/runs-contract';
import { ReportsContract } from './contracts/reports/reports-contract';
import { AuditContract } from './contracts/audit/audit-contract';
// Binds the lab area's queries to the supply area's hooks.
import './contracts/reports/lab-binding';

export {
  MembersContract,
  PolicyContract,
  ProductsContract,
  LotsContract,
  VerificationsContract,
  VerdictsContract,
  InstrumentsContract,
  CalibrationsContract,
  RunsContract,
  ReportsContract,
  AuditContract,
};

/** Every contract the chaincode exposes. */
export const contracts = [
  MembersContract,
  PolicyContract,
  ProductsContract,
  LotsContract,
  VerificationsContract,
  VerdictsContract,
  InstrumentsContract,
  CalibrationsContract,
  RunsContract,
  ReportsContract,
  AuditContract,
];
