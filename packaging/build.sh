#!/usr/bin/env bash
# Build the one-folder bundle into dist/community-ledger (Linux here; the same spec on Windows).
# The bundle runs where the building machine's glibc or a newer one is (packaging/debian11.sh builds
# it on Debian 11, glibc 2.31). Works on a fresh clone: it sets up .venv first when needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash dev.sh setup
# uv comes with the dev tools in .venv (dev.sh's own copy is not on PATH); `dev.sh uv` runs it with
# the system's certificates, as setup does.
bash dev.sh uv pip install --quiet --python .venv/bin/python -e '.[dev,package]'
.venv/bin/python scripts/i18n.py --quiet build
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/community-ledger.spec
echo "bundle: dist/community-ledger ($(du -sm dist/community-ledger | cut -f1) MiB)"
