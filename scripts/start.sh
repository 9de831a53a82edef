#!/usr/bin/env bash
# What `npm start` runs after the build: the embedded network in the background with the
# project's chaincode deployed, the one-time bootstrap of the alliance registry, then the demo
# story (gateway/src/demo), which makes fresh ids on every run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ALLIANCE="node gateway/dist/cli/main.js"

# `status` exits 0 only when a peer answers, whichever runtime (embedded or fabric) runs it.
if scripts/network.sh status >/dev/null 2>&1; then
  echo "the network is already running:"
  scripts/network.sh status
else
  scripts/network.sh up --detached
fi

# The founding registry comes from the network definition, as written into the profile: each
# org's MSP ID, name and ledger roles. The chaincode refuses a second bootstrap.
founding=$(node -e '
  const profile = require("./.alliance/network.json");
  const members = Object.entries(profile.orgs).map(([name, org]) => ({ mspId: org.mspId, name, roles: org.roles }));
  process.stdout.write(JSON.stringify({ members }));')
echo
echo "bootstrapping the alliance registry as platform/Admin:"
set +e
$ALLIANCE member bootstrap --as platform/Admin -d "$founding"
status=$?
set -e
if [[ $status -eq 2 ]]; then
  echo "(already bootstrapped: the registry and policy document exist)"
elif [[ $status -ne 0 ]]; then
  exit $status
fi

echo
node gateway/dist/demo/main.js --profile .alliance/network.json
