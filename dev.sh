#!/usr/bin/env bash
# One entry point for developers and newsroom IT:
#   ./dev.sh app [ARGS...]   set up (once) and open the desk window
#   ./dev.sh test [ARGS...]  set up (once) and run the whole test suite headless
#   ./dev.sh bench           run the benchmarks in bench/
#   ./dev.sh deb             build the Debian package into dist/ (packaging/build-deb.sh)
#   ./dev.sh package-test    build the .deb, install it into a clean Debian root, smoke-test,
#                            remove it (tests/packaging, slow; see docs/packaging.md)
# Set-up is idempotent: system libraries are installed only when missing, the virtual
# environment only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

VENV=".venv"
PYTHON_BIN="${PYTHON:-python3}"
# Libraries PySide6 needs from the system (offscreen), plus what a real display (xcb) needs.
QT_RUNTIME_PACKAGES="libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6
  libxkbcommon0 fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0"
BASE_PACKAGES="python3-venv"
TEST_PACKAGES="xvfb xauth"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

missing_packages() {
  local pkg missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  echo "${missing[@]:-}"
}

ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian/Ubuntu: nothing we can do
  local missing
  # shellcheck disable=SC2086
  missing=$(missing_packages "$@")
  [ -z "${missing// /}" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
      sudo="sudo"
    else
      say "Missing system packages: $missing"
      say "Ask your administrator to run: apt-get install $missing"
      return 0
    fi
  fi
  say "Installing system packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  if ! $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
    $sudo apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
  fi
}

ensure_venv() {
  local extras="$1" stamp="$VENV/.installed-$1"
  if ! "$VENV/bin/python" -c "" 2>/dev/null; then
    # python3 -m venv needs Debian's python3-venv on a system Python.
    if ! "$PYTHON_BIN" -m venv --help >/dev/null 2>&1 || ! "$PYTHON_BIN" -c "import ensurepip" 2>/dev/null; then
      # shellcheck disable=SC2086
      ensure_system_packages $BASE_PACKAGES
    fi
    say "Creating the virtual environment in $VENV"
    rm -rf "$VENV"
    "$PYTHON_BIN" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "Installing Python packages ($extras)"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    # setuptools warns at every editable install that a folder named like the package
    # may shadow it; that folder is the package itself, and the warning reads like an
    # error to a newcomer on the first run.
    PYTHONWARNINGS="ignore:Editable installation" \
      "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[$extras]"
    touch "$stamp"
  fi
}

cmd="${1:-app}"
[ $# -gt 0 ] && shift
case "$cmd" in
  app)
    # shellcheck disable=SC2086
    ensure_system_packages $QT_RUNTIME_PACKAGES
    ensure_venv "app"
    exec "$VENV/bin/factcheck-app" "$@"
    ;;
  test)
    # shellcheck disable=SC2086
    ensure_system_packages $QT_RUNTIME_PACKAGES $TEST_PACKAGES
    ensure_venv "test,dev"
    if [ $# -eq 0 ]; then
      # The whole suite: the code checks first (seconds), as CI runs them.
      say "Checking lint, format and types"
      "$VENV/bin/ruff" check .
      "$VENV/bin/ruff" format --check .
      "$VENV/bin/mypy" factcheck_app
    fi
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  bench)
    ensure_system_packages $QT_RUNTIME_PACKAGES
    ensure_venv "bench"
    for script in bench/bench_*.py; do
      say "$script"
      "$VENV/bin/python" "$script" "$@"
    done
    ;;
  deb)
    exec packaging/build-deb.sh "$@"
    ;;
  package-test)
    FACTCHECK_PACKAGE_TEST=1 exec "$0" test tests/packaging "$@"
    ;;
  *)
    echo "usage: ./dev.sh {app|test|bench|deb|package-test} [ARGS...]" >&2
    exit 2
    ;;
esac
