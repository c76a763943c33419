from __future__ import annotations

from collections.abc import Callable

from newsweave.model import Article
from newsweave.stages.group import group_stories

QUAKE = (
    "A magnitude {m} earthquake struck near the coastal town of {town}, damaging houses and roads."
)
STRIKE = "Ferry workers in {town} walked out on {day}, stranding hundreds of passengers at the port terminal."


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
