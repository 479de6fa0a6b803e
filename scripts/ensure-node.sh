#!/usr/bin/env bash
# Checks Node.js (20.19 or newer, for Vite 8) and installs the UI's npm packages when the lock
# file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/../ui"
if ! command -v node >/dev/null 2>&1; then
  echo "Clausewright's UI build needs Node.js 20.19 or newer and npm; install them (e.g. from your distribution or nodejs.org)." >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "Node.js $(node --version) is too old: the UI build needs 20.19 or newer." >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
