"""Linking a component too large for one worker: `link_components`' steps as rounds over
partitions, on any engine.

`link_components` (stages/grouping/components.py) links one component of the kept-pair graph in
one process. On real coverage one component can hold nearly the whole corpus (the kept pairs
chain stories together), so past `runners/grouping.LINK_ARTICLES` articles the component is
linked here instead, with the same answer: each step of `link_components` is a fixed point of
rounds of reduce steps, and every sum is a sum of integers (fixed point), the same in any order.

    neighbourhood    reduce by article: its row (`row_entries`); by neighbour: the products of
                     the rows that meet there; by pair: their sum (`neighbourhood_graph`)
    linkage          rounds: each group names its best neighbour (reduce by group), two groups
                     naming each other join (reduce by pair), the group pairs' totals are summed
                     under the new names (`average_linkage`)
    concentration    each term's holders and groups per component (reduce by component and
                     term), then each short article's weighed row (reduce by article)
                     (stages/grouping/concentration.py)
    centroid joins   rounds (at most `CENTROID_ROUNDS`): each group's mean vector (reduce by
                     group over its articles), the linked pairs of groups scored with both means at hand,
                     then a greedy matching of the passing pairs in sub-rounds of locally best
                     pairs (the greedy one: a pair best for both its groups among the pairs
                     left is the one greedy order takes) (`join_by_centroids`)
    attach           an article left alone joins its best linked group (`attach_singletons`)

Groups are named by their first article (its `seq`), as `link_components` roots them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from newsweave.runners.components import connected_components
from newsweave.runners.engine import Engine, Row
from newsweave.runners.records import unpack_vector
from newsweave.stages.grouping.components import (
    ATTACH_THRESHOLD,
    CENTROID_ROUNDS,
    CENTROID_THRESHOLD,
    LINK_THRESHOLD,
    NEIGHBOURS,
    SHARED_NEIGHBOURS,
    SHORT_TEXT_TERMS,
    UNIT,
    centroid_bar,
    established_apart,
    fixed_scores,
    mean_similarity,
    row_entries,
)
from newsweave.stages.grouping.concentration import (
    concentrated_row,
    concentrations,
    shortness,
)
from newsweave.stages.grouping.developments import DEVELOPMENTS
from newsweave.stages.grouping.features import FAMILIES
from newsweave.stages.grouping.means import CENTROID_TERMS, VECTOR_SCALE, fixed_unit

ARTICLES = "id string, seq long, vector binary"
LINKED = "sa long, sb long, score double"
ENDS = "node long, other long, score double"
ENTRIES = "col long, row long, value long, own long"
PRODUCTS = "key long, g1 long, g2 long, total long"
EDGES = "g1 long, g2 long, total long"
GROUPS = "g long, size long, dated long"
SIDE_1 = "g1 long, s1 long, d1 long"
SIDE_2 = "g2 long, s2 long, d2 long"
SIZED = "g1 long, g2 long, total long, s1 long, d1 long, s2 long, d2 long"
VOTES = "node long, other long, key long, strength double"
JOINS = "absorbed long, kept long"
RENAME = "g long, into long, g1 long, g2 long, total long, size long, dated long, seq long"
LEFT = "key long, g1 long, g2 long, strength double"
MEMBERS = "seq long, g long"
MEMBER_ROWS = "seq long, g long, id string, vector binary"
MEANS = "g long, size long, terms long, first double, last double, mean binary, names binary"
MEANS_1 = "g1 long, n1 long, t1 long, f1 double, l1 double, m1 binary, x1 binary"
MEANS_2 = "g2 long, n2 long, t2 long, f2 double, l2 double, m2 binary, x2 binary"
CANDIDATES = "g1 long, g2 long, strength double"
MARKED = "node long, g1 long, g2 long, strength double, done long"
STORIES = "id string, story string"
HOLDERS = "key string, seq long, term long, g long, short long"
WEIGHING = "seq long, vector binary, term long, weight double"
_PAIR = 1 << 32  # a pair of `seq`s as one key: seq * _PAIR + seq (a batch's seq fits 32 bits)
_NAMES = FAMILIES.index("n")


def link_in_rounds(engine: Engine, articles: Any, pairs: Any) -> tuple[Any, dict[str, int]]:
    """Each article (`id`, `seq`, `vector` rows) with its story (`id`, `story`: the id of the
    story's first article), from the kept pairs (`sa`, `sb`, `score` rows) among them; and the
    rounds each step ran (`linkage`, `centroid`)."""
    e = engine
    pairs = e.persist(e.select(pairs, LINKED))
    edges = _neighbourhood(e, pairs)
    members, linkage_rounds = _linkage(e, articles, edges)
    members, centroid_rounds = _centroid_joins(e, articles, pairs, members)
    members = _attach(e, articles, pairs, members)
    named = e.join(e.map(members, _as_member, "seq long, g long"), articles, "seq")
    stories = e.reduce(named, "g", _story_of_group, STORIES)
    return stories, {"linkage": linkage_rounds, "centroid": centroid_rounds}


# -- neighbourhood similarity ------------------------------------------------------------------


def _neighbourhood(e: Engine, pairs: Any) -> Any:
    ends = e.map(pairs, _both_ends, ENDS)
    entries = e.reduce(ends, "node", _row_of_article, ENTRIES)
    products = e.reduce(entries, "col", _products_at, PRODUCTS)
    return e.persist(e.reduce(products, "key", _similarity, EDGES))


def _both_ends(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"node": row["sa"], "other": row["sb"], "score": row["score"]}
        yield {"node": row["sb"], "other": row["sa"], "score": row["score"]}


def _row_of_article(node: int, rows: list[Row]) -> Iterator[Row]:
    """Reduce by article: its neighbourhood row's entries, under the neighbour they are at, and
    its own entry (`row_entries` over its `NEIGHBOURS` best scores; ties: the first other)."""
    scored = fixed_scores(np.array([row["score"] for row in rows], dtype=np.float32))
    best = sorted(
        ((score, row["other"]) for score, row in zip(scored.tolist(), rows, strict=True)),
        key=lambda item: (-item[0], item[1]),
    )
    best = [item for item in best if item[0] > 0][:NEIGHBOURS]
    entries, own = row_entries(np.array([score for score, _ in best], dtype=np.int64))
    for value, (_, other) in zip(entries.tolist(), best, strict=True):
        if value > 0:
            yield {"col": other, "row": node, "value": value, "own": 0}
    yield {"col": node, "row": node, "value": own, "own": 1}


def _products_at(col: int, rows: list[Row]) -> Iterator[Row]:
    """Reduce by neighbour: the products of every two rows that hold it (a hub counts only in
    its `SHARED_NEIGHBOURS` strongest rows, as in `neighbourhood_graph`)."""
    others = sorted(
        (row for row in rows if not row["own"]), key=lambda row: (-row["value"], row["row"])
    )[:SHARED_NEIGHBOURS]
    held = sorted(
        [(row["row"], row["value"]) for row in others]
        + [(row["row"], row["value"]) for row in rows if row["own"]]
    )
    for index, (first, value) in enumerate(held):
        for second, other in held[index + 1 :]:
            yield {
                "key": first * _PAIR + second,
                "g1": first,
                "g2": second,
                "total": value * other,
            }


def _similarity(key: int, rows: list[Row]) -> Iterator[Row]:
    total = min(sum(row["total"] for row in rows), UNIT)
    if total > 0:
        yield {"g1": rows[0]["g1"], "g2": rows[0]["g2"], "total": total}


# -- average linkage ---------------------------------------------------------------------------


def _linkage(e: Engine, articles: Any, edges: Any) -> tuple[Any, int]:
    """The members table (`seq`, `g`) after `average_linkage`'s rounds, and the rounds."""
    groups = e.map(articles, _single_group, GROUPS)
    joins = None
    rounds = 0
    while True:
        rounds += 1
        sized = e.join(
            e.join(edges, e.map(groups, _side(1), SIDE_1), "g1"),
            e.map(groups, _side(2), SIDE_2),
            "g2",
        )
        votes = e.reduce(e.map(sized, _linkage_votes, VOTES), "node", _best_vote, VOTES)
        found = e.persist(e.reduce(votes, "key", _mutual, JOINS))
        if e.count(found) == 0:
            break
        joins = found if joins is None else e.persist(e.union(joins, found))
        groups = e.persist(_renamed_groups(e, groups, found))
        edges = e.persist(_renamed_edges(e, edges, found))
    return _members_after(e, articles, joins), rounds


def _single_group(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        dated = not math.isnan(_day(row["vector"]))
        yield {"g": row["seq"], "size": 1, "dated": int(dated)}


def _side(number: int) -> Any:
    def step(rows: Iterator[Row]) -> Iterator[Row]:
        for row in rows:
            yield {f"g{number}": row["g"], f"s{number}": row["size"], f"d{number}": row["dated"]}

    return step


def _linkage_votes(rows: Iterator[Row]) -> Iterator[Row]:
    """Map: each pair of groups the linkage may join, seen from both (`mutual_best`'s test)."""
    for row in rows:
        mean = mean_similarity(row["total"], row["s1"], row["s2"])
        if mean < LINK_THRESHOLD or established_apart(
            mean, row["s1"], row["s2"], row["d1"], row["d2"]
        ):
            continue
        key = row["g1"] * _PAIR + row["g2"]
        yield {"node": row["g1"], "other": row["g2"], "key": key, "strength": mean}
        yield {"node": row["g2"], "other": row["g1"], "key": key, "strength": mean}


def _best_vote(node: int, rows: list[Row]) -> Iterator[Row]:
    """Reduce by group: its best neighbour (highest mean; ties: the first group)."""
    yield min(rows, key=lambda row: (-row["strength"], row["other"]))


def _mutual(key: int, rows: list[Row]) -> Iterator[Row]:
    """Reduce by pair: two groups that named each other join (into the first)."""
    if len(rows) == 2:
        first, second = sorted((rows[0]["node"], rows[0]["other"]))
        yield {"absorbed": second, "kept": first}


def _renamed_groups(e: Engine, groups: Any, joins: Any) -> Any:
    keyed = e.union(e.map(groups, _group_rows, RENAME), e.map(joins, _join_rows, RENAME))
    moved = e.reduce(keyed, "g", _rename_group, GROUPS)
    return e.reduce(moved, "g", _sum_group, GROUPS)


def _group_rows(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"g": row["g"], "size": row["size"], "dated": row["dated"]}


def _join_rows(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"g": row["absorbed"], "into": row["kept"]}


def _rename_group(g: int, rows: list[Row]) -> Iterator[Row]:
    into = next((row["into"] for row in rows if row["into"] is not None), g)
    for row in rows:
        if row["into"] is None:
            yield {"g": into, "size": row["size"], "dated": row["dated"]}


def _sum_group(g: int, rows: list[Row]) -> Iterator[Row]:
    yield {
        "g": g,
        "size": sum(row["size"] for row in rows),
        "dated": sum(row["dated"] for row in rows),
    }


def _renamed_edges(e: Engine, edges: Any, joins: Any) -> Any:
    renames = e.map(joins, _join_rows, RENAME)
    for end in ("g1", "g2"):
        keyed = e.union(e.map(edges, _edge_by(end), RENAME), renames)
        edges = e.reduce(keyed, "g", _rename_edge(end), EDGES)
    return e.reduce(e.map(edges, _ordered_edge, PRODUCTS), "key", _sum_edge, EDGES)


def _edge_by(end: str) -> Any:
    def step(rows: Iterator[Row]) -> Iterator[Row]:
        for row in rows:
            yield {"g": row[end], "g1": row["g1"], "g2": row["g2"], "total": row["total"]}

    return step


def _rename_edge(end: str) -> Any:
    def step(g: int, rows: list[Row]) -> Iterator[Row]:
        into = next((row["into"] for row in rows if row["into"] is not None), g)
        for row in rows:
            if row["into"] is None:
                yield {"g1": row["g1"], "g2": row["g2"], "total": row["total"], end: into}

    return step


def _ordered_edge(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        first, second = sorted((row["g1"], row["g2"]))
        if first != second:
            yield {"key": first * _PAIR + second, "g1": first, "g2": second, "total": row["total"]}


def _sum_edge(key: int, rows: list[Row]) -> Iterator[Row]:
    yield {"g1": rows[0]["g1"], "g2": rows[0]["g2"], "total": sum(row["total"] for row in rows)}


def _members_after(e: Engine, articles: Any, joins: Any) -> Any:
    """Each article's group after the joins so far (each join names its group's first
    article, so a group is a component of the joins, named by its smallest `seq`)."""
    own = e.map(articles, _own_member, MEMBERS)
    if joins is None:
        return e.persist(own)
    edges = e.map(joins, _join_edge, "src string, dst string")
    found, _, _ = connected_components(e, edges)
    placed = e.map(found, _member_of_component, MEMBERS)
    return e.persist(e.reduce(e.union(own, placed), "seq", _smallest_group, MEMBERS))


def _own_member(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"seq": row["seq"], "g": row["seq"]}


def _join_edge(rows: Iterator[Row]) -> Iterator[Row]:
    # Components compare node names as strings: zero-padded seqs sort as the numbers do.
    for row in rows:
        yield {"src": f"{row['absorbed']:020d}", "dst": f"{row['kept']:020d}"}


def _member_of_component(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"seq": int(row["id"]), "g": int(row["comp"])}


def _smallest_group(seq: int, rows: list[Row]) -> Iterator[Row]:
    yield {"seq": seq, "g": min(row["g"] for row in rows)}


# -- centroid joins ----------------------------------------------------------------------------


def _centroid_joins(e: Engine, articles: Any, pairs: Any, members: Any) -> tuple[Any, int]:
    """The members table after `join_by_centroids`' rounds, and the rounds."""
    weighed = _concentrated(e, articles, pairs, members)
    rounds = 0
    for rounds in range(1, CENTROID_ROUNDS + 1):
        scored = _linked_with_means(e, articles, pairs, members, weighed)
        candidates = e.persist(e.map(scored, _centroid_candidates, CANDIDATES))
        joins = _greedy_matching(e, candidates)
        if joins is None:
            break
        members = _renamed_members(e, members, joins)
    return members, rounds


def _linked_with_means(
    e: Engine, articles: Any, pairs: Any, members: Any, weighed: Any = None
) -> Any:
    """The linked pairs of groups, each with both groups' `MEANS` (columns suffixed 1 and 2);
    with `weighed` (`_concentrated`), the whole means are of the weighed rows."""
    means = e.persist(_group_means(e, articles, members, weighed))
    return e.join(
        e.join(_linked_groups(e, pairs, members), e.map(means, _means_side(1), MEANS_1), "g1"),
        e.map(means, _means_side(2), MEANS_2),
        "g2",
    )


def _group_means(e: Engine, articles: Any, members: Any, weighed: Any = None) -> Any:
    rows = e.join(members, articles, "seq")
    if weighed is not None:
        rows = e.join(rows, weighed, "seq")
    return e.reduce(rows, "g", _mean_of_group, MEANS)


def _mean_of_group(g: int, rows: list[Row]) -> Iterator[Row]:
    """Reduce by group: its size, term count, dated span and mean vectors (whole, over its
    `CENTROID_TERMS` strongest terms, and of its names), as `group_means` makes them."""
    vectors = [unpack_vector(row["vector"], "") for row in rows]
    days = [math.nan if v.day is None else v.day for v in vectors]
    undated = any(math.isnan(day) for day in days)
    whole = [
        _unpack_mean(row["weighed"]) if row.get("weighed") is not None
        else (v.terms, fixed_unit(v.weights))
        for v, row in zip(vectors, rows, strict=True)
    ]
    names = [
        (v.terms[v.families == _NAMES], fixed_unit(v.weights[v.families == _NAMES]))
        for v in vectors
    ]
    yield {
        "g": g,
        "size": len(vectors),
        "terms": sum(len(v.terms) for v in vectors),
        "first": math.nan if undated else min(days),
        "last": math.nan if undated else max(days),
        "mean": _pack_mean(_mean(whole, len(vectors), CENTROID_TERMS)),
        "names": _pack_mean(_mean(names, len(vectors), None)),
    }


def _concentrated(e: Engine, articles: Any, pairs: Any, members: Any) -> Any:
    """Each article's unit row (`seq`, `weighed`: packed as a mean) weighed by its terms'
    concentration over the groups of its component (`concentrated_rows`): reduce by component
    and term (its holders and groups), then by article."""
    edges = e.map(pairs, _pair_edge, "src string, dst string")
    found, _, _ = connected_components(e, edges)
    placed = e.join(
        e.join(members, articles, "seq"), e.map(found, _seq_component, "seq long, comp string"),
        "seq",
    )
    holders = e.map(placed, _term_holders, HOLDERS)
    weights = e.reduce(holders, "key", _term_weights, WEIGHING)
    rows = e.union(e.map(placed, _weighing_article, WEIGHING), weights)
    return e.persist(e.reduce(rows, "seq", _weighed_row, "seq long, weighed binary"))


def _pair_edge(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"src": f"{row['sa']:020d}", "dst": f"{row['sb']:020d}"}


def _seq_component(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"seq": int(row["id"]), "comp": row["comp"]}


def _term_holders(rows: Iterator[Row]) -> Iterator[Row]:
    """Map: each term of each article, keyed by its component and term, with the article's
    group and whether the article is short enough to be weighed."""
    for row in rows:
        vector = unpack_vector(row["vector"], "")
        short = int(shortness(len(vector.terms), SHORT_TEXT_TERMS) > 0)
        for term in vector.terms.tolist():
            key = f"{row['comp']}:{term}"
            yield {"key": key, "seq": row["seq"], "term": term, "g": row["g"], "short": short}


def _term_weights(key: str, rows: list[Row]) -> Iterator[Row]:
    """Reduce by component and term: its concentration, to each short article holding it,
    when it is in two groups or more (`concentrated_rows`)."""
    groups = len({row["g"] for row in rows})
    if groups < 2:
        return
    weight = float(concentrations(np.array([len(rows)]), np.array([groups]))[0])
    for row in rows:
        if row["short"]:
            yield {"seq": row["seq"], "vector": None, "term": row["term"], "weight": weight}


def _weighing_article(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"seq": row["seq"], "vector": row["vector"], "term": None, "weight": None}


def _weighed_row(seq: int, rows: list[Row]) -> Iterator[Row]:
    """Reduce by article: its fixed-point unit row, weighed (`concentrated_row`)."""
    vector = unpack_vector(next(r["vector"] for r in rows if r["vector"] is not None), "")
    values = fixed_unit(vector.weights)
    weight_of = {row["term"]: row["weight"] for row in rows if row["term"] is not None}
    terms = vector.terms.tolist()
    weights = np.array([weight_of.get(term, 1.0) for term in terms], dtype=np.float64)
    shared = np.array([term in weight_of for term in terms], dtype=bool)
    power = shortness(len(terms), SHORT_TEXT_TERMS)
    weighed = concentrated_row(values, weights, shared, power)
    yield {"seq": seq, "weighed": _pack_mean((vector.terms.astype(np.int64), weighed))}


def _mean(rows: list[tuple[np.ndarray, np.ndarray]], size: int, keep: int | None) -> Any:
    terms = np.concatenate([t for t, _ in rows]).astype(np.int64)
    values = np.concatenate([v for _, v in rows]).astype(np.int64)
    unique, inverse = np.unique(terms, return_inverse=True)
    sums = np.zeros(len(unique), dtype=np.int64)
    np.add.at(sums, inverse, values)
    if keep is not None and len(unique) > keep:
        strongest = np.sort(np.lexsort((unique, -sums))[:keep])
        unique, sums = unique[strongest], sums[strongest]
    means = sums // size
    kept = means != 0
    return unique[kept], means[kept]


def _pack_mean(mean: tuple[np.ndarray, np.ndarray]) -> bytes:
    terms, values = mean
    return terms.astype("<i8").tobytes() + values.astype("<i8").tobytes()


def _unpack_mean(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    count = len(data) // 16
    return np.frombuffer(data, "<i8", count), np.frombuffer(data, "<i8", count, 8 * count)


def _mean_cosine(first: bytes, second: bytes) -> float:
    (terms_a, values_a), (terms_b, values_b) = _unpack_mean(first), _unpack_mean(second)
    _, at_a, at_b = np.intersect1d(terms_a, terms_b, assume_unique=True, return_indices=True)
    return int(np.dot(values_a[at_a], values_b[at_b])) / float(VECTOR_SCALE * VECTOR_SCALE)


def _means_side(number: int) -> Any:
    names = {"g": "g", "size": "n", "terms": "t", "first": "f", "last": "l", "mean": "m"}
    names["names"] = "x"

    def step(rows: Iterator[Row]) -> Iterator[Row]:
        for row in rows:
            yield {
                (column if column == "g" else short) + str(number): row[column]
                for column, short in names.items()
            }

    return step


def _linked_groups(e: Engine, pairs: Any, members: Any) -> Any:
    """The distinct pairs of different groups (g1 < g2) that a compared pair links."""
    ends = e.map(pairs, _pair_ends, "sa long, sb long")
    first = e.join(ends, e.map(members, _as_sa, "sa long, ga long"), "sa")
    both = e.join(first, e.map(members, _as_sb, "sb long, gb long"), "sb")
    keyed = e.map(both, _group_pair, PRODUCTS)
    return e.reduce(keyed, "key", _one_edge, "g1 long, g2 long")


def _pair_ends(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"sa": row["sa"], "sb": row["sb"]}


def _as_sa(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"sa": row["seq"], "ga": row["g"]}


def _as_sb(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"sb": row["seq"], "gb": row["g"]}


def _group_pair(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        first, second = sorted((row["ga"], row["gb"]))
        if first != second:
            yield {"key": first * _PAIR + second, "g1": first, "g2": second, "total": 0}


def _one_edge(key: int, rows: list[Row]) -> Iterator[Row]:
    yield {"g1": rows[0]["g1"], "g2": rows[0]["g2"]}


def _centroid_candidates(rows: Iterator[Row]) -> Iterator[Row]:
    """Map: each linked pair of groups that passes `join_by_centroids`' test, or the
    development test (developments.py), with the strength greedy order ranks it by."""
    rule = DEVELOPMENTS
    for row in rows:
        average = _mean_cosine(row["m1"], row["m2"])
        needed = centroid_bar(
            CENTROID_THRESHOLD, SHORT_TEXT_TERMS, row["t1"] / row["n1"], row["t2"] / row["n2"]
        )
        if average >= needed:
            strength = average / max(float(needed), 1e-12)
        elif (
            average >= rule.mean_cosine
            and min(row["n1"], row["n2"]) <= rule.size
            and _near_in_time(row, rule.days)
            and (shared := _mean_cosine(row["x1"], row["x2"])) >= rule.names
        ):
            strength = shared / rule.names
        else:
            continue
        yield {"g1": row["g1"], "g2": row["g2"], "strength": float(strength)}


def _near_in_time(row: Row, within_days: float) -> bool:
    spans = (row["f1"], row["l1"], row["f2"], row["l2"])
    if any(math.isnan(value) for value in spans):
        return False
    return max(row["f1"], row["f2"]) - min(row["l1"], row["l2"]) <= within_days


def _greedy_matching(e: Engine, candidates: Any) -> Any:
    """The joins of a greedy matching of the candidate pairs (strongest first; ties: the first
    pair), found in sub-rounds: a pair that is the best of both its groups joins, and the pairs
    of the groups that joined drop out. None when nothing joins."""
    joins = None
    while True:
        votes = e.reduce(e.map(candidates, _candidate_votes, VOTES), "node", _best_pair, VOTES)
        found = e.persist(e.reduce(votes, "key", _mutual, JOINS))
        if e.count(found) == 0:
            return joins
        joins = found if joins is None else e.persist(e.union(joins, found))
        done = e.map(found, _done_groups, MARKED)
        ends = e.union(e.map(candidates, _candidate_ends, MARKED), done)
        left = e.reduce(ends, "node", _unless_done, LEFT)
        candidates = e.persist(e.reduce(left, "key", _both_left, CANDIDATES))


def _candidate_votes(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        key = row["g1"] * _PAIR + row["g2"]
        yield {"node": row["g1"], "other": row["g2"], "key": key, "strength": row["strength"]}
        yield {"node": row["g2"], "other": row["g1"], "key": key, "strength": row["strength"]}


def _best_pair(node: int, rows: list[Row]) -> Iterator[Row]:
    """Reduce by group: its pair first in greedy order (strongest; ties: the first pair)."""
    yield min(rows, key=lambda row: (-row["strength"], row["key"]))


def _done_groups(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"node": row["absorbed"], "done": 1}
        yield {"node": row["kept"], "done": 1}


def _candidate_ends(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        for node in (row["g1"], row["g2"]):
            yield {"node": node, "g1": row["g1"], "g2": row["g2"], "strength": row["strength"]}


def _unless_done(node: int, rows: list[Row]) -> Iterator[Row]:
    if any(row["done"] for row in rows):
        return
    for row in rows:
        key = row["g1"] * _PAIR + row["g2"]
        yield {"key": key, "g1": row["g1"], "g2": row["g2"], "strength": row["strength"]}


def _both_left(key: int, rows: list[Row]) -> Iterator[Row]:
    if len(rows) == 2:
        row = rows[0]
        yield {"g1": row["g1"], "g2": row["g2"], "strength": row["strength"]}


def _renamed_members(e: Engine, members: Any, joins: Any) -> Any:
    keyed = e.union(e.map(members, _member_rows, RENAME), e.map(joins, _join_rows, RENAME))
    return e.persist(e.reduce(keyed, "g", _rename_member, MEMBERS))


def _member_rows(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"g": row["g"], "seq": row["seq"]}


def _rename_member(g: int, rows: list[Row]) -> Iterator[Row]:
    into = next((row["into"] for row in rows if row["into"] is not None), g)
    for row in rows:
        if row["into"] is None:
            yield {"seq": row["seq"], "g": into}


# -- articles left alone -----------------------------------------------------------------------


def _attach(e: Engine, articles: Any, pairs: Any, members: Any) -> Any:
    """The members table after `attach_singletons`: each article alone joins its best linked
    group of two or more at `ATTACH_THRESHOLD` or more (ties: the first group)."""
    if ATTACH_THRESHOLD >= 1:
        return members
    scored = _linked_with_means(e, articles, pairs, members)
    offers = e.map(scored, _attach_offers, VOTES)
    joins = e.reduce(offers, "node", _best_offer, JOINS)
    if e.count(joins) == 0:
        return members
    return _renamed_members(e, members, joins)


def _attach_offers(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        if (row["n1"] == 1) == (row["n2"] == 1):
            continue  # two lone articles, or two groups
        lone, group = (row["g1"], row["g2"]) if row["n1"] == 1 else (row["g2"], row["g1"])
        average = _mean_cosine(row["m1"], row["m2"])
        if average >= ATTACH_THRESHOLD:
            yield {"node": lone, "other": group, "key": 0, "strength": average}


def _best_offer(lone: int, rows: list[Row]) -> Iterator[Row]:
    best = min(rows, key=lambda row: (-row["strength"], row["other"]))
    yield {"absorbed": lone, "kept": best["other"]}


# -- the stories -------------------------------------------------------------------------------


def _as_member(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"seq": row["seq"], "g": row["g"]}


def _story_of_group(g: int, rows: list[Row]) -> Iterator[Row]:
    """Reduce by group: each article with the id of the group's first article."""
    first = min(rows, key=lambda row: row["seq"])["id"]
    for row in rows:
        yield {"id": row["id"], "story": first}


def _day(vector: bytes) -> float:
    day = unpack_vector(vector, "").day
    return math.nan if day is None else day
