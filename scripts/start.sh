#!/usr/bin/env bash
# What `npm start` runs after the build: the embedded network in the background with the
# project's chaincode deployed, then the demo scenario.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if scripts/network.sh status >/dev/null 2>&1 && [[ -f .alliance/run/network.pid ]]; then
  echo "the network is already running:"
  scripts/network.sh status
else
  # Serve the project's chaincode only once it exports contracts (fabric-chaincode-node needs one).
  if node -e "process.exit(require('./chaincode').contracts.length > 0 ? 0 : 1)" 2>/dev/null; then
    scripts/network.sh up --detached
  else
    echo "the project's chaincode exports no contracts yet; starting the network without it"
    scripts/network.sh up --detached --no-chaincode
  fi
fi
echo
echo "The demo scenario is not available yet: the member gateway that runs it is still being built."
echo "The network keeps running in the background; stop it with: scripts/network.sh down"
