/** The in-memory Fabric-like ledger harness for contract tests. */
export { LedgerHarness, RawArgs, type InvokeResult } from './harness';
export { IdentityFactory, FABRIC_ATTRIBUTE_OID, type TestIdentity } from './identities';
export { MemoryLedger, compareKeys, VALIDATION_PARAMETER } from './memory-ledger';
export { MemoryStub } from './memory-stub';
export { DEFAULT_MEMBERS, allianceUsers, bootstrappedAlliance, type AllianceUsers } from './alliance';
