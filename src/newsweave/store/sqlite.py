"""The embedded store: one SQLite file in WAL mode holding articles, stories and analyses.

Every change goes through `Store.transaction()`, so a crash leaves the file as it was after the
last commit: nothing acknowledged is lost, and no story is half written. Times are ISO 8601
strings; `published_at` is the article's own date, `seen_at` when the store first saw it.

Example:
    >>> with Store(":memory:") as store:
    ...     store.stories()
    []
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsweave.clock import Clock, utc_now
from newsweave.errors import NewsweaveError
from newsweave.model import Article, Rejection
from newsweave.store.connection import open_database
from newsweave.store.rows import (
    RecentArticle,
    StoredStory,
    StoryEvent,
    article_from_row,
    cleaning_json,
    event_from_row,
    iso,
    parse_time,
    story_from_row,
)
from newsweave.store.search import index_analysis

DEFAULT_PATH = Path("newsweave.db")


class Store:
    """An open store; use as a context manager, or call `close()`.

    Every time it stores (ingested, updated, analysed, rejected) is read from `clock`.
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, *, clock: Clock = utc_now) -> None:
        self.path = str(path)
        self.now = clock
        self._db = open_database(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: commit when the block ends, roll back if it raises."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- articles -----------------------------------------------------------------------------

    def find_article(self, *, url: str | None, content_hash: str) -> int | None:
        """The key of a stored article with this URL or this content, if any."""
        row = self._db.execute(
            "SELECT key FROM articles WHERE content_hash = ? OR (url IS NOT NULL AND url = ?) LIMIT 1",
            (content_hash, url),
        ).fetchone()
        return int(row[0]) if row else None

    def add_article(
        self,
        article: Article,
        *,
        content_hash: str,
        terms: dict[str, int],
        near_duplicate_of: int | None,
    ) -> tuple[int, str]:
        """Insert one article; returns its key and its id (suffixed when the id was taken)."""
        article_id = article.id
        if self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            article_id = f"{article.id}-{content_hash[:8]}"
        cursor = self._db.execute(
            "INSERT INTO articles (id, url, content_hash, source, title, published_at, language, origin,"
            " raw_text, text, terms, seen_at, near_duplicate_of, cleaning)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article_id,
                article.url,
                content_hash,
                article.source,
                article.title,
                iso(article.published),
                article.language,
                article.origin,
                article.raw_text,
                article.text,
                json.dumps(terms, separators=(",", ":")),
                iso(self.now()),
                near_duplicate_of,
                cleaning_json(article) if article.text else None,
            ),
        )
        return int(cursor.lastrowid or 0), article_id

    def source_sample(self, source: str, limit: int = 20) -> list[Article]:
        """The latest stored articles of one source (raw text), to learn its profile from."""
        rows = self._db.execute(
            "SELECT id, source, raw_text FROM articles WHERE source = ? ORDER BY key DESC LIMIT ?",
            (source, limit),
        )
        return [Article(id=row[0], source=row[1], raw_text=row[2]) for row in rows]

    def has_url(self, url: str) -> bool:
        return (
            self._db.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is not None
        )

    def link_near_duplicate(self, article_key: int, original_key: int) -> None:
        self._db.execute(
            "UPDATE articles SET near_duplicate_of = ? WHERE key = ?", (original_key, article_key)
        )

    def articles_after_max(self) -> int:
        """The key of the newest article (0 for an empty store)."""
        return int(self._db.execute("SELECT coalesce(max(key), 0) FROM articles").fetchone()[0])

    def story_of_keys(self, keys: list[int]) -> dict[int, str]:
        """The story id of each article key."""
        found: dict[int, str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT m.article, s.id FROM memberships m JOIN stories s ON s.key = m.story WHERE m.article IN ({marks})",
                chunk,
            ):
                found[int(row[0])] = row[1]
        return found

    def article_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles_after(self, key: int) -> Iterator[tuple[int, dict[str, int]]]:
        """(key, terms) of every article stored after `key`, in order."""
        for row in self._db.execute(
            "SELECT key, terms FROM articles WHERE key > ? ORDER BY key", (key,)
        ):
            yield int(row[0]), json.loads(row[1])

    def recent_articles(self, limit: int) -> list[RecentArticle]:
        """The last `limit` articles stored, with their stories, oldest first (for grouping)."""
        rows = self._db.execute(
            "SELECT a.key, s.id, a.terms, a.published_at FROM articles a"
            " JOIN memberships m ON m.article = a.key JOIN stories s ON s.key = m.story"
            " ORDER BY a.key DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            RecentArticle(int(r[0]), r[1], json.loads(r[2]), parse_time(r[3]))
            for r in reversed(rows)
        ]

    def iter_memberships(self) -> Iterator[RecentArticle]:
        """Every article with its story and terms, in the order stored (for batch grouping)."""
        query = (
            "SELECT a.key, s.id, a.terms, a.published_at FROM articles a JOIN memberships m"
            " ON m.article = a.key JOIN stories s ON s.key = m.story ORDER BY a.key"
        )
        for r in self._db.execute(query):
            yield RecentArticle(int(r[0]), r[1], json.loads(r[2]), parse_time(r[3]))

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        """Every stored article with its story id, in the order stored (for export)."""
        query = (
            "SELECT a.*, s.id AS story_id, d.id AS duplicate_id FROM articles a"
            " LEFT JOIN memberships m ON m.article = a.key LEFT JOIN stories s ON s.key = m.story"
            " LEFT JOIN articles d ON d.key = a.near_duplicate_of ORDER BY a.key"
        )
        for row in self._db.execute(query):
            yield {
                "id": row["id"],
                "story": row["story_id"],
                "source": row["source"],
                "title": row["title"],
                "url": row["url"],
                "published": row["published_at"],
                "language": row["language"],
                "seen_at": row["seen_at"],
                "content_hash": row["content_hash"],
                "near_duplicate_of": row["duplicate_id"],
                "origin": row["origin"],
                "raw_text": row["raw_text"],
                "text": row["text"],
            }

    # -- stories ------------------------------------------------------------------------------

    def new_story(self) -> str:
        """Create an empty story and return its id (`s1`, `s2`, ...; never reused)."""
        now = iso(self.now())
        cursor = self._db.execute(
            "INSERT INTO stories (id, created_at, updated_at) VALUES ('', ?, ?)", (now, now)
        )
        story_id = f"s{cursor.lastrowid}"
        self._db.execute("UPDATE stories SET id = ? WHERE key = ?", (story_id, cursor.lastrowid))
        return story_id

    def assign(self, article_key: int, story_id: str, score: float) -> None:
        """Put an article in a story (moving it if it was in another)."""
        self._db.execute(
            "INSERT INTO memberships (article, story, score) VALUES (?, (SELECT key FROM stories WHERE id = ?), ?)"
            " ON CONFLICT(article) DO UPDATE SET story = excluded.story, score = excluded.score",
            (article_key, story_id, score),
        )

    def log_event(self, kind: str, story: str, other: str, article_count: int) -> None:
        self._db.execute(
            "INSERT INTO story_events (at, kind, story, other, article_count) VALUES (?,?,?,?,?)",
            (iso(self.now()), kind, story, other, article_count),
        )
        if kind == "merge":
            self._db.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (story, other))

    def refresh_stories(self, story_ids: Iterable[str]) -> None:
        """Recount members, dates and title of changed stories, and bump their version."""
        now = iso(self.now())
        for story_id in set(story_ids):
            self._db.execute(
                """UPDATE stories SET
                    article_count = (SELECT count(*) FROM memberships m WHERE m.story = stories.key),
                    first_at = (SELECT min(a.published_at) FROM memberships m
                                JOIN articles a ON a.key = m.article WHERE m.story = stories.key),
                    last_at = (SELECT max(a.published_at) FROM memberships m
                               JOIN articles a ON a.key = m.article WHERE m.story = stories.key),
                    title = coalesce(
                        (SELECT json_extract(an.report, '$.stories[0].title') FROM analyses an
                         WHERE an.story = stories.key),
                        (SELECT a.title FROM memberships m JOIN articles a ON a.key = m.article
                         WHERE m.story = stories.key AND a.title IS NOT NULL
                         ORDER BY coalesce(a.published_at, a.seen_at), a.key LIMIT 1), ''),
                    version = version + 1, updated_at = ?
                   WHERE id = ?""",
                (now, story_id),
            )

    def stories(
        self,
        *,
        since: dt.datetime | None = None,
        query: str | None = None,
        limit: int | None = None,
    ) -> list[StoredStory]:
        """Stories with articles, most recently active first; `query` matches titles and text."""
        clauses = ["article_count > 0"]
        params: list[Any] = []
        if since:
            clauses.append("last_at >= ?")
            params.append(iso(since))
        if query:
            pattern = f"%{query}%"
            clauses.append(
                "(title LIKE ? OR key IN (SELECT m.story FROM memberships m JOIN articles a ON a.key = m.article"
                " WHERE a.title LIKE ? OR a.text LIKE ?))"
            )
            params += [pattern, pattern, pattern]
        sql = f"SELECT * FROM stories WHERE {' AND '.join(clauses)} ORDER BY last_at DESC, key DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [story_from_row(row) for row in self._db.execute(sql, params)]

    def story(self, story_id: str) -> StoredStory:
        """One story by id; the id of a merged story leads to the story that absorbed it."""
        seen = set()
        while True:
            row = self._db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                raise NewsweaveError(
                    f"no story {story_id!r} in {self.path}; list them with `newsweave stories`"
                )
            if not row["merged_into"] or row["article_count"] > 0 or story_id in seen:
                return story_from_row(row)
            seen.add(story_id)
            story_id = row["merged_into"]

    def story_articles(self, story_id: str) -> list[Article]:
        """The stored articles of one story, as `Article`s with their raw text (not yet cleaned)."""
        rows = self._db.execute(
            "SELECT a.* FROM articles a JOIN memberships m ON m.article = a.key JOIN stories s ON s.key = m.story"
            " WHERE s.id = ? ORDER BY coalesce(a.published_at, a.seen_at), a.key",
            (story_id,),
        )
        return [article_from_row(row) for row in rows]

    def events(self, story_id: str | None = None) -> list[StoryEvent]:
        sql, params = "SELECT * FROM story_events", ()
        if story_id:
            sql, params = sql + " WHERE story = ? OR other = ?", (story_id, story_id)
        return [event_from_row(r) for r in self._db.execute(sql + " ORDER BY key", params)]

    # -- analyses -----------------------------------------------------------------------------

    def analysis(self, story_id: str) -> dict[str, Any] | None:
        """The stored report of a story, if it was made for the story's current version."""
        row = self._db.execute(
            "SELECT an.report FROM analyses an JOIN stories s ON s.key = an.story"
            " WHERE s.id = ? AND an.version = s.version",
            (story_id,),
        ).fetchone()
        return json.loads(row[0]) if row else None

    def latest_analysis(self, story_id: str) -> tuple[int, dt.datetime, dict[str, Any]] | None:
        """The story's last stored report, current or not: (story version, analysed at, report)."""
        row = self._db.execute(
            "SELECT an.version, an.analyzed_at, an.report FROM analyses an"
            " JOIN stories s ON s.key = an.story WHERE s.id = ?",
            (story_id,),
        ).fetchone()
        if row is None:
            return None
        return int(row[0]), dt.datetime.fromisoformat(row[1]), json.loads(row[2])

    def analysis_state(self, story_id: str) -> str:
        """`current`, `stale` (articles arrived since it was made) or `none`."""
        row = self._db.execute(
            "SELECT an.version, s.version FROM stories s LEFT JOIN analyses an ON an.story = s.key"
            " WHERE s.id = ?",
            (story_id,),
        ).fetchone()
        if row is None or row[0] is None:
            return "none"
        return "current" if row[0] == row[1] else "stale"

    def save_analysis(self, story_id: str, version: int, report: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT INTO analyses (story, version, analyzed_at, report)"
            " VALUES ((SELECT key FROM stories WHERE id = ?), ?, ?, ?)"
            " ON CONFLICT(story) DO UPDATE SET version = excluded.version,"
            " analyzed_at = excluded.analyzed_at, report = excluded.report",
            (story_id, version, iso(self.now()), json.dumps(report, ensure_ascii=False)),
        )
        index_analysis(self._db, story_id, version, report)
        # The story's laid-out page showed the analysis replaced here (store/pages.py).
        self._db.execute(
            "DELETE FROM story_pages WHERE story = (SELECT key FROM stories WHERE id = ?)",
            (story_id,),
        )
        # The stories list shows the title the report chose, not another article's headline.
        titles = [story.get("title") for story in report.get("stories", ())]
        if titles and titles[0]:
            self._db.execute("UPDATE stories SET title = ? WHERE id = ?", (titles[0], story_id))

    def stale_stories(self) -> list[str]:
        """Ids of stories whose stored analysis is missing or older than their articles."""
        rows = self._db.execute(
            "SELECT s.id FROM stories s LEFT JOIN analyses an ON an.story = s.key"
            " WHERE s.article_count > 0 AND (an.version IS NULL OR an.version < s.version) ORDER BY s.key"
        )
        return [row[0] for row in rows]

    # -- rejections, state ---------------------------------------------------------------------

    def record_rejection(self, rejection: Rejection) -> None:
        self._db.execute(
            "INSERT INTO rejections (at, input, reason, detail) VALUES (?,?,?,?)",
            (iso(self.now()), rejection.input, rejection.reason, rejection.detail),
        )

    def get_state(self, name: str) -> bytes | None:
        row = self._db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return bytes(row[0]) if row else None

    def set_state(self, name: str, value: bytes) -> None:
        self._db.execute("INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)", (name, value))

    def check(self) -> list[str]:
        """Consistency problems, if any: articles without a story, miscounted stories."""
        problems = [
            f"article {row[0]} belongs to no story"
            for row in self._db.execute(
                "SELECT id FROM articles WHERE key NOT IN (SELECT article FROM memberships)"
            )
        ]
        problems += [
            f"story {row[0]} counts {row[1]} articles but has {row[2]}"
            for row in self._db.execute(
                "SELECT s.id, s.article_count, (SELECT count(*) FROM memberships m WHERE m.story = s.key) AS n"
                " FROM stories s WHERE s.article_count != n"
            )
        ]
        return problems
