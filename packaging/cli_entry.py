"""Entry point of the bundled command line."""

from app.cli import main

raise SystemExit(main())
