import { common } from '@hyperledger/fabric-protos';
import type { ChannelMsps, Identity } from '../identity/types';
import { describeImplicitMeta, describeSignaturePolicy } from './describe';
import { PolicyError } from './errors';
import { signaturePolicySatisfiedBy, validIdentities } from './signature';
import type { PolicyEvaluator, SignedData } from './types';

/** A policy of the channel tree, evaluated against identities whose signatures were already checked. */
interface PolicyNode {
  readonly path: string;
  readonly text: string;
  satisfiedBy(identities: readonly Identity[]): boolean;
  explain(identities: readonly Identity[]): string;
  /** Undefined when satisfied, else Fabric's evaluation error. */
  failure(identities: readonly Identity[]): string | undefined;
}

const ROOT = 'Channel';

function thresholdOf(rule: number, count: number): number {
  if (count === 0) return 0; // Fabric: with no sub-groups, ANY/ALL/MAJORITY are all met.
  if (rule === common.ImplicitMetaPolicy.Rule.ANY) return 1;
  if (rule === common.ImplicitMetaPolicy.Rule.ALL) return count;
  return Math.floor(count / 2) + 1;
}

function missingNode(path: string): PolicyNode {
  return {
    path,
    text: 'missing',
    satisfiedBy: () => false,
    explain: () => `${path} does not exist`,
    failure: () => `no such policy: '${path}'`,
  };
}

class PolicyTree implements PolicyEvaluator {
  private readonly nodes = new Map<string, PolicyNode>();

  constructor(
    config: common.Config,
    private readonly msps: ChannelMsps,
  ) {
    const root = config.getChannelGroup();
    if (!root) throw new PolicyError('MALFORMED_POLICY', 'channel config has no channel group');
    this.addGroup(`/${ROOT}`, root);
  }

  private addGroup(path: string, group: common.ConfigGroup): void {
    const children = [...group.getGroupsMap().entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [name, child] of children) this.addGroup(`${path}/${name}`, child);
    for (const [name, configPolicy] of group.getPoliciesMap().entries()) {
      const policyPath = `${path}/${name}`;
      this.nodes.set(
        policyPath,
        this.nodeFor(
          policyPath,
          configPolicy.getPolicy(),
          children.map(([n]) => `${path}/${n}`),
        ),
      );
    }
  }

  private nodeFor(path: string, policy: common.Policy | undefined, childPaths: string[]): PolicyNode {
    const type = policy?.getType();
    const value = policy?.getValue_asU8() ?? new Uint8Array();
    if (type === common.Policy.PolicyType.SIGNATURE) {
      const envelope = common.SignaturePolicyEnvelope.deserializeBinary(value);
      const text = describeSignaturePolicy(envelope);
      const satisfiedBy = (ids: readonly Identity[]): boolean =>
        signaturePolicySatisfiedBy(envelope, ids, this.msps);
      return {
        path,
        text,
        satisfiedBy,
        explain: (ids) =>
          `${path} ${text} is ${satisfiedBy(ids) ? '' : 'not '}satisfied by the signatures of [${ids.map((i) => i.mspId).join(', ')}]`,
        failure: (ids) => (satisfiedBy(ids) ? undefined : 'signature set did not satisfy policy'),
      };
    }
    if (type === common.Policy.PolicyType.IMPLICIT_META) {
      const meta = common.ImplicitMetaPolicy.deserializeBinary(value);
      const text = describeImplicitMeta(meta);
      // Sub-policies are resolved at evaluation time, after every group has been added.
      const subPaths = childPaths.map((child) => `${child}/${meta.getSubPolicy()}`);
      const threshold = thresholdOf(meta.getRule(), subPaths.length);
      const subNodes = (): PolicyNode[] => subPaths.map((p) => this.nodes.get(p) ?? missingNode(p));
      return {
        path,
        text,
        satisfiedBy: (ids) => {
          let remaining = threshold;
          for (const sub of subNodes()) {
            if (remaining <= 0) break;
            if (sub.satisfiedBy(ids)) remaining--;
          }
          return remaining <= 0;
        },
        explain: (ids) => {
          const results = subNodes().map((sub) => ({ sub, ok: sub.satisfiedBy(ids) }));
          const met = results.filter((r) => r.ok).length;
          const lines = results.map(
            (r) => `  ${r.ok ? 'satisfied' : 'not satisfied'}: ${r.ok ? r.sub.path : r.sub.explain(ids)}`,
          );
          const verdict = met >= threshold ? 'is satisfied' : 'is not satisfied';
          return [
            `${path} ${text} ${verdict}: ${met} of ${subPaths.length} sub-policies satisfied, ${threshold} required`,
            ...lines,
          ].join('\n');
        },
        failure: (ids) => {
          // Fabric counts every satisfied sub-policy before it reports the shortfall.
          const met = subNodes().filter((sub) => sub.satisfiedBy(ids)).length;
          if (met >= threshold) return undefined;
          return `implicit policy evaluation failed - ${met} sub-policies were satisfied, but this policy requires ${threshold} of the '${meta.getSubPolicy()}' sub-policies to be satisfied`;
        },
      };
    }
    return {
      path,
      text: `unsupported type ${String(type)}`,
      satisfiedBy: () => false,
      explain: () => `${path} has an unsupported policy type ${String(type)}`,
      failure: () => `${path} has an unsupported policy type ${String(type)}`,
    };
  }

  /** Absolute paths must start with /Channel/; others are relative to /Channel, as Fabric's policy manager reads them. */
  private resolve(path: string): string {
    return path.startsWith('/') ? path : `/${ROOT}/${path}`;
  }

  has(path: string): boolean {
    return this.nodes.has(this.resolve(path));
  }

  evaluate(path: string, signed: SignedData[]): boolean {
    const node = this.nodes.get(this.resolve(path));
    return node !== undefined && node.satisfiedBy(validIdentities(signed, this.msps));
  }

  failure(path: string, signed: SignedData[]): string | undefined {
    const resolved = this.resolve(path);
    const node = this.nodes.get(resolved) ?? missingNode(resolved);
    return node.failure(validIdentities(signed, this.msps));
  }

  explain(path: string, signed: SignedData[]): string {
    const resolved = this.resolve(path);
    const node = this.nodes.get(resolved) ?? missingNode(resolved);
    return node.explain(validIdentities(signed, this.msps));
  }
}

/** The policy tree of a channel config; verifies each signature once per evaluation. */
export function createPolicyEvaluator(config: common.Config, msps: ChannelMsps): PolicyEvaluator {
  return new PolicyTree(config, msps);
}
