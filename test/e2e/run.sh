#!/usr/bin/env bash
# The end-to-end suite (`npm run test:e2e`, part of `npm test`): installs the packed package into a real,
# pinned n8n, starts the emulator and ONE n8n, imports the ready credential and every examples/*.json,
# then jest (test/e2e/*.e2e.test.ts) drives n8n over its REST API and webhooks. Writes .cache/jest-e2e.json.
# Expects a built package (npm test builds first; run `npm run build` before calling this alone).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$E2E_REPO"
mkdir -p .cache
rm -f .cache/jest-e2e.json
trap 'e2e_stop' EXIT
trap 'exit 130' INT TERM

t0=$SECONDS
e2e_setup_n8n || exit 1
t_setup=$((SECONDS - t0))
e2e_log "n8n $("$E2E_N8N_BIN" --version 2>/dev/null | tail -1) ready in ${t_setup}s"

E2E_SCANNER_DIR="$(bash test/e2e/setup-scanner.sh | sed -n 's/^SCANNER_DIR=//p')" || exit 1
export E2E_SCANNER_DIR

t1=$SECONDS
e2e_bring_up || exit 1
e2e_log "package installed, n8n up at $E2E_N8N_URL with the emulator at $E2E_EMULATOR_URL in $((SECONDS - t1))s (run folder $E2E_RUN_DIR)"

t2=$SECONDS
npx jest --config test/e2e/jest.config.js --ci --runInBand --json --outputFile=.cache/jest-e2e.json "$@"
status=$?
e2e_log "e2e tests took $((SECONDS - t2))s (whole e2e run $((SECONDS - t0))s)"
if [ $status -ne 0 ]; then
	e2e_log "last lines of n8n's log ($E2E_N8N_LOG):"
	tail -30 "$E2E_N8N_LOG" >&2
fi
e2e_stop
[ $status -eq 0 ] && [ "${E2E_KEEP_RUN_DIR:-}" != "1" ] && rm -rf "$E2E_RUN_DIR"
exit $status
