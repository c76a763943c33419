from __future__ import annotations

import itertools

from newsweave.stages.grouping.stories import extract_terms, features_from_terms
from newsweave.store.online import StoryClusterer, reconcile

VERLO = "A 6.1 earthquake struck Verlo on Monday; Verlo mayor Ana Brix said {n} houses fell."
MESK = "Lawmakers in Mesk passed the harbour budget; speaker Ivo Dral called the vote {n}."


def _features(key: int, text: str, day: float | None = 20_000.0):
    return features_from_terms(f"a{key}", day, extract_terms(None, text))


def test_online_joins_its_story_and_starts_another_for_another_event() -> None:
    clusterer = StoryClusterer()
    ids = (f"s{n}" for n in itertools.count(1))
    first = clusterer.place(1, _features(1, VERLO.format(n=40)), ids.__next__)
    second = clusterer.place(2, _features(2, VERLO.format(n=41)), ids.__next__)
    other = clusterer.place(3, _features(3, MESK.format(n="close")), ids.__next__)
    assert first.is_new_story and not second.is_new_story
    assert second.story == first.story
    assert other.is_new_story and other.story != first.story


def test_online_marks_a_near_duplicate() -> None:
    clusterer = StoryClusterer()
    ids = (f"s{n}" for n in itertools.count(1))
    clusterer.place(1, _features(1, VERLO.format(n=40)), ids.__next__)
    again = clusterer.place(2, _features(2, VERLO.format(n=40) + " Updated."), ids.__next__)
    assert again.near_duplicate_of == 1


def test_online_forgets_articles_behind_the_window_but_keeps_undated_ones() -> None:
    clusterer = StoryClusterer()
    ids = (f"s{n}" for n in itertools.count(1))
    clusterer.place(1, _features(1, VERLO.format(n=40), day=20_000.0), ids.__next__)
    clusterer.place(2, _features(2, MESK.format(n="close"), day=None), ids.__next__)
    clusterer.place(3, _features(3, MESK.format(n="late"), day=20_500.0), ids.__next__)
    assert clusterer.story_of(1) is None  # 500 days behind the newest
    assert clusterer.story_of(2) is not None


def test_online_refine_merges_what_placement_split_and_keeps_the_older_id() -> None:
    clusterer = StoryClusterer()
    for key in (1, 2):
        clusterer.remember(key, "s1", _features(key, VERLO.format(n=40 + key)))
    clusterer.remember(3, "s2", _features(3, VERLO.format(n=43)))
    for key in (1, 2, 3):
        clusterer.stats.add(_features(key, VERLO.format(n=40 + key)))
    clusterer.place(4, _features(4, VERLO.format(n=44)), lambda: "s3")
    refinement = clusterer.refine(lambda: "s9")
    assert {clusterer.story_of(k) for k in (1, 2, 3, 4)} == {"s1"}
    merges = [(c.story, c.other) for c in refinement.changes if c.kind == "merge"]
    assert ("s1", "s2") in merges


def test_online_reconcile_names_groups_after_their_biggest_old_story() -> None:
    refinement = reconcile([1, 2, 3, 4], ["s2", "s2", "s1", "s5"], [0, 0, 0, 1], lambda: "s9")
    assert refinement.moves == {3: "s2"}
    assert [(c.kind, c.story, c.other) for c in refinement.changes] == [("merge", "s2", "s1")]
