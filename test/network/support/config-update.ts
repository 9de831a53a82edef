import { randomBytes } from 'node:crypto';
import { signedEnvelope } from '@alliance/network/block';
import { common } from '@alliance/network/protos';
import type { TxSigner } from './envelope';

// The config update builder the tests use: compute_update's read/write set rules, offline
// signatures, and the CONFIG_UPDATE envelope a client broadcasts. Written for the tests only.

type Element = common.ConfigValue | common.ConfigPolicy;

function sameElement(a: Element, b: Element): boolean {
  if (a.getModPolicy() !== b.getModPolicy()) return false;
  // Duck-typed: messages may come from another copy of the protos package.
  if (!('getPolicy' in a) || !('getPolicy' in b))
    return Buffer.from((a as common.ConfigValue).getValue_asU8()).equals(
      (b as common.ConfigValue).getValue_asU8(),
    );
  const p = a.getPolicy();
  const q = b.getPolicy();
  return (
    p?.getType() === q?.getType() &&
    Buffer.from(p?.getValue_asU8() ?? []).equals(q?.getValue_asU8() ?? new Uint8Array())
  );
}

interface MapDelta<T> {
  write: Map<string, T>;
  same: Map<string, T>;
  membersChanged: boolean;
}

function elementsDelta<T extends Element>(
  original: Map<string, T>,
  updated: Map<string, T>,
  make: () => T,
): MapDelta<T> {
  const delta: MapDelta<T> = { write: new Map(), same: new Map(), membersChanged: false };
  for (const [name, before] of original) {
    const after = updated.get(name);
    if (!after) {
      delta.membersChanged = true;
    } else if (sameElement(before, after)) {
      const stub = make();
      stub.setVersion(before.getVersion());
      delta.same.set(name, stub);
    } else {
      const changed = after.cloneMessage() as T;
      changed.setVersion(before.getVersion() + 1);
      delta.write.set(name, changed);
    }
  }
  for (const [name, after] of updated) {
    if (original.has(name)) continue;
    delta.membersChanged = true;
    const added = after.cloneMessage() as T;
    added.setVersion(0);
    delta.write.set(name, added);
  }
  return delta;
}

function toMap<T>(map: { entries(): Iterable<[string, T]> }): Map<string, T> {
  return new Map([...map.entries()]);
}

function versionOnly(version: number): common.ConfigGroup {
  const group = new common.ConfigGroup();
  group.setVersion(version);
  return group;
}

/** [read set, write set, changed] of one group, by configtxlator compute_update's rules. */
function groupUpdate(
  original: common.ConfigGroup,
  updated: common.ConfigGroup,
): [common.ConfigGroup, common.ConfigGroup, boolean] {
  const values = elementsDelta(
    toMap(original.getValuesMap()),
    toMap(updated.getValuesMap()),
    () => new common.ConfigValue(),
  );
  const policies = elementsDelta(
    toMap(original.getPoliciesMap()),
    toMap(updated.getPoliciesMap()),
    () => new common.ConfigPolicy(),
  );
  const readGroups = new Map<string, common.ConfigGroup>();
  const writeGroups = new Map<string, common.ConfigGroup>();
  const sameGroups = new Map<string, common.ConfigGroup>();
  let groupMembersChanged = false;
  const after = toMap(updated.getGroupsMap());
  for (const [name, before] of toMap(original.getGroupsMap())) {
    const child = after.get(name);
    if (!child) {
      groupMembersChanged = true;
      continue;
    }
    const [read, write, changed] = groupUpdate(before, child);
    if (!changed) sameGroups.set(name, read);
    else {
      readGroups.set(name, read);
      writeGroups.set(name, write);
    }
  }
  for (const [name, child] of after) {
    if (original.getGroupsMap().has(name)) continue;
    groupMembersChanged = true;
    writeGroups.set(name, child.cloneMessage());
  }
  const read = versionOnly(original.getVersion());
  const write = versionOnly(original.getVersion());
  const membersChanged =
    values.membersChanged ||
    policies.membersChanged ||
    groupMembersChanged ||
    original.getModPolicy() !== updated.getModPolicy();
  if (!membersChanged) {
    if (values.write.size + policies.write.size + writeGroups.size === 0) return [read, write, false];
  } else {
    for (const [k, v] of values.same) values.write.set(k, v);
    for (const [k, v] of policies.same) policies.write.set(k, v);
    for (const [k, v] of sameGroups) {
      readGroups.set(k, v);
      writeGroups.set(k, v);
    }
    write.setVersion(original.getVersion() + 1);
    write.setModPolicy(updated.getModPolicy());
  }
  for (const [k, v] of readGroups) read.getGroupsMap().set(k, v);
  for (const [k, v] of writeGroups) write.getGroupsMap().set(k, v);
  for (const [k, v] of values.write) write.getValuesMap().set(k, v);
  for (const [k, v] of policies.write) write.getPoliciesMap().set(k, v);
  if (membersChanged) {
    for (const [k, v] of values.same) read.getValuesMap().set(k, v);
    for (const [k, v] of policies.same) read.getPoliciesMap().set(k, v);
  }
  return [read, write, true];
}

/** The ConfigUpdate that turns `original` into `updated` (configtxlator compute_update). */
export function computeConfigUpdate(
  channelId: string,
  original: common.Config,
  updated: common.Config,
): common.ConfigUpdate {
  const [read, write, changed] = groupUpdate(
    original.getChannelGroup() as common.ConfigGroup,
    updated.getChannelGroup() as common.ConfigGroup,
  );
  if (!changed) throw new Error('no differences detected between original and updated config');
  const update = new common.ConfigUpdate();
  update.setChannelId(channelId);
  update.setReadSet(read);
  update.setWriteSet(write);
  return update;
}

/** A ConfigUpdateEnvelope carrying `update` signed by each signer (signature over header || update). */
export function signConfigUpdate(
  update: Uint8Array,
  signers: readonly TxSigner[],
): common.ConfigUpdateEnvelope {
  const envelope = new common.ConfigUpdateEnvelope();
  envelope.setConfigUpdate(update);
  for (const signer of signers) {
    const header = new common.SignatureHeader();
    header.setCreator(signer.serialized);
    header.setNonce(randomBytes(24));
    const headerBytes = header.serializeBinary();
    const signature = new common.ConfigSignature();
    signature.setSignatureHeader(headerBytes);
    signature.setSignature(signer.sign(Buffer.concat([headerBytes, update])));
    envelope.addSignatures(signature);
  }
  return envelope;
}

/** The CONFIG_UPDATE envelope a client broadcasts, signed by `submitter`. */
export function configUpdateTransaction(
  channelId: string,
  updateEnvelope: common.ConfigUpdateEnvelope,
  submitter: TxSigner,
): common.Envelope {
  return signedEnvelope(
    common.HeaderType.CONFIG_UPDATE,
    channelId,
    updateEnvelope.serializeBinary(),
    submitter,
  );
}

/** A copy of `config` with `edit` applied to the copy's channel group. */
export function editConfig(config: common.Config, edit: (root: common.ConfigGroup) => void): common.Config {
  const copy = common.Config.deserializeBinary(config.serializeBinary());
  edit(copy.getChannelGroup() as common.ConfigGroup);
  return copy;
}

/** The Application group of a channel group. */
export function applicationOf(root: common.ConfigGroup): common.ConfigGroup {
  const app = root.getGroupsMap().get('Application');
  if (!app) throw new Error('no Application group');
  return app;
}
