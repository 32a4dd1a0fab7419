"""``python -m app.cli``: the same as ``community-ledger-cli``."""

from app.cli import main

raise SystemExit(main())
