#!/usr/bin/env bash
# Build "Factcheck desk.app" and dist/factcheck-desk-<version>.dmg on a Mac (PyInstaller is no
# cross-compiler; hdiutil exists only on macOS).
#
#   packaging/macos/build-dmg.sh
#
# Needs Python 3.11 (python.org universal2 installer, or Homebrew's python@3.11) as
# $PYTHON or python3.11. Steps: build venv, icons (factcheck-desk.icns is written by
# packaging/render_icons.py and checked here with iconutil), PyInstaller .app
# (packaging/factcheck-desk.spec merges packaging/macos/Info.plist: .fcdesk document type),
# self-check of the app, optional signing and notarisation, then the disk image.
#
# Signing (optional, needs an Apple Developer ID in the keychain):
#   FACTCHECK_CODESIGN_IDENTITY="Developer ID Application: Newsroom (TEAMID)"
#   FACTCHECK_NOTARY_PROFILE=<profile saved with `xcrun notarytool store-credentials`>
# Without them the app is ad-hoc signed: fine on the build Mac and for MDM deployment, but
# Gatekeeper stops a downloaded copy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

[ "$(uname -s)" = "Darwin" ] || { echo "build-dmg.sh runs on macOS only" >&2; exit 1; }
PYTHON_BIN="${PYTHON:-$(command -v python3.11 || command -v python3)}"
VENV="build/packaging/venv"
ICONS="build/packaging/icons"
APP="dist/pyinstaller/Factcheck desk.app"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
start=$(date +%s)

if ! "$VENV/bin/python" -c "" 2>/dev/null; then
  say "Creating the build virtualenv ($("$PYTHON_BIN" --version))"
  "$PYTHON_BIN" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
  -c packaging/constraints.txt pyinstaller setuptools .
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall \
  --no-build-isolation .
VERSION="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("factcheck-app"))')"

say "Rendering icons"
rm -rf "$ICONS"
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/render_icons.py "$ICONS" >/dev/null
# iconutil refuses a malformed .icns: unpacking it proves macOS reads ours.
iconutil -c iconset "$ICONS/factcheck-desk.icns" -o "build/packaging/check.iconset"
rm -rf "build/packaging/check.iconset"

say "Freezing with PyInstaller"
rm -rf "$APP" dist/pyinstaller/factcheck-desk
FACTCHECK_ICON_DIR="$PWD/$ICONS" "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist/pyinstaller --workpath build/pyinstaller packaging/factcheck-desk.spec

say "Self-check of the app"
said="$("$APP/Contents/MacOS/factcheck-app" --version)"
[ "$said" = "factcheck-app $VERSION" ] || { say "app says '$said', expected $VERSION"; exit 1; }
data="$(mktemp -d)"
QT_QPA_PLATFORM=offscreen FACTCHECK_DATA_DIR="$data" "$APP/Contents/MacOS/factcheck-app" --smoke
rm -rf "$data"
plutil -lint "$APP/Contents/Info.plist"

if [ -n "${FACTCHECK_CODESIGN_IDENTITY:-}" ]; then
  say "Signing with hardened runtime"
  codesign --force --deep --options runtime --timestamp \
    --sign "$FACTCHECK_CODESIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
fi

say "Building the disk image"
stage="build/packaging/dmg"
rm -rf "$stage"
mkdir -p "$stage"
cp -R "$APP" "$stage/"
ln -s /Applications "$stage/Applications"
DMG="dist/factcheck-desk-$VERSION.dmg"
rm -f "$DMG"
hdiutil create -volname "Factcheck desk $VERSION" -srcfolder "$stage" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$DMG"
hdiutil verify "$DMG"

if [ -n "${FACTCHECK_CODESIGN_IDENTITY:-}" ] && [ -n "${FACTCHECK_NOTARY_PROFILE:-}" ]; then
  say "Notarising"
  codesign --sign "$FACTCHECK_CODESIGN_IDENTITY" --timestamp "$DMG"
  xcrun notarytool submit "$DMG" --keychain-profile "$FACTCHECK_NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi

say "Done in $(( $(date +%s) - start )) s: $DMG ($(du -h "$DMG" | cut -f1))"
