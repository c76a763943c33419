"""The browse index of stored analyses: full-text search and per-story, per-outlet figures.

Filled from a story's report JSON whenever its analysis is saved (`index_analysis`, called by
`Store.save_analysis` in the same transaction), so the web pages can search, filter and sort
thousands of stories without opening a single report. `sync_index` backfills analyses saved
before the index existed. Everything here reads or writes the index tables of migration 2 only.

Tables (keyed by `stories.key`):
    story_stats      one row per analysed story: counts of outlets, claims, conflicts, copies
    story_outlets    per story and outlet: articles, how many are original and how many derived
    story_entities   per story: each entity name and spelling variant (for the entity filter)
    outlet_links     per copy/rewrite link: the source outlet, the derived outlet and the share
    outlet_conflicts per conflict and side: the outlet, the outlet on the other side, the kind
    story_search     FTS5 over the story's headlines, claims and entity names
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.store.sqlite import Store

# Appended to the store's MIGRATIONS (step 2). No ';' inside a statement: steps are split on it.
INDEX_MIGRATION = """
CREATE TABLE story_stats (
    story INTEGER PRIMARY KEY REFERENCES stories(key),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    independent_sources INTEGER,
    claims INTEGER NOT NULL,
    corroborated INTEGER NOT NULL,
    disputed INTEGER NOT NULL,
    single_source INTEGER NOT NULL,
    conflicts INTEGER NOT NULL,
    copies INTEGER NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX story_stats_independent ON story_stats(independent_sources);
CREATE INDEX story_stats_conflicts ON story_stats(conflicts);
CREATE TABLE story_outlets (
    story INTEGER NOT NULL REFERENCES stories(key),
    outlet TEXT NOT NULL,
    articles INTEGER NOT NULL,
    derived INTEGER NOT NULL,
    PRIMARY KEY (story, outlet)
);
CREATE INDEX story_outlets_outlet ON story_outlets(outlet);
CREATE TABLE story_entities (
    story INTEGER NOT NULL REFERENCES stories(key),
    spelling TEXT NOT NULL COLLATE NOCASE,
    name TEXT NOT NULL,
    PRIMARY KEY (story, spelling)
);
CREATE INDEX story_entities_spelling ON story_entities(spelling);
CREATE TABLE outlet_links (
    story INTEGER NOT NULL REFERENCES stories(key),
    source_outlet TEXT NOT NULL,
    derived_outlet TEXT NOT NULL,
    relation TEXT NOT NULL,
    shared REAL NOT NULL
);
CREATE INDEX outlet_links_story ON outlet_links(story);
CREATE INDEX outlet_links_source ON outlet_links(source_outlet);
CREATE INDEX outlet_links_derived ON outlet_links(derived_outlet);
CREATE TABLE outlet_conflicts (
    story INTEGER NOT NULL REFERENCES stories(key),
    outlet TEXT NOT NULL,
    other_outlet TEXT NOT NULL,
    kind TEXT NOT NULL,
    explanation TEXT NOT NULL
);
CREATE INDEX outlet_conflicts_story ON outlet_conflicts(story);
CREATE INDEX outlet_conflicts_outlet ON outlet_conflicts(outlet);
CREATE VIRTUAL TABLE story_search USING fts5(
    headlines, claims, entities, tokenize = 'unicode61 remove_diacritics 2'
)
"""

_PER_STORY_TABLES = (
    "story_stats",
    "story_outlets",
    "story_entities",
    "outlet_links",
    "outlet_conflicts",
)
# Relations that make an article derived from another; a common source makes neither derived.
DERIVED_RELATIONS = ("duplicate", "copy", "rewrite")
# Each order matches an index (with the rowid it holds), so a page is read without sorting.
SORTS = {
    "recent": "s.last_at DESC, s.key DESC",
    "size": "s.article_count DESC, s.key DESC",
    "independent": "st.independent_sources DESC, st.story DESC",
    "conflicts": "st.conflicts DESC, st.story DESC",
}
_FIGURE_SORTS = ("independent", "conflicts")
# Appended to the store's MIGRATIONS (step 3): the index of the size order.
SIZE_INDEX_MIGRATION = "CREATE INDEX stories_size ON stories(article_count)"


def index_analysis(
    db: sqlite3.Connection, story_id: str, version: int, report: Mapping[str, Any]
) -> None:
    """Replace the index rows of one story with what its report JSON (made at `version`) says."""
    row = db.execute("SELECT key FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return
    key = int(row[0])
    _forget(db, key)
    stories = report.get("stories") or []
    story: Mapping[str, Any] = stories[0] if stories else {}
    articles = story.get("articles") or []
    outlet_of = {article["id"]: article["source"] for article in articles}
    derived = {
        link["derived_article"]
        for link in story.get("provenance") or []
        if link["relation"] in DERIVED_RELATIONS
    }
    claims = story.get("claims") or []
    status = Counter(claim["status"] for claim in claims)
    summary = story.get("summary") or []
    db.execute(
        "INSERT INTO story_stats VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            key,
            version,
            story.get("title") or "",
            len(articles),
            len(set(outlet_of.values())),
            story.get("independent_sources"),
            len(claims),
            status["corroborated"],
            status["disputed"],
            status["single-source"],
            len(story.get("conflicts") or []),
            sum(
                1 for link in story.get("provenance") or [] if link["relation"] in DERIVED_RELATIONS
            ),
            " ".join(item["text"] for item in summary[:2])[:400],
        ),
    )
    per_outlet = Counter(outlet_of.values())
    derived_per_outlet = Counter(outlet_of[a] for a in derived if a in outlet_of)
    db.executemany(
        "INSERT INTO story_outlets VALUES (?,?,?,?)",
        [(key, outlet, count, derived_per_outlet[outlet]) for outlet, count in per_outlet.items()],
    )
    spellings: dict[str, str] = {}
    for entity in story.get("entities") or []:
        for spelling in (entity["name"], *entity.get("variants", ())):
            spellings.setdefault(spelling.casefold(), entity["name"])
    db.executemany(
        "INSERT OR IGNORE INTO story_entities VALUES (?,?,?)",
        [(key, spelling, name) for spelling, name in spellings.items()],
    )
    db.executemany(
        "INSERT INTO outlet_links VALUES (?,?,?,?,?)",
        [
            (
                key,
                outlet_of.get(link["source_article"], link["source_article"]),
                outlet_of.get(link["derived_article"], link["derived_article"]),
                link["relation"],
                float(link["shared"]),
            )
            for link in story.get("provenance") or []
        ],
    )
    sides = []
    for conflict in story.get("conflicts") or []:
        a = outlet_of.get(conflict["a"]["article"], conflict["a"]["article"])
        b = outlet_of.get(conflict["b"]["article"], conflict["b"]["article"])
        sides += [(key, a, b, conflict["kind"], conflict["explanation"])]
        if b != a:
            sides += [(key, b, a, conflict["kind"], conflict["explanation"])]
    db.executemany("INSERT INTO outlet_conflicts VALUES (?,?,?,?,?)", sides)
    headlines = [story.get("title") or ""] + [article.get("title") or "" for article in articles]
    db.execute(
        "INSERT INTO story_search (rowid, headlines, claims, entities) VALUES (?,?,?,?)",
        (
            key,
            "\n".join(dict.fromkeys(h for h in headlines if h)),
            "\n".join(claim["text"] for claim in claims),
            "\n".join(dict.fromkeys(spellings.values())) + "\n" + "\n".join(spellings),
        ),
    )


def sync_index(store: Store) -> int:
    """Index every stored analysis the index lacks or has at another version; returns how many."""
    rows = store._db.execute(
        "SELECT s.id, an.version, an.report FROM analyses an JOIN stories s ON s.key = an.story"
        " LEFT JOIN story_stats st ON st.story = an.story"
        " WHERE st.story IS NULL OR st.version != an.version"
    ).fetchall()
    if not rows:
        return 0
    with store.transaction():
        for story_id, version, report in rows:
            index_analysis(store._db, story_id, version, json.loads(report))
    return len(rows)


def _forget(db: sqlite3.Connection, key: int) -> None:
    for table in _PER_STORY_TABLES:
        db.execute(f"DELETE FROM {table} WHERE story = ?", (key,))
    db.execute("DELETE FROM story_search WHERE rowid = ?", (key,))


# -- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """What the stories page asks for; every field is optional."""

    text: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str = ""
    entity: str = ""
    sort: str = "recent"
    page: int = 1
    per_page: int = 25


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One row of the stories list. Figures are None while the story has no analysis; they come
    from its latest analysis, which is not `current` when articles arrived since."""

    id: str
    title: str
    article_count: int
    first_at: str | None
    last_at: str | None
    analysed: bool
    current: bool
    outlets: int | None
    independent_sources: int | None
    claims: int | None
    corroborated: int | None
    disputed: int | None
    conflicts: int | None
    copies: int | None
    summary: str


_COLUMNS = (
    "SELECT s.id, coalesce(nullif(st.title, ''), s.title), s.article_count, s.first_at, s.last_at,"
    " st.story IS NOT NULL, coalesce(st.version = s.version, 0), st.outlets,"
    " st.independent_sources, st.claims, st.corroborated, st.disputed, st.conflicts, st.copies,"
    " coalesce(st.summary, '')"
)


def search_stories(store: Store, query: StoryQuery) -> tuple[list[StorySummary], int]:
    """One page of stories matching `query`, and how many match in all.

    Each sort walks an index and stops at the page (no sort of the whole store): recency and
    size over `stories`; independent sources and conflicts over `story_stats`, after which the
    stories without an analysis follow, most recent first.
    """
    db = store._db
    where, params = _filters(query)
    total = int(db.execute(f"SELECT count(*) FROM stories s WHERE {where}", params).fetchone()[0])
    offset = (max(query.page, 1) - 1) * query.per_page
    limit = query.per_page
    stats = "LEFT JOIN story_stats st ON st.story = s.key"
    if query.sort not in _FIGURE_SORTS:
        order = SORTS.get(query.sort, SORTS["recent"])
        sql = f"{_COLUMNS} FROM stories s {stats} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = db.execute(sql, [*params, limit, offset]).fetchall()
        return [_summary(row) for row in rows], total
    analysed_from = f"FROM story_stats st JOIN stories s ON s.key = st.story WHERE {where}"
    analysed = int(db.execute(f"SELECT count(*) {analysed_from}", params).fetchone()[0])
    rows = []
    if offset < analysed:
        order = SORTS[query.sort]
        sql = f"{_COLUMNS} {analysed_from} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = db.execute(sql, [*params, limit, offset]).fetchall()
    if len(rows) < limit:
        waiting = (
            f"{_COLUMNS} FROM stories s {stats} WHERE {where} AND st.story IS NULL"
            f" ORDER BY {SORTS['recent']} LIMIT ? OFFSET ?"
        )
        rows += db.execute(
            waiting, [*params, limit - len(rows), max(0, offset - analysed)]
        ).fetchall()
    return [_summary(row) for row in rows], total


def _filters(query: StoryQuery) -> tuple[str, list[Any]]:
    clauses = ["s.article_count > 0"]
    params: list[Any] = []
    if query.text.strip():
        clauses.append("s.key IN (SELECT rowid FROM story_search WHERE story_search MATCH ?)")
        params.append(fts_query(query.text))
    if query.since:
        clauses.append("s.last_at >= ?")
        params.append(query.since.isoformat())
    if query.until:
        clauses.append("s.first_at < ?")
        params.append((query.until + dt.timedelta(days=1)).isoformat())
    if query.outlet:
        clauses.append("s.key IN (SELECT story FROM story_outlets WHERE outlet = ?)")
        params.append(query.outlet)
    if query.entity.strip():
        clauses.append("s.key IN (SELECT story FROM story_entities WHERE spelling = ?)")
        params.append(query.entity.strip())
    return " AND ".join(clauses), params


def _summary(row: sqlite3.Row | tuple[Any, ...]) -> StorySummary:
    return StorySummary(*row[:5], bool(row[5]), bool(row[6]), *row[7:])


def fts_query(text: str) -> str:
    """User words as an FTS5 query: every word must appear (the last one as a prefix).

    Each word is quoted, so FTS5 operators and punctuation in the input are taken literally.

    Example:
        >>> fts_query('kestrel "visit')
        '"kestrel" "visit"*'
    """
    printable = "".join(ch for ch in text if ch.isprintable() or ch.isspace())  # no NUL, no ESC
    words = [word.replace('"', "") for word in printable.split()]
    words = [word for word in words if word]
    if not words:
        return '""'
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def raw_text(store: Store, article_id: str) -> str | None:
    """An article's text as it was read (before cleaning), if the store has it."""
    db = store._db
    row = db.execute("SELECT raw_text FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def analysis_json(store: Store, story_id: str) -> tuple[str, bool] | None:
    """A story's latest stored report JSON as text, and whether it is current, if it has one."""
    db = store._db
    row = db.execute(
        "SELECT an.report, an.version = s.version FROM analyses an"
        " JOIN stories s ON s.key = an.story"
        " WHERE s.id = ?",
        (story_id,),
    ).fetchone()
    return (row[0], bool(row[1])) if row else None
