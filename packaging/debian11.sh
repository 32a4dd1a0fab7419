#!/usr/bin/env bash
# Build the Linux bundle in a Debian 11 root (glibc 2.31) and run its smoke test there.
#
#   sudo bash packaging/debian11.sh          bundle in dist/debian11/community-ledger
#
# A PyInstaller bundle runs only where the glibc of the machine that built it, or a newer one, is.
# Built here, on Debian 11, it runs on Debian 11, Ubuntu 20.04 and the domestic desktops of that age
# and on everything newer; and it proves that every binary wheel the app is made of (PySide6 6.9,
# manylinux_2_28) works there. Debian 11 has no Python 3.11, so the script builds one in the root
# from Debian 12's python3.11 source (checked against its SHA-256).
#
# Needs root (debootstrap, chroot, mounts) and debootstrap. Everything lives in build/debian11/ of
# this checkout and is made anew when missing: nothing outside the checkout is kept or reused.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/build/debian11"
TARGET="$WORK/root"
OUT="$ROOT/dist/debian11"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PY_VERSION=3.11.2
PY_SOURCE="python3.11_$PY_VERSION.orig.tar.gz"
PY_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
PY_PREFIX=/opt/python3.11

# What the root needs: a compiler and headers for CPython, binutils for PyInstaller, and the system
# libraries Qt loads (as on a desktop; offscreen for the smoke test).
PACKAGES=(
  gcc make libc6-dev pkg-config libssl-dev zlib1g-dev libffi-dev libsqlite3-dev libbz2-dev liblzma-dev
  uuid-dev libreadline-dev binutils ca-certificates
  libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 libxcb-randr0 libxcb-sync1 libxcb-xfixes0 libxcb-shm0
  libxcb-render0 libxcb-glx0 libcups2
)

step() { printf '\n==> debian11: %s\n' "$*"; }
die() { printf 'packaging/debian11.sh: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (debootstrap, chroot and mounts need it)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install -y debootstrap"
[ -x "$ROOT/.venv/bin/uv" ] || die "run \`bash dev.sh setup\` first (the root uses .venv's uv)"

# Run a command inside the root, in a mount namespace of its own: /proc, /dev and a fresh /tmp are
# mounted for it and vanish with it; /sys is left out (nothing may depend on it).
in_root() {
  unshare --mount --fork /bin/sh -eu -c '
    target=$1; shift
    mount --make-rprivate /
    mount -t proc proc "$target/proc"
    mount --rbind /dev "$target/dev"
    mount -t tmpfs tmpfs "$target/tmp"
    mkdir -p "$target/root/.cache/uv" "$UV_CACHE_HOST"
    mount --bind "$UV_CACHE_HOST" "$target/root/.cache/uv"
    exec chroot "$target" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
      UV_NATIVE_TLS=1 UV_SYSTEM_CERTS=1 UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy \
      ${UV_DEFAULT_INDEX:+UV_DEFAULT_INDEX=$UV_DEFAULT_INDEX} "$@"
  ' in_root "$TARGET" "$@"
}
# uv's download cache is shared with the host's for the run (wheels are the same files).
export UV_CACHE_HOST="${UV_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/uv}"

started=$SECONDS
if [ ! -f "$TARGET/.debootstrap-complete" ]; then
  step "debootstrap bullseye ($MIRROR)"
  rm -rf "$TARGET"
  mkdir -p "$WORK"
  include="$(IFS=,; echo "${PACKAGES[*]}")"
  debootstrap --variant=minbase --include="$include" bullseye "$TARGET" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 30 "$WORK/debootstrap.log" >&2; die "debootstrap failed (log: $WORK/debootstrap.log)"; }
  echo "${PACKAGES[*]}" >"$TARGET/.packages"
  touch "$TARGET/.debootstrap-complete"
fi
cp /etc/resolv.conf "$TARGET/etc/resolv.conf"
if [ "$(cat "$TARGET/.packages" 2>/dev/null)" != "${PACKAGES[*]}" ]; then  # the list grew since
  in_root /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${PACKAGES[*]}" \
    >"$WORK/apt.log" 2>&1 || { tail -n 30 "$WORK/apt.log" >&2; die "apt-get install in the root failed"; }
fi
echo "${PACKAGES[*]}" >"$TARGET/.packages"
# The root trusts the certificate authorities this machine trusts (a network that intercepts TLS
# has its own among them, which Debian 11's list lacks).
cp -L /etc/ssl/certs/ca-certificates.crt "$TARGET/etc/ssl/certs/ca-certificates.crt"
in_root ldd --version | awk 'NR == 1'

if [ ! -x "$TARGET$PY_PREFIX/bin/python3.11" ]; then
  step "CPython $PY_VERSION, built in the root"
  tarball="$WORK/$PY_SOURCE"
  if [ ! -f "$tarball" ] || ! echo "$PY_SHA256  $tarball" | sha256sum -c --quiet - 2>/dev/null; then
    "$ROOT/.venv/bin/python" - "$MIRROR/pool/main/p/python3.11/$PY_SOURCE" "$tarball.part" <<'PY'
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=300) as response, open(sys.argv[2], "wb") as out:
    while chunk := response.read(1 << 20):
        out.write(chunk)
PY
    echo "$PY_SHA256  $tarball.part" | sha256sum -c --quiet - || die "$PY_SOURCE: checksum mismatch"
    mv "$tarball.part" "$tarball"
  fi
  rm -rf "$TARGET/build-python" && mkdir -p "$TARGET/build-python"
  tar -xzf "$tarball" -C "$TARGET/build-python" --strip-components=1
  in_root /bin/sh -euc "cd /build-python
    ./configure --prefix=$PY_PREFIX --enable-shared --without-ensurepip LDFLAGS=-Wl,-rpath,$PY_PREFIX/lib >/build-python/configure.log 2>&1
    make -j\$(nproc) >/build-python/make.log 2>&1 || { tail -n 40 /build-python/make.log; exit 1; }
    make install >/build-python/install.log 2>&1" || die "building CPython failed (logs: $TARGET/build-python/)"
  in_root "$PY_PREFIX/bin/python3.11" -c 'import ssl, sqlite3, ctypes, lzma, bz2, zlib, uuid, readline; print(ssl.OPENSSL_VERSION)'
  rm -rf "$TARGET/build-python"
fi

step "the project, its virtual environment and the bundle"
rm -rf "$TARGET/src" && mkdir -p "$TARGET/src"
git -C "$ROOT" ls-files -z --cached --others --exclude-standard \
  | (cd "$ROOT" && xargs -0 -r cp --parents -t "$TARGET/src" 2>/dev/null || true)
install -m 0755 "$ROOT/.venv/bin/uv" "$TARGET/usr/local/bin/uv"
in_root /bin/sh -euc "cd /src
  uv venv --quiet --python $PY_PREFIX/bin/python3.11 .venv
  uv pip install --quiet --python .venv/bin/python -e '.[package]'
  .venv/bin/python scripts/i18n.py --quiet build
  QT_QPA_PLATFORM=offscreen .venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
    --workpath build/pyinstaller packaging/community-ledger.spec"

step "smoke test of the bundle in the root"
in_root bash /src/packaging/smoke.sh /src/dist/community-ledger

rm -rf "$OUT" && mkdir -p "$OUT"
mv "$TARGET/src/dist/community-ledger" "$OUT/community-ledger"

# The newest glibc symbol version any program or library of the bundle asks for: the floor.
root_glibc="$(in_root ldd --version | awk 'NR == 1 {print $NF}')"
needed="$(find "$OUT/community-ledger" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
          | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_2\.[0-9.]*' | sort -V | tail -n 1)"
needed="${needed#GLIBC_}"
[ "$(printf '%s\n%s\n' "$needed" "$root_glibc" | sort -V | tail -n 1)" = "$root_glibc" ] \
  || die "the bundle needs glibc $needed, newer than the root's $root_glibc"
echo "bundle built on glibc $root_glibc, needs glibc $needed or newer: $OUT/community-ledger" \
     "($(du -sm "$OUT/community-ledger" | cut -f1) MiB), $((SECONDS - started)) s"
