"""A place named for the side it fields in a contest: "Indianapolis lost a 10-point lead".

A story of a game or a race names a side by its home ("Kansas City failed to score") as often as
by its name ("the Kansas City Chiefs"). The text shows it when an organisation whose name the
place opens ("Kansas City" of "Kansas City Chiefs") is a side in the story's contests (the
subject of winning or losing, the object of "against", "beat", "a win over"), and the place acts
as one somewhere: a side too, or the subject of a verb ("Kansas City emerged from the locker
room"). Then each mention of that place, of its initials ("KC") or of its clipped form ("Indy")
is the organisation, unless the words around it make it a place one is in or goes to ("a lead
at Kansas City", "at home in Indianapolis"). A place that opens no side's name, or two, or that
never acts, stays a place.

A team is also named by its home outside any contest ("it is rare for Boston to extend
contracts", beside "the Boston Red Sox"): when the story names one organisation by a place and
a plural nickname ("the Boston Red Sox"; not "the Washington Post") and writes the nickname
alone ("the Red Sox", "Sox"), words it never writes in lower case, a mention of that place that
no words make a place one is in or goes to, and no address, is the organisation ("In San Diego's
first meeting with the Steelers"; "10News in San Diego" stays the city). A country is never
such a home.
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsweave.model import Span
from newsweave.stages.entities._countries import is_country
from newsweave.stages.entities._groups import is_acronym, other_key
from newsweave.stages.entities._spelling import PLACE_LABELS, Sighting, fold

_CONTEXT = 40
# Words before a side: "games against X", "beat X", "lost to X", "a 10th win for X".
_SIDE_BEFORE = re.compile(
    r"\b(?:against|versus|vs\.?|beat|beats|beating|defeat(?:s|ed|ing)?|edged|routed"
    r"|(?:lost|loss|losing|fell|falls) to|(?:win|wins|won|victory|victories) (?:over|for))"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Words after a side: "X lost a 10-point lead", "X (10-5) clinched a playoff berth".
_SIDE_AFTER = re.compile(
    r"^\s*(?:\(\s*\d+\s*-\s*\d+\s*\)\s*)?"
    r"(?:won|wins|lost|loses|beat|beats|defeated|defeats|edged|routed|clinched|clinches"
    r"|rallied|trailed|trails)\b"
)
# A place that acts, as a side does: "Kansas City emerged from the locker room", "KC ended".
_ACTS_AFTER = re.compile(
    r"\s*(?:[a-z]{2,}ly\s+)?(?:[a-z]{2,}ed|won|lost|beat|led|fell|took|made|ran|came|went)\b"
)
_ADDRESS_BEFORE = re.compile(r"\w,\s+$")  # "Poplar Bluff, Mo.": a town, then its state
_CLIPPED = re.compile(r"([A-Z][a-z]{2,})(?:y|ie)")  # "Indy" of "Indianapolis", "Cincy"


def sides_for_places(sightings: list[Sighting], texts: dict[str, str]) -> list[tuple[Span, Span]]:
    """(mention, organisation mention) pairs: a place's mention, or its acronym's, that is the
    organisation whose name it opens, the organisation being a side in the story's contests
    and the place acting as one somewhere."""
    organisations: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        if sighting.label == "ORG" and len(sighting.form.split()) > 1:
            organisations[other_key(sighting.form)].append(sighting)
    is_side: dict[str, bool] = defaultdict(bool)
    acts: dict[str, bool] = defaultdict(bool)
    for sighting in sightings:
        key = fold(_plain(sighting.form))
        is_side[key] |= _is_side(sighting.span, texts)
        acts[key] |= _acts(sighting.span, texts)
    fielded: dict[str, list[Sighting]] = defaultdict(list)  # a place's words -> its side(s)
    for group in organisations.values():
        words = _plain(group[0].form).split()
        for size in range(1, len(words)):
            home, rest = " ".join(words[:size]), " ".join(words[size:])
            if words[size][:1].isupper() and _fields_a_side(group, rest, is_side):
                fielded[fold(home)].append(group[0])
    moves = []
    for sighting in sightings:
        home = _home(sighting, fielded)
        if (
            home is not None
            and len(fielded[home]) == 1
            and (is_side[fold(_plain(sighting.form))] or acts[fold(_plain(sighting.form))])
            and not sighting.place_cue
            and not sighting.venue_cue
        ):
            moves.append((sighting.span, fielded[home][0].span))
    return moves


def _home(sighting: Sighting, fielded: dict[str, list[Sighting]]) -> str | None:
    """The words of a side's home the mention writes: the place ("Kansas City"), its initials
    ("KC"), or a one-word place clipped ("Indy" of "Indianapolis")."""
    form = fold(_plain(sighting.form))
    if sighting.label in PLACE_LABELS and form in fielded:
        return form
    if sighting.label != "PERSON" and is_acronym(sighting.form):
        initials = [home for home in fielded if len(home.split()) > 1 and _initials(home) == form]
        return initials[0] if len(initials) == 1 else None
    clipped = _CLIPPED.fullmatch(sighting.form)
    if clipped is not None:
        # spaCy often tags a clipped home a person ("putting Indy up 7-0").
        stem = fold(clipped.group(1))
        longer = [home for home in fielded if " " not in home and home.startswith(stem)]
        return longer[0] if len(longer) == 1 and len(longer[0]) > len(form) else None
    return None


def _initials(words: str) -> str:
    return "".join(word[0] for word in words.split())


def _plain(form: str) -> str:
    """The name without a leading "the"."""
    words = form.split()
    return " ".join(words[1:] if len(words) > 1 and words[0].casefold() == "the" else words)


def _fields_a_side(group: list[Sighting], rest: str, is_side: dict[str, bool]) -> bool:
    """Whether the organisation is a side somewhere in the story, by its name or by the words
    its name adds to the place ("the Chiefs lost to the Indianapolis Colts")."""
    return any(is_side[fold(_plain(s.form))] for s in group) or is_side[fold(rest)]


def _is_side(span: Span, texts: dict[str, str]) -> bool:
    text = texts[span.article_id]
    before = text[max(0, span.start - _CONTEXT) : span.start]
    after = text[span.end : span.end + _CONTEXT]
    return _SIDE_BEFORE.search(before) is not None or _SIDE_AFTER.match(after) is not None


def _acts(span: Span, texts: dict[str, str]) -> bool:
    return _ACTS_AFTER.match(texts[span.article_id], span.end) is not None


def homes_for_teams(
    sightings: list[Sighting], texts: dict[str, str], common_words: frozenset[str]
) -> list[tuple[Span, Span]]:
    """(mention, organisation mention) pairs: a place's mention that is the one organisation
    the story names by that place and a nickname it also writes alone."""
    alone = {fold(_plain(s.form)) for s in sightings if s.label == "ORG"}
    teams: dict[str, list[Sighting]] = defaultdict(list)  # a home's words -> its team(s)
    for key, group in _organisations(sightings).items():
        words = _plain(group[0].form).split()
        for size in range(1, len(words)):
            nickname = words[size:]
            if (
                fold(" ".join(nickname)) in alone
                and all(word[:1].isupper() and fold(word) not in common_words for word in nickname)
                and nickname[-1].endswith(("s", "x"))  # a team's players: Colts, Red Sox
            ):
                teams[fold(" ".join(words[:size]))].append(group[0])
    moves = []
    for sighting in sightings:
        home = fold(_plain(sighting.form))
        if (
            sighting.label in PLACE_LABELS
            and len({other_key(team.form) for team in teams.get(home, [])}) == 1
            and not sighting.place_cue
            and not sighting.venue_cue
            and not is_country(sighting.form)
            and not _ADDRESS_BEFORE.search(_before(sighting.span, texts))
        ):
            moves.append((sighting.span, teams[home][0].span))
    return moves


def _organisations(sightings: list[Sighting]) -> dict[str, list[Sighting]]:
    """The story's organisation names of several words, by key."""
    organisations: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        if sighting.label == "ORG" and len(_plain(sighting.form).split()) > 1:
            organisations[other_key(sighting.form)].append(sighting)
    return organisations


def _before(span: Span, texts: dict[str, str]) -> str:
    return texts[span.article_id][max(0, span.start - _CONTEXT) : span.start]
