"""What the browse index says about outlets: how often each originates, copies or rewrites,
whom it copies, who copies it, and the conflicts it is on (over every story's latest analysis).

Reads the per-outlet tables that `search.index_analysis` fills; nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsweave.store.sqlite import Store


def outlet_names(store: Store) -> list[str]:
    """Every outlet with an analysed story, by name."""
    db = store._db
    return [
        row[0] for row in db.execute("SELECT DISTINCT outlet FROM story_outlets ORDER BY outlet")
    ]


@dataclass(frozen=True, slots=True)
class OutletFigures:
    """How one outlet's articles relate to the rest of the coverage."""

    name: str
    stories: int
    articles: int
    derived: int  # articles that copy, rewrite or duplicate another outlet's
    conflicts: int

    @property
    def original(self) -> int:
        return self.articles - self.derived


_LIVE = "JOIN stories s ON s.key = {0}.story AND s.article_count > 0"


def outlet_figures(
    store: Store, *, name: str | None = None, limit: int = 200, offset: int = 0
) -> list[OutletFigures]:
    """Outlets by number of articles (or the one named), over every story's latest analysis."""
    db = store._db
    where, params = ("WHERE o.outlet = ?", [name]) if name is not None else ("", [])
    rows = db.execute(
        "SELECT o.outlet, count(*), sum(o.articles), sum(o.derived),"
        " (SELECT count(*) FROM outlet_conflicts c WHERE c.outlet = o.outlet)"
        f" FROM story_outlets o {_LIVE.format('o')} {where}"
        " GROUP BY o.outlet ORDER BY 3 DESC, o.outlet LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [OutletFigures(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class OutletLink:
    """`outlet` is the other side of `count` links of one relation; `shared` is their mean share."""

    outlet: str
    relation: str
    count: int
    shared: float


def outlet_links(store: Store, name: str, *, as_source: bool) -> list[OutletLink]:
    """Whom `name` copies or rewrites (as_source=False), or who copies or rewrites it."""
    db = store._db
    mine, other = (
        ("source_outlet", "derived_outlet") if as_source else ("derived_outlet", "source_outlet")
    )
    rows = db.execute(
        f"SELECT l.{other}, l.relation, count(*), avg(l.shared) FROM outlet_links l"
        f" {_LIVE.format('l')} WHERE l.{mine} = ? AND l.{other} != l.{mine}"
        f" GROUP BY l.{other}, l.relation ORDER BY 3 DESC, 1 LIMIT 50",
        (name,),
    ).fetchall()
    return [OutletLink(*row) for row in rows]


def outlet_relation_counts(store: Store, name: str) -> dict[str, int]:
    """How many of `name`'s articles are a duplicate, copy or rewrite of another outlet's."""
    db = store._db
    rows = db.execute(
        f"SELECT l.relation, count(*) FROM outlet_links l {_LIVE.format('l')}"
        " WHERE l.derived_outlet = ? GROUP BY l.relation",
        (name,),
    )
    return {row[0]: int(row[1]) for row in rows}


@dataclass(frozen=True, slots=True)
class OutletConflict:
    story_id: str
    story_title: str
    other_outlet: str
    kind: str
    explanation: str


def outlet_conflicts(store: Store, name: str, *, limit: int = 50) -> list[OutletConflict]:
    """The latest conflicts `name` is on one side of."""
    db = store._db
    rows = db.execute(
        "SELECT s.id, coalesce(nullif(st.title, ''), s.title), c.other_outlet, c.kind,"
        f" c.explanation FROM outlet_conflicts c {_LIVE.format('c')}"
        " LEFT JOIN story_stats st ON st.story = s.key WHERE c.outlet = ?"
        " ORDER BY s.last_at DESC, s.key DESC LIMIT ?",
        (name, limit),
    ).fetchall()
    return [OutletConflict(*row) for row in rows]
