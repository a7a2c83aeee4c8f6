#!/usr/bin/env bash
# The browser suite (`npm run test:browser`): n8n's editor in Debian's chromium, driven by playwright-core.
# Builds, packs and installs the package into the pinned real n8n (test/e2e/lib.sh), starts the emulator and
# ONE n8n, imports the ready credential, creates the owner account through n8n's REST API, then jest
# (test/browser/*.browser.test.ts) signs in through the form and drives the editor.
# Writes .cache/jest-browser.json; screenshots go to test-artifacts/screenshots/.
# BROWSER_SKIP_BUILD=1: the package is already built (npm test builds first).
# BROWSER_USE_RUNNING=1: use the n8n and emulator named by E2E_N8N_URL etc. (for working on the specs).
set -uo pipefail
source "$(dirname "$0")/../e2e/lib.sh"
cd "$E2E_REPO"
mkdir -p .cache
rm -f .cache/jest-browser.json
trap 'e2e_stop' EXIT
trap 'exit 130' INT TERM

log() { echo "[browser] $*" >&2; }
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
	log "no chromium at $CHROMIUM: apt-get install -y chromium (Debian's package; nothing is downloaded by the suite)"
	exit 1
fi

if [ "${BROWSER_USE_RUNNING:-}" != "1" ]; then
	if [ "${BROWSER_SKIP_BUILD:-}" != "1" ]; then stage "build" npm run build >/dev/null || exit 1; fi
	stage "n8n setup (${N8N_VERSION:-oldest})" e2e_setup_n8n || exit 1
	stage "n8n $("$E2E_N8N_BIN" --version 2>/dev/null | tail -1) start (package, emulator, imports, owner)" e2e_bring_up || exit 1
	log "n8n up at $E2E_N8N_URL with the emulator at $E2E_EMULATOR_URL (run folder $E2E_RUN_DIR)"
fi

# A partial run (spec names as arguments) keeps the other specs' screenshots.
[ $# -eq 0 ] && rm -rf test-artifacts/screenshots
stage "browser specs (chromium)" npx jest --config test/browser/jest.config.js --ci --runInBand --json --outputFile=.cache/jest-browser.json "$@"
status=$?
log "screenshots in test-artifacts/screenshots/"
if [ $status -ne 0 ] && [ -n "${E2E_N8N_LOG:-}" ]; then
	log "last lines of n8n's log ($E2E_N8N_LOG):"
	tail -30 "$E2E_N8N_LOG" >&2
fi
if [ "${BROWSER_USE_RUNNING:-}" != "1" ]; then
	e2e_stop
	[ $status -eq 0 ] && [ "${E2E_KEEP_RUN_DIR:-}" != "1" ] && rm -rf "$E2E_RUN_DIR"
fi
exit $status
