#!/usr/bin/env bash
# Build the Debian package of Factcheck desk from this checkout, in one command:
#   packaging/build-deb.sh            -> dist/factcheck-desk_<version>-<rev>_<arch>.deb
# It sets up what it needs: Debian packages (when missing; as root or with sudo), a build
# virtualenv in build/packaging/venv (PyInstaller and the app, versions from
# packaging/constraints.txt), the rendered icons, the PyInstaller bundle and the .deb.
# Everything intermediate lives under build/, the results under dist/ (both ignored by git).
#
# Environment:
#   PYTHON=/usr/bin/python3          interpreter for the build venv (default: Debian's)
#   FACTCHECK_DEB_COMPRESSION=zstd   zstd (default), xz (dpkg < 1.21.18) or gzip
#   FACTCHECK_DEB_REVISION=1         Debian revision (-1); must match debian/changelog
#   FACTCHECK_DEB_KEEP_SYSTEM_LIBS=1 keep the system libraries PyInstaller copied
#   FACTCHECK_SKIP_SELFCHECK=1       skip running the bundle before packaging it
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VENV="build/packaging/venv"
ICONS="build/packaging/icons"
BUNDLE="dist/pyinstaller/factcheck-desk"
PYTHON_BIN="${PYTHON:-/usr/bin/python3}"
[ -x "$PYTHON_BIN" ] || PYTHON_BIN="$(command -v python3)"

# Build tools, and every library the bundle links to: dpkg-shlibdeps must find each one on
# this machine to name its package in Depends, and the self-check starts the bundle.
BUILD_PACKAGES="python3-venv libpython3-dev dpkg-dev binutils"
RUNTIME_PACKAGES="libglib2.0-0 libegl1 libgl1 libx11-6 libx11-xcb1 libdbus-1-3 libfontconfig1
  libfreetype6 libxkbcommon0 libxkbcommon-x11-0 fonts-dejavu-core libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1
  libxcb-xkb1 libxcb-randr0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-glx0
  libwayland-client0 libwayland-cursor0 libwayland-egl1"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { say "not a Debian/Ubuntu system"; exit 1; }
  local pkg missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "As root, run: apt-get install ${missing[*]}"; exit 1; }
    sudo="sudo"
  fi
  say "Installing build packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    $sudo apt-get update -q >/dev/null
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_build_venv() {
  local stamp="$VENV/.installed"
  if ! "$VENV/bin/python" -c "" 2>/dev/null; then
    say "Creating the build virtualenv in $VENV ($("$PYTHON_BIN" --version))"
    rm -rf "$VENV"
    "$PYTHON_BIN" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ packaging/constraints.txt -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "Installing PyInstaller and the app's dependencies"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
      -c packaging/constraints.txt pyinstaller setuptools .
    touch "$stamp"
  fi
  # Always the app as it is in this checkout now (a regular install: PyInstaller freezes it).
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall \
    --no-build-isolation . >/dev/null
}

self_check() {
  local data version expected
  expected="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("factcheck-app"))')"
  version="$("$BUNDLE/factcheck-app" --version)"
  [ "$version" = "factcheck-app $expected" ] \
    || { say "bundle says '$version', expected 'factcheck-app $expected'"; exit 1; }
  data="$(mktemp -d)"
  if ! QT_QPA_PLATFORM=offscreen FACTCHECK_DATA_DIR="$data" HOME="$data" \
      "$BUNDLE/factcheck-app" --smoke > "$data/smoke.log" 2>&1; then
    cat "$data/smoke.log" >&2
    rm -rf "$data"
    say "the bundle failed its smoke check"
    exit 1
  fi
  grep -m1 '^smoke ok' "$data/smoke.log" >&2 || true
  # Every import format and the Qt/Word exports need data files PyInstaller must have found.
  local pages="tests/data/import_pages" fmt
  if ! FACTCHECK_DATA_DIR="$data" HOME="$data" "$BUNDLE/factcheck-app" import \
      --workspace "$data/formats.fcdesk" "$pages/page01.html" "$pages/doc1.docx" \
      "$pages/pdf1.pdf" > "$data/formats.log" 2>&1; then
    cat "$data/formats.log" >&2
    rm -rf "$data"
    say "the bundle cannot import web pages, Word or PDF files"
    exit 1
  fi
  for fmt in pdf docx html; do
    if ! QT_QPA_PLATFORM=offscreen FACTCHECK_DATA_DIR="$data" HOME="$data" \
        "$BUNDLE/factcheck-app" export --workspace "$data/formats.fcdesk" --article 1 \
        --format "$fmt" -o "$data/report.$fmt" > "$data/export.log" 2>&1; then
      cat "$data/export.log" >&2
      rm -rf "$data"
      say "the bundle cannot export $fmt"
      exit 1
    fi
  done
  say "bundle imports html/docx/pdf and exports pdf/docx/html"
  rm -rf "$data"
}

start=$(now)
# One timestamp for everything in the package (the newest changelog entry's), so two builds
# of the same checkout give the same .deb, byte for byte.
SOURCE_DATE_EPOCH="$(date -d "$(sed -n 's/^ -- .*>  //p' packaging/linux/debian/changelog \
  | head -1)" +%s)"
export SOURCE_DATE_EPOCH
# shellcheck disable=SC2086
ensure_system_packages $BUILD_PACKAGES $RUNTIME_PACKAGES
t=$(now); ensure_build_venv; venv_s=$(since "$t")

t=$(now)
say "Rendering icons into $ICONS"
rm -rf "$ICONS"
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/render_icons.py "$ICONS" >/dev/null

say "Freezing the app with PyInstaller into $BUNDLE"
rm -rf "$BUNDLE"
# A fixed hash seed keeps the order of files in base_library.zip the same between builds.
PYTHONHASHSEED=0 FACTCHECK_ICON_DIR="$ICONS" "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist/pyinstaller --workpath build/pyinstaller packaging/factcheck-desk.spec \
  > build/packaging/pyinstaller.log 2>&1 \
  || { tail -40 build/packaging/pyinstaller.log >&2; say "PyInstaller failed"; exit 1; }
freeze_s=$(since "$t")

if [ "${FACTCHECK_SKIP_SELFCHECK:-0}" != "1" ]; then
  say "Self-check: --version and --smoke of the bundle"
  self_check
fi

t=$(now)
say "Packaging"
"$VENV/bin/python" packaging/linux/make_deb.py --bundle "$BUNDLE" --icons "$ICONS" --out dist
deb_s=$(since "$t")

deb="$(ls -t dist/factcheck-desk_*.deb | head -1)"
say "Done in $(since "$start") s (venv ${venv_s} s, freeze ${freeze_s} s, package ${deb_s} s): $deb"
