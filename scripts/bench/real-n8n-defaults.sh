#!/usr/bin/env bash
# Only the "1,000 items at default settings" part of real-n8n.sh, repeated (real-n8n-defaults.ts): the same
# harness (ONE n8n 2.40.7 with the packed package, ONE emulator at 200 ms latency). With --profile <file>,
# n8n starts with --inspect (a free port) so that one extra run can be CPU-profiled; the timed runs come first.
# Expects a built package (scripts/bench.js builds first).
# Usage: bash scripts/bench/real-n8n-defaults.sh [--items 1000] [--repeat 3] [--profile /tmp/n8n.cpuprofile]
set -uo pipefail
source "$(dirname "$0")/../../test/e2e/lib.sh"
cd "$E2E_REPO"
trap 'e2e_stop' EXIT
trap 'exit 130' INT TERM
export E2E_EMULATOR_ARGS="--latency 200 --quiet"
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-warn}"
e2e_setup_n8n >&2 || exit 1
# Every Node process of the harness gets an inspector on a port of its own; the script finds n8n's by PID.
[[ " $* " == *" --profile "* ]] && export NODE_OPTIONS="${NODE_OPTIONS:-} --inspect=127.0.0.1:0"
e2e_bring_up >&2 || { tail -40 "${E2E_N8N_LOG:-/dev/null}" >&2; exit 1; }
unset NODE_OPTIONS
# e2e_start_n8n starts n8n last; its bin is `#!/usr/bin/env node`, so that PID is n8n's main Node process.
export E2E_N8N_PID="${E2E_PIDS[${#E2E_PIDS[@]}-1]}" E2E_N8N_LOG
e2e_log "n8n at $E2E_N8N_URL (pid $E2E_N8N_PID), emulator at $E2E_EMULATOR_URL (run folder $E2E_RUN_DIR)"
node -r ts-node/register/transpile-only scripts/bench/real-n8n-defaults.ts "$@"
status=$?
e2e_stop
rm -rf "$E2E_RUN_DIR"
exit $status
