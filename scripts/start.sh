#!/usr/bin/env bash
# What `npm start` runs after the build: the embedded network in the background with the
# project's chaincode deployed, then the demo scenario.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if node -e "process.exit(require('fs').existsSync('.alliance/run/network.pid') ? 0 : 1)" && scripts/network.sh status >/dev/null 2>&1; then
  echo "the network is already running; showing its status"
  scripts/network.sh status
else
  scripts/network.sh up --detached
fi
echo
echo "The demo scenario is not available yet: the member gateway that runs it is still being built."
echo "The network keeps running in the background; stop it with: scripts/network.sh down"
