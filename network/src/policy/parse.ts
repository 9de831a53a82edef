import { type common, msp } from '@hyperledger/fabric-protos';
import { type PrincipalRole, envelope, isPrincipalRole, outOf, rolePrincipal, signedBy } from './build';
import { PolicyError } from './errors';

/**
 * The Fabric signature policy language: `OR('A.member', AND('B.peer', 'C.admin'))`,
 * `OutOf(2, 'A.member', 'B.member', 'C.member')`. Gates are AND/And/and, OR/Or/or and
 * OutOf/outof/OUTOF; a principal is `'<MSP id>.<member|admin|client|peer|orderer>'`.
 */

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: '(' | ')' | ','; at: number };

interface Gate {
  kind: 'gate';
  n: number;
  args: Node[];
}
type Node = { kind: 'principal'; mspId: string; role: PrincipalRole } | Gate;

const GATES: Record<string, 'and' | 'or' | 'outof'> = {
  AND: 'and',
  And: 'and',
  and: 'and',
  OR: 'or',
  Or: 'or',
  or: 'or',
  OutOf: 'outof',
  outof: 'outof',
  OUTOF: 'outof',
};

// Fabric's principal pattern: the MSP id is everything before the last '.<role>'.
const PRINCIPAL = /^([A-Za-z0-9.-]+)\.(admin|member|client|peer|orderer)$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, at: i });
      i++;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw syntax(text, i, 'unterminated string');
      tokens.push({ kind: 'string', text: text.slice(i + 1, end), at: i });
      i = end + 1;
    } else {
      const match = /^[A-Za-z]+|^[0-9]+/.exec(text.slice(i));
      if (!match) throw syntax(text, i, `unexpected character '${c}'`);
      const word = match[0];
      tokens.push(
        /^[0-9]/.test(word)
          ? { kind: 'number', value: Number(word), at: i }
          : { kind: 'word', text: word, at: i },
      );
      i += word.length;
    }
  }
  return tokens;
}

function syntax(text: string, at: number, message: string): PolicyError {
  return new PolicyError('POLICY_SYNTAX', `invalid policy "${text}" at ${at}: ${message}`);
}

/** Recursive descent over the tokens; one instance per parse. */
class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parseAll(): Node {
    const node = this.expression();
    const extra = this.tokens[this.pos];
    if (extra) throw syntax(this.text, extra.at, 'unexpected text after the policy');
    return node;
  }

  private next(): Token {
    const token = this.tokens[this.pos++];
    if (!token) throw syntax(this.text, this.text.length, 'unexpected end of policy');
    return token;
  }

  private expect(kind: '(' | ')' | ','): void {
    const token = this.next();
    if (token.kind !== kind) throw syntax(this.text, token.at, `expected '${kind}'`);
  }

  private expression(): Node {
    const token = this.next();
    if (token.kind === 'string') return this.principal(token.text, token.at);
    if (token.kind !== 'word')
      throw syntax(this.text, token.at, 'expected a gate (AND, OR, OutOf) or a quoted principal');
    const gate = GATES[token.text];
    if (!gate) throw syntax(this.text, token.at, `unknown gate '${token.text}'`);
    this.expect('(');
    let n = 0;
    if (gate === 'outof') {
      const count = this.next();
      if (count.kind !== 'number') throw syntax(this.text, count.at, 'OutOf needs a number first');
      n = count.value;
      this.expect(',');
    }
    const args = [this.expression()];
    for (let t = this.next(); t.kind !== ')'; t = this.next()) {
      if (t.kind !== ',') throw syntax(this.text, t.at, "expected ',' or ')'");
      args.push(this.expression());
    }
    if (gate === 'and') n = args.length;
    if (gate === 'or') n = 1;
    if (n > args.length)
      throw syntax(this.text, token.at, `OutOf(${n}, ...) has only ${args.length} sub-policies`);
    return { kind: 'gate', n, args };
  }

  private principal(text: string, at: number): Node {
    const match = PRINCIPAL.exec(text);
    const [, mspId, role] = match ?? [];
    if (mspId === undefined || role === undefined || !isPrincipalRole(role)) {
      throw syntax(
        this.text,
        at,
        `'${text}' is not a principal '<MSP id>.<member|admin|client|peer|orderer>'`,
      );
    }
    return { kind: 'principal', mspId, role };
  }
}

/**
 * Numbers principals as Fabric's parser does: a gate's nested gates are built before its own
 * principals, so the identities list is in post-order. Keeping this order makes our policy bytes
 * equal to the ones `peer` and `configtxgen` produce for the same text.
 */
function compile(gate: Gate, identities: msp.MSPPrincipal[]): common.SignaturePolicy {
  const nested = gate.args.map((arg) => (arg.kind === 'gate' ? compile(arg, identities) : undefined));
  const rules = gate.args.map((arg, i) => {
    if (arg.kind === 'gate') return nested[i] as common.SignaturePolicy;
    identities.push(rolePrincipal(arg.mspId, arg.role));
    return signedBy(identities.length - 1);
  });
  return outOf(gate.n, rules);
}

/** Parses a Fabric signature policy string into a SignaturePolicyEnvelope; throws PolicyError POLICY_SYNTAX. */
export function parseSignaturePolicy(text: string): common.SignaturePolicyEnvelope {
  const root = new Parser(text, tokenize(text)).parseAll();
  if (root.kind !== 'gate') throw syntax(text, 0, "a policy starts with a gate, e.g. OR('Org1MSP.member')");
  const identities: msp.MSPPrincipal[] = [];
  const rule = compile(root, identities);
  return envelope(rule, identities);
}

/** The distinct MSP ids a policy string names, for checking them against the network's orgs. */
export function policyMspIds(text: string): string[] {
  const identities = parseSignaturePolicy(text).getIdentitiesList();
  return [
    ...new Set(
      identities.map((p) => msp.MSPRole.deserializeBinary(p.getPrincipal_asU8()).getMspIdentifier()),
    ),
  ];
}
