"""Community Ledger (社区党建台账)."""

__version__ = "0.1.0"
