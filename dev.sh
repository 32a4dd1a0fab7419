#!/usr/bin/env bash
# Developer tasks for Community Ledger (社区党建台账).
#
#   bash dev.sh setup          Python environment in .venv, Qt's system libraries, translations
#   bash dev.sh demo [ARGS]    setup, create demo-data/demo.sqlite once, open the app on it
#   bash dev.sh test [ARGS]    setup, then ruff, mypy and every test, slow ones too (ARGS go to pytest)
#
# Needs only a Python 3.11 or newer on PATH.  uv is installed when missing.  As root on Debian,
# `test` also installs what the tests use (poppler-utils, PostgreSQL, Xvfb, nsis, git) and starts a
# throwaway PostgreSQL cluster for the run; otherwise it says what it skips and how to enable it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

VENV="$ROOT/.venv"
DEMO_DB="demo-data/demo.sqlite"
BOOTSTRAP_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/community-ledger/bootstrap"

# Debian packages Qt needs from the system, each with a library it provides (to tell if it is there).
QT_OFFSCREEN_LIBS=(
  "libglib2.0-0:libglib-2.0.so.0" "libegl1:libEGL.so.1" "libgl1:libGL.so.1" "libx11-6:libX11.so.6"
  "libdbus-1-3:libdbus-1.so.3" "libfontconfig1:libfontconfig.so.1" "libfreetype6:libfreetype.so.6"
  "libxkbcommon0:libxkbcommon.so.0"
)
QT_WINDOW_LIBS=(
  "libxcb-cursor0:libxcb-cursor.so.0" "libxcb-icccm4:libxcb-icccm.so.4" "libxcb-image0:libxcb-image.so.0"
  "libxcb-keysyms1:libxcb-keysyms.so.1" "libxcb-render-util0:libxcb-render-util.so.0"
  "libxcb-shape0:libxcb-shape.so.0" "libxcb-xkb1:libxcb-xkb.so.1" "libxkbcommon-x11-0:libxkbcommon-x11.so.0"
  "libx11-xcb1:libX11-xcb.so.1" "libcups2:libcups.so.2"
)

# Debian packages the tests use, each with a command (or a file) it provides (to tell if it is there).
TEST_TOOLS=(
  "poppler-utils:pdftotext" "xvfb:Xvfb" "xauth:xauth" "nsis:makensis" "git:git"
  "chromium:chromium" "libreoffice-calc-nogui:soffice" "dbus:dbus-daemon" "gnome-keyring:gnome-keyring-daemon"
  # Writer opens the report-and-appraisal .docx (a file, not a command: soffice comes with Calc too).
  "libreoffice-writer-nogui:/usr/lib/libreoffice/program/libswlo.so"
)

say() { printf '==> %s\n' "$*"; }
warn() { printf 'dev.sh: %s\n' "$*" >&2; }
die() { warn "$*"; exit 1; }

# --- Python and uv ------------------------------------------------------------------------------

find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 \
       && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# Fetch the uv binary from its PyPI wheel with the standard library only (no pip, no venv module).
download_uv() {
  "$PYTHON" - "$BOOTSTRAP_DIR/bin" <<'PY'
import hashlib, io, json, os, platform, stat, sys, urllib.parse, urllib.request, zipfile

target = sys.argv[1]
machine = platform.machine().lower()
arch = {"amd64": "x86_64", "x86_64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}.get(machine, machine)
if sys.platform.startswith("linux"):
    libc = platform.libc_ver()[0]
    tags = [f"musllinux_1_1_{arch}"] if libc != "glibc" else ["manylinux", arch]
elif sys.platform == "darwin":
    tags = ["macosx", "arm64" if arch == "aarch64" else "x86_64"]
else:
    sys.exit(f"cannot fetch uv for {sys.platform}: install it with `pip install uv`")
with urllib.request.urlopen("https://pypi.org/pypi/uv/json", timeout=60) as response:
    release = json.load(response)
    base_url = response.url
wheels = [f for f in release["urls"] if f["filename"].endswith(".whl")
          and all(t in f["filename"] for t in tags)]
if not wheels:
    sys.exit(f"no uv wheel on PyPI for {tags}")
wheel = wheels[0]
with urllib.request.urlopen(urllib.parse.urljoin(base_url, wheel["url"]), timeout=300) as response:
    data = response.read()
if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
    sys.exit("uv wheel checksum mismatch")
os.makedirs(target, exist_ok=True)
with zipfile.ZipFile(io.BytesIO(data)) as zf:
    member = next(n for n in zf.namelist() if n.endswith("/scripts/uv"))
    path = os.path.join(target, "uv")
    with open(path, "wb") as fh:
        fh.write(zf.read(member))
os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
print(f"fetched uv {release['info']['version']} ({wheel['filename']})")
PY
}

find_uv() {
  local candidate user_scripts
  user_scripts="$("$PYTHON" -c 'import os, sysconfig; print(sysconfig.get_path("scripts", f"{os.name}_user"))' \
                  2>/dev/null || true)"
  for candidate in "$(command -v uv 2>/dev/null || true)" "$BOOTSTRAP_DIR/venv/bin/uv" \
                   "$BOOTSTRAP_DIR/bin/uv" "$user_scripts/uv" "$HOME/.local/bin/uv"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

install_uv() {
  say "installing uv"
  # Into a small venv of its own first: a distribution's Python (PEP 668) refuses pip installs outside one.
  if "$PYTHON" -m venv "$BOOTSTRAP_DIR/venv" >/dev/null 2>&1 \
     && "$BOOTSTRAP_DIR/venv/bin/python" -m pip install --quiet --disable-pip-version-check uv; then
    return 0
  fi
  if "$PYTHON" -m pip install --user --quiet --disable-pip-version-check uv >/dev/null 2>&1; then
    return 0
  fi
  # No venv module or pip (a bare Debian has neither): take the uv binary from its wheel on PyPI.
  download_uv
}

# uv trusts only its own list of certificate authorities by default; pip and curl trust the system's.
# Behind a network that intercepts TLS (common in government offices) the proxy's root certificate is
# in the system store only, and uv fails with "invalid peer certificate: UnknownIssuer".
use_system_certificates() {
  [ -z "${UV_NATIVE_TLS+set}${UV_SYSTEM_CERTS+set}" ] || return 0
  if [ "$(uname -s)" = Darwin ] || [ -n "${SSL_CERT_FILE:-}" ] \
     || [ -s /etc/ssl/certs/ca-certificates.crt ] || [ -s /etc/pki/tls/certs/ca-bundle.crt ]; then
    export UV_NATIVE_TLS=1 UV_SYSTEM_CERTS=1  # the older and the newer name of the same setting
  fi
}

uv_failed() {
  warn "uv failed (its messages are above)."
  warn "If it said \"invalid peer certificate\" or \"UnknownIssuer\": the network intercepts TLS. Add"
  warn "the network's root certificate to the system store (Debian: copy it to"
  warn "/usr/local/share/ca-certificates/NAME.crt, then run update-ca-certificates); dev.sh then lets uv"
  warn "use the system store (UV_NATIVE_TLS=1). Behind a PyPI mirror, set UV_DEFAULT_INDEX to it."
  exit 1
}

# --- Qt's system libraries -------------------------------------------------------------------------

can_apt_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

# apt_install WHAT "PACKAGE ...": as root on Debian.
apt_install() {
  say "installing $1: $2"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || warn "apt-get update failed; trying the install anyway"
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $2 >/dev/null \
    || die "could not install $1: apt-get install -y --no-install-recommends $2"
}

missing_qt_packages() {
  local ldconfig entry cache
  ldconfig="$(command -v ldconfig 2>/dev/null || echo /sbin/ldconfig)"
  [ -x "$ldconfig" ] || return 0
  cache="$("$ldconfig" -p 2>/dev/null | awk 'NR > 1 {print $1}')" || return 0
  for entry in "${QT_OFFSCREEN_LIBS[@]}" "${QT_WINDOW_LIBS[@]}"; do
    grep -qxF "${entry#*:}" <<<"$cache" || printf '%s ' "${entry%%:*}"
  done
}

ensure_qt_libraries() {
  [ "$(uname -s)" = Linux ] || return 0
  local missing
  missing="$(missing_qt_packages)"
  [ -n "$missing" ] || return 0
  if can_apt_install; then
    apt_install "Qt's system libraries" "$missing"
  else
    warn "Qt needs system libraries that are missing; install them with:"
    warn "  sudo apt-get install -y $missing"
  fi
}

# --- tasks ---------------------------------------------------------------------------------------------

setup() {
  PYTHON="$(find_python)" || die "Python 3.11 or newer is needed on PATH (Debian 12: apt-get install python3)"
  UV="$(find_uv)" || { install_uv; UV="$(find_uv)"; } || die "could not install uv"
  export UV_PYTHON_DOWNLOADS=never
  use_system_certificates
  if [ ! -x "$VENV/bin/python" ] \
     || ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    say "creating .venv with $("$PYTHON" --version)"
    "$UV" venv --quiet --clear --python "$PYTHON" "$VENV" || uv_failed
  fi
  say "installing the app and its dev tools into .venv"
  # Compiled once here: where PYTHONDONTWRITEBYTECODE is set, every start would compile the libraries again.
  "$UV" pip install --quiet --compile-bytecode --python "$VENV/bin/python" -e '.[dev]' || uv_failed
  ensure_qt_libraries
  "$VENV/bin/python" scripts/i18n.py --quiet build
  say "set up: $("$VENV/bin/python" --version), $("$VENV/bin/uv" --version)"
  say "the app: $VENV/bin/community-ledger; its command line: $VENV/bin/community-ledger-cli"
  say "(\`source .venv/bin/activate\` puts both, and uv, on PATH)"
}

demo() {
  setup
  if [ ! -f "$DEMO_DB" ]; then
    say "creating the demo database $DEMO_DB"
    mkdir -p "$(dirname "$DEMO_DB")"
    if ! "$VENV/bin/community-ledger-cli" --db "$DEMO_DB.part" demo --scale community; then
      rm -f "$DEMO_DB.part" "$DEMO_DB.part-wal" "$DEMO_DB.part-shm"
      die "creating the demo database failed"
    fi
    mv "$DEMO_DB.part" "$DEMO_DB"
    rm -f "$DEMO_DB.part-wal" "$DEMO_DB.part-shm"
  fi
  if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
    die "no display to open the window on: run this in a desktop session (or under xvfb-run)"
  fi
  say "starting community-ledger on $DEMO_DB"
  exec "$VENV/bin/community-ledger" --db "$DEMO_DB" "$@"
}

# --- what the tests use from the system ----------------------------------------------------------

missing_test_packages() {
  local entry
  for entry in "${TEST_TOOLS[@]}"; do
    case "${entry#*:}" in
      /*) [ -e "${entry#*:}" ] || printf '%s ' "${entry%%:*}" ;;
      *) command -v "${entry#*:}" >/dev/null 2>&1 || printf '%s ' "${entry%%:*}" ;;
    esac
  done
  postgres_bindir >/dev/null || printf '%s ' postgresql
}

# The folder of initdb and pg_ctl: Debian keeps them out of PATH, in /usr/lib/postgresql/VERSION/bin.
postgres_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) \
             "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

ensure_test_tools() {
  local missing
  missing="$(missing_test_packages)"
  [ -n "$missing" ] || return 0
  if can_apt_install; then
    apt_install "what the tests use" "$missing"
    return 0
  fi
  local skipped=()
  case " $missing " in *" poppler-utils "*) skipped+=("the printing tests that read PDFs back (pdftotext, pdffonts)") ;; esac
  case " $missing " in *" postgresql "*) skipped+=("the city-server tests on PostgreSQL (marker postgres)") ;; esac
  case " $missing " in *" xvfb "*|*" xauth "*) skipped+=("the app in a real X11 window (Xvfb)") ;; esac
  case " $missing " in *" nsis "*) skipped+=("the Windows installer script (makensis)") ;; esac
  case " $missing " in *" git "*) skipped+=("the wheel built from the committed files (git)") ;; esac
  case " $missing " in *" dbus "*|*" gnome-keyring "*) skipped+=("the sync keys in a real keyring (Secret Service)") ;; esac
  case " $missing " in *" chromium "*) skipped+=("the staff web page in a headless browser (chromium)") ;; esac
  warn "these tests will be SKIPPED, the system lacks what they use:"
  local item
  for item in "${skipped[@]}"; do warn "  - $item"; done
  if command -v apt-get >/dev/null 2>&1; then
    warn "to run them too, install these once and run the tests again:"
    warn "  sudo apt-get install -y --no-install-recommends ${missing% }"
  else
    warn "to run them too, install (with your package manager) and run the tests again: $missing"
  fi
}

# A PostgreSQL cluster of our own for this run: in a temporary folder, on a free port on 127.0.0.1,
# stopped and deleted when dev.sh exits. Never touches a cluster the machine already has.
PG_TMP=""
stop_throwaway_postgres() {
  [ -n "$PG_TMP" ] || return 0
  if [ -f "$PG_TMP/data/postmaster.pid" ]; then
    as_postgres_user "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_TMP"
  PG_TMP=""
}

# PostgreSQL refuses to run as root; root runs it as the postgres user the Debian package made.
as_postgres_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_throwaway_postgres() {
  PG_BINDIR="$(postgres_bindir)" || return 0
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    warn "no postgres user to run PostgreSQL as; the PostgreSQL tests are skipped"
    return 0
  fi
  local port password=ledger-test
  PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/community-ledger-pg.XXXXXX")"
  trap stop_throwaway_postgres EXIT
  chmod 755 "$PG_TMP"
  mkdir "$PG_TMP/data"
  printf '%s\n' "$password" >"$PG_TMP/password"
  [ "$(id -u)" != 0 ] || chown -R postgres "$PG_TMP"  # its data, log and socket
  port="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  if ! as_postgres_user "$PG_BINDIR/initdb" -D "$PG_TMP/data" -U ledger --pwfile="$PG_TMP/password" \
         --auth=scram-sha-256 -E UTF8 >"$PG_TMP/initdb.log" 2>&1; then
    cat "$PG_TMP/initdb.log" >&2
    die "initdb failed for the throwaway PostgreSQL cluster"
  fi
  if ! as_postgres_user "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP -c fsync=off -c full_page_writes=off" \
         start >/dev/null; then
    cat "$PG_TMP/server.log" >&2
    die "the throwaway PostgreSQL cluster did not start"
  fi
  export LEDGER_TEST_PG_URL="postgresql+psycopg://ledger:$password@127.0.0.1:$port/postgres"
  say "PostgreSQL $("$PG_BINDIR/postgres" --version | awk '{print $3}') for this run on 127.0.0.1:$port (removed at exit)"
}

run_tests() {
  setup
  export QT_QPA_PLATFORM=offscreen
  # Every test, the slow ones too (an empty COMMUNITY_LEDGER_SLOW_TESTS= leaves them out).
  export COMMUNITY_LEDGER_SLOW_TESTS="${COMMUNITY_LEDGER_SLOW_TESTS-1}"
  if [ "$(uname -s)" = Linux ]; then
    ensure_test_tools
  fi
  if [ -z "${LEDGER_TEST_PG_URL:-}" ]; then
    start_throwaway_postgres
  fi
  local failed=() status
  say "ruff check ."
  "$VENV/bin/ruff" check . || failed+=("ruff")
  say "mypy"
  "$VENV/bin/mypy" || failed+=("mypy")
  say "pytest $*"
  status=0
  "$VENV/bin/pytest" "$@" || status=$?
  case "$status" in
    0) ;;
    5) warn "pytest collected no tests"; failed+=("pytest (no tests)") ;;
    *) failed+=("pytest (exit $status)") ;;
  esac
  if [ "${#failed[@]}" -gt 0 ]; then
    warn "FAILED: ${failed[*]}"
    return 1
  fi
  say "all checks passed"
}

# `bash dev.sh uv ARGS`: the uv of .venv, with the certificate settings above (for packaging/build.sh).
run_uv() {
  [ -x "$VENV/bin/uv" ] || setup
  use_system_certificates
  "$VENV/bin/uv" "$@" || uv_failed
}

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  setup) setup ;;
  demo) demo "$@" ;;
  test) run_tests "$@" ;;
  uv) run_uv "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
