"""Synchronisation: change stamps, the outbox, packages and their exchange."""
