import { common } from '@hyperledger/fabric-protos';
import { AdminError } from './errors';
import { cloneConfig } from './config-edit';

// The orderer overlays an update on the current config element by element: a write-set element
// counts only when the read set does not hold it at the same version (the "delta"). A group in the
// delta takes its membership from the write set; any other group keeps its current membership.

interface Versioned {
  getVersion(): number;
}

function inDelta(written: Versioned, read: Versioned | undefined): boolean {
  return read === undefined || read.getVersion() !== written.getVersion();
}

/** The part of a protobuf map this file uses. */
interface MapLike<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): unknown;
  forEach(cb: (value: T, key: string) => void): void;
}

function keysOf(m: MapLike<unknown> | undefined): string[] {
  const out: string[] = [];
  m?.forEach((_v, k) => out.push(k));
  return out;
}

/** Overlays one map of values or policies. */
function overlay<T extends Versioned>(
  target: MapLike<T>,
  names: string[],
  written: MapLike<T>,
  read: MapLike<T> | undefined,
  current: MapLike<T> | undefined,
): void {
  for (const name of names) {
    const w = written.get(name);
    const c = current?.get(name);
    if (w && inDelta(w, read?.get(name))) target.set(name, w);
    else if (c) target.set(name, c);
  }
}

function applyGroup(
  current: common.ConfigGroup | undefined,
  written: common.ConfigGroup,
  read: common.ConfigGroup | undefined,
): common.ConfigGroup {
  const rewritten = inDelta(written, read);
  const source = rewritten ? written : current;
  const out = new common.ConfigGroup();
  out.setVersion(source?.getVersion() ?? 0);
  out.setModPolicy(source?.getModPolicy() ?? '');
  const members = (pick: (g: common.ConfigGroup) => MapLike<unknown>): string[] =>
    keysOf(source && pick(source));
  overlay(
    out.getValuesMap(),
    members((g) => g.getValuesMap()),
    written.getValuesMap(),
    read?.getValuesMap(),
    current?.getValuesMap(),
  );
  overlay(
    out.getPoliciesMap(),
    members((g) => g.getPoliciesMap()),
    written.getPoliciesMap(),
    read?.getPoliciesMap(),
    current?.getPoliciesMap(),
  );
  for (const name of members((g) => g.getGroupsMap())) {
    const w = written.getGroupsMap().get(name);
    const c = current?.getGroupsMap().get(name);
    if (w) out.getGroupsMap().set(name, applyGroup(c, w, read?.getGroupsMap().get(name)));
    else if (c) out.getGroupsMap().set(name, c);
  }
  return out;
}

/**
 * The config the channel will have once `update` is applied to `current`: sequence + 1, the
 * write set's changed elements overlaid as the orderer overlays them. Signatures are not checked
 * here (see checkUpdateAuthorization).
 * @throws {@link AdminError} `CONFIG_INVALID` when the update has no write set or the config no channel group
 */
export function applyConfigUpdate(current: common.Config, update: common.ConfigUpdate): common.Config {
  const root = current.getChannelGroup();
  const written = update.getWriteSet();
  if (!root) throw new AdminError('CONFIG_INVALID', 'the current config has no channel group');
  if (!written) throw new AdminError('CONFIG_INVALID', 'the config update has no write set');
  const next = new common.Config();
  next.setSequence(current.getSequence() + 1);
  next.setChannelGroup(applyGroup(root, written, update.getReadSet()));
  return cloneConfig(next);
}
