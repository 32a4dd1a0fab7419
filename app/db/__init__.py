"""Database access: the engine, migrations and backups."""
