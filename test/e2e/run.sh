#!/usr/bin/env bash
# The end-to-end suite (`npm run test:e2e`, part of `npm test`): installs the packed package into a real,
# pinned n8n, starts the emulator and ONE n8n, imports the ready credential and every examples/*.json,
# then jest (test/e2e/*.e2e.test.ts) drives n8n over its REST API and webhooks.
# N8N_VERSION picks the n8n (a version, "oldest" or "newest", test/e2e/versions.sh; default the oldest).
# Writes .cache/jest-e2e.json, or E2E_REPORT. Prints each stage and its time.
# Expects a built package (npm test builds first; run `npm run build` before calling this alone).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$E2E_REPO"
mkdir -p .cache
E2E_REPORT="${E2E_REPORT:-.cache/jest-e2e.json}"
rm -f "$E2E_REPORT"
trap 'e2e_stop' EXIT
trap 'exit 130' INT TERM

e2e_setup_scanner() {
	E2E_SCANNER_DIR="$(bash test/e2e/setup-scanner.sh | sed -n 's/^SCANNER_DIR=//p')" || return 1
	export E2E_SCANNER_DIR
}

stage "n8n setup (${N8N_VERSION:-oldest})" e2e_setup_n8n || exit 1
version="$("$E2E_N8N_BIN" --version 2>/dev/null | tail -1)"
stage "scanner setup" e2e_setup_scanner || exit 1
stage "n8n $version start (package, emulator, imports, owner)" e2e_bring_up || exit 1
e2e_log "n8n $version at $E2E_N8N_URL with the emulator at $E2E_EMULATOR_URL (run folder $E2E_RUN_DIR)"

stage "e2e tests" npx jest --config test/e2e/jest.config.js --ci --runInBand --json --outputFile="$E2E_REPORT" "$@"
status=$?
if [ $status -ne 0 ]; then
	e2e_log "last lines of n8n's log ($E2E_N8N_LOG):"
	tail -30 "$E2E_N8N_LOG" >&2
fi
e2e_stop
[ $status -eq 0 ] && [ "${E2E_KEEP_RUN_DIR:-}" != "1" ] && rm -rf "$E2E_RUN_DIR"
exit $status
