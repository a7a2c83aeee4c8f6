# Shell functions for n8n's queue mode on top of test/e2e/lib.sh (source lib.sh first): a private
# PostgreSQL and Redis (Debian's packages) on 127.0.0.1 in a temp folder, then one `n8n start` (main)
# and `n8n worker` processes that share the database, the Bull queue in Redis and ONE N8N_USER_FOLDER
# (so the workers load the community package from the same place as the main process).
# Every process gets its own ports and its own event-log file. Bash only.

Q_WORKER_LOGS=()
Q_WORKER_HEALTH_URLS=()

# Installs redis-server / postgresql from Debian's packages when missing (needs root, like CI).
queue_install_servers() {
	local missing=()
	command -v redis-server >/dev/null || missing+=(redis-server)
	queue_pg_bin >/dev/null 2>&1 || missing+=(postgresql)
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		e2e_log "missing ${missing[*]}: install them (apt-get install -y ${missing[*]}) or run as root"
		return 1
	fi
	e2e_log "installing ${missing[*]} from Debian's packages"
	apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null
}

# The newest installed PostgreSQL's bin folder (Debian keeps them under /usr/lib/postgresql/<major>/bin).
queue_pg_bin() {
	local dir
	dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
	[ -n "$dir" ] && [ -x "$dir/initdb" ] || return 1
	echo "$dir"
}

# Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root), else as us.
queue_as_pg() {
	if [ "$(id -u)" = 0 ]; then
		su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
	else
		"$@"
	fi
}

# A throw-away cluster on 127.0.0.1:$Q_PG_PORT, socket and data in their own temp folder (the run
# folder is private to root, which postgres could not enter). Durability is off: test data only.
queue_start_postgres() {
	local bin
	bin="$(queue_pg_bin)" || { e2e_log "no PostgreSQL found under /usr/lib/postgresql"; return 1; }
	Q_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/n8n-queue-pg.XXXXXX")"
	Q_PG_PORT="$(e2e_free_port)"
	[ "$(id -u)" = 0 ] && chown postgres: "$Q_PG_DIR"
	queue_as_pg "$bin/initdb" -D "$Q_PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$E2E_RUN_DIR/initdb.log" 2>&1 \
		|| { e2e_log "initdb failed:"; tail -20 "$E2E_RUN_DIR/initdb.log" >&2; return 1; }
	queue_as_pg "$bin/pg_ctl" -D "$Q_PG_DIR/data" -l "$Q_PG_DIR/postgres.log" -w -t 60 start \
		-o "-p $Q_PG_PORT -c listen_addresses=127.0.0.1 -k $Q_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		>/dev/null || { e2e_log "PostgreSQL did not start:"; tail -20 "$Q_PG_DIR/postgres.log" >&2; return 1; }
	Q_PG_BIN="$bin"
	"$bin/createdb" -h 127.0.0.1 -p "$Q_PG_PORT" -U postgres n8n || return 1
	export Q_PG_PORT Q_PG_DIR Q_PG_BIN
}

queue_stop_postgres() {
	[ -n "${Q_PG_DIR:-}" ] && [ -d "$Q_PG_DIR/data" ] || return 0
	queue_as_pg "$Q_PG_BIN/pg_ctl" -D "$Q_PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
	[ "${E2E_KEEP_RUN_DIR:-}" = 1 ] || rm -rf "$Q_PG_DIR"
}

# Redis on 127.0.0.1:$Q_REDIS_PORT, no persistence, daemonized with a pid file we stop it by.
queue_start_redis() {
	Q_REDIS_PORT="$(e2e_free_port)"
	Q_REDIS_DIR="$E2E_RUN_DIR/redis"
	mkdir -p "$Q_REDIS_DIR"
	redis-server --port "$Q_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
		--dir "$Q_REDIS_DIR" --pidfile "$Q_REDIS_DIR/redis.pid" --logfile "$Q_REDIS_DIR/redis.log" || return 1
	local i
	for i in $(seq 1 50); do
		redis-cli -p "$Q_REDIS_PORT" ping 2>/dev/null | grep -q PONG && { export Q_REDIS_PORT; return 0; }
		sleep 0.1
	done
	e2e_log "Redis did not answer on port $Q_REDIS_PORT"
	return 1
}

queue_stop_redis() {
	local pid
	pid="$(cat "${Q_REDIS_DIR:-/nonexistent}/redis.pid" 2>/dev/null)" || return 0
	kill "$pid" 2>/dev/null || true
}

# lib.sh's n8n environment plus queue mode: Postgres, Bull on Redis, manual runs offloaded to workers
# (n8n 2.x runs them on main unless told; 3.x will always offload).
queue_n8n_env() {
	e2e_n8n_env
	export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT="$Q_PG_PORT"
	export DB_POSTGRESDB_DATABASE=n8n DB_POSTGRESDB_USER=postgres DB_POSTGRESDB_PASSWORD=
	export EXECUTIONS_MODE=queue QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT="$Q_REDIS_PORT"
	export OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true
	# JSON lines carry the metadata: the worker ID of every finished job in main's log, the execution ID
	# of every job in the worker's.
	export N8N_LOG_FORMAT=json
	unset DB_SQLITE_POOL_SIZE
}

# n8n names a worker "worker-<hostname>" inside a container (this one is), so two workers on one host
# would share an ID. As root, give each its own hostname in its own UTS namespace, like two containers.
queue_as_host() {
	local name="$1"
	shift
	if [ "$(id -u)" = 0 ] && unshare --uts true 2>/dev/null; then
		exec unshare --uts /bin/sh -c 'hostname "$0" && exec "$@"' "$name" "$@"
	fi
	exec "$@"
}

# `n8n start` as the queue-mode main: webhooks, REST, poll triggers; executions go to the queue.
queue_start_main() {
	queue_n8n_env
	local port="${E2E_N8N_PORT:-$(e2e_free_port)}"
	E2E_N8N_URL="http://127.0.0.1:$port"
	export E2E_N8N_URL
	(
		export N8N_PORT="$port" N8N_RUNNERS_BROKER_PORT="$(e2e_free_port)" WEBHOOK_URL="http://127.0.0.1:$port/"
		export N8N_EVENTBUS_LOGWRITER_LOGFULLPATH="$E2E_RUN_DIR/events-main.log"
		exec "$E2E_N8N_BIN" start
	) >>"$E2E_N8N_LOG" 2>&1 &
	E2E_PIDS+=($!)
	# The queue suite restarts main itself and keeps this file up to date; queue_stop_processes reads it.
	echo $! >"$E2E_RUN_DIR/main.pid"
	e2e_wait_http "$E2E_N8N_URL/healthz" 180 || { tail -40 "$E2E_N8N_LOG" >&2; return 1; }
	e2e_wait_http "$E2E_N8N_URL/rest/settings" 120 || return 1
	queue_check_package_loaded "$E2E_N8N_LOG"
}

# `n8n worker` number $1: its own health port (QUEUE_HEALTH_CHECK_PORT) and task-runner broker port;
# waits for /healthz/readiness (database and Redis connected, queue consumer set up).
queue_start_worker() {
	local n="$1" health log
	queue_n8n_env
	health="$(e2e_free_port)"
	log="$E2E_RUN_DIR/worker$n.log"
	(
		export QUEUE_HEALTH_CHECK_ACTIVE=true QUEUE_HEALTH_CHECK_PORT="$health" N8N_WORKER_SERVER_ADDRESS=127.0.0.1
		export N8N_RUNNERS_BROKER_PORT="$(e2e_free_port)"
		export N8N_EVENTBUS_LOGWRITER_LOGFULLPATH="$E2E_RUN_DIR/events-worker$n.log"
		queue_as_host "n8n-worker-$n" "$E2E_N8N_BIN" worker --concurrency="${Q_WORKER_CONCURRENCY:-5}"
	) >>"$log" 2>&1 &
	E2E_PIDS+=($!)
	Q_WORKER_LOGS+=("$log")
	Q_WORKER_HEALTH_URLS+=("http://127.0.0.1:$health")
	export E2E_QUEUE_WORKER_LOGS="$(IFS=:; echo "${Q_WORKER_LOGS[*]}")"
}

queue_wait_workers() {
	local i
	for i in "${!Q_WORKER_HEALTH_URLS[@]}"; do
		e2e_wait_http "${Q_WORKER_HEALTH_URLS[i]}/healthz/readiness" 180 || { tail -40 "${Q_WORKER_LOGS[i]}" >&2; return 1; }
		grep -q 'n8n worker is now ready' "${Q_WORKER_LOGS[i]}" || sleep 1
		queue_check_package_loaded "${Q_WORKER_LOGS[i]}" || return 1
	done
}

# Stops main (whichever the suite left running), workers and emulator together: each n8n takes seconds
# to shut down gracefully, so signal all first, then wait (lib.sh's e2e_stop goes one by one).
queue_stop_processes() {
	local pids=("${E2E_PIDS[@]}") pid running
	pid="$(cat "${E2E_RUN_DIR:-/nonexistent}/main.pid" 2>/dev/null)" && pids+=("$pid")
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for _ in $(seq 1 60); do
		running=0
		for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && running=1; done
		[ $running = 0 ] && break
		sleep 0.5
	done
	for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
	E2E_PIDS=()
}

queue_check_package_loaded() {
	if grep -q 'Failed to load package "n8n-nodes-claude-aws"' "$1"; then
		e2e_log "n8n could not load the package ($1):"
		grep -A8 'Failed to load package "n8n-nodes-claude-aws"' "$1" >&2
		return 1
	fi
}

# lib.sh's owner set-up, retried: in queue mode /rest/settings answers a little before the owner route exists.
queue_setup_owner() {
	local start=$SECONDS
	until e2e_setup_owner 2>/dev/null; do
		if ((SECONDS - start > 60)); then
			e2e_setup_owner
			return 1
		fi
		sleep 1
	done
}

# lib.sh's e2e_import plus this folder's workflows in the same `import:workflow` run (each n8n command
# boots n8n once: ~10 s here). The first import also runs n8n's migrations on the empty database.
queue_import() {
	local dir="$E2E_RUN_DIR/import"
	(cd "$E2E_REPO" && node -r ts-node/register/transpile-only test/e2e/importFiles.ts "$E2E_EMULATOR_URL" "$dir") || return 1
	cp "$E2E_REPO"/test/e2e/queue/workflows/*.json "$dir/workflows/"
	queue_n8n_env
	"$E2E_N8N_BIN" import:credentials --input="$dir/credentials.json" >>"$E2E_N8N_LOG" 2>&1 \
		|| { e2e_log "import:credentials failed (see $E2E_N8N_LOG)"; return 1; }
	rm -f "$dir/credentials.json"
	"$E2E_N8N_BIN" import:workflow --separate --input="$dir/workflows" >>"$E2E_N8N_LOG" 2>&1 \
		|| { e2e_log "import:workflow failed (see $E2E_N8N_LOG)"; return 1; }
}
