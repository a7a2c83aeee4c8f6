#!/usr/bin/env bash
# Scale-out proof (`npm run test:queue`): the packed package in n8n's queue mode — one main process and
# two workers sharing PostgreSQL and a Bull queue in Redis (both from Debian's packages, started here on
# 127.0.0.1 in temp folders) — runs the batch and session examples, the two poll triggers and the webhook
# trigger that registers itself, and jest (test/e2e/queue/*.queue.test.ts) checks nothing fires twice,
# nothing is lost, both workers work and the trigger keeps one platform endpoint.
# Expects a built package (`npm run build`). Writes .cache/jest-queue.json and prints the timings.
# E2E_KEEP_RUN_DIR=1 keeps logs, database and Redis folders for a look afterwards.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/queue-lib.sh"
cd "$E2E_REPO"
mkdir -p .cache
rm -f .cache/jest-queue.json

cleanup() {
	queue_stop_processes
	queue_stop_redis
	queue_stop_postgres
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t0=$SECONDS
stage "Redis and PostgreSQL install check" queue_install_servers || exit 1
t_servers_install=$((SECONDS - t0))

t=$SECONDS
stage "n8n setup (${N8N_VERSION:-oldest})" e2e_setup_n8n || exit 1
t_n8n_install=$((SECONDS - t))

t=$SECONDS
queue_package_and_emulator() { e2e_make_run_dir; e2e_pack && e2e_install_package && e2e_start_emulator; }
stage "package and emulator" queue_package_and_emulator || exit 1
t_package=$((SECONDS - t))

t=$SECONDS
stage "PostgreSQL init and start" queue_start_postgres || exit 1
stage "Redis start" queue_start_redis || exit 1
t_servers_start=$((SECONDS - t))

# Imports run n8n's database migrations on the fresh PostgreSQL database.
t=$SECONDS
stage "imports and DB migrations" queue_import || exit 1
t_import=$((SECONDS - t))

# Main and workers start side by side; the workers only wait for the database and Redis.
t=$SECONDS
queue_start_all() { queue_start_worker 1; queue_start_worker 2; queue_start_main && queue_wait_workers && queue_setup_owner; }
stage "main + 2 workers start" queue_start_all || exit 1
t_n8n_start=$((SECONDS - t))
t_setup=$((SECONDS - t0))
e2e_log "queue mode up in ${t_setup}s: main $E2E_N8N_URL, workers ${Q_WORKER_HEALTH_URLS[*]}, PostgreSQL 127.0.0.1:$Q_PG_PORT, Redis 127.0.0.1:$Q_REDIS_PORT (run folder $E2E_RUN_DIR)"

export E2E_PG_PSQL="$Q_PG_BIN/psql" E2E_PG_PORT="$Q_PG_PORT"
t=$SECONDS
stage "queue-mode tests" npx jest --config test/e2e/queue/jest.config.js --ci --runInBand --json --outputFile=.cache/jest-queue.json "$@"
status=$?
t_run=$((SECONDS - t))
if [ $status -ne 0 ]; then
	e2e_log "last lines of the main process's log ($E2E_N8N_LOG):"
	tail -30 "$E2E_N8N_LOG" >&2
fi

t=$SECONDS
cleanup
trap - EXIT
t_teardown=$((SECONDS - t))
cat >&2 <<EOF
[queue] timings (seconds)
[queue]   redis/postgresql install check     $t_servers_install
[queue]   n8n + Node 24 (cached) check        $t_n8n_install
[queue]   pack + install package + emulator   $t_package
[queue]   PostgreSQL init + Redis start       $t_servers_start
[queue]   imports (incl. DB migrations)       $t_import
[queue]   main + 2 workers start + owner      $t_n8n_start
[queue]   set-up total                        $t_setup
[queue]   jest run                            $t_run
[queue]   stop everything                     $t_teardown
[queue]   whole run                           $((SECONDS - t0))
EOF
[ $status -eq 0 ] && [ "${E2E_KEEP_RUN_DIR:-}" != "1" ] && rm -rf "$E2E_RUN_DIR"
exit $status
