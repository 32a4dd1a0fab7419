#!/usr/bin/env bash
# Smoke test of a built bundle: a demo database made by its command line, the main window painted
# (offscreen) by its app, and a sign-in sheet printed with the embedded font.
#
#   bash packaging/smoke.sh [BUNDLE]        (default: dist/community-ledger)
set -euo pipefail
BUNDLE="${1:-$(cd "$(dirname "$0")/.." && pwd)/dist/community-ledger}"
[ -x "$BUNDLE/community-ledger" ] || { echo "smoke.sh: no bundle at $BUNDLE" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" COMMUNITY_LEDGER_CONFIG_DIR="$WORK/config"

"$BUNDLE/community-ledger-cli" --db "$WORK/demo.sqlite" demo --scale community >/dev/null
"$BUNDLE/community-ledger-cli" --db "$WORK/demo.sqlite" stats --json >"$WORK/stats.json"
figures="$(timeout 120 "$BUNDLE/community-ledger" --db "$WORK/demo.sqlite" --smoke --lang zh_CN)"
if command -v xvfb-run >/dev/null 2>&1 && command -v xauth >/dev/null 2>&1; then  # a real X11 window too
  QT_QPA_PLATFORM=xcb timeout 120 xvfb-run -a "$BUNDLE/community-ledger" --db "$WORK/demo.sqlite" --smoke >/dev/null
fi
"$BUNDLE/community-ledger-cli" print signin --blank --title 支部委员会 --out "$WORK/sheet.pdf" >/dev/null
if command -v pdffonts >/dev/null 2>&1; then
  pdffonts "$WORK/sheet.pdf" | grep -Eq '\+WenQuanYiMicroHei.* yes +yes' \
    || { pdffonts "$WORK/sheet.pdf" >&2; echo "smoke.sh: the sign-in sheet does not embed the font" >&2; exit 1; }
fi
echo "smoke: $BUNDLE painted its window on a demo database: $figures"
