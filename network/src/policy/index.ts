export type { SignedData, PolicyEvaluator } from './types';
export { evaluateSignaturePolicy, validIdentities, signaturePolicySatisfiedBy } from './signature';
export { createPolicyEvaluator } from './tree';
export {
  evaluateApplicationPolicy,
  explainApplicationPolicy,
  decodeApplicationPolicy,
  channelPolicyReference,
  signaturePolicyReference,
} from './application';
export { parseSignaturePolicy, policyMspIds } from './parse';
export { nOutOf, rolePrincipal, signedBy, outOf, envelope, type PrincipalRole } from './build';
export { describeSignaturePolicy, describeImplicitMeta } from './describe';
export { PolicyError, isPolicyError, type PolicyErrorCode } from './errors';
