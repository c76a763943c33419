"""Opening a store's file: write-ahead log, durable commits, foreign keys, the current schema."""

from __future__ import annotations

import sqlite3
import time

from newsweave.errors import NewsweaveError
from newsweave.store.migrations import migrate


def open_database(path: str) -> sqlite3.Connection:
    """The store at `path`, created or migrated as needed, in autocommit mode (see `Store`).

    Raises:
        NewsweaveError: the file cannot be opened as a store (not SQLite, read-only, disk full).
    """
    try:
        db = sqlite3.connect(path, isolation_level=None, timeout=30)
    except sqlite3.Error as error:
        raise NewsweaveError(f"cannot open the store {path}: {error}") from None
    db.row_factory = sqlite3.Row
    try:
        _use_write_ahead_log(db)
        # FULL: a commit is on disk before it is acknowledged, even across a power cut.
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except sqlite3.Error as error:  # not an SQLite file, read-only, a full disk
        db.close()
        raise NewsweaveError(f"cannot open the store {path}: {error}") from None
    return db


def _use_write_ahead_log(db: sqlite3.Connection, patience: float = 30.0) -> None:
    """Switch the store to WAL, waiting for other processes that are switching it too.

    SQLite answers "database is locked" at once, without its busy wait, when another connection
    holds the lock while the journal mode changes (several processes opening a new store together).
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)
