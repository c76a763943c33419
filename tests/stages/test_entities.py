"""Entities: which NER mentions name the same person, organisation or place."""

from __future__ import annotations

import re
from typing import Any

import pytest

from newsweave.model import Article, Entity, Mention, Span, Story
from newsweave.stages.entities import add_entities

_MARK = re.compile(r"\[([^\]|]+)\|([A-Z_]+)\]")


def _article(article_id: str, marked: str) -> Article:
    """An article whose mentions are written inline: "[Elena Marković|PERSON] said ..."."""
    text, mentions, position = "", [], 0
    for match in _MARK.finditer(marked):
        text += marked[position : match.start()]
        start = len(text)
        text += match.group(1)
        mentions.append(Mention(Span(article_id, start, len(text)), match.group(2)))
        position = match.end()
    text += marked[position:]
    return Article(id=article_id, source="Wire", raw_text=text, text=text, mentions=tuple(mentions))


def _entities(*marked_articles: str) -> tuple[Entity, ...]:
    articles = tuple(_article(f"a{i}", marked) for i, marked in enumerate(marked_articles))
    return add_entities(Story(id="s", title="t", articles=articles)).entities


def _by_name(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {entity.name: entity for entity in entities}


def _names(entities: tuple[Entity, ...]) -> set[str]:
    return {entity.name for entity in entities}


@pytest.mark.parametrize(
    ("marked", "variants"),
    [
        (
            "[Foreign Minister Elena Marković|PERSON] spoke. [Ms. Marković|PERSON] left.",
            ("Marković",),
        ),
        ("[Deputy Prime Minister Elena Marković|PERSON] and [Dr. Elena Marković|PERSON].", ()),
        ("[President Elena Marković|PERSON] met [Sen. Elena Marković|PERSON].", ()),
        ("[Elena Marković's|PERSON] plan; [Marković’s|PERSON] aides.", ("Marković",)),
        (
            "[“Elena Marković,”|PERSON] and [(Elena Marković)|PERSON], [Elena Marković.|PERSON]",
            (),
        ),
    ],
)
def test_entities_strip_titles_possessives_punctuation(marked: str, variants: tuple[str]) -> None:
    (entity,) = _entities(marked)
    assert (entity.name, entity.type, entity.variants) == ("Elena Marković", "PERSON", variants)
    assert len(entity.mentions) == marked.count("|PERSON]")


def test_entities_sec_of_state_title() -> None:
    (entity,) = _entities("[Sec. of State Antony Blinken|PERSON] and [Antony Blinken Jr.|PERSON]")
    assert entity.name == "Antony Blinken"


@pytest.mark.parametrize(
    ("full", "bare"),
    [
        ("Elena Marković", "Marković"),
        ("Elena Marković", "Markovic"),
        ("Xi Jinping", "Xi"),
        ("Ursula von der Leyen", "von der Leyen"),
        ("Antony Blinken", "Blinkin"),
    ],
)
def test_entities_bare_name_joins_full_name(full: str, bare: str) -> None:
    (entity,) = _entities(f"[{full}|PERSON] arrived.", f"Later [{bare}|PERSON] spoke.")
    assert entity.name == full
    assert entity.variants == (bare,)
    assert entity.article_ids == ("a0", "a1")


@pytest.mark.parametrize(
    ("marked", "jonas_count", "erik_count"),
    [
        # The nearest preceding full name in the article decides.
        ("[Jonas Halvorsen|PERSON] met [Erik Halvorsen|PERSON]. [Halvorsen|PERSON] said.", 1, 2),
        ("[Erik Halvorsen|PERSON] met [Jonas Halvorsen|PERSON]. [Halvorsen|PERSON] said.", 2, 1),
        # No full name before it: the one most mentioned in that article.
        (
            "[Halvorsen|PERSON] said. [Erik Halvorsen|PERSON], [Erik Halvorsen|PERSON] and "
            "[Jonas Halvorsen|PERSON].",
            1,
            3,
        ),
    ],
)
def test_entities_shared_surname_goes_to_nearest_person(
    marked: str, jonas_count: int, erik_count: int
) -> None:
    people = _by_name(_entities(marked))
    assert len(people["Jonas Halvorsen"].mentions) == jonas_count
    assert len(people["Erik Halvorsen"].mentions) == erik_count


def test_entities_shared_surname_elsewhere_goes_to_most_mentioned_in_story() -> None:
    people = _by_name(
        _entities(
            "[Jonas Halvorsen|PERSON] met [Erik Halvorsen|PERSON] and [Erik Halvorsen|PERSON].",
            "[Halvorsen|PERSON] said.",
        )
    )
    assert people["Erik Halvorsen"].article_ids == ("a0", "a1")
    assert people["Jonas Halvorsen"].article_ids == ("a0",)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Antony Blinken", "Anthony Blinken"),
        ("Elena Marković", "Elena Markovich"),
        ("Elena Marković", "Elena Markovic"),
        ("Antony Blinken", "Antony Blinkin"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Ali Khamenei", "Ali Khamenai"),
        ("Elena Marković", "E. Marković"),
        ("Recep Tayyip Erdoğan", "Recep Erdogan"),
        ("Erik Halvorsen", "Eric Halvorsen"),
    ],
)
def test_entities_spelling_variants_merge(one: str, other: str) -> None:
    entities = _entities(f"[{one}|PERSON] and [{one}|PERSON].", f"[{other}|PERSON] spoke.")
    assert [(e.name, e.variants) for e in entities] == [(one, (other,))]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Jonas Halvorsen", "Erik Halvorsen"),
        ("Ivan Petrović", "Ivana Petrović"),
        ("Mark Smith", "Mary Smith"),
        ("Mark Hansen", "Mark Jansen"),
        ("Anna Li", "Anna Lu"),
        ("Tom Kim", "Tom Kin"),
        ("Jon Berg", "Jonas Berg"),
    ],
)
def test_entities_different_people_stay_apart(one: str, other: str) -> None:
    assert _names(_entities(f"[{one}|PERSON] met [{other}|PERSON].")) == {one, other}


def test_entities_initial_joins_the_most_mentioned_compatible_person() -> None:
    people = _by_name(
        _entities(
            "[Elena Marković|PERSON], [Elena Marković|PERSON] and [Eva Marković|PERSON] met.",
            "[E. Marković|PERSON] spoke.",
        )
    )
    assert people["Elena Marković"].variants == ("E. Marković",)
    assert people["Eva Marković"].article_ids == ("a0",)


def test_entities_names_in_other_scripts_stay_apart() -> None:
    entities = _entities("[Владимир Путин|PERSON] met [Олаф Шольц|PERSON] and [Путин|PERSON].")
    assert {e.name: len(e.mentions) for e in entities} == {"Владимир Путин": 2, "Олаф Шольц": 1}


@pytest.mark.parametrize("label", ["GPE", "ORG", "NORP"])
def test_entities_mislabelled_surname_counts_as_person(label: str) -> None:
    (entity,) = _entities(f"[Olaf Scholz|PERSON] arrived. [Scholz|{label}] spoke.")
    assert (entity.name, entity.type, len(entity.mentions)) == ("Olaf Scholz", "PERSON", 2)


def test_entities_mislabelled_full_name_counts_as_person() -> None:
    (entity,) = _entities("[Olaf Scholz|PERSON] arrived.", "[Olaf Scholz|ORG] spoke.")
    assert (entity.type, entity.article_ids) == ("PERSON", ("a0", "a1"))


def test_entities_place_named_like_a_person_stays_a_place() -> None:
    # The story uses "Jordan" for the country more often than it names the person.
    entities = _by_name(
        _entities(
            "[Michael Jordan|PERSON] flew to [Jordan|GPE]. [Jordan|GPE] welcomed him.",
        )
    )
    assert entities["Jordan"].type == "GPE"
    assert len(entities["Michael Jordan"].mentions) == 1


@pytest.mark.parametrize(("person_count", "place_count"), [(1, 2), (2, 2)])
def test_entities_lone_word_tagged_person_joins_the_place(
    person_count: int, place_count: int
) -> None:
    marked = " ".join(["[Kestrel|PERSON]."] * person_count + ["[Kestrel|GPE]."] * place_count)
    (entity,) = _entities(marked)
    assert (entity.name, entity.type, len(entity.mentions)) == (
        "Kestrel",
        "GPE",
        person_count + place_count,
    )


def test_entities_lone_word_mostly_tagged_person_stays_a_person() -> None:
    entities = _entities("[Kestrel|PERSON]. [Kestrel|PERSON]. [Kestrel|GPE].")
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [("Kestrel", "PERSON", 3)]


@pytest.mark.parametrize(
    ("marked", "name", "variants"),
    [
        (
            "The [European Union|ORG] ([EU|ORG]) met; the [EU|ORG] agreed.",
            "European Union",
            ("EU",),
        ),
        (
            "The [Kurdistan Workers' Party|ORG] ([PKK|ORG]) and the [PKK|ORG].",
            "Kurdistan Workers' Party",
            ("PKK",),
        ),
        (
            "[NATO|ORG] and the [North Atlantic Treaty Organization|ORG] and [NATO|ORG].",
            "North Atlantic Treaty Organization",
            ("NATO",),
        ),
        ("The [U.S.|GPE], the [United States|GPE].", "United States", ("U.S.",)),
        ("[the BBC|ORG] and [BBC|ORG].", "BBC", ()),
        ("[The Kremlin|ORG] and the [Kremlin|ORG].", "Kremlin", ("The Kremlin",)),
        (
            "[European union|ORG], [European Union|ORG], [European Union|ORG].",
            "European Union",
            ("European union",),
        ),
    ],
)
def test_entities_organisation_forms_merge(marked: str, name: str, variants: tuple[str]) -> None:
    entities = _entities(marked)
    assert [(e.name, e.variants) for e in entities] == [(name, variants)]


def test_entities_acronym_needs_a_shared_label() -> None:
    entities = _entities("The [EU|ORG] discussed [Eastern Ukraine|LOC].")
    assert _names(entities) == {"EU", "Eastern Ukraine"}


@pytest.mark.parametrize(
    ("labels", "expected_type"),
    [
        (("GPE", "GPE", "LOC"), "GPE"),
        (("LOC", "LOC", "GPE"), "LOC"),
        (("GPE", "LOC"), "GPE"),
        (("FAC", "FAC", "ORG"), "FAC"),
    ],
)
def test_entities_labels_of_one_name_merge_under_the_majority(
    labels: tuple[str, ...], expected_type: str
) -> None:
    (entity,) = _entities(" ".join(f"[Gaza|{label}]." for label in labels))
    assert (entity.type, len(entity.mentions)) == (expected_type, len(labels))


@pytest.mark.parametrize(
    "label", ["DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"]
)
def test_entities_numeric_labels_are_not_entities(label: str) -> None:
    assert _entities(f"It happened on [Monday 5|{label}].") == ()


def test_entities_name_prefers_complete_frequent_accented_form() -> None:
    entities = _entities(
        "[Elena Markovic|PERSON], [Elena Markovic|PERSON], [Marković|PERSON], [Marković|PERSON].",
        "[Elena Marković|PERSON] said; [Marković|PERSON] added; [Elena Markovich|PERSON].",
    )
    (entity,) = entities
    assert entity.name == "Elena Marković"
    assert entity.variants == ("Elena Markovic", "Elena Markovich", "Marković")
    assert len(entity.mentions) == 7


def test_entities_sorted_by_mentions_then_name_with_mentions_in_text_order() -> None:
    entities = _entities(
        "[Berlin|GPE] and [Siemens|ORG] and [Berlin|GPE].", "[Athens|GPE] then [Berlin|GPE]."
    )
    assert [e.name for e in entities] == ["Berlin", "Athens", "Siemens"]
    assert [(s.article_id, s.start) for s in entities[0].mentions] == [
        ("a0", 0),
        ("a0", 23),
        ("a1", 12),
    ]


# --- End to end with the real NER model -------------------------------------------------------

_STORY = [
    "BELGRADE — Foreign Minister Elena Marković met German Chancellor Olaf Scholz in Berlin on "
    "Monday to discuss energy prices. Marković said the European Union (EU) must act quickly.",
    "Serbian foreign minister Elena Markovic travelled to Berlin. Ms. Markovic told reporters that "
    "the EU had waited too long. Norwegian envoy Jonas Halvorsen and his brother Erik Halvorsen, a "
    "Siemens executive, joined the talks. Halvorsen said the deal was close.",
    "Elena Markovich, the Serbian diplomat, said talks with Olaf Scholz in Berlin were productive. "
    "Markovich praised the European Union. Jonas Halvorsen, Norway's envoy, said an agreement "
    "could come within weeks, and Halvorsen added that NATO was not involved.",
]


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsweave.stages.annotate import load_nlp

    return load_nlp()


def test_entities_real_ner_story_merges_variants(nlp: Any) -> None:
    articles = []
    for index, doc in enumerate(nlp.pipe(_STORY)):
        article_id = f"a{index}"
        mentions = tuple(
            Mention(Span(article_id, ent.start_char, ent.end_char), ent.label_) for ent in doc.ents
        )
        articles.append(Article(article_id, "Wire", doc.text, text=doc.text, mentions=mentions))
    story = add_entities(Story(id="s", title="t", articles=tuple(articles)))
    entities = _by_name(story.entities)

    elena = entities["Elena Marković"]
    assert {"Elena Markovic", "Elena Markovich", "Markovich"} <= set(elena.variants)
    assert elena.article_ids == ("a0", "a1", "a2")
    assert entities["European Union"].variants == ("EU",)
    # spaCy tags the third article's "Olaf Scholz" ORG and its bare "Halvorsen" ORG.
    assert (entities["Olaf Scholz"].type, entities["Olaf Scholz"].article_ids) == (
        "PERSON",
        ("a0", "a2"),
    )
    assert entities["Jonas Halvorsen"].article_ids == ("a1", "a2")
    assert entities["Erik Halvorsen"].article_ids == ("a1",)
    assert {"Monday", "weeks"}.isdisjoint(entities)
    for entity in story.entities:  # every mention still quotes its article
        assert all(story.quote(span) for span in entity.mentions)
