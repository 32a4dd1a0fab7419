"""The web service's settings: one typed object, built when the service starts (never at import).

Every setting can come from the command line (``community-ledger-server serve``) or from an
environment variable ``LEDGER_<NAME>`` (``LEDGER_DB_URL``, ``LEDGER_READ_DB_URL``, ...); the command
line wins.  Several worker processes receive them through the environment.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "LEDGER_"


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="ignore")

    # The city database: a PostgreSQL URL or an SQLite file path.
    db_url: str
    # A read-only copy (a PostgreSQL replica) the web page's and stats' figures are read from.
    read_db_url: str | None = None
    # The largest push accepted, in MiB; a larger body is refused (413) before it is read.
    max_body_mb: int = Field(default=64, ge=1, le=256)
    # Signs the staff's session cookies; made once and kept in the database when not given.
    session_secret: str | None = Field(default=None, min_length=32)
    session_hours: int = Field(default=8, ge=1, le=24 * 7)
    # Send the session cookie over HTTPS only (set it behind the HTTPS reverse proxy).
    cookie_secure: bool = False
    # Pushes one worker process applies at once.
    imports_at_once: int = Field(default=2, ge=1, le=64)
    # How long one more push may wait for a place, in ms; any other is answered 429 with Retry-After.
    import_wait_ms: int = Field(default=250, ge=0, le=60_000)
    # The web page lists communities that have not synced for this many days.
    stale_days: int = Field(default=7, ge=1, le=3650)

    def environment(self) -> dict[str, str]:
        """These settings as the environment variables that make them again."""
        env: dict[str, str] = {}
        for name, value in self.model_dump().items():
            if value is not None:
                env[ENV_PREFIX + name.upper()] = str(int(value) if isinstance(value, bool) else value)
        return env
