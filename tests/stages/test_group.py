from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest

from newsweave.model import Article
from newsweave.stages.grouping import pairs
from newsweave.stages.grouping.features import FAMILIES, WEIGHTS, features_from_terms
from newsweave.stages.grouping.stories import (
    MIN_NEIGHBOURHOOD,
    NEIGHBOURHOOD,
    PER_ARTICLE,
    ArticleVector,
    TermStats,
    block_neighbourhood,
    blocking_keys,
    candidate_pairs,
    capped_pairs,
    count_terms,
    group_labels,
    group_stories,
    grouping_features,
    link_components,
    pairs_in_block,
    score_pair,
    score_pairs,
    strongest_pairs,
    vector_matrix,
    vectorize,
)

QUAKE = (
    "A magnitude {m} earthquake struck near the coastal town of {town}, damaging houses and roads."
)
STRIKE = (
    "Ferry workers in {town} walked out on {day}, stranding hundreds of passengers at the port."
)


def _vectors(texts: list[str], days: list[float | None] | None = None) -> list[ArticleVector]:
    articles = [
        Article(
            id=f"a{i}",
            source="Wire",
            raw_text=text,
            published=None
            if days is None or days[i] is None
            else dt.datetime(2026, 1, 1) + dt.timedelta(days=days[i] or 0),
        )
        for i, text in enumerate(texts)
    ]
    features = [grouping_features(a) for a in articles]
    stats = count_terms(features)
    return [vectorize(f, stats) for f in features]


def test_group_separates_two_events_and_keeps_one_event_together(
    make_article: Callable[..., Article],
) -> None:
    articles = [
        make_article(
            "q1",
            QUAKE.format(m="6.1", town="Verlo") + " Rescuers searched collapsed houses in Verlo.",
        ),
        make_article(
            "s1",
            STRIKE.format(town="Brenna", day="Tuesday") + " The ferry union demanded higher pay.",
        ),
        make_article(
            "q2",
            QUAKE.format(m="6.1", town="Verlo") + " The earthquake in Verlo damaged the harbour.",
        ),
        make_article(
            "s2",
            STRIKE.format(town="Brenna", day="Tuesday") + " Ferry passengers in Brenna waited.",
        ),
    ]
    groups = group_stories(articles)
    assert sorted(sorted(a.id for a in group) for group in groups) == [["q1", "q2"], ["s1", "s2"]]


def test_group_single_article_is_one_story(make_article: Callable[..., Article]) -> None:
    article = make_article("only", "Rain fell on Monday.")
    assert group_stories([article]) == [[article]]
    assert group_stories([]) == []


def test_group_features_hash_terms_the_same_way_every_time() -> None:
    article = Article(id="a", source="W", raw_text="The Verlo earthquake of 2026 killed 12.")
    first, second = grouping_features(article), grouping_features(article)
    assert first.terms.tolist() == second.terms.tolist()
    assert list(first.terms) == sorted(first.terms)
    assert first.day is None


def test_group_term_stats_merge_equals_counting_everything() -> None:
    texts = ["Verlo quake kills 12 in Verlo", "Verlo quake toll rises", "Oslo budget vote"]
    features = [
        grouping_features(Article(id=str(i), source="W", raw_text=t)) for i, t in enumerate(texts)
    ]
    whole = count_terms(features)
    parts = [count_terms(features[:1], partial=True), count_terms(features[1:], partial=True)]
    merged = parts[0].merge(parts[1]).shared()
    assert merged.document_count == whole.document_count == 3
    assert merged.frequencies == whole.frequencies and whole.frequencies


def test_group_blocking_keys_are_shared_terms_only() -> None:
    vectors = _vectors(["Verlo quake hits Verlo harbour", "Verlo quake toll", "Oslo budget vote"])
    shared = set(blocking_keys(vectors[0])) & set(blocking_keys(vectors[1]))
    assert shared
    assert blocking_keys(vectors[2]) == ()  # nothing it says is said elsewhere


def test_group_pairs_in_block_are_bounded_and_windowed() -> None:
    assert pairs_in_block([0.0, 1.0, 2.0, 3.0], neighbourhood=1) == [(0, 1), (1, 2), (2, 3)]
    assert pairs_in_block([0.0, 400.0]) == []  # further apart than the window
    assert pairs_in_block([0.0, None]) == [(0, 1)]  # undated: compared with anything
    assert len(pairs_in_block([float(i) for i in range(200)], neighbourhood=5)) <= 200 * 5


def test_group_a_big_block_narrows_its_neighbourhood_so_its_pairs_stop_growing() -> None:
    # One key shared by every article of a day (a common word strong in all of them): past
    # BLOCK_ARTICLES articles each is paired with fewer neighbours, so an article's block pairs
    # stop growing with the block; before the in-block cap each kept NEIGHBOURHOOD of them.
    terms = np.array([7], dtype=np.uint32)
    weights = np.array([1.0], dtype=np.float32)
    per_article = {}
    for count in (20, 3000):
        families = np.zeros(len(terms), dtype=np.uint8)
        vectors = [ArticleVector(str(i), 0.5, terms, weights, (7,), families) for i in range(count)]
        pairs, in_blocks = capped_pairs(vectors, per_article=None)
        assert in_blocks == len(pairs) == len(pairs_in_block([0.5] * count))
        per_article[count] = in_blocks / count
    assert per_article[20] == 19 / 2  # a small block is compared whole
    assert block_neighbourhood(3000) == MIN_NEIGHBOURHOOD < NEIGHBOURHOOD
    assert per_article[3000] <= MIN_NEIGHBOURHOOD


def test_group_candidate_pairs_match_the_blocks() -> None:
    texts = [QUAKE.format(m=m, town=t) for m in ("5.1", "6.2") for t in ("Verlo", "Brenna")]
    vectors = _vectors(texts, [0.0, 1.0, 200.0, None])
    pairs = {tuple(p) for p in candidate_pairs(vectors).tolist()}
    expected: set[tuple[int, int]] = set()
    keys = {k for v in vectors for k in blocking_keys(v)}
    for key in keys:
        members = [i for i, v in enumerate(vectors) if key in blocking_keys(v)]
        for i, j in pairs_in_block([vectors[m].day for m in members]):
            expected.add((members[i], members[j]))
    assert pairs == expected
    assert (0, 2) not in pairs  # 200 days apart


def test_group_score_pair_agrees_with_score_pairs_and_orders_events() -> None:
    vectors = _vectors(
        [
            QUAKE.format(m="6.1", town="Verlo") + " Verlo mayor Ana Brix spoke.",
            QUAKE.format(m="6.1", town="Verlo") + " Ana Brix asked for aid.",
            STRIKE.format(town="Brenna", day="Tuesday"),
        ]
    )
    pairs = np.array([[0, 1], [0, 2], [1, 2]])
    bulk = score_pairs(vector_matrix(vectors), pairs)
    single = [score_pair(vectors[i], vectors[j]) for i, j in pairs.tolist()]
    assert bulk.tolist() == pytest.approx(single, abs=1e-5)
    assert single[0] > 0.9 > 0.5 > single[1]


def test_group_link_components_joins_only_linked_groups() -> None:
    vectors = _vectors(["Verlo quake kills 12", "Verlo quake kills 12 people", "Oslo vote"])
    pairs = np.array([[0, 1]])
    assert link_components(vectors, pairs, np.array([0.99], np.float32)) == [0, 0, 1]
    assert link_components(vectors, np.zeros((0, 2), np.int64), np.zeros(0, np.float32)) == [
        0,
        1,
        2,
    ]


def test_group_follow_up_weeks_later_joins_but_another_town_does_not() -> None:
    first = "Floods in Tarvio: the Tarvio river burst its banks, mayor Lena Okafor said."
    later = "Tarvio rebuilds after the floods; mayor Lena Okafor opened the new Tarvio bridge."
    other = "Heavy rain flooded Mesk overnight; Governor Ivo Dral sent soldiers to Mesk villages."
    labels = group_labels(
        [
            grouping_features(Article(id=str(i), source="W", raw_text=t, published=d))
            for i, (t, d) in enumerate(
                [
                    (first, dt.datetime(2026, 3, 1)),
                    (first + " Roads closed.", dt.datetime(2026, 3, 2)),
                    (later, dt.datetime(2026, 4, 10)),
                    (other, dt.datetime(2026, 3, 1)),
                    (other + " Dral said schools shut.", dt.datetime(2026, 3, 2)),
                ]
            )
        ]
    )
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] == labels[4] != labels[0]


def test_group_5000_near_duplicates_group_quickly_without_n_squared() -> None:
    articles = [
        Article(
            id=f"d{i}",
            source="Wire",
            raw_text=f"Storm Kiro hit the port of Velna, officials said. Update {i % 7}.",
        )
        for i in range(5000)
    ]
    started = time.perf_counter()
    features = [grouping_features(a) for a in articles]
    stats = count_terms(features)
    vectors = [vectorize(f, stats) for f in features]
    pairs = candidate_pairs(vectors)
    assert len(pairs) <= 5000 * 16 * 24  # bounded by keys x neighbourhood, not 5000^2 / 2
    labels = link_components(vectors, pairs, score_pairs(vector_matrix(vectors), pairs))
    assert len(set(labels)) == 1
    assert time.perf_counter() - started < 60


def test_group_term_stats_prune_forgets_rare_terms() -> None:
    stats = TermStats(10, {1: 5, 2: 1, 3: 1, 4: 2})
    stats.prune(2)
    assert stats.frequencies == {1: 5}


def _synthetic_corpus(count: int, seed: int = 5) -> list[ArticleVector]:
    """`count` articles over 60 days in stories of 2-10, each story a retelling of one of 100
    texts with its own words and numbers: the more articles, the more stories retell each text,
    so the blocks grow with the corpus, as a year of news repeats its kinds of event."""
    import random

    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice("bcdfgklmnprstvz") for _ in range(7)) for _ in range(400)]
    kinds = [[rng.choice(vocabulary) for _ in range(40)] for _ in range(100)]
    texts, days = [], []
    story = 0
    while len(texts) < count:
        words = kinds[rng.randrange(len(kinds))]
        start = rng.uniform(0, 60)
        own = f"Town{story} said {story * 7 + 3} people"
        for _ in range(min(count - len(texts), rng.randint(2, 10))):
            varied = [w if rng.random() > 0.1 else rng.choice(vocabulary) for w in words]
            texts.append(f"{own}. {' '.join(varied)}.")
            days.append(start + rng.uniform(0, 2))
        story += 1
    return _vectors(texts, days)


def test_group_compared_pairs_per_article_stay_bounded_as_the_corpus_grows() -> None:
    compared = {}
    for count in (1000, 4000):
        vectors = _synthetic_corpus(count)
        pairs, in_blocks = capped_pairs(vectors)
        compared[count] = len(pairs) / count
        assert in_blocks / count > 1.2 * compared[count]  # the per-article cap bites
        assert {tuple(p) for p in pairs.tolist()} == {
            tuple(p) for p in candidate_pairs(vectors).tolist()
        }
    assert compared[4000] <= 2 * PER_ARTICLE
    assert compared[4000] < 1.25 * compared[1000]


def test_group_capped_pairs_hold_a_chunk_of_pair_ends_at_most_and_agree_with_one_chunk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The block pairs are summed and capped a range of articles at a time, so their working
    # memory is bounded by the chunk, not by the corpus (all block pairs of the 15,505
    # Multi-News test articles at once took 247 MB); any chunk gives the same pairs.
    vectors = _synthetic_corpus(600)
    undated = _vectors([QUAKE.format(m="5.1", town="Verlo")] * 3, [None, None, 2.0])
    vectors += [replace(v, article_id=f"u{i}") for i, v in enumerate(undated)]
    whole, uncapped = capped_pairs(vectors), capped_pairs(vectors, per_article=None)
    in_hand: list[int] = []

    def counted(*args: object, **kwargs: object) -> tuple[np.ndarray, ...]:
        found = find_pair_ends(*args, **kwargs)
        in_hand.append(len(found[0]))
        return found

    find_pair_ends = pairs._pair_ends
    monkeypatch.setattr(pairs, "_CAP_CHUNK", 2000)
    monkeypatch.setattr(pairs, "_pair_ends", counted)
    chunked = capped_pairs(vectors)
    assert len(in_hand) > 50 and 0 < max(in_hand) <= 2000
    assert chunked[0].tolist() == whole[0].tolist() and chunked[1] == whole[1]
    chunked_uncapped = capped_pairs(vectors, per_article=None)
    assert chunked_uncapped[0].tolist() == uncapped[0].tolist()
    assert chunked_uncapped[1] == uncapped[1] == len(uncapped[0])


def test_group_strongest_pairs_keeps_each_articles_best_in_any_order() -> None:
    rng = np.random.default_rng(3)
    pairs = np.array([(i, j) for i in range(40) for j in range(i + 1, 40)], dtype=np.int64)
    scores = rng.random(len(pairs)).astype(np.float32)
    kept = strongest_pairs(40, pairs, scores, per_article=5)
    for article in range(40):
        mine = np.flatnonzero((pairs == article).any(axis=1))
        best = mine[np.argsort(-scores[mine], kind="stable")[:5]]
        assert kept[best].all()
    assert kept.sum() <= 40 * 5
    shuffled = rng.permutation(len(pairs))
    again = strongest_pairs(40, pairs[shuffled], scores[shuffled], per_article=5)
    assert again.tolist() == kept[shuffled].tolist()


def _sparse_family_corpus() -> tuple[list[ArticleVector], TermStats]:
    # Two unrelated reports whose only number is the year, which 300 of 1,000 articles write.
    words_a = {"w:senate": 2, "w:filibuster": 1, "n:reid": 1, "b:senate_vote": 1}
    words_b = {"w:museum": 2, "w:ship": 1, "n:vancouver": 1, "b:museum_ship": 1}
    year = {"#2017": 1, "y:2017": 1}
    a = features_from_terms("a", None, {**words_a, **year})
    b = features_from_terms("b", None, {**words_b, **year})
    stats = TermStats(1000, {int(t): 300 for t in a.terms if int(t) in set(b.terms.tolist())})
    return [vectorize(a, stats), vectorize(b, stats)], stats


def test_group_issue16_a_common_year_alone_does_not_carry_its_whole_family_weight() -> None:
    (vector, _), _ = _sparse_family_corpus()
    for family in "#y":
        members = vector.families == FAMILIES.index(family)
        assert 0 < float(np.sum(vector.weights[members] ** 2)) < 0.5 * WEIGHTS[family]
    words = vector.families == FAMILIES.index("w")
    assert float(np.sum(vector.weights[words] ** 2)) == pytest.approx(WEIGHTS["w"], rel=1e-5)


def test_group_issue16_two_reports_sharing_only_a_common_year_score_low() -> None:
    (a, b), _ = _sparse_family_corpus()
    assert score_pair(a, b) < 0.2


def test_group_issue16_numbers_of_a_long_report_keep_their_whole_weight() -> None:
    numbers = {f"#{n}": 2 for n in (17, 240, 6100, 38)}
    vector = vectorize(features_from_terms("a", None, {"n:aceh": 1, **numbers}), TermStats())
    members = vector.families == FAMILIES.index("#")
    assert float(np.sum(vector.weights[members] ** 2)) == pytest.approx(WEIGHTS["#"], rel=1e-5)


def _report(name: str, families: str, shared: bool) -> ArticleVector:
    # Four terms in each family, the first one shared by the two reports (cosine 1/4 a family).
    terms = {
        f"{family}{':' if family != '#' else ''}{'common' if i == 0 else name}{i}": 1
        for family in families
        for i in range(4)
        if shared or i
    }
    return vectorize(features_from_terms(name, None, terms), TermStats())


def test_group_issue16_a_text_without_case_weighs_as_much_as_one_with_names() -> None:
    vector = _report("a", "w#yb", shared=True)
    assert float(np.sum(vector.weights**2)) == pytest.approx(sum(WEIGHTS.values()), rel=1e-5)


def test_group_issue16_lower_cased_reports_score_as_cased_ones_agreeing_as_much() -> None:
    cased = score_pair(_report("a", "wn#yb", True), _report("b", "wn#yb", True))
    lower_cased = score_pair(_report("a", "w#yb", True), _report("b", "w#yb", True))
    assert lower_cased == pytest.approx(cased, abs=1e-4)
    assert cased > 0.8


def _sharing_numbers_only(name: str, *, cased: bool) -> ArticleVector:
    # Words and pairs of its own, and the numbers and year every other report writes ("2",
    # "10", the year); a name of its own only when `cased`.
    terms = {f"{family}:{name}{i}": 1 for family in "wb" for i in range(4)}
    terms.update({"#2": 1, "#10": 1, "#2017": 1, "y:2017": 1})
    if cased:
        terms[f"n:{name}"] = 1
    return vectorize(features_from_terms(name, None, terms), TermStats())


def test_group_issue16_a_text_without_case_gives_the_names_share_to_words_and_pairs() -> None:
    vector = _sharing_numbers_only("a", cased=False)

    def mass(families: str) -> float:
        members = np.isin(vector.families, [FAMILIES.index(family) for family in families])
        return float(np.sum(vector.weights[members] ** 2))

    assert mass("wb") == pytest.approx(WEIGHTS["w"] + WEIGHTS["b"] + WEIGHTS["n"], rel=1e-5)
    assert mass("#") == pytest.approx(WEIGHTS["#"], rel=1e-5)


def test_group_issue16_uncased_reports_sharing_only_numbers_score_as_cased_ones() -> None:
    cased = score_pair(
        _sharing_numbers_only("a", cased=True), _sharing_numbers_only("b", cased=True)
    )
    lower_cased = score_pair(
        _sharing_numbers_only("a", cased=False), _sharing_numbers_only("b", cased=False)
    )
    assert cased > 0
    assert lower_cased == pytest.approx(cased, rel=1e-4)
