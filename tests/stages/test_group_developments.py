"""A development of a story, told in other words, joins its story by the names it shares in the
same days (stages/grouping/developments.py), on real newswire text.

The excerpts are the first 150 words of three Associated Press articles of DUC 2004 cluster
d30029t (the 1998 Sydney to Hobart yacht race): APW19981224.0814, written before the start,
and APW19981227.0319 and APW19981227.0836, written when the storm hit the fleet. The preview
shares the race's names (Sydney, Hobart, Australia) but little of the storm's words, so the
linkage left it alone before this test was written.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.model import Article
from newsweave.stages.grouping import components
from newsweave.stages.grouping.stories import group_stories

PREVIEW = (
    "United States maxi Sayonara looks set to continue the foreign domination of line honors in "
    "Australia's famous Sydney to Hobart yacht race, which starts Saturday. Sayonara, raced by "
    "American computer billionaire Larry Ellison, has only been beaten once since it was "
    "launched in 1995 and is aiming for its second win in the 630 nautical mile bluewater "
    "classic. If the 80-footer beats the local boats home into Hobart, it will be third time in "
    "four years a foreign yacht has finished first. New Zealand Endeavour trumped the locals in "
    "1992, Sayonara won in 1995 and German's Morning Glory set a race record of two days, 14 "
    "hours, seven minutes and 10 seconds the following year. Sayonara's rivals are expected to "
    "be last year's line honors winner Brindabella of Sydney and new Australian maxi Wild Thing. "
    "The contest for handicap honors appears more open, but there are many who believe Sayonara"
)
SEARCH = (
    "A major search was under way in Bass Strait off Australia's southeast coast on Sunday night "
    "for an injured crewman swept overboard during the Sydney-to-Hobart yacht race. The "
    "Australian Maritime Safety Authority (AMSA) said it had alerted all shipping in the Strait "
    "as high winds and huge seas smash into the remnants of the 115-boat fleet. The Australian "
    "Navy has sent a Sea King helicopter with night-vision and heat-seeking equipment to search "
    "the area and may send the frigate HMAS Newcastle into the area Monday morning morning from "
    "Sydney. An AMSA spokesman said they were alerted that the 13-meter Sydney yacht Sword of "
    "Orion had been rolled in the heavy seas, with several crewmen being injured, including the "
    "unidentified man lost overboard. Another crewman has a broken leg. The yacht, which has a "
    "crew of 11, was halfway across Bass Strait heading towards Hobart, capital of the island "
    "state of"
)
DEATHS = (
    "Gale-force winds and high seas battered yachts in the Sydney-to-Hobart race Monday, killing "
    "at least two crew members and leaving two yachts missing. The two dead were found on the "
    "40-foot vessel Business Post Naiad, about 100 kilometers (60 miles) off the New South Wales "
    "state town of Merimbula, according to the Australian Search and Rescue Coordination Center "
    "(AusSAR) in Canberra. One of the missing yachts _ B-52 _ was found mid-morning Monday and "
    "was making its way towards Eden on the New South Wales coast, an AusSAR spokesman said. The "
    "nine crew on board were thought to be safe and the vessel was sailing unassisted. The "
    "spokesman said no word had been received on the fate of the Winston Churchill or the "
    "sailor swept from the deck of Sword of Orion on Sunday night. As of mid-morning Monday, he "
    "had been in the water for 15 hours. The yacht,"
)


STORM_DAY = dt.datetime(1998, 12, 27, 12)


def race_coverage(
    preview_day: dt.datetime | None, storm_day: dt.datetime | None = STORM_DAY
) -> list[Article]:
    return [
        Article(id="preview", source="AP", raw_text=PREVIEW, published=preview_day),
        Article(id="search", source="AP", raw_text=SEARCH, published=storm_day),
        Article(id="deaths", source="AP", raw_text=DEATHS, published=storm_day),
    ]


def stories(articles: list[Article]) -> list[list[str]]:
    return sorted(sorted(a.id for a in group) for group in group_stories(articles))


def test_a_development_in_other_words_joins_its_story_by_names_and_days() -> None:
    articles = race_coverage(dt.datetime(1998, 12, 24, 12))
    assert stories(articles) == [["deaths", "preview", "search"]]


def test_without_the_development_test_the_preview_stays_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What the grouping did before: words alone leave the preview out of its story.
    monkeypatch.setattr(components, "DEVELOPMENTS", None)
    assert stories(race_coverage(dt.datetime(1998, 12, 24, 12))) == [
        ["deaths", "search"],
        ["preview"],
    ]


@pytest.mark.parametrize(
    ("preview_day", "storm_day"),
    [(None, None), (dt.datetime(1998, 11, 20, 12), STORM_DAY)],
    ids=["undated", "a month before"],
)
def test_names_join_only_pieces_dated_side_by_side(
    preview_day: dt.datetime | None, storm_day: dt.datetime | None
) -> None:
    # Shared names say "same story" only for coverage of the same days: the same preview,
    # undated or a month before the storm, keeps the usual bar.
    assert stories(race_coverage(preview_day, storm_day)) == [["deaths", "search"], ["preview"]]
