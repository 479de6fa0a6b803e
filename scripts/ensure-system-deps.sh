#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages a target needs, if any are missing.
# Usage: scripts/ensure-system-deps.sh build|test
# As root it runs apt-get; with sudo it uses sudo; otherwise it prints the exact command.
set -euo pipefail

build_pkgs=(libwebkit2gtk-4.1-dev build-essential pkg-config)
test_pkgs=(xvfb webkit2gtk-driver dbus poppler-utils)
# xauth must be named without recommends, or apt pulls in a desktop's worth of packages;
# LibreOffice (for the Word interop tests) likewise.
norec_pkgs=(xauth libreoffice-writer-nogui)

want=("${build_pkgs[@]}")
norec=()
if [ "${1:-build}" = test ]; then
  want+=("${test_pkgs[@]}")
  norec+=("${norec_pkgs[@]}")
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "note: not a Debian/Ubuntu system; install the equivalents of: ${want[*]} ${norec[*]} (see README)" >&2
  exit 0
fi

missing() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}
miss=($(missing "${want[@]}"))
miss_norec=($(missing "${norec[@]}"))
[ ${#miss[@]} -eq 0 ] && [ ${#miss_norec[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "Clausewright needs these system packages. Run:" >&2
  [ ${#miss[@]} -gt 0 ] && echo "  sudo apt-get install -y ${miss[*]}" >&2
  [ ${#miss_norec[@]} -gt 0 ] && echo "  sudo apt-get install -y --no-install-recommends ${miss_norec[*]}" >&2
  exit 1
fi

echo "Installing system packages: ${miss[*]} ${miss_norec[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
[ ${#miss[@]} -gt 0 ] && "${sudo[@]}" apt-get install -y -q "${miss[@]}"
[ ${#miss_norec[@]} -gt 0 ] && "${sudo[@]}" apt-get install -y -q --no-install-recommends "${miss_norec[@]}"
exit 0
