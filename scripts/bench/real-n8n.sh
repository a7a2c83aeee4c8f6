#!/usr/bin/env bash
# Benchmarks inside a real n8n (the e2e harness's pinned n8n 2.40.7, test/e2e/lib.sh): ONE n8n process with
# the packed package installed, ONE emulator (200 ms latency) in its own process, then real-n8n.ts drives it
# over n8n's REST API and prints the JSON row set on stdout. Everything else goes to stderr.
# Expects a built package (scripts/bench.js builds first). Usage: bash scripts/bench/real-n8n.sh [--items 1000]
set -uo pipefail
source "$(dirname "$0")/../../test/e2e/lib.sh"
cd "$E2E_REPO"
trap 'e2e_stop' EXIT
trap 'exit 130' INT TERM
export E2E_EMULATOR_ARGS="--latency 200 --quiet"
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-warn}"
e2e_setup_n8n >&2 || exit 1
e2e_bring_up >&2 || { tail -40 "${E2E_N8N_LOG:-/dev/null}" >&2; exit 1; }
# e2e_start_n8n starts n8n last; its bin is `#!/usr/bin/env node`, so that PID is n8n's main Node process (its CPU per run).
export E2E_N8N_PID="${E2E_PIDS[${#E2E_PIDS[@]}-1]}"
e2e_log "n8n at $E2E_N8N_URL (pid $E2E_N8N_PID), emulator at $E2E_EMULATOR_URL (run folder $E2E_RUN_DIR)"
node -r ts-node/register/transpile-only scripts/bench/real-n8n.ts "$@"
status=$?
e2e_stop
rm -rf "$E2E_RUN_DIR"
exit $status
