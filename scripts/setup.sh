#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine with Node 20.19+: pnpm, Debian's Chromium (for the browser tests and
# benchmarks), redis-server (for the Redis store tests), then the workspace's packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
if ((${#need_apt[@]})); then
  if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi
  echo "setup: installing ${need_apt[*]} from Debian's packages"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! command -v pnpm >/dev/null 2>&1 || [[ $(pnpm --version) != 10.* ]]; then
  echo "setup: installing pnpm 10"
  npm install -g pnpm@10 --silent
fi

echo "setup: installing the workspace's packages"
if [[ "${CI:-}" == "true" ]]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi
echo "setup: done. Next: pnpm demo (the demo) or pnpm test (the tests)."
