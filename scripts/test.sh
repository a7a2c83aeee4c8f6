#!/usr/bin/env bash
# The project's one test command (`npm test`): build, unit + integration tests against the emulator,
# then the end-to-end suite in a real n8n. Ends with one "N passed, N failed" line for all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache
rm -f .cache/jest-*.json
status=0

npm run build || exit 1

# Every test file adds what its secret-leak scan looked at; the summary prints the run's total.
export LEAK_SCAN_REPORT="$PWD/.cache/leak-scan.jsonl"
rm -f "$LEAK_SCAN_REPORT"
# The three jest projects one after another (jest.config.js says which file is which), each with its own report.
for project in unit integration reliability; do
	npx jest --ci --selectProjects "$project" --json --outputFile=".cache/jest-$project.json" || status=1
done

if [ "${SKIP_E2E:-}" != "1" ]; then
	bash test/e2e/run.sh || status=1
fi

# n8n's editor in chromium (~4 min on 2 cores); needs Debian's chromium (.ci/run installs it).
if [ "${SKIP_E2E:-}" != "1" ] && [ "${SKIP_BROWSER:-}" != "1" ]; then
	BROWSER_SKIP_BUILD=1 bash test/browser/run.sh || status=1
fi

# Queue mode: main + two workers + Redis + PostgreSQL from Debian's packages (~3 min; installs them when missing).
if [ "${SKIP_E2E:-}" != "1" ] && [ "${SKIP_QUEUE:-}" != "1" ]; then
	bash test/e2e/queue/run-queue-mode.sh || status=1
fi

node scripts/summarize-tests.js .cache/jest-unit.json .cache/jest-integration.json .cache/jest-reliability.json .cache/jest-e2e.json .cache/jest-browser.json .cache/jest-queue.json
exit $status
