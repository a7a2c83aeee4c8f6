#!/usr/bin/env bash
# The project's one test command (`npm test`): build; the jest projects unit (no network), integration and
# reliability (the emulator over real HTTP); the end-to-end suite in a real n8n, once on the oldest and once
# on the newest supported n8n (test/e2e/versions.sh); the browser suite and the queue-mode proof on the oldest.
# Prints each stage as it starts and how long it took; ends with one line of every stage's time and one
# "Tests: N passed, N failed" line for all of them.
# SKIP_E2E=1 (everything that needs a real n8n), SKIP_NEWEST=1, SKIP_BROWSER=1, SKIP_QUEUE=1 leave stages out.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/stage.sh
source test/e2e/versions.sh
mkdir -p .cache
rm -f .cache/jest-*.json
# .ci/run sets it to add its own stages (npm ci, chromium) to the summary.
if [ -z "${STAGE_TIMES_FILE:-}" ]; then
	export STAGE_TIMES_FILE="$PWD/.cache/stage-times.tsv"
	rm -f "$STAGE_TIMES_FILE"
fi
status=0

stage "build" npm run build || exit 1

# Every test file adds what its secret-leak scan looked at; the summary prints the run's total.
export LEAK_SCAN_REPORT="$PWD/.cache/leak-scan.jsonl"
rm -f "$LEAK_SCAN_REPORT"
# The three jest projects one after another (jest.config.js says which file is which), each with its own report.
for project in unit integration reliability; do
	stage "jest $project" npx jest --ci --selectProjects "$project" --json --outputFile=".cache/jest-$project.json" || status=1
done

reports=(.cache/jest-unit.json .cache/jest-integration.json .cache/jest-reliability.json)
if [ "${SKIP_E2E:-}" != "1" ]; then
	versions=("$N8N_OLDEST")
	[ "${SKIP_NEWEST:-}" != "1" ] && [ "$N8N_NEWEST" != "$N8N_OLDEST" ] && versions+=("$N8N_NEWEST")
	for version in "${versions[@]}"; do
		# Node 24 and n8n install once into ~/.cache/n8n-nodes-claude-aws (about 7 minutes per n8n version).
		stage "n8n $version setup" env N8N_VERSION="$version" bash test/e2e/setup-n8n.sh >/dev/null || { status=1; continue; }
		report=".cache/jest-e2e-n8n-$version.json"
		reports+=("$report")
		stage "e2e n8n $version" env N8N_VERSION="$version" E2E_REPORT="$report" bash test/e2e/run.sh || status=1
	done
fi

# n8n's editor in chromium (~4 min on 2 cores); needs Debian's chromium (.ci/run installs it).
if [ "${SKIP_E2E:-}" != "1" ] && [ "${SKIP_BROWSER:-}" != "1" ]; then
	stage "browser n8n $N8N_OLDEST" env N8N_VERSION="$N8N_OLDEST" BROWSER_SKIP_BUILD=1 bash test/browser/run.sh || status=1
	reports+=(.cache/jest-browser.json)
fi

# Queue mode: main + two workers + Redis + PostgreSQL from Debian's packages (~3 min; installs them when missing).
if [ "${SKIP_E2E:-}" != "1" ] && [ "${SKIP_QUEUE:-}" != "1" ]; then
	stage "queue n8n $N8N_OLDEST" env N8N_VERSION="$N8N_OLDEST" bash test/e2e/queue/run-queue-mode.sh || status=1
	reports+=(.cache/jest-queue.json)
fi

node scripts/summarize-tests.js "${reports[@]}"
exit $status
