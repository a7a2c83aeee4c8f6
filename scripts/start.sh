#!/usr/bin/env bash
# `npm start`: a real n8n with this package, a ready credential pointing at the local gateway emulator and
# the example workflows, for trying the nodes without an AWS account. Ctrl+C stops everything.
# Each start is a fresh n8n (new owner, new data) in a temporary folder.
# Environment: N8N_PORT (default 5678), EMULATOR_PORT (default 8787), E2E_OWNER_EMAIL / E2E_OWNER_PASSWORD,
# N8N_VERSION (a version, "oldest" or "newest": test/e2e/versions.sh; default the oldest supported).
set -uo pipefail
source "$(dirname "$0")/../test/e2e/lib.sh"
cd "$E2E_REPO"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

build_quietly() { npm run build >/dev/null || { echo "npm run build failed; run it to see why." >&2; return 1; }; }
stage "build" build_quietly || exit 1
# The first time this installs Node 24 and n8n into ~/.cache/n8n-nodes-claude-aws (about 7 minutes).
stage "n8n setup (${N8N_VERSION:-oldest})" e2e_setup_n8n || exit 1

trap 'echo; echo "Stopping n8n and the emulator..."; e2e_stop; exit 0' INT TERM
trap 'e2e_stop; [ -n "${E2E_RUN_DIR:-}" ] && rm -rf "$E2E_RUN_DIR"' EXIT

E2E_N8N_PORT="${N8N_PORT:-5678}"
port_free "$E2E_N8N_PORT" || E2E_N8N_PORT="$(e2e_free_port)"
E2E_EMULATOR_PORT="${EMULATOR_PORT:-8787}"
port_free "$E2E_EMULATOR_PORT" || E2E_EMULATOR_PORT="$(e2e_free_port)"
export E2E_N8N_PORT E2E_EMULATOR_PORT
stage "emulator and n8n $("$E2E_N8N_BIN" --version 2>/dev/null | tail -1) start (about a minute)" e2e_bring_up || exit 1
e2e_login && e2e_activate_webhook_examples || echo "(could not activate the webhook examples; activate them in the editor)"
# What a user does in the Claude Console: point the platform's webhooks at the Claude on AWS Trigger examples.
node -r ts-node/register/transpile-only test/e2e/triggerWebhooks.ts "$E2E_EMULATOR_URL" "$E2E_N8N_URL" \
	|| echo "(could not register the trigger example's webhook with the emulator)"

cat <<INFO

  n8n with n8n-nodes-claude-aws is running:   $E2E_N8N_URL
  Log in as                                   $E2E_OWNER_EMAIL / $E2E_OWNER_PASSWORD

  The gateway emulator (no AWS account needed) $E2E_EMULATOR_URL
  Credential "Claude Platform on AWS (emulator)" points at it; the example workflows use it:
$(for f in examples/*.json; do node -e 'const w=require(process.argv[1]); console.log("    - " + w.name)' "$E2E_REPO/$f"; done)
  Open one and click "Execute workflow". The agent example answers at:
    curl -X POST $E2E_N8N_URL/webhook/claude-aws-support -H 'content-type: application/json' -d '{"question":"Where is my parcel?"}'
  Ask it to "lookup_order for order_id: 1042" and the emulator's webhook runs the Claude on AWS Trigger example,
  which answers the agent's tool call (see its executions).

  To use your real Claude Platform on AWS account instead: in n8n open Overview > Credentials >
  "Claude Platform on AWS (emulator)" (or create a new "Claude Platform on AWS" credential), choose how to
  authenticate (access keys, a short-term API key, an IAM role, or the host's AWS identity), enter your
  Region and Workspace ID, and CLEAR the Base URL field. In the HTTP Request example, set the URL's host to
  your region's gateway (https://aws-external-anthropic.<region>.api.aws). Pick your own agent and
  environment in the agent example.

  n8n's log: $E2E_N8N_LOG    (data folder: $E2E_RUN_DIR, removed on exit)
  Ctrl+C stops n8n and the emulator.
INFO

wait
