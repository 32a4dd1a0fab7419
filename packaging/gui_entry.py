"""Entry point of the bundled desktop app."""

from app.__main__ import main

raise SystemExit(main())
