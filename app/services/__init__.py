"""Use cases.  Every write to a synced record goes through here and lands in the outbox."""
