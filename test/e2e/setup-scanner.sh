#!/usr/bin/env bash
# Installs n8n's community-package scanner (pinned) once into the cache folder outside git; prints SCANNER_DIR.
# The scanner's CLI only scans packages published on the registry (it checks npm provenance and downloads the
# attested GitHub source), so the suite runs its exported analysis on our source and packed tarball instead.
set -euo pipefail
SCANNER_VERSION="${SCANNER_VERSION:-0.32.0}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-claude-aws}"
DIR="$CACHE/scan-community-package-$SCANNER_VERSION"
if [ ! -f "$DIR/.complete" ]; then
  echo "[setup-scanner] installing @n8n/scan-community-package@$SCANNER_VERSION into $DIR" >&2
  mkdir -p "$DIR"
  [ -f "$DIR/package.json" ] || echo '{"name":"scanner-host","private":true}' > "$DIR/package.json"
  (cd "$DIR" && npm install --no-audit --no-fund --ignore-scripts "@n8n/scan-community-package@$SCANNER_VERSION" >/dev/null)
  touch "$DIR/.complete"
fi
echo "SCANNER_DIR=$DIR"
