"""Where outlets contradict each other: slot conflicts between aligned sentences.

No NLI model ships offline, so contradictions are found on structure the story already has.
Two sentences of different articles that are each other's closest match (the alignment) are
compared slot by slot: the quantities they count, the dates they give (resolved by the dates
stage), the names in the same role (resolved to entities, so spelling variants agree), a title
given to one person, and negation. Each check needs the sentences to be closer the weaker its
evidence is, which is what keeps two different facts that merely look alike from being flagged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace

from newsweave.model import Conflict, SentencePair, Story
from newsweave.stages.claims import states_a_fact
from newsweave.stages.claims.conflicts._ages import age_conflicts
from newsweave.stages.claims.conflicts._aliases import named_both_ways
from newsweave.stages.claims.conflicts._context import (
    DIFF_MIN_OVERLAP,
    _close,
    _different_subjects,
    _Finding,
    _same_statement_otherwise,
    _StoryContext,
    of_other_years,
)
from newsweave.stages.claims.conflicts._names import _name_conflicts, _swapped_names
from newsweave.stages.claims.conflicts._negation import _negation_conflicts
from newsweave.stages.claims.conflicts._values import (
    _date_conflicts,
    _number_conflicts,
    _weekdays_of_one_event,
)
from newsweave.stages.claims.conflicts._written_dates import clock_time_conflicts


def find_conflicts(story: Story) -> Story:
    """The story with `conflicts`: one per disagreement, with both sentences and who says what."""
    context = _StoryContext(story)
    findings = [
        finding
        for pair in story.alignments
        for finding in _compare(pair, context)
        if not named_both_ways(finding, context)
    ]
    return replace(story, conflicts=tuple(_merge(findings, story)))


def candidates(context: _StoryContext) -> Iterator[tuple[SentencePair, _Finding, bool]]:
    """Every finding of the checks with the rule gate, the checks' cosine/overlap floors and
    the name-role test lifted, and whether the rules (`find_conflicts`) report it too
    (`ruled`): what a learned gate chooses from (bench/conflicts/fit_gate.py). Only pairs the
    aligner calls one statement are read loosely; a merely related pair, and a title or a
    negation conflict, stand only when ruled."""
    for pair in context.story.alignments:
        ruled = set(_compare(pair, context))
        loose = _compare(pair, context, loose=True) if pair.level.is_same_statement else ()
        for finding in dict.fromkeys([*ruled, *loose]):
            yield pair, finding, finding in ruled


def _compare(
    pair: SentencePair, context: _StoryContext, *, loose: bool = False
) -> Iterator[_Finding]:
    story = context.story
    text_a, text_b = story.quote(pair.a), story.quote(pair.b)
    if not (states_a_fact(text_a) and states_a_fact(text_b)):
        return  # a question or a suggestion asserts nothing to disagree with
    names_a, names_b = context.names(pair.a), context.names(pair.b)
    if of_other_years(text_a, text_b):
        return  # two events of two years: their names, figures and days differ for that reason
    # A person's age is theirs whatever each sentence tells of them: read before the gate.
    yield from age_conflicts(pair, context)
    if (pair.a in context.history) != (pair.b in context.history):
        return  # history the story recalls and what it reports: two events, as of two years
    if not (_close(pair) or _same_statement_otherwise(text_a, text_b, names_a, names_b)):
        yield from _weekdays_of_one_event(pair, context)
        if not loose:
            return
    if not _different_subjects(names_a, names_b, context):
        # Different names on both sides mean different subjects: their numbers and dates differ
        # for that reason ("six died in Mexico" / "eight died in Nicaragua").
        same_subject = bool(names_a.keys() & names_b.keys())
        yield from _number_conflicts(
            pair, text_a, text_b, context, same_subject=same_subject, loose=loose
        )
        yield from _date_conflicts(pair, context, loose=loose)
        yield from clock_time_conflicts(pair, text_a, text_b, loose=loose)
    if pair.overlap >= DIFF_MIN_OVERLAP:
        yield from _swapped_names(pair, text_a, text_b, context)
    yield from _name_conflicts(pair, text_a, text_b, names_a, names_b, context, loose=loose)
    if not loose:
        yield from _negation_conflicts(pair, text_a, text_b)


def _merge(findings: list[_Finding], story: Story) -> list[Conflict]:
    """One conflict per disagreement: the closest pair of sentences shows it, and the
    explanation names every article on each side."""
    groups: dict[tuple[str, frozenset[str]], list[_Finding]] = defaultdict(list)
    for finding in _one_per_pair(findings, story):
        groups[(finding.kind, frozenset((finding.value_a, finding.value_b)))].append(finding)
    conflicts = []
    for (kind, _), group in groups.items():
        best = max(group, key=lambda f: f.cosine)
        sides: dict[str, set[str]] = defaultdict(set)
        for finding in group:
            sides[finding.value_a].add(finding.a.article_id)
            sides[finding.value_b].add(finding.b.article_id)
        explanation = _explain(kind, best, sides, story)
        conflicts.append(Conflict(kind, best.a, best.b, explanation))
    return sorted(conflicts, key=lambda c: (c.kind, c.a.article_id, c.a.start))


_KIND_TYPES = {"person": {"PERSON"}, "place": {"GPE", "LOC", "FAC"}, "organisation": {"ORG"}}


def _one_per_pair(findings: list[_Finding], story: Story) -> list[_Finding]:
    """One finding per value a pair of sentences sets against two others of one kind: "Robert J.
    Pickell" against "Genesee County Undersheriff" and against "James Gage" is one disagreement
    read twice. The reading whose values are names of the kind's entities is kept."""
    types = {
        name: entity.type for entity in story.entities for name in (entity.name, *entity.variants)
    }

    def of_kind(finding: _Finding) -> int:
        kinds = _KIND_TYPES.get(finding.kind, set())
        return sum(types.get(value) in kinds for value in (finding.value_a, finding.value_b))

    kept: list[_Finding] = []
    for finding in sorted(findings, key=lambda f: -of_kind(f)):
        if not any(
            other.kind == finding.kind
            and (other.a, other.b) == (finding.a, finding.b)
            and (other.value_a == finding.value_a or other.value_b == finding.value_b)
            for other in kept
        ):
            kept.append(finding)
    return kept


def _explain(kind: str, best: _Finding, sides: dict[str, set[str]], story: Story) -> str:
    def outlets(article_ids: set[str]) -> str:
        return ", ".join(f"{story.article(a).source} ({a})" for a in sorted(article_ids))

    what = {
        "number": "a number",
        "date": "a date",
        "weekday": "the day",
        "person": "who",
        "place": "where",
        "organisation": "which organisation",
        "role": "a title",
        "negation": "whether it happened",
    }[kind]

    def say(article_ids: set[str]) -> str:
        return "says" if len(article_ids) == 1 else "say"

    side_a, side_b = sides[best.value_a], sides[best.value_b]
    return (
        f"Sources disagree on {what}: {outlets(side_a)} {say(side_a)} {best.value_a!r}; "
        f"{outlets(side_b)} {say(side_b)} {best.value_b!r}."
    )
