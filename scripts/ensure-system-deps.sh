#!/usr/bin/env bash
# Makes sure the system packages the tests need are present: Debian's Chromium (browser tests),
# the DejaVu fonts (pages render in DejaVu Sans) and poppler-utils (pdftotext/pdftoppm read the
# PDFs). Run first by `npm test` and by `.ci/run`.
#
# All present: silent, exit 0. Missing and root (or passwordless sudo) with apt-get: installs
# them as .ci/run always did. Otherwise: one line naming what to install, exit 1, at once.
#
# The checked paths can be overridden (the test of this script uses that):
#   ZK_CHROMIUM_PATH   default $CHROMIUM_PATH or /usr/bin/chromium
#   ZK_DEJAVU_FONT     default /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
#   ZK_DEPS_EUID       default the real effective user id
# pdftoppm and pdftotext are looked up on PATH.
set -euo pipefail

chromium_path="${ZK_CHROMIUM_PATH:-${CHROMIUM_PATH:-/usr/bin/chromium}}"
font_path="${ZK_DEJAVU_FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}"
euid="${ZK_DEPS_EUID:-$EUID}"

missing=()
[[ -x "$chromium_path" ]] || missing+=(chromium)
[[ -f "$font_path" ]] || missing+=(fonts-dejavu-core)
{ command -v pdftoppm && command -v pdftotext; } >/dev/null 2>&1 || missing+=(poppler-utils)
((${#missing[@]} == 0)) && exit 0

fail() {
  echo "ensure-system-deps: missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]} ($1)" >&2
  exit 1
}

if ! command -v apt-get >/dev/null 2>&1; then
  fail "no apt-get here: install the equivalent packages of your system"
fi
if [[ "$euid" -eq 0 ]]; then
  run() { "$@"; }
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  # sudo resets the environment: pass DEBIAN_FRONTEND through env.
  run() { sudo -n env DEBIAN_FRONTEND=noninteractive "$@"; }
else
  fail "not root and no passwordless sudo"
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
run apt-get update
# Ask for all three: apt-get only installs what is missing.
run apt-get install -y --no-install-recommends chromium fonts-dejavu-core poppler-utils
