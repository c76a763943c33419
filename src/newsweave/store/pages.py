"""Story pages laid out when their analysis is saved, so a first view reads one row.

A page is kept per story (zlib-compressed HTML: a tenth of a page's size) with the story version
of the analysis it shows and a `layout` fingerprint of the code that laid it out. It is served
only while both still hold: `Store.save_analysis` drops a story's page in the same transaction
(an analysis saved by code that lays out no page leaves none), new articles move the story's
version on, and a newer newsweave has another fingerprint. Anything else is laid out on request,
as before, and `newsweave update` fills the gaps.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsweave.store.sqlite import Store

PAGE_MIGRATION = """
CREATE TABLE story_pages (
    story INTEGER PRIMARY KEY REFERENCES stories(key),
    version INTEGER NOT NULL,
    layout TEXT NOT NULL,
    html BLOB NOT NULL
)
"""


def save_page(store: Store, story_id: str, version: int, layout: str, html: str) -> None:
    """Keep `html` as the page of the story's analysis made at story version `version`."""
    store._db.execute(
        "INSERT OR REPLACE INTO story_pages (story, version, layout, html)"
        " VALUES ((SELECT key FROM stories WHERE id = ?), ?, ?, ?)",
        (story_id, version, layout, zlib.compress(html.encode("utf-8"), 6)),
    )


def current_page(store: Store, story_id: str, layout: str) -> str | None:
    """The kept page of the story, if it shows its current analysis and was laid out by `layout`."""
    row = store._db.execute(
        "SELECT p.html FROM stories s JOIN story_pages p ON p.story = s.key"
        " JOIN analyses an ON an.story = s.key"
        " WHERE s.id = ? AND p.version = s.version AND an.version = s.version AND p.layout = ?",
        (story_id, layout),
    ).fetchone()
    return zlib.decompress(row[0]).decode("utf-8") if row else None


def stories_without_page(store: Store, layout: str) -> list[str]:
    """Ids of stories with a current analysis but no page of it laid out by `layout`."""
    rows = store._db.execute(
        "SELECT s.id FROM stories s JOIN analyses an ON an.story = s.key"
        " LEFT JOIN story_pages p ON p.story = s.key"
        " WHERE an.version = s.version AND s.article_count > 0"
        " AND (p.story IS NULL OR p.version != s.version OR p.layout != ?)"
        " ORDER BY s.key",
        (layout,),
    )
    return [row[0] for row in rows]
