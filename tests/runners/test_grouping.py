"""The batch runners' grouping steps give the stories of `group_labels`, also where the
per-article cap on linked pairs drops pairs (blocks fuller than `PER_ARTICLE`) and where a
component is linked in rounds of reduce steps (runners/linking.py), on the local engine and on a
real Spark `local[2]` (vectors packed as bytes through its block shuffle)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np

from newsweave.model import Article
from newsweave.runners import linking
from newsweave.runners.grouping import assign_stories
from newsweave.runners.local import LocalEngine
from newsweave.runners.records import pack_vector, to_json, unpack_vector
from newsweave.runners.steps import PREPARED
from newsweave.stages.grouping.stories import (
    LINKED_PER_ARTICLE,
    PER_ARTICLE,
    ArticleVector,
    capped_pairs,
    count_terms,
    group_labels,
    grouping_features,
    link_components,
    score_pairs,
    strongest_pairs,
    vector_matrix,
    vectorize,
)


def _retold_stories(count: int) -> list[Article]:
    """Stories that retell one of 12 texts with their own words: full blocks, many pairs."""
    rng = random.Random(11)
    vocabulary = ["".join(rng.choice("bcdfgklmnprstvz") for _ in range(7)) for _ in range(300)]
    kinds = [[rng.choice(vocabulary) for _ in range(30)] for _ in range(12)]
    articles: list[Article] = []
    story = 0
    while len(articles) < count:
        words = kinds[rng.randrange(len(kinds))]
        start = dt.datetime(2026, 1, 1) + dt.timedelta(days=rng.uniform(0, 20))
        for _ in range(rng.randint(2, 12)):
            varied = [w if rng.random() > 0.15 else rng.choice(vocabulary) for w in words]
            articles.append(
                Article(
                    id=f"a{len(articles):04d}",
                    source="Wire",
                    raw_text=f"Town{story} counts {story * 7 + 3} hurt. {' '.join(varied)}.",
                    published=start + dt.timedelta(hours=rng.uniform(0, 48)),
                )
            )
        story += 1
    return articles


def test_grouping_local_engine_gives_group_labels_stories_where_the_cap_drops_pairs() -> None:
    articles = _retold_stories(400)
    features = [grouping_features(a) for a in articles]
    stats = count_terms(features)
    vectors = [vectorize(f, stats) for f in features]
    kept, in_blocks = capped_pairs(vectors)
    assert in_blocks > len(kept) and in_blocks > len(articles) * PER_ARTICLE  # the cap bites

    engine = LocalEngine()
    rows = [
        {"kind": "article", "id": a.id, "seq": i, "features": to_json(f)}
        for i, (a, f) in enumerate(zip(articles, features, strict=True))
    ]
    assigned, compared, _ = assign_stories(engine, engine.from_rows(rows, PREPARED))
    scores = score_pairs(vector_matrix(vectors), kept)
    linked = strongest_pairs(len(vectors), kept, scores, per_article=LINKED_PER_ARTICLE)
    assert compared == linked.sum()  # the components are found on the pairs kept for linkage
    by_engine: dict[str, set[str]] = {}
    for row in engine.rows(assigned):
        by_engine.setdefault(row["story"], set()).add(row["id"])
    by_labels: dict[int, set[str]] = {}
    for article, label in zip(articles, group_labels(features), strict=True):
        by_labels.setdefault(label, set()).add(article.id)
    assert sorted(map(sorted, by_engine.values())) == sorted(map(sorted, by_labels.values()))
    assert 1 < len(by_labels) < len(articles)


def _stories_of(engine: Any, articles: list[Article], **options: int) -> list[list[str]]:
    rows = [
        {"kind": "article", "id": a.id, "seq": i, "features": to_json(grouping_features(a))}
        for i, a in enumerate(articles)
    ]
    assigned, _, _ = assign_stories(engine, engine.from_rows(rows, PREPARED), **options)
    by_engine: dict[str, set[str]] = {}
    for row in engine.rows(assigned):
        by_engine.setdefault(row["story"], set()).add(row["id"])
    for story, members in by_engine.items():
        assert story == min(members)  # keyed by its first article (ids sort as the input)
    return sorted(map(sorted, by_engine.values()))


def _label_stories(articles: list[Article]) -> list[list[str]]:
    by_labels: dict[int, set[str]] = {}
    features = [grouping_features(a) for a in articles]
    for article, label in zip(articles, group_labels(features), strict=True):
        by_labels.setdefault(label, set()).add(article.id)
    return sorted(map(sorted, by_labels.values()))


def test_a_component_linked_in_rounds_gets_the_stories_of_one_process() -> None:
    # Past `link_articles` a component is linked by rounds of reduce steps (runners/linking.py):
    # every step there must give what `link_components` gives, tie for tie.
    articles = _retold_stories(300)
    expected = _label_stories(articles)
    assert 1 < len(expected) < len(articles)
    assert _stories_of(LocalEngine(), articles, link_articles=0) == expected


def test_spark_finds_components_and_links_them_in_rounds_as_one_process_does(
    spark_engine: Any,
) -> None:
    # Large-star / small-star on the executors, not union-find on the driver (`driver_edges`),
    # then the component linked in rounds (`link_articles`): vectors packed as bytes through
    # every shuffle, and each step's fixed-point sums in Spark's order.
    articles = _retold_stories(60)
    expected = _label_stories(articles)
    assert 1 < len(expected) < len(articles)
    found = _stories_of(spark_engine, articles, driver_edges=0, link_articles=0)
    assert found == expected


def test_packed_vector_is_the_exact_vector_undated_and_without_keys_too() -> None:
    articles = _retold_stories(40)
    features = [grouping_features(a) for a in articles]
    stats = count_terms(features)
    vectors = [vectorize(f, stats) for f in features]
    first = vectors[0]
    undated = ArticleVector("u", None, first.terms, first.weights, (), first.families)
    for vector in [*vectors, undated]:
        again = unpack_vector(pack_vector(vector), vector.article_id)
        assert (again.article_id, again.day, again.keys) == (
            vector.article_id,
            vector.day,
            vector.keys,
        )
        for name in ("terms", "weights", "families"):
            mine, theirs = getattr(again, name), getattr(vector, name)
            assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs)
            assert mine.flags.writeable


def _headline_stories() -> tuple[list[ArticleVector], np.ndarray, np.ndarray]:
    # Six stories of headlines, each two tight groups of three (a story's word and one of each
    # headline's own); one headline of each story also holds a generic word. Story 1's second
    # group is compared with story 2's first (they share only the generic word), each story's
    # groups with each other, and the others' first groups with story 1's first.
    terms: list[list[int]] = []
    pairs: list[tuple[int, int]] = []
    scores: list[float] = []
    for story in range(1, 7):
        for _ in range(2):
            first = len(terms)
            terms += [[story, 100 + first + i] for i in range(3)]
            pairs += [(first, first + 1), (first, first + 2), (first + 1, first + 2)]
            scores += [0.9, 0.9, 0.9]
        terms[first - 3 if story > 1 else first].append(99)
    links = [(6 * s, 6 * s + 3) for s in range(6)] + [(3, 6)] + [(0, 6 * s) for s in range(2, 6)]
    pairs += links
    scores += [0.05] * len(links)
    vectors = [
        ArticleVector(
            str(i), None, np.array(sorted(t), np.uint32), np.ones(len(t), np.float32), (),
            np.zeros(len(t), np.uint8),
        )
        for i, t in enumerate(terms)
    ]
    order = np.lexsort((np.array(pairs)[:, 1], np.array(pairs)[:, 0]))
    return vectors, np.array(pairs, dtype=np.int64)[order], np.array(scores, np.float32)[order]


def test_rounds_weigh_centroid_terms_by_concentration_as_one_process() -> None:
    # The centroid joins of short texts weigh each term by its concentration over the
    # linkage's groups (stages/grouping/concentration.py); the rounds count it per component
    # with reduce steps and must weigh as one process does: the generic word joins nothing.
    vectors, pairs, scores = _headline_stories()
    labels = link_components(vectors, pairs, scores)
    assert [len(set(labels[6 * s : 6 * s + 6])) for s in range(6)] == [1] * 6
    assert len(set(labels)) == 6
    engine = LocalEngine()
    articles = engine.from_rows(
        [{"id": f"{i:08d}", "seq": i, "vector": pack_vector(v)} for i, v in enumerate(vectors)],
        linking.ARTICLES,
    )
    kept = engine.from_rows(
        [
            {"sa": a, "sb": b, "score": float(s)}
            for (a, b), s in zip(pairs.tolist(), scores.tolist(), strict=True)
        ],
        linking.LINKED,
    )
    stories, _ = linking.link_in_rounds(engine, articles, kept)
    story = {int(row["id"]): row["story"] for row in engine.rows(stories)}
    in_rounds = [story[i] for i in range(len(vectors))]
    assert [len(set(in_rounds[6 * s : 6 * s + 6])) for s in range(6)] == [1] * 6
    assert len(set(in_rounds)) == 6
