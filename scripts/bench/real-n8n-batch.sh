#!/usr/bin/env bash
# Batches > Create From Items with 100,000 items inside a real n8n (the e2e harness's n8n 2.40.7,
# test/e2e/lib.sh): for each variant (the prompt {{ $json.prompt }}, the prompt a fixed text, n8n's Edit
# Fields node instead of ours, the Code node alone) a FRESH n8n process with the packed package and ONE emulator in its own process
# (no added latency); real-n8n-batch.ts drives it over n8n's REST API while sampling the n8n main process's RSS
# (E2E_N8N_PID), then combines the three into the JSON row set on stdout; everything else goes to stderr.
# A fresh n8n per variant: a run reuses the heap pages an earlier run in the same process grew.
# Expects a built package (scripts/bench.js builds first). Usage: bash scripts/bench/real-n8n-batch.sh [--items 100000]
set -uo pipefail
source "$(dirname "$0")/../../test/e2e/lib.sh"
cd "$E2E_REPO"
OUT_DIR="$(mktemp -d "${TMPDIR:-/tmp}/real-n8n-batch.XXXXXX")"
trap 'e2e_stop; rm -rf "$OUT_DIR"' EXIT
trap 'exit 130' INT TERM
export E2E_EMULATOR_ARGS="--quiet"
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-warn}"
e2e_setup_n8n >&2 || exit 1
for variant in expression constant set code; do
	e2e_bring_up >&2 || { tail -40 "${E2E_N8N_LOG:-/dev/null}" >&2; exit 1; }
	# e2e_start_n8n starts n8n last; its bin is `#!/usr/bin/env node`, so that PID is n8n's main Node process.
	export E2E_N8N_PID="${E2E_PIDS[${#E2E_PIDS[@]}-1]}"
	e2e_log "$variant: n8n at $E2E_N8N_URL (pid $E2E_N8N_PID), emulator at $E2E_EMULATOR_URL (run folder $E2E_RUN_DIR)"
	node -r ts-node/register/transpile-only scripts/bench/real-n8n-batch.ts --variant "$variant" --out "$OUT_DIR/$variant.json" "$@" >&2
	status=$?
	e2e_stop
	rm -rf "$E2E_RUN_DIR"
	[ "$status" -eq 0 ] || exit "$status"
done
node -r ts-node/register/transpile-only scripts/bench/real-n8n-batch.ts --combine "$OUT_DIR" "$@"
