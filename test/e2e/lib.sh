# Shell functions shared by the end-to-end suite (test/e2e/run.sh) and the demo (scripts/start.sh):
# a real n8n with this package installed from its `npm pack` tarball, talking to the gateway emulator.
# Source it; every function reads/writes the E2E_* variables below. Bash only.

E2E_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E_OWNER_EMAIL="${E2E_OWNER_EMAIL:-owner@example.com}"
E2E_OWNER_PASSWORD="${E2E_OWNER_PASSWORD:-Claude-on-AWS-1}"
E2E_PIDS=()
source "$E2E_REPO/scripts/stage.sh"

e2e_log() { echo "[e2e] $*" >&2; }

# Installs (once, cached) Node 24 and the pinned n8n (N8N_VERSION: a version, "oldest" or "newest", see
# versions.sh); sets E2E_NODE_BIN, E2E_N8N_BIN, E2E_N8N_DIR.
e2e_setup_n8n() {
	local out
	out="$(bash "$E2E_REPO/test/e2e/setup-n8n.sh")" || return 1
	E2E_NODE_BIN="$(sed -n 's/^NODE_BIN=//p' <<<"$out")"
	E2E_N8N_BIN="$(sed -n 's/^N8N_BIN=//p' <<<"$out")"
	E2E_N8N_DIR="$(cd "$(dirname "$E2E_N8N_BIN")/../.." && pwd)"
	export E2E_N8N_DIR
}

# A free TCP port on 127.0.0.1 (the kernel picks it; a tiny race with other processes is accepted).
e2e_free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Fresh scratch folder for one run: n8n's user folder, logs, generated import files.
e2e_make_run_dir() {
	E2E_RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/n8n-claude-aws-e2e.XXXXXX")"
	E2E_USER_FOLDER="$E2E_RUN_DIR/user"
	E2E_N8N_LOG="$E2E_RUN_DIR/n8n.log"
	E2E_EMULATOR_LOG="$E2E_RUN_DIR/emulator.log"
	mkdir -p "$E2E_USER_FOLDER/.n8n/nodes"
	export E2E_RUN_DIR E2E_N8N_LOG
}

# `npm pack` of the built package into .cache/; sets E2E_TARBALL. The package must be built first.
e2e_pack() {
	mkdir -p "$E2E_REPO/.cache/pack"
	rm -f "$E2E_REPO/.cache/pack/"*.tgz
	local name
	name="$(cd "$E2E_REPO" && npm pack --silent --pack-destination .cache/pack | tail -1)" || return 1
	E2E_TARBALL="$E2E_REPO/.cache/pack/$name"
	export E2E_TARBALL
}

# Installs the tarball as n8n installs community packages: <user folder>/.n8n/nodes/node_modules/<pkg>,
# listed in that folder's package.json. Runtime dependencies come from the registry like for users.
e2e_install_package() {
	local nodes="$E2E_USER_FOLDER/.n8n/nodes"
	echo '{"name":"installed-nodes","private":true,"dependencies":{}}' >"$nodes/package.json"
	(cd "$nodes" && npm install --no-audit --no-fund --ignore-scripts --omit=dev --omit=peer "$E2E_TARBALL" >/dev/null) || return 1
	[ -f "$nodes/node_modules/n8n-nodes-claude-aws/package.json" ] || { e2e_log "package not installed into $nodes"; return 1; }
	e2e_check_package_entries "$nodes/node_modules/n8n-nodes-claude-aws"
}

# n8n drops the WHOLE package when one file its `n8n` block lists is missing, so say which up front.
# E2E_ALLOW_MISSING_NODES=1 (for work in progress only) removes missing entries from the installed copy.
e2e_check_package_entries() {
	local missing
	missing="$(cd "$1" && node -e '
		const fs = require("fs"); const n8n = require("./package.json").n8n;
		console.log([...n8n.nodes, ...n8n.credentials].filter((f) => !fs.existsSync(f)).join(" "));')"
	[ -z "$missing" ] && return 0
	if [ "${E2E_ALLOW_MISSING_NODES:-}" = "1" ]; then
		e2e_log "WARNING: the package lists files it does not contain; dropping them from the installed copy: $missing"
		(cd "$1" && node -e '
			const fs = require("fs"); const pkg = require("./package.json");
			for (const key of ["nodes", "credentials"]) pkg.n8n[key] = pkg.n8n[key].filter((f) => fs.existsSync(f));
			fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2));')
		return 0
	fi
	e2e_log "the packed package lists files it does not contain (n8n would not load it at all): $missing"
	return 1
}

# Waits until a URL answers 2xx (max $2 seconds).
e2e_wait_http() {
	local url="$1" limit="${2:-120}" start=$SECONDS
	until curl -fsS -o /dev/null "$url" 2>/dev/null; do
		if ((SECONDS - start > limit)); then
			e2e_log "timed out after ${limit}s waiting for $url"
			return 1
		fi
		sleep 0.5
	done
}

# Starts the emulator in its own process on $E2E_EMULATOR_PORT or a free port; sets E2E_EMULATOR_URL.
e2e_start_emulator() {
	local port="${E2E_EMULATOR_PORT:-$(e2e_free_port)}"
	(cd "$E2E_REPO" && exec node -r ts-node/register/transpile-only test/emulator/cli.ts --port "$port" ${E2E_EMULATOR_ARGS:-}) \
		>"$E2E_EMULATOR_LOG" 2>&1 &
	E2E_PIDS+=($!)
	E2E_EMULATOR_URL="http://127.0.0.1:$port"
	export E2E_EMULATOR_URL
	e2e_wait_http "$E2E_EMULATOR_URL/_emulator/webhooks/deliveries" 60
}

# n8n's environment for every n8n command of this run (import, start).
e2e_n8n_env() {
	export PATH="$E2E_NODE_BIN:$PATH"
	export N8N_USER_FOLDER="$E2E_USER_FOLDER"
	export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-e2e-$(basename "$E2E_RUN_DIR")}"
	export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_PROTOCOL=http
	export N8N_DIAGNOSTICS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false
	export N8N_TEMPLATES_ENABLED=false N8N_SECURE_COOKIE=false N8N_HIRING_BANNER_ENABLED=false
	export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false DB_SQLITE_POOL_SIZE=2
	export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}" N8N_LOG_OUTPUT=console
	export EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS=true EXECUTIONS_DATA_SAVE_ON_SUCCESS=all EXECUTIONS_DATA_SAVE_ON_ERROR=all
	export N8N_RUNNERS_MODE=internal
	# The MCP registry module fetches a server list from api.n8n.io at start; nothing here needs it.
	export N8N_DISABLED_MODULES="${N8N_DISABLED_MODULES:-mcp-registry}"
	# Activating a workflow goes through an outbox polled every 15 s by default; poll it often instead.
	export N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS="${N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS:-500}"
}

# Imports the ready credential (pointing at the emulator) and every example workflow.
e2e_import() {
	local dir="$E2E_RUN_DIR/import"
	(cd "$E2E_REPO" && node -r ts-node/register/transpile-only test/e2e/importFiles.ts "$E2E_EMULATOR_URL" "$dir") || return 1
	e2e_n8n_env
	"$E2E_N8N_BIN" import:credentials --input="$dir/credentials.json" >>"$E2E_N8N_LOG" 2>&1 \
		|| { e2e_log "import:credentials failed (see $E2E_N8N_LOG)"; return 1; }
	rm -f "$dir/credentials.json"
	"$E2E_N8N_BIN" import:workflow --separate --input="$dir/workflows" >>"$E2E_N8N_LOG" 2>&1 \
		|| { e2e_log "import:workflow failed (see $E2E_N8N_LOG)"; return 1; }
}

# Starts `n8n start` on $E2E_N8N_PORT or a free port and waits for /healthz; sets E2E_N8N_URL.
e2e_start_n8n() {
	e2e_n8n_env
	local port="${E2E_N8N_PORT:-$(e2e_free_port)}" broker
	broker="$(e2e_free_port)"
	export N8N_PORT="$port" N8N_RUNNERS_BROKER_PORT="$broker"
	export N8N_WEBHOOK_URL="http://127.0.0.1:$port/"
	"$E2E_N8N_BIN" start >>"$E2E_N8N_LOG" 2>&1 &
	E2E_PIDS+=($!)
	E2E_N8N_URL="http://127.0.0.1:$port"
	export E2E_N8N_URL
	e2e_wait_http "$E2E_N8N_URL/healthz" 180 || { tail -40 "$E2E_N8N_LOG" >&2; return 1; }
	# /healthz answers before the REST API and the community packages are ready.
	e2e_wait_http "$E2E_N8N_URL/rest/settings" 120
	if grep -q 'Failed to load package "n8n-nodes-claude-aws"' "$E2E_N8N_LOG"; then
		e2e_log "n8n could not load the package:"
		grep -A8 'Failed to load package "n8n-nodes-claude-aws"' "$E2E_N8N_LOG" >&2
		return 1
	fi
}

# Creates the owner account through the REST API the sign-up screen uses.
e2e_setup_owner() {
	local body status
	body="$(printf '{"email":"%s","firstName":"Demo","lastName":"Owner","password":"%s"}' "$E2E_OWNER_EMAIL" "$E2E_OWNER_PASSWORD")"
	local start=$SECONDS
	# n8n answers /healthz (and some REST routes) before every controller is mounted: 404 means "not yet".
	while :; do
		status="$(curl -sS -o "$E2E_RUN_DIR/owner.json" -w '%{http_code}' -H 'content-type: application/json' -H 'browser-id: e2e' \
			-X POST "$E2E_N8N_URL/rest/owner/setup" -d "$body")"
		[ "$status" = 404 ] && ((SECONDS - start < 90)) || break
		sleep 0.5
	done
	[ "$status" = 200 ] || { e2e_log "owner set-up answered $status: $(cat "$E2E_RUN_DIR/owner.json")"; return 1; }
	export E2E_OWNER_EMAIL E2E_OWNER_PASSWORD
}

# Logs in as the owner; the cookie jar in $E2E_RUN_DIR/cookies serves later e2e_rest calls.
e2e_login() {
	local body
	body="$(printf '{"emailOrLdapLoginId":"%s","password":"%s"}' "$E2E_OWNER_EMAIL" "$E2E_OWNER_PASSWORD")"
	curl -fsS -o /dev/null -c "$E2E_RUN_DIR/cookies" -H 'content-type: application/json' -H 'browser-id: e2e' \
		-X POST "$E2E_N8N_URL/rest/login" -d "$body"
}

# e2e_rest METHOD PATH [JSON BODY]: an authenticated REST call; prints the answer.
e2e_rest() {
	curl -fsS -b "$E2E_RUN_DIR/cookies" -H 'content-type: application/json' -H 'browser-id: e2e' \
		-X "$1" "$E2E_N8N_URL/rest$2" ${3:+-d "$3"}
}

# Activates (publishes) every example workflow that starts with a Webhook node or a Claude on AWS Trigger.
e2e_activate_webhook_examples() {
	local id version
	for id in $(node -e '
		const fs = require("fs"), path = require("path"), dir = process.argv[1];
		for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
			const w = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
			const triggers = ["n8n-nodes-base.webhook", "n8n-nodes-claude-aws.claudeAwsWebhookTrigger"];
			if (w.nodes.some((n) => triggers.includes(n.type))) console.log(w.id);
		}' "$E2E_REPO/examples"); do
		version="$(e2e_rest GET "/workflows/$id" | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).data.versionId))')" || return 1
		e2e_rest POST "/workflows/$id/activate" "{\"versionId\":\"$version\"}" >/dev/null || { e2e_log "could not activate $id"; return 1; }
	done
}

# Everything up to a ready n8n: run folder, packed + installed package, emulator, imports, n8n, owner.
e2e_bring_up() {
	e2e_make_run_dir
	e2e_pack || return 1
	e2e_install_package || return 1
	e2e_start_emulator || return 1
	e2e_import || return 1
	e2e_start_n8n || return 1
	e2e_setup_owner || return 1
}

# Stops what this shell started (by PID), newest first.
e2e_stop() {
	local i pid
	for ((i = ${#E2E_PIDS[@]} - 1; i >= 0; i--)); do
		pid="${E2E_PIDS[i]}"
		kill "$pid" 2>/dev/null || continue
		for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
		kill -9 "$pid" 2>/dev/null || true
	done
	E2E_PIDS=()
}
