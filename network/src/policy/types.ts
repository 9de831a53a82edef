/** One signature over some data, by a serialized identity (msp.SerializedIdentity bytes). */
export interface SignedData {
  data: Uint8Array;
  identity: Uint8Array;
  signature: Uint8Array;
}

/** The channel's policy tree (ImplicitMeta over subgroups, signature policies at the leaves). */
export interface PolicyEvaluator {
  /** e.g. '/Channel/Application/Endorsement', '/Channel/Writers'; a path that does not exist is never satisfied. */
  evaluate(path: string, signed: SignedData[]): boolean;
  /** explains a failure: which sub-policies fell short */
  explain(path: string, signed: SignedData[]): string;
  /**
   * Undefined when the signatures satisfy the policy, otherwise the reason in Fabric's words
   * (`implicit policy evaluation failed - 2 sub-policies were satisfied, but this policy requires 3
   * of the 'Admins' sub-policies to be satisfied`).
   */
  failure(path: string, signed: SignedData[]): string | undefined;
  /** True when the policy exists in the channel config. */
  has(path: string): boolean;
}
