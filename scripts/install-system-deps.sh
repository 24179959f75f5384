#!/usr/bin/env bash
# Installs the Debian packages Trainyard needs when they are missing (idempotent).
#   PyTorch engine: python3-torch + libopenblas0-pthread (without OpenBLAS torch runs ~4x slower).
#   TPE search: python3-optuna (3.1.0 on Debian 12; its TPESampler through ask-and-tell).
#   Distributed mode (trainyard worker, its tests): redis-server (Redis 7, BullMQ's queue).
#   Browser tests (make test only, pass --with-browser): chromium.
#   Store tests on PostgreSQL (make test only, same flag): postgresql (initdb and pg_ctl, started
#   per test file in a temporary folder; the tests fail, not skip, without it).
set -euo pipefail
want=(python3-torch libopenblas0-pthread python3-optuna redis-server)
[[ "${1:-}" == "--with-browser" ]] && want+=(chromium postgresql)

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing: ${missing[*]}."
  echo "PyTorch: install Debian's python3-torch and libopenblas0-pthread (sudo apt-get install python3-torch libopenblas0-pthread),"
  echo "or point TRAINYARD_PYTHON at a python that can 'import torch'. Without it the PyTorch engine reports itself unavailable."
  echo "TPE search: install Debian's python3-optuna (sudo apt-get install python3-optuna); without it a tpe sweep is refused."
  echo "Redis (distributed mode and its tests): sudo apt-get install redis-server."
fi
