"""Entities: a heading clips a name the body writes in full.

Read on the names benchmark's virgin split (bench/entities): a headline's acronym and one word
of a conference's name, which the body names in full, were dropped as heading words the body
never writes. The test pins mentions that must merge and ones that must stay apart.
"""

from __future__ import annotations

from dataclasses import replace

from test_entities import _article, _by_name

from newsweave.model import Span, Story
from newsweave.stages.entities import add_entities

_BODY = "The Comets won in the quarterfinals of [the Great Plains Athletic Conference|ORG] event."


def _story(*articles: tuple[str, str]) -> dict[str, object]:
    built = []
    for index, (heading, body) in enumerate(articles):
        article = _article(f"a{index}", f"{heading}\n{body}")
        line = len(_article("x", heading).text)
        built.append(replace(article, headings=(Span(f"a{index}", 0, line),)))
    return _by_name(add_entities(Story(id="s", title="t", articles=tuple(built))).entities)


def test_a_headings_short_form_of_one_name_the_body_writes_is_that_name() -> None:
    entities = _story(
        ("Comets roll in [Plains|LOC] tournament win", _BODY),
        ("Comets defeat Owls in [GPAC|ORG] tournament", _BODY),
    )
    conference = entities["Great Plains Athletic Conference"]
    assert len(conference.mentions) == 4
    # A word of two of the body's names, or a name's first word (a place of its own), is none.
    entities = _story(
        ("Comets roll in [Plains|LOC] tournament", f"{_BODY} [The Plains Arena|FAC] was full."),
        ("Comets roll in [Great|LOC] tournament", _BODY),
    )
    assert len(entities["Great Plains Athletic Conference"].mentions) == 2
    assert "Plains" not in entities and "Great" not in entities
