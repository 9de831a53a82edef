#!/usr/bin/env bash
# Network lifecycle for the Safety Alliance Ledger, thin over the network package's command:
#   scripts/network.sh up [--detached] | down | status | deploy <dir> <name> | logs [name]
#   scripts/network.sh add-org <name> [--domain d] [--roles ROLE,...] [--peer-port p]
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
