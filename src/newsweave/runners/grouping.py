"""Story grouping as batch steps: the steps of `stages/grouping/stories.py`, spread over partitions.

    term_counts / sum_counts   map + reduce by term: document frequencies (`count_terms`)
    vector_rows                map: each article's vector, packed (`records.pack_vector`)
    block_rows                 map: a vector's row once per blocking key (made after the
                               vectors are kept, so only one copy of each is stored)
    score_block                reduce by block key: `pairs_in_block` with each pair's
                               `key_strength` and score (the block has the vectors at hand;
                               a block past BLOCK_ARTICLES narrows its neighbourhood there)
    sum_strength               reduce by pair: one row per pair, its strengths summed
    strongest_of_article       reduce by article, then by pair: the pairs one of their articles
                               keeps among its PER_ARTICLE strongest, then among its
                               LINKED_PER_ARTICLE best-scoring (`strongest_pairs`)
    connected_components       large-star / small-star rounds (`runners/components.py`)
    pack_links                 reduce by a pair's first article: its pairs packed in one row
    link_component             reduce by component: `link_components` over its scored pairs
                               (a component past LINK_ARTICLES: `linking.link_in_rounds`)
    assign_stories             all of the above on an engine: article -> story key

`group_stories` links the groups of the pairs `strongest_pairs` keeps through `link_components`,
which joins groups only along those pairs: a story never spans two components of the kept-pair
graph, so running `link_components` per component gives the stories it gives on the whole corpus.
Articles and pairs keep their input order (`seq`) inside a component, so ties break the same way
too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import numpy as np

from newsweave.errors import Rejected
from newsweave.model import SourceProfile
from newsweave.runners import linking
from newsweave.runners.components import (
    COMPONENTS,
    DRIVER_EDGES,
    EDGES,
    connected_components,
    smallest_component,
)
from newsweave.runners.engine import Engine, Row
from newsweave.runners.records import (
    article_from_json,
    from_json,
    pack_vector,
    packed_keys,
    to_json,
    unpack_vector,
)
from newsweave.stages.article.clean import boilerplate_by_source, clean_article
from newsweave.stages.grouping.stories import (
    LINKED_PER_ARTICLE,
    PER_ARTICLE,
    Features,
    TermStats,
    grouping_features,
    key_strength,
    key_weights,
    link_components,
    pairs_in_block,
    score_pairs,
    vector_matrix,
    vectorize,
)

COUNTS = "term long, n long"
VECTORS = "id string, seq long, vector binary"
BLOCKS = "key long, id string, seq long, vector binary"
PAIRS = "pair string, a string, b string, sa long, sb long, score double, strength long"
ENDS = (
    "id string, other long, "
    "pair string, a string, b string, sa long, sb long, score double, strength long"
)
LINKS = "a string, sa long, links binary"
LINK_IN = "comp string, id string, seq long, vector binary, links binary"
ASSIGNED = "id string, story string"
PLACED = "id string, comp string, big long"
# A component of more articles is linked in rounds over partitions (runners/linking.py) rather
# than in one reduce: `link_components` holds ~10 KB per article of its component in one worker
# (12.9 GB at 1M, docs/benchmarks.md), so ~5 GB here; the rounds cost more shuffles instead.
LINK_ARTICLES = 500_000
_PAIR_COLUMNS = ("pair", "a", "b", "sa", "sb", "score", "strength")
_DOCUMENTS = -1  # the `term` of the row that counts articles


def term_counts(rows: Iterator[Row]) -> Iterator[Row]:
    """The map half of `count_terms`: term counts of one partition (all kept: a term seen once
    here may be seen again in another partition)."""
    counter: Counter[int] = Counter()
    documents = 0
    for row in rows:
        if row["kind"] != "article":
            continue
        documents += 1
        counter.update(from_json(row["features"], Features).terms.tolist())
    yield {"term": _DOCUMENTS, "n": documents}
    for term, count in counter.items():
        yield {"term": term, "n": count}


def sum_counts(term: int, rows: list[Row]) -> Iterator[Row]:
    """The reduce half of `count_terms`: terms seen in one article only are dropped."""
    total = sum(row["n"] for row in rows)
    if total > 1 or term == _DOCUMENTS:
        yield {"term": term, "n": total}


def stats_from_rows(rows: Iterable[Row]) -> TermStats:
    frequencies = {row["term"]: row["n"] for row in rows}
    return TermStats(frequencies.pop(_DOCUMENTS, 0), frequencies)


def vector_rows(stats: TermStats) -> Any:
    """The map step: each article's vector, packed."""

    def step(rows: Iterator[Row]) -> Iterator[Row]:
        for row in rows:
            if row["kind"] != "article":
                continue
            vector = vectorize(from_json(row["features"], Features), stats)
            yield {"id": row["id"], "seq": row["seq"], "vector": pack_vector(vector)}

    return step


def block_rows(rows: Iterator[Row]) -> Iterator[Row]:
    """The map step: each vector's row under each of its blocking keys (`blocking_keys`)."""
    for row in rows:
        for key in packed_keys(row["vector"]):
            yield {"key": key, **row}


def score_block(key: int, rows: list[Row]) -> Iterator[Row]:
    """The reduce step by block key: the block's pairs with their scores and the strength the
    shared key adds (the block holds the vectors, so scoring here saves a join per pair).

    Each vector travels once per blocking key (16): joining both vectors onto the pairs kept by
    strength instead moves one per kept pair plus two, 25 per article on the generated 10k corpus
    (23.3 pairs kept per article), so the block shuffle stays the cheaper one.
    """
    rows = sorted(rows, key=lambda row: row["seq"])
    vectors = [unpack_vector(row["vector"], row["id"]) for row in rows]
    pairs = np.array(pairs_in_block([v.day for v in vectors]), dtype=np.int64).reshape(-1, 2)
    if not len(pairs):
        return
    scores = score_pairs(vector_matrix(vectors), pairs)
    weights = np.array([key_weights(v)[v.keys.index(key)] for v in vectors], dtype=np.float32)
    strengths = key_strength(weights[pairs[:, 0]], weights[pairs[:, 1]])
    for (first, second), score, strength in zip(
        pairs.tolist(), scores.tolist(), strengths.tolist(), strict=True
    ):
        a, b = rows[first], rows[second]
        yield {
            "pair": f"{a['id']}\x1f{b['id']}",
            "a": a["id"],
            "b": b["id"],
            "sa": a["seq"],
            "sb": b["seq"],
            "score": score,
            "strength": strength,
        }


def sum_strength(pair: str, rows: list[Row]) -> Iterator[Row]:
    """The reduce step by pair: one row per pair (its score is the same in every block), with
    the strengths of every block that paired it summed."""
    yield {**rows[0], "strength": sum(row["strength"] for row in rows)}


def first_pair(pair: str, rows: list[Row]) -> Iterator[Row]:
    """The reduce step by pair: a pair kept by both its articles counts once."""
    yield rows[0]


def strongest_of_article(column: str, per_article: int) -> Any:
    """The reduce step by article: its `per_article` pairs highest in `column` (ties: the other
    article first in input order), as `strongest_pairs` keeps them."""

    def step(article: str, rows: list[Row]) -> Iterator[Row]:
        best = sorted(rows, key=lambda row: (-row[column], row["other"]))[:per_article]
        for row in best:
            yield {name: row[name] for name in _PAIR_COLUMNS}

    return step


def pack_links(article: str, rows: list[Row]) -> Iterator[Row]:
    """The reduce step by a pair's first article: its pairs in one row, packed (the other
    article's `seq`, int64, then the scores, float32: the pair rows hold float32 scores).

    One component can be the whole corpus (every article links its best-scoring pairs, and on
    the generated corpora they chain all articles together), so its reduce must hold a million
    articles: as one row of packed links per article, not one dict per pair (~0.6 KB each).
    """
    others = np.array([row["sb"] for row in rows], dtype="<i8")
    scores = np.array([row["score"] for row in rows], dtype="<f4")
    yield {"a": article, "sa": rows[0]["sa"], "links": others.tobytes() + scores.tobytes()}


def _unpack_links(links: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The other articles' `seq`s and the scores that `pack_links` packed (8 + 4 bytes a pair)."""
    count = len(links) // 12
    return np.frombuffer(links, "<i8", count), np.frombuffer(links, "<f4", count, 8 * count)


def link_component(component: str, rows: list[Row]) -> Iterator[Row]:
    """The reduce step by component: `link_components` over the component's articles and pairs,
    each story keyed by the id of its first article (as `link_in_rounds` keys them)."""
    members = sorted((row for row in rows if row["vector"] is not None), key=lambda r: r["seq"])
    if len(members) == 1:
        yield {"id": members[0]["id"], "story": members[0]["id"]}
        return
    seqs = np.array([row["seq"] for row in members], dtype=np.int64)
    firsts, seconds, scored = [], [], []
    for row in rows:
        if row["links"] is not None:
            others, scores = _unpack_links(row["links"])
            seconds.append(others)
            scored.append(scores)
            firsts.append(np.full(len(others), row["seq"], dtype=np.int64))
    first = np.searchsorted(seqs, np.concatenate(firsts))
    second = np.searchsorted(seqs, np.concatenate(seconds))
    order = np.lexsort((second, first))  # by the positions of both articles, as given before
    pairs = np.stack([first[order], second[order]], axis=1)
    scores = np.concatenate(scored)[order].astype(np.float32)
    vectors = [unpack_vector(row["vector"], row["id"]) for row in members]
    labels = link_components(vectors, pairs, scores)
    firsts: dict[int, str] = {}
    for row, label in zip(members, labels, strict=True):
        yield {"id": row["id"], "story": firsts.setdefault(label, row["id"])}


def assign_stories(
    engine: Engine,
    articles: Any,
    *,
    driver_edges: int = DRIVER_EDGES,
    link_articles: int = LINK_ARTICLES,
) -> tuple[Any, int, int]:
    """Each article (rows with `id`, `seq`, `features`) with its story key (`id`, `story`: the
    id of the story's first article). A component of the kept pairs past `link_articles`
    articles is linked in rounds (`linking.link_in_rounds`), the others each in one reduce.

    Returns the table, the number of compared pairs and the component rounds (0: on the driver).
    """
    e = engine
    counts = e.reduce(e.map(articles, term_counts, COUNTS), "term", sum_counts, COUNTS)
    stats = stats_from_rows(e.rows(counts))
    vectors = e.persist(e.map(articles, vector_rows(stats), VECTORS))
    blocks = e.reduce(e.map(vectors, block_rows, BLOCKS), "key", score_block, PAIRS)
    pairs = e.reduce(blocks, "pair", sum_strength, PAIRS)
    for column, per_article in (("strength", PER_ARTICLE), ("score", LINKED_PER_ARTICLE)):
        best = strongest_of_article(column, per_article)
        kept = e.reduce(e.map(pairs, _both_ends, ENDS), "id", best, PAIRS)
        pairs = e.reduce(kept, "pair", first_pair, PAIRS)
    pairs = e.persist(pairs)
    found, edges, rounds = connected_components(
        e, e.map(pairs, _edges, EDGES), driver_edges=driver_edges
    )
    # Articles in no compared pair are components of their own: a union and a reduce, the
    # left join that engines without one can do.
    own = e.map(articles, _own_component, COMPONENTS)
    components = e.persist(e.reduce(e.union(found, own), "id", smallest_component, COMPONENTS))
    placed = e.persist(e.reduce(components, "comp", _placed(link_articles), PLACED))
    small = e.where(placed, "big", 0)
    members = e.map(e.join(vectors, small, "id"), _member_rows, LINK_IN)
    packed = e.reduce(pairs, "a", pack_links, LINKS)
    links = e.map(
        e.join(packed, e.map(small, _as_first, "a string, comp string"), "a"),
        _link_rows,
        LINK_IN,
    )
    stories = e.reduce(e.union(members, links), "comp", link_component, ASSIGNED)
    big = e.persist(e.where(placed, "big", 1))
    if e.count(big):
        in_big = e.join(pairs, e.map(big, _as_first, "a string, comp string"), "a")
        big_articles = e.select(e.join(vectors, big, "id"), linking.ARTICLES)
        stories = e.union(stories, linking.link_in_rounds(e, big_articles, in_big)[0])
    return stories, edges, rounds


def _placed(link_articles: int) -> Any:
    """Reduce by component: its articles, marked `big` past `link_articles` of them."""

    def step(component: str, rows: list[Row]) -> Iterator[Row]:
        big = int(len(rows) > link_articles)
        for row in rows:
            yield {"id": row["id"], "comp": component, "big": big}

    return step


def cleaned_features(profiles: Mapping[str, SourceProfile]) -> Any:
    """Map: grouping features of raw articles cleaned as `prepare` cleans them (page noise and
    each source's learned boilerplate removed), without the annotation grouping never reads: the
    features the pipeline groups, for grouping alone (bench/scale). An article left without
    text is dropped, as `prepare` rejects it."""
    boilerplate = boilerplate_by_source(profiles)

    def step(rows: Iterable[Row]) -> Iterator[Row]:
        for row in rows:
            try:
                article = clean_article(article_from_json(row["article"]), boilerplate)
            except Rejected:
                continue
            yield {**row, "features": to_json(grouping_features(article))}

    return step


def _both_ends(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"id": row["a"], "other": row["sb"], **row}
        yield {"id": row["b"], "other": row["sa"], **row}


def _edges(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"src": row["a"], "dst": row["b"]}


def _own_component(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"id": row["id"], "comp": row["id"]}


def _as_first(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"a": row["id"], "comp": row["comp"]}


def _member_rows(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"comp": row["comp"], "id": row["id"], "seq": row["seq"], "vector": row["vector"]}


def _link_rows(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"comp": row["comp"], "id": row["a"], "seq": row["sa"], "links": row["links"]}
