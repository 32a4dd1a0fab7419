"""The user's settings: a small typed object saved as JSON in the platform's config folder."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from app.atomic import atomic_write

APP_NAME = "CommunityLedger"
CONFIG_ENV = "COMMUNITY_LEDGER_CONFIG_DIR"
DB_FILE_NAME = "ledger.sqlite"
LANGUAGES = ("zh_CN", "en")


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


# The folder the first-run wizard proposes, inside the user's Documents.
DATA_FOLDER_NAME = "社区党建台账"


def default_data_dir() -> Path:
    """Where the first-run wizard proposes to keep the ledger: a visible folder in Documents, which
    the secretary can find, copy and back up (the hidden application-data folder is rarely backed up)."""
    return Path(platformdirs.user_documents_dir()) / DATA_FOLDER_NAME


@dataclass
class Settings:
    db_path: str = ""
    language: str = "zh_CN"
    show_sensitive: bool = False
    # The start-up password's argon2 hash (none when empty), and after how many idle minutes the
    # window locks itself again (0: never).
    lock_hash: str = ""
    lock_idle_minutes: int = 0
    # Who uses this PC: recorded as 经办人 of appeal steps and offered as 记录人.
    user_name: str = ""
    # Where 打印 sends pages unless chosen otherwise (empty: the system's default printer), and on
    # what paper.
    printer_name: str = ""
    paper: str = "A4"

    @classmethod
    def load(cls, folder: Path | None = None) -> Settings:
        path = (folder or config_dir()) / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        defaults = cls()
        # A value of the wrong kind (a file edited by hand, or by an older version) keeps the default.
        known = {f.name: type(getattr(defaults, f.name)) for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known and type(v) is known[k]})
        if settings.language not in LANGUAGES:
            settings.language = "zh_CN"
        return settings

    def save(self, folder: Path | None = None) -> None:
        folder = folder or config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(asdict(self), ensure_ascii=False, indent=2)
        atomic_write(folder / "settings.json", text.encode("utf-8"), private=True)
