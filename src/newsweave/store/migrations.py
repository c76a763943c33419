"""Schema migrations of the SQLite store: numbered SQL steps, each applied once, in order.

`PRAGMA user_version` records the last step applied. Each step runs in the same transaction as
the version bump, so a crash during a migration leaves the store at the previous version.
Add a step by appending to `MIGRATIONS`; never edit a step that has shipped.
"""

from __future__ import annotations

import sqlite3

from newsweave.errors import NewsweaveError
from newsweave.store.pages import PAGE_MIGRATION
from newsweave.store.search import INDEX_MIGRATION, SIZE_INDEX_MIGRATION

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, stories, memberships, story events, analyses, feeds, rejections, state.
    """
    CREATE TABLE articles (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT,
        published_at TEXT,
        language TEXT,
        origin TEXT NOT NULL DEFAULT '',
        raw_text TEXT NOT NULL,
        text TEXT NOT NULL,
        terms TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        near_duplicate_of INTEGER REFERENCES articles(key)
    );
    CREATE INDEX articles_seen ON articles(seen_at);
    CREATE TABLE stories (
        key INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        first_at TEXT,
        last_at TEXT,
        article_count INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        merged_into TEXT
    );
    CREATE INDEX stories_last ON stories(last_at);
    CREATE TABLE memberships (
        article INTEGER PRIMARY KEY REFERENCES articles(key),
        story INTEGER NOT NULL REFERENCES stories(key),
        score REAL NOT NULL
    );
    CREATE INDEX memberships_story ON memberships(story);
    CREATE TABLE story_events (
        key INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
        story TEXT NOT NULL,
        other TEXT NOT NULL,
        article_count INTEGER NOT NULL
    );
    CREATE TABLE analyses (
        story INTEGER PRIMARY KEY REFERENCES stories(key),
        version INTEGER NOT NULL,
        analyzed_at TEXT NOT NULL,
        report TEXT NOT NULL
    );
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        checked_at TEXT,
        next_check_at TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    );
    CREATE TABLE rejections (
        key INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        input TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE TABLE state (name TEXT PRIMARY KEY, value BLOB NOT NULL);
    """,
    # 2: the browse index of stored analyses (search.py); filled as analyses are saved.
    INDEX_MIGRATION,
    # 3: an index for listing stories by size (search.py).
    SIZE_INDEX_MIGRATION,
    # 4: what cleaning removed and where the headings are, so an article's stored text is the
    # one offset space its analyses quote (NULL for articles stored before: cleaned again).
    """
    ALTER TABLE articles ADD COLUMN cleaning TEXT;
    """,
    # 5: story pages laid out when their analysis is saved (pages.py); none for analyses saved
    # before: laid out on request until `newsweave update` fills them.
    PAGE_MIGRATION,
)


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version now in force.

    The version is read inside the transaction that applies the next step, so processes opening
    a new store at the same moment apply each step once: the others wait for the lock, then
    find the step done.

    Raises:
        NewsweaveError: the store was written by a newer newsweave.
    """
    if connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
        return len(MIGRATIONS)  # up to date (a version never goes down): no lock needed
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            current = connection.execute("PRAGMA user_version").fetchone()[0]
            if current > len(MIGRATIONS):
                raise NewsweaveError(
                    f"the store is at schema version {current}, newer than this newsweave knows "
                    f"({len(MIGRATIONS)}); upgrade newsweave"
                )
            if current < len(MIGRATIONS):
                for statement in MIGRATIONS[current].split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {current + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        if current >= len(MIGRATIONS):
            return len(MIGRATIONS)
