#!/usr/bin/env bash
# Build the one-folder bundle into dist/community-ledger (Linux here; the same spec on Windows).
# The bundle runs where the building machine's glibc or a newer one is.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash dev.sh setup
.venv/bin/python scripts/i18n.py build
uv pip install -q -p .venv -e '.[package]' 2>/dev/null || .venv/bin/python -m pip install -q -e '.[package]'
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/community-ledger.spec
echo "bundle: dist/community-ledger"
