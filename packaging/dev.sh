#!/usr/bin/env bash
# Set up ZI Tour planner in a local virtual environment, then run it or test it.
#
#   bash packaging/dev.sh demo   # set up, build the demo project, open the app on it
#   bash packaging/dev.sh test   # set up, run the whole test suite (Qt offscreen)
#   bash packaging/dev.sh bundle # set up, build the self-contained bundle (dist/, docs/packaging.md)
#
# Idempotent: a second run only checks what is there. On Debian/Ubuntu it installs
# the system libraries Qt needs (as root or with password-less sudo), otherwise it
# prints the exact apt-get line to run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
what="${1:-}"
case "$what" in
  demo|test|setup|bundle) ;;
  *) echo "usage: bash packaging/dev.sh demo|test|setup|bundle" >&2; exit 2 ;;
esac
shift || true

# Debian packages: the X11/EGL/font libraries PySide6's wheels load, PulseAudio's
# client for QtMultimedia, NSS for QtWebEngine, Xvfb for real-window screenshots,
# poppler-utils to render exported PDFs, xdotool to find the bundle's window in its test,
# python3-venv for the virtual environment.
debian_packages=(
  python3-venv
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1
  libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxi6 libasound2 libpulse0
  fonts-dejavu-core xvfb xauth xdotool poppler-utils
)

install_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for p in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      echo "Qt needs these Debian packages; please run:" >&2
      echo "  sudo apt-get install -y ${missing[*]}" >&2
      return 0
    fi
  fi
  echo "Installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null 2>&1 &&
       "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  echo "ZI Tour planner needs Python 3.11 or newer." >&2
  return 1
}

setup_venv() {
  local py
  py="$(find_python)"
  if [ ! -x .venv/bin/python ]; then
    "$py" -m venv .venv
  fi
  # Reinstall only when pyproject.toml or setup.py changed since the last successful install.
  # The bundle extra (PyInstaller) too: tests/packaging builds the bundle.
  local stamp=.venv/.zitour-installed
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ setup.py -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test,bundle]"
    touch "$stamp"
  fi
}

install_debian_packages
setup_venv

case "$what" in
  setup)
    echo "Set up: .venv is ready. Run: .venv/bin/zitour --help"
    ;;
  demo)
    # The same place the app's "Open the demo" uses (routing.regions.data_dir()).
    data="${ZITOUR_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/zitour}"
    demo="$data/demo/demo-krems.zitour"
    if [ ! -f "$demo" ]; then
      .venv/bin/zitour demo "$demo" --plan
    fi
    # and a past season beside it, for the season's report (Fichier → Bilan de la saison…)
    if [ ! -f "$(dirname "$demo")/saison-2026-03-scolaires.zitour" ]; then
      .venv/bin/zitour demo-season "$(dirname "$demo")" >/dev/null
    fi
    exec .venv/bin/zitour open "$demo" "$@"
    ;;
  bundle)
    exec .venv/bin/python packaging/bundle.py "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    export QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox"
    # A private data folder: tests never touch the user's regions or settings.
    ZITOUR_DATA_DIR="$(mktemp -d)"
    export ZITOUR_DATA_DIR
    exec .venv/bin/python -m pytest "$@"
    ;;
esac
