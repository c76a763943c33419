"""Value conflicts: numbers that count the same thing, and dates (or weekdays) of one event."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from newsweave.model import SentencePair, Span, Story
from newsweave.stages.claims._slots import (
    STOPWORDS,
    TOLL_UNITS,
    Quantity,
    content_words,
    quantities,
    same_quantity,
)
from newsweave.stages.claims.conflicts._ages import has_owner
from newsweave.stages.claims.conflicts._context import (
    CLOSE_OVERLAP,
    DATE_MIN_COSINE,
    DATE_MIN_OVERLAP,
    NUMBER_MIN_COSINE,
    _close,
    _Finding,
    _is_weekday,
    _name_kind,
    _same_name,
    _same_role,
    _StoryContext,
)
from newsweave.stages.claims.conflicts._syntax import (
    Role,
    is_reporting,
    locations_of_figure,
    parsed_dated_acts,
    parsed_in_another_event,
    parsed_role,
    same_act,
    same_parsed_role,
    same_parties,
    verb_of,
)
from newsweave.stages.claims.conflicts._written_dates import written_date_conflicts


def _number_conflicts(
    pair: SentencePair,
    text_a: str,
    text_b: str,
    context: _StoryContext,
    *,
    same_subject: bool,
    loose: bool = False,
) -> Iterator[_Finding]:
    if not loose and pair.cosine < NUMBER_MIN_COSINE and pair.overlap < DATE_MIN_OVERLAP:
        return
    found_a, found_b = quantities(text_a), quantities(text_b)
    if min(len(found_a), len(found_b)) >= 2 and (
        (not _close(pair) and max(len(found_a), len(found_b)) >= TALLY_SIZE)
        or _differing_figures(found_a, found_b) >= 2
    ):
        # Two tallies (a game's statistics, a list of items): one that differs anywhere, or
        # two that differ in several figures ("25 points and 16 rebounds" / "22 points and
        # nine rebounds" in two games), not one fact told two ways, which differs in one.
        return
    for qa in found_a:
        if _states_too(qa, found_b):
            continue  # the other sentence states this value too
        for qb in found_b:
            if not qa.counts_same_thing(qb, same_subject=same_subject) or same_quantity(qa, qb):
                continue
            if _part_of_a_run(text_a, qa) != _part_of_a_run(text_b, qb):
                continue  # "completed his first 17 passes" / "29 of 34 passes": a part, a whole
            if _ages_of_two_people(text_a, text_b, qa, qb):
                continue  # "Anwar, 51," / "Mahathir, 72,": each age is its own person's
            owned_a, owned_b = has_owner(text_a, qa.start), has_owner(text_b, qb.start)
            if owned_a and owned_b:
                continue  # two ages given to someone: the age check reads whose they are
            if owned_a != owned_b and AGE_UNITS.isdisjoint((qa.unit, qb.unit)):
                continue  # "his wife shanann, 34, and their daughters" / "two daughters"
            if qa.unit in DURATIONS and not _close(pair):
                continue  # "after four days of riots" / "after eight days": a time that grows
            if _is_label(text_a, qa) or _is_label(text_b, qb):
                continue  # "IE 8 Beta 2" / "IE 6 and the beta of IE 8": which one, not how many
            if _is_vague(text_a, qa) or _is_vague(text_b, qb):
                continue  # "Dozens of warships" / "over 20 warships"
            if _unsure(text_a, qa) != _unsure(text_b, qb):
                continue  # "20 confirmed cases" / "1,300 suspected cases": two counts
            if _sizes_a_whole(text_a, qa) != _sizes_a_whole(text_b, qb):
                continue  # "37 yachts have been forced out" / "half of the 115-yacht fleet"
            if _states_too(qb, found_a):
                continue
            if not _close(pair) and _of_two_actions(text_a, text_b, qa, qb):
                continue  # "scored six touchdowns" / "had four touchdowns receiving"
            if _counts_casualties(qa, qb, text_a, text_b) and _may_be_update(
                pair, qa.value, qb.value, context
            ):
                continue
            if _counted_in_two_places(pair, qa, qb, context):
                continue  # "14 people died on that small island" / "six died in southern Mexico"
            yield _Finding("number", pair.a, pair.b, qa.text, qb.text, pair.cosine)
            return


def _counted_in_two_places(
    pair: SentencePair, first: Quantity, second: Quantity, context: _StoryContext
) -> bool:
    """Each figure is counted in a place, and the places differ ("26 cases in Mexico" / "two
    cases in the United States", "14 people died on that small island" / "six people died in
    southern Mexico"), or over a period, and the periods differ ("105 runs in each of the past
    five seasons" / "13 home runs in 54 games"). A figure is only comparable in its scope."""
    places_a, periods_a = _scopes_of(pair.a, first, context)
    places_b, periods_b = _scopes_of(pair.b, second, context)
    if periods_a and periods_b and not periods_a & periods_b:
        return True
    if not places_a or not places_b:
        return False
    return not any(
        a == b or _same_name(a, b) or frozenset((a, b)) in context.located_together
        for a in places_a
        for b in places_b
    )


def _scopes_of(
    sentence: Span, quantity: Quantity, context: _StoryContext
) -> tuple[set[str], set[str]]:
    """The places a figure was counted in (a place's entity name, or a place noun: "island")
    and the periods it was counted over ("season", "game")."""
    text = context.story.quote(sentence)
    places, periods = set(), set()
    for start, end, noun in locations_of_figure(text, quantity.start, quantity.end):
        named = [
            name
            for name, spans in context.names(sentence).items()
            if _name_kind(context.entity_type.get(name, "")) == "place"
            and any(start <= s.start - sentence.start < end for s in spans)
        ]
        if named:
            places.update(named)
        elif noun in _PLACE_NOUNS:
            places.add(noun)
        elif noun in _PERIOD_NOUNS:
            periods.add(noun)
    return places, periods


# Nouns that name a place without naming it: "on that small island", "in the province".
_PLACE_NOUNS = frozenset(
    "island country city town village province state region county district capital coast "
    "border area territory continent nation republic".split()
)
# Nouns a figure is counted over: "in 54 games", "in each of the past five seasons".
_PERIOD_NOUNS = frozenset(
    "season game match race year month week day quarter half period career tournament".split()
)


def _of_two_actions(text_a: str, text_b: str, first: Quantity, second: Quantity) -> bool:
    """Each figure counts what another verb did: "missed four games" / "played in 10 games",
    "has 2,302 points" / "finished with 20 points" are two statistics, not one told twice."""
    verb_a = verb_of(text_a, first.start, first.end)
    verb_b = verb_of(text_b, second.start, second.end)
    if _VALUING.intersection((verb_a, verb_b)):
        return False  # "the damage was estimated at 400 million" sizes what the other counts
    return verb_a is not None and verb_b is not None and verb_a != verb_b


# Verbs that give the size of a thing named with them, doing nothing to it: "the cost was
# estimated at", "put the damage at", "valued at".
_VALUING = frozenset(
    "estimate put value calculate assess reckon peg place gauge appraise evaluate".split()
)


def _is_label(text: str, quantity: Quantity) -> bool:
    """The figure names which one, after a name: "IE 8", "Windows 7", "Flight 93" (not a
    number that opens the sentence, follows a month, or a sum: "$", "No.")."""
    before = re.search(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w]*)\s+$", text[: quantity.start])
    return bool(before) and not _MONTH_OR_SIGN.fullmatch(before.group(1))


_MONTH_OR_SIGN = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*|No|Nos|US|USD", re.I
)


def _is_vague(text: str, quantity: Quantity) -> bool:
    """ "Dozens of" (or the misspelt "Dozen of"), with no number before it: many, not twelve."""
    return quantity.text.casefold().startswith("dozen") and not re.search(
        r"\b(?:a|one|\d+|two|three|four|five|half)\s+$", text[: quantity.start], re.IGNORECASE
    )


def _unsure(text: str, quantity: Quantity) -> bool:
    """The figure counts what is only suspected, not established: "1,300 suspected cases",
    "40 probable deaths", "two possible cases"."""
    return bool(_UNSURE_AFTER.match(text, quantity.end))


_UNSURE_AFTER = re.compile(
    r"\s+(?:suspected|probable|possible|presumed|presumptive|unconfirmed|potential)\b", re.I
)


def _sizes_a_whole(text: str, quantity: Quantity) -> bool:
    """The figure, joined to its noun, gives the size of another noun: "the 115-yacht fleet",
    "a 40-member delegation" (not an age or a time: "a 10-year sentence")."""
    joined = re.match(r"-([^\W\d_]+)\s+([a-z]+)", text[quantity.end :])
    return bool(joined) and (
        joined.group(1).casefold() not in DURATIONS | AGE_UNITS
        and joined.group(2) not in STOPWORDS
        and "old" not in joined.group(1).casefold()
    )


def _part_of_a_run(text: str, quantity: Quantity) -> bool:
    """The figure counts the first, last or next few of a run, a part of its whole."""
    return bool(_RUN_PART.search(text[: quantity.start]))


_RUN_PART = re.compile(r"\b(?:first|last|final|next|opening|closing)\s+$", re.IGNORECASE)


def _ages_of_two_people(text_a: str, text_b: str, first: Quantity, second: Quantity) -> bool:
    """Two ages in apposition to two different names: two people's ages, not one told twice."""
    if first.unit != "year-old" or second.unit != "year-old":
        return False
    owner_a, owner_b = _age_owner(text_a[: first.start]), _age_owner(text_b[: second.start])
    return bool(owner_a) and bool(owner_b) and not _same_name(owner_a, owner_b)


def _age_owner(before: str) -> str:
    """The capitalised name an age stands in apposition to: "Maria Lund, 51," -> Maria Lund."""
    owner = re.search(r"((?:[A-Z][\w.'’-]*\s+)*[A-Z][\w.'’-]*)\s*,\s*$", before)
    return owner.group(1) if owner else ""


def _differing_figures(found_a: Sequence[Quantity], found_b: Sequence[Quantity]) -> int:
    """How many figures of the first sentence count a thing of the second with another value."""
    return sum(
        1
        for qa in found_a
        if not _states_too(qa, found_b)
        and any(
            qa.counts_same_thing(qb, same_subject=True) and not same_quantity(qa, qb)
            for qb in found_b
        )
    )


def _states_too(quantity: Quantity, others: Sequence[Quantity]) -> bool:
    """The value is in the other sentence, counting the same thing ("64 of the 122 seats" /
    "64 of the 122 parliamentary seats"), or with its noun left out ("Yelp sells 7.1 million
    shares, its foundation 50,000" / "another 50,000 shares")."""
    return any(
        same_quantity(quantity, other)
        and (
            quantity.unit == other.unit
            or not other.unit
            or quantity.counts_same_thing(other, same_subject=True)
        )
        for other in others
    )


def _counts_casualties(first: Quantity, second: Quantity, text_a: str, text_b: str) -> bool:
    """A toll: the numbers count victims ("12 people", "12 dead"), and a word of harm stands on
    either side ("killed", "injured"). "1,000 people" in a church is no toll, nor is an age."""
    counted = {first.unit, first.unit_after, second.unit, second.unit_after}
    harm = (content_words(text_a) | content_words(text_b)) & (TOLL_UNITS - _HEADCOUNT)
    return bool(counted & TOLL_UNITS) and bool(harm)


_HEADCOUNT = frozenset(["people", "persons"])
TALLY_SIZE = 3  # numbers in one sentence
# The units an age is read with: "Reid, 33," (year-old), "33 years old".
AGE_UNITS = frozenset(["year-old", "year"])
DURATIONS = frozenset(["year", "month", "week", "day", "hour", "minute", "season"])


def _may_be_update(
    pair: SentencePair, value_a: float, value_b: float, context: _StoryContext
) -> bool:
    """Casualty counts change as a story develops: a count that grows from an earlier report to
    a later one is news, and so is any change between two reports whose order is unknown."""
    time_a, time_b = context.time_of[pair.a.article_id], context.time_of[pair.b.article_id]
    if time_a is None or time_b is None:
        return True
    if time_a == time_b:
        # Two reports of one moment disagree; two dates without a time of day have no order.
        return time_a.time() == dt.time(0, 0)
    return (value_b > value_a) == (time_b > time_a)


def _date_conflicts(
    pair: SentencePair, context: _StoryContext, *, loose: bool = False
) -> Iterator[_Finding]:
    dates_a, dates_b = context.dates_in.get(pair.a, []), context.dates_in.get(pair.b, [])
    undated = None in (context.time_of[pair.a.article_id], context.time_of[pair.b.article_id])
    if not dates_a or not dates_b or undated:
        # Undated coverage (no publication date to count from, or only one guessed from the
        # story): a weekday still names one day of the week, so "died Thursday" / "died
        # Sunday" disagree without knowing the week.
        weekdays = list(_weekday_conflicts(pair, context))
        yield from weekdays
        if weekdays:
            return
        # A date that names its month and day needs no publication date to be compared.
        text_a, text_b = context.story.quote(pair.a), context.story.quote(pair.b)
        written = list(written_date_conflicts(pair, text_a, text_b, loose=loose))
        yield from written
        if written or not dates_a or not dates_b:
            return
    if not loose and pair.overlap < DATE_MIN_OVERLAP and pair.cosine < DATE_MIN_COSINE:
        return
    days_a, days_b = {day for _, day in dates_a}, {day for _, day in dates_b}
    if days_a & days_b:
        return
    story = context.story
    (span_a, day_a), (span_b, day_b) = dates_a[0], dates_b[0]
    if story.quote(span_a).casefold() == story.quote(span_b).casefold():
        return  # the same words read against two publication dates: a copy, not a contradiction
    kind = (
        "weekday"
        if _is_weekday(story.quote(span_a)) and _is_weekday(story.quote(span_b))
        else "date"
    )
    if kind == "weekday" and _act_and_statement(story, pair, span_a, span_b):
        return  # "made the allegations Saturday" / "said Sunday he was muzzled": two days, two acts
    if undated and kind != "weekday":
        return  # "yesterday" read against a guessed day: no day to compare with another's
    if (
        kind == "weekday"
        and pair.overlap < CLOSE_OVERLAP
        and not _same_role(pair, span_a, span_b, context, either_side=True)
        and not same_parsed_role(story, pair, span_a, span_b)
    ):
        return  # "made the allegations Saturday" / "said Sunday he had been muzzled": two events
    yield _Finding(
        kind,
        pair.a,
        pair.b,
        f"{story.quote(span_a)} ({day_a})",
        f"{story.quote(span_b)} ({day_b})",
        pair.cosine,
    )


def _weekday_conflicts(pair: SentencePair, context: _StoryContext) -> Iterator[_Finding]:
    """Two weekdays for one statement, read from the words when the dates stage could not
    resolve them. Two sentences aligned as one statement, each naming one weekday, date that
    statement; with more weekdays, the two must stand in the same role."""
    story = context.story
    days_a, days_b = _weekdays_in(story, pair.a), _weekdays_in(story, pair.b)
    if not days_a or not days_b or {d for _, d in days_a} & {d for _, d in days_b}:
        return
    (span_a, day_a), (span_b, day_b) = days_a[0], days_b[0]
    if not pair.level.is_same_statement:
        # Related sentences: the two weekdays date one verb ("remain at the scene until
        # Sunday" / "due to remain at the scene until at least Monday").
        role = parsed_role(story, pair.a, span_a)
        if role and not is_reporting(role) and same_act(role, parsed_role(story, pair.b, span_b)):
            yield _Finding("weekday", pair.a, pair.b, day_a, day_b, pair.cosine)
        return
    one_each = len(days_a) == len(days_b) == 1
    if not one_each and not _same_role(pair, span_a, span_b, context, either_side=True):
        return
    if _act_and_statement(story, pair, span_a, span_b):
        return
    yield _Finding("weekday", pair.a, pair.b, day_a, day_b, pair.cosine)


def _act_and_statement(story: Story, pair: SentencePair, day_a: Span, day_b: Span) -> bool:
    """One weekday dates an act, the other a statement about it ("made the allegations
    Saturday" / "said Sunday he had been muzzled"), or another event than the act ("charged
    Saturday" / "charged after a shooting Friday"), a thing named by its day ("for Sunday's
    game" / "was arrested early Tuesday"), or two acts of two parties ("the Saints
    placed Bush on injured reserve Wednesday" / "Bush tweaked his knee last Thursday"): the
    days of two events, which may differ."""
    if parsed_in_another_event(story, pair.a, day_a) != parsed_in_another_event(
        story, pair.b, day_b
    ):
        return True  # "charged Saturday" / "charged after a shooting ... Friday": two events
    if _names_a_thing(story, day_a) != _names_a_thing(story, day_b):
        return True  # "for Sunday's playoff game" / "was arrested early Tuesday"
    if _fronted(story, pair.a, day_a) or _fronted(story, pair.b, day_b):
        return False  # "On Friday, the rebels said they shot down ...": either verb's day
    role_a, role_b = parsed_role(story, pair.a, day_a), parsed_role(story, pair.b, day_b)
    if role_a is None or role_b is None:
        return False
    if is_reporting(role_a) != is_reporting(role_b):
        return True
    return _acts_of_two_parties(
        parsed_dated_acts(story, pair.a, day_a), parsed_dated_acts(story, pair.b, day_b)
    )


def _acts_of_two_parties(
    acts_a: Sequence[tuple[Role, dict[str, frozenset[str]]]],
    acts_b: Sequence[tuple[Role, dict[str, frozenset[str]]]],
) -> bool:
    """Each day dates verbs of its own, done by someone the other side's verbs are not done
    by: two acts of two parties, each on its day."""
    if not acts_a or not acts_b:
        return False
    if not all(role.participle for role, _ in (*acts_a, *acts_b)):
        return False  # a day of a noun ("a shooting Friday"): whose act is not read
    if any(same_act(ra, rb) for ra, _ in acts_a for rb, _ in acts_b):
        return False
    agents_a = {w for _, parties in acts_a for w in parties.get("agent", ())}
    agents_b = {w for _, parties in acts_b for w in parties.get("agent", ())}
    return bool(agents_a) and bool(agents_b) and not agents_a & agents_b


def _names_a_thing(story: Story, day: Span) -> bool:
    """The weekday is a possessive, the day of a thing: "Sunday's game", "Friday ’ s vote"."""
    after = story.article(day.article_id).text[day.end : day.end + 4]
    return bool(re.match(r"\s?['’]\s?s\b", after))


def _fronted(story: Story, sentence: Span, day: Span) -> bool:
    """The day opens the sentence ("On Friday, ..."), where it may date any verb after it."""
    before = story.article(sentence.article_id).text[sentence.start : day.start]
    return len(re.findall(r"[^\W\d_]+", before)) <= 2


def _weekdays_of_one_event(pair: SentencePair, context: _StoryContext) -> Iterator[_Finding]:
    """Sentences too loosely worded to compare whole still date one event: a weekday of the
    same verb on each side ("the plane crashed Tuesday near the airport" / "crashed on
    Thursday, killing all 12 aboard"), not of a reporting verb (outlets quote statements made
    on different days). In sentences the aligner calls merely related, the act must be done by
    or to the same party on both sides ("Hodler, who made the allegations Wednesday" / "the
    allegations, which were made Saturday"), since one verb tells of many acts ("Milosevic met
    ... Sunday" / "Holbrooke met ... Monday")."""
    one_statement = pair.level.is_same_statement
    story = context.story
    days_a, days_b = _weekdays_in(story, pair.a), _weekdays_in(story, pair.b)
    if not days_a or not days_b or {d for _, d in days_a} & {d for _, d in days_b}:
        return
    for span_a, day_a in days_a:
        acts_a = parsed_dated_acts(story, pair.a, span_a)
        role = acts_a[0][0] if acts_a else None
        if role is None or is_reporting(role) or not (one_statement or role.relation == "when"):
            continue
        for span_b, day_b in days_b:
            # The day dates its verb and the verbs coordinated with it: "on Wednesday foiled a
            # hijack attempt and arrested 23 pirates" / "on Saturday arrested 23 pirates".
            if any(
                same_act(role_b, role_a) and (one_statement or same_parties(parties_a, parties_b))
                for role_a, parties_a in acts_a
                for role_b, parties_b in parsed_dated_acts(story, pair.b, span_b)
            ):
                yield _Finding("weekday", pair.a, pair.b, day_a, day_b, pair.cosine)
                return


def _weekdays_in(story: Story, sentence: Span) -> list[tuple[Span, str]]:
    text = story.quote(sentence)
    return [
        (
            Span(sentence.article_id, sentence.start + m.start(), sentence.start + m.end()),
            m.group(1).title(),
        )
        for m in _WEEKDAY.finditer(text)
    ]


_WEEKDAY = re.compile(r"\b((?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE)
