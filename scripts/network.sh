#!/usr/bin/env bash
# Network lifecycle for the Safety Alliance Ledger, thin over the network package's command:
#   scripts/network.sh up [--detached] [--runtime embedded|fabric] | down [--wipe] | status
#                      | deploy <dir> <name> [--version v] | logs [name]
# --runtime fabric (or ALLIANCE_RUNTIME=fabric) runs real Fabric 2.5 peer and orderer binaries,
# found in $FABRIC_BIN or on the PATH, as processes on 127.0.0.1; no Docker.
#   scripts/network.sh add-org <name> [--domain d] [--roles ROLE,...] [--peer-port p]
# add-org on a running network starts the new org's peer, which joins once a config update adds
# the org; on the fabric runtime the org then also installs and approves the chaincode in force.
# State (crypto material, ledgers, pid files, logs, the connection profile network.json)
# lives in .alliance/ at the repository root.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CLI="network/dist/cli/main.js"
if [[ ! -f "$CLI" ]]; then
  echo "building the network package first (npm run build)..." >&2
  npm run --silent build >&2
fi
exec node "$CLI" "$@"
