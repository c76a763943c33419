"""Organisations and places a story names two ways without ever spelling out the link.

Each rule finds pairs of name groups (keyed as in `_groups`) that are one thing:

- abbreviated words: "LA Times"/"Los Angeles Times", "U.N. Security Council"/"United Nations
  Security Council": word by word, each word equal or an acronym of a run of the other's words;
- a state's formal name: "the Federal Republic of Yugoslavia"/"Yugoslavia", where the words
  before "of" are a form of state that ISO 3166 official names use ("Republic", "Kingdom");
- a one-word name and its plural: "Emmy"/"Emmys"; organisation names whose words have the
  same stems: "Communist Refounding Party"/"Communist Refoundation Party";
- a subdivision's two-letter code and its name, both written in the story: "GA"/"Georgia";
- an organisation's name shortened to its first joined word: "the Truth Commission" of "the
  Truth and Reconciliation Commission";
- two names of one country that the text never links: "Britain"/"UK"/"U.S."/"America", each
  one country's other name read from its ISO 3166 names (initials, parts of its official name),
  or its own name ("the united states"/"america");
- a short name that is the leading words of exactly one longer name of its kind: a place
  ("Salt Lake"/"Salt Lake City") unless the short one is a country ("Mexico"/"Mexico City")
  or the story gives it another kind in lower case ("Qeshm island": Qeshm is that island,
  and "Qeshm City" its town),
  an organisation known by one word ("Kraft"/"Kraft Foods"; a longer name opened by a full
  name is its part: "National Basketball Association Players Association", unless "of"
  follows: "the Information Center of Human Rights") unless that word is common; a city
  named as a side in a contest ("games against Detroit") opens its team's name ("Detroit
  Lions"). A longer organisation name whose extra words the story writes in lower case ("the
  Kraft plant") is a description of the short one, not a rival name.

Country names, their other names and forms of state come from pycountry (ISO 3166), not from
a list kept here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache

import pycountry

from newsweave._text import stem_words
from newsweave.stages.entities._countries import (
    country_other_names,
    country_own_names,
    is_country,
    is_region,
    state_forms,
    subdivision_codes,
)
from newsweave.stages.entities._spelling import PLACE_LABELS, Sighting, fold, skeleton

_ACRONYM_WORD = re.compile(r"(?:[A-Z]\.?){2,6}")
_LOWER_WORD = re.compile(r"(?<![\w.])[a-z]{3,}\b")
_MIN_PLURAL_STEM = 3
_SETTLEMENT = frozenset(
    {"city", "town"}
)  # "Salt Lake City" is Salt Lake, the city itself  # "Emmy"/"Emmys"; not "A"/"As"

Root = Callable[[str], str]
# Words that make a longer organisation name another body than the name it opens: a unit of it
# ("McAfee Avert Labs", "the Microsoft Security Response Alliance"), or an edition of a product
# ("XP Professional").
UNIT_WORDS = frozenset(
    """
    lab labs laboratory laboratories alliance center centre division institute foundation
    department unit council committee association federation society academy bureau agency
    school college fund trust police court circuit tribunal
    """.split()
)
# The last word of a government body's name, which its short name leaves out: "the Treasury"
# is "the Treasury Department", "Defence" the Defence Ministry.
_BODY_HEADS = tuple([skeleton(word)] for word in ("department", "ministry"))
EDITION_WORDS = frozenset(
    "professional pro home edition premium enterprise ultimate server".split()
)


def _words(form: str) -> list[str]:
    words = form.split()
    return words[1:] if len(words) > 1 and words[0].casefold() == "the" else words


def _label(group: list[Sighting]) -> str:
    return Counter(s.label for s in group).most_common(1)[0][0]


def _family(label: str) -> str:
    return "place" if label in PLACE_LABELS else label


def alias_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """(key, key) pairs naming one thing: abbreviated words, a state's formal name, plurals."""
    return (
        _abbreviated_word_links(groups)
        + _state_form_links(groups)
        + _plural_links(groups)
        + _subdivision_code_links(groups)
        + _same_stem_links(groups)
        + _country_alias_links(groups)
        + _first_conjunct_links(groups)
        + _head_first_links(groups)
    )


def _head_first_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """ "the Justice Department"/"the Department of Justice": a government body's name with
    its head last, and the same name with its head first, then "of" (and "the")."""
    by_words: dict[tuple[str, ...], str] = {}
    for key, group in groups.items():
        if _label(group) == "ORG":
            by_words.setdefault(tuple(skeleton(w) for w in _words(group[0].form)), key)
    links = []
    for words, key in by_words.items():
        if len(words) < 2 or [words[-1]] not in _BODY_HEADS:
            continue
        for of in (("of",), ("of", skeleton("the"))):
            other = by_words.get((words[-1], *of, *words[:-1]))
            if other is not None:
                links.append((key, other))
    return links


def _first_conjunct_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """ "the Truth Commission"/"the Truth and Reconciliation Commission": an organisation's
    name shortened to the first of its joined words, when exactly one longer name fits."""
    by_short: dict[tuple[str, ...], set[str]] = {}
    for key, group in groups.items():
        words = [fold(word) for word in _words(group[0].form)]
        if _label(group) != "ORG":
            continue
        for start, word in enumerate(words[1:-1], start=1):
            if word != "and":
                continue
            for end in range(start + 2, len(words)):  # "and" and at least one word dropped
                by_short.setdefault((*words[:start], *words[end:]), set()).add(key)
    links = []
    for key, group in groups.items():
        words = tuple(fold(word) for word in _words(group[0].form))
        longer = by_short.get(words, set()) - {key}
        if _label(group) == "ORG" and len(longer) == 1:
            links.append((key, longer.pop()))
    return links


@lru_cache(maxsize=65536)
def country_of(form: str) -> str | None:
    """The one country the whole name names, by its own name or another, else None: "New
    England" is no England (the name must be one whole name), and a part of a country that
    ISO 3166-2 lists ("England", "Gaza") is not it. Its own name counts too: "the united
    states" and "america" are one country even where no "U.S." links them."""
    name = fold(" ".join(_words(form)))
    name = name.replace(".", "") if "." in name else name
    return country_other_names().get(name) or country_own_names().get(name)


def _country_alias_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """ "Britain"/"UK": two place names the alias table gives one country. A name that adds
    words to another name of the story is a part or a namesake ("West Georgia" beside
    "Georgia", "North Korea" beside "Korea"): the rules for leading and last words decide it."""
    word_sets = {key: frozenset(fold(w) for w in _words(g[0].form)) for key, g in groups.items()}
    by_country: dict[str, str] = {}
    links = []
    for key, group in groups.items():
        if _family(_label(group)) != "place" or any(
            words < word_sets[key] for words in word_sets.values()
        ):
            continue
        country = country_of(group[0].form)
        if country is None:
            continue
        first = by_country.setdefault(country, key)
        if first != key:
            links.append((key, first))
    return links


def _abbreviated_word_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """ "LA Times"/"Los Angeles Times": same words but for an acronym of a run of words."""
    with_acronym = {
        key: _words(group[0].form)
        for key, group in groups.items()
        if len(group[0].form.split()) > 1
        and any(_ACRONYM_WORD.fullmatch(word) for word in _words(group[0].form))
    }
    links = []
    for key, words in with_acronym.items():
        family = _family(_label(groups[key]))
        for other, group in groups.items():
            other_words = _words(group[0].form)
            if (
                other != key
                and len(other_words) > len(words)
                and _family(_label(group)) == family
                and _aligns(words, other_words)
            ):
                links.append((key, other))
    return links


def _aligns(short: list[str], long: list[str]) -> bool:
    """Whether each word of `short` is the next word of `long` or an acronym of its next words,
    using every word of both, with at least one word written out in both."""
    return (_spelled_words(short, long) or 0) > 0


def _spelled_words(short: list[str], long: list[str]) -> int | None:
    """How many words the alignment of `short` onto `long` spells out; None: no alignment."""
    if not short:
        return 0 if not long else None
    word, rest = short[0], short[1:]
    if _ACRONYM_WORD.fullmatch(word):
        letters = word.replace(".", "")
        run = len(letters)
        if len(long) >= run and "".join(w[0] for w in long[:run]).upper() == letters:
            return _spelled_words(rest, long[run:])
        return None
    if long and skeleton(word) == skeleton(long[0]):
        aligned = _spelled_words(rest, long[1:])
        return None if aligned is None else aligned + 1
    return None


def _state_form_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """ "the Federal Republic of Yugoslavia" -> "Yugoslavia", when the story names both."""
    by_form = {fold(" ".join(_words(g[0].form))): key for key, g in groups.items()}
    links = []
    for key, group in groups.items():
        form = fold(" ".join(_words(group[0].form)))
        head, of, place = form.partition(" of ")
        known = by_form.get(place) if of and head in state_forms() else None
        if known is not None and known != key and _family(_label(groups[known])) == "place":
            links.append((key, known))
    return links


def _same_stem_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """Organisation names of two words or more whose words have the same stems: "the Communist
    Refounding Party"/"the Communist Refoundation Party" (translations of one name)."""
    by_stems: dict[tuple[str, ...], str] = {}
    links = []
    for key, group in groups.items():
        words = _words(group[0].form)
        if len(words) < 2 or _label(group) != "ORG":
            continue
        stems = stem_words(" ".join(words))
        first = by_stems.setdefault(stems, key)
        if first != key:
            links.append((key, first))
    return links


def _subdivision_code_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """ "GA"/"Georgia": a two-letter place that is the code of a subdivision the story names
    in full ("Atlanta, Ga."); a code alone, or one whose name the story never writes, is not."""
    places = {
        fold(" ".join(_words(g[0].form))): key
        for key, g in groups.items()
        if _family(_label(g)) == "place"
    }
    links = []
    for key, group in groups.items():  # spaCy tags a lone code anything: "augusta, ga" ORG
        code = fold(group[0].form).replace(".", "")
        if len(code) != 2 or not code.isalpha():
            continue
        links.extend(
            (key, places[name])
            for name in subdivision_codes().get(code, frozenset())
            if name in places and places[name] != key
        )
    return links


def _plural_links(groups: dict[str, list[Sighting]]) -> list[tuple[str, str]]:
    """ "Emmys"/"Emmy": a one-word name and the same word with a plural "s", not people; nor a
    country or region, whose plural is a larger place ("the Americas", "the two Koreas")."""
    singular = {
        group[0].form: key
        for key, group in groups.items()
        if " " not in group[0].form and group[0].form[:1].isupper()
    }
    links = []
    for form, key in singular.items():
        stem = form[:-1]
        if form.endswith("s") and len(stem) >= _MIN_PLURAL_STEM and stem in singular:
            place = _label(groups[singular[stem]]) in PLACE_LABELS
            if place and (is_region(stem) or country_of(stem) is not None):
                continue
            links.append((key, singular[stem]))
    return links


def leading_word_links(
    groups: dict[str, list[Sighting]],
    root: Root,
    common_words: frozenset[str],
    texts: dict[str, str],
) -> list[tuple[str, str]]:
    """A short place or organisation name that opens exactly one longer name of its kind
    (`root` tells the groups already merged: two spellings of one longer name are one)."""
    lower_counts = Counter(
        word for text in texts.values() if not text.islower() for word in _LOWER_WORD.findall(text)
    )
    words_of = {key: [skeleton(w) for w in _words(g[0].form)] for key, g in groups.items()}
    family_of = {key: _family(_label(g)) for key, g in groups.items()}
    links = []
    for key, group in groups.items():
        words, family = words_of[key], family_of[key]
        form = group[0].form
        # A building's name opens a longer one only as "the Carlton hotel" is "the Carlton
        # Hotel" (`_always_described`).
        if family not in ("place", "ORG", "FAC") or _ACRONYM_WORD.fullmatch(form):
            continue
        # A word also written in lower case ("the treasury secretary") opens only a longer
        # name that adds the head of a government body: "the Treasury Department".
        common = len(words) == 1 and form.casefold() in common_words
        # A full organisation name opening a longer one by two words or more names its part
        # or offshoot ("the National Basketball Association Players Association" is the
        # players' union); by one word, that word is the name's head, often left out ("the
        # Communist Refoundation"/"the Communist Refoundation Party"); so is an "of" and what
        # follows it ("the Information Center"/"the Information Center of Human Rights and
        # Democratic Movement", "the National Academy of Sciences").
        named_in_full = family == "ORG" and len(words) > 1
        if family == "place" and is_country(form):
            continue
        longer = {
            root(other)
            for other, other_words in words_of.items()
            if family_of[other] == family
            and (not common or other_words[len(words) :] in _BODY_HEADS)
            and len(other_words) > len(words)
            and other_words[: len(words)] == words
            and (
                not named_in_full
                or len(other_words) == len(words) + 1
                or other_words[len(words)] == "of"
            )
            and not _different_unit(groups[other][0].form, len(words), family)
            and not (family == "ORG" and is_other_body(groups[other][0].form, len(words)))
            and (
                _always_described(group, groups[other], len(words), texts)
                or (
                    family != "FAC"
                    and (named_in_full or not _described(groups[other], len(words), lower_counts))
                )
            )
        }
        if family == "place" and _kind_given(groups, words_of, words):
            # "Qeshm island": the story says what kind of place Qeshm is, so "Qeshm City" is
            # the town on the island, not the island itself.
            longer = {
                root(other)
                for other in words_of
                if root(other) in longer and not _settlement(groups[other][0].form, len(words))
            }
        if family == "place" and not common and all(s.opponent_cue for s in group):
            # "games against Detroit": a city named as a side in a contest is its team.
            longer |= {
                root(other)
                for other, other_words in words_of.items()
                if family_of[other] == "ORG"
                and len(other_words) > len(words)
                and other_words[: len(words)] == words
            }
        longer.discard(root(key))
        if len(longer) > 1:
            # In "X of Y" the head is X, in "X Awards" the awards: "the Academy" is "the
            # Academy of Motion Picture Arts and Sciences", not "the Academy Awards".
            longer = {
                root(other)
                for other, other_words in words_of.items()
                if root(other) in longer
                and other_words[: len(words)] == words
                and other_words[len(words) : len(words) + 1] == ["of"]
            }
        if len(longer) == 1:
            target = next(o for o in words_of if root(o) in longer)
            links.append((key, target))
    return links


def _settlement(form: str, short_words: int) -> bool:
    """Whether a longer place name adds only a settlement word: "Salt Lake City"."""
    extra = [word.casefold() for word in _words(form)[short_words:]]
    return bool(extra) and all(word in _SETTLEMENT for word in extra)


def _kind_given(
    groups: dict[str, list[Sighting]], words_of: dict[str, list[str]], words: list[str]
) -> bool:
    """Whether the story names the place with a lower-case kind after it ("Qeshm island",
    "Kerman province"): then "Qeshm City" is the town of that island, not the place itself."""
    for other, other_words in words_of.items():
        form = _words(groups[other][0].form)
        extra = form[len(words) :]
        if (
            len(other_words) > len(words)
            and other_words[: len(words)] == words
            and all(word.islower() and word not in _SETTLEMENT for word in extra)
        ):
            return True
    return False


def _described(group: list[Sighting], short_words: int, lower_counts: Counter[str]) -> bool:
    """Whether the words after the short name are words the story writes in lower case more
    often than it writes this name: "Kraft Plant" is the Kraft plant ("the plant" five times),
    a description, not another company's name; "Kraft Foods" ("foods" once) is a name.
    A place's settlement word is its name's own ("Salt Lake City"); "san antonio police" is the
    city's police."""
    extra = [word.casefold() for word in _words(group[0].form)[short_words:]]
    return all(lower_counts[word] > len(group) and word not in _SETTLEMENT for word in extra)


def _always_described(
    group: list[Sighting], longer: list[Sighting], short_words: int, texts: dict[str, str]
) -> bool:
    """Whether every mention of the short name has the longer name's other words after it in
    lower case: "the Carlton hotel", each time, is "the Carlton Hotel" (where "Kraft", also
    written alone, is not "the Kraft Plant")."""
    extra = " ".join(_words(longer[0].form)[short_words:]).casefold()
    return all(_written_before(texts[s.span.article_id], s.span.end, extra) for s in group)


def _written_before(text: str, end: int, extra: str) -> bool:
    """Whether `extra` follows `end` in lower case, a structure's word also by a synonym ("the
    Metris jail" is the Metris Prison)."""
    if text[end : end + len(extra) + 1] == " " + extra:
        return True
    following = re.match(r" ([a-z]+)\b", text[end : end + 40])
    return following is not None and _one_structure(following.group(1)) == _one_structure(extra)


def _one_structure(word: str) -> str:
    return _STRUCTURE_SYNONYMS.get(word, word)


_STRUCTURE_SYNONYMS = {"jail": "prison", "gaol": "prison", "penitentiary": "prison"}


def _different_unit(form: str, short_words: int, family: str) -> bool:
    """Whether a longer place name adds an administrative division to the short one: "Los
    Angeles County" is the county around Los Angeles; "Salt Lake City" is the city itself."""
    extra = [fold(word) for word in _words(form)[short_words:]]
    return family == "place" and bool(extra) and all(word in _division_words() for word in extra)


def is_other_body(form: str, short_words: int) -> bool:
    """Whether a longer organisation name adds to the `short_words` it opens a unit of its own
    name ("McAfee Avert Labs" of "McAfee"), only an edition ("XP Professional" of "XP"), or an
    administrative division and a unit ("Waukesha County Circuit" of "Waukesha": the county's
    court, named with its place): another body or product than the short name's, unless the
    text says they are one. A unit word alone is the short name's head, often left out ("the
    Treasury Department", "the Betty Ford Center")."""
    extra = _words(form)[short_words:]
    folded = [fold(word) for word in extra]
    named_unit = any(word in UNIT_WORDS for word in folded) and any(
        word[:1].isupper() and fold(word) not in UNIT_WORDS for word in extra
    )
    placed_unit = (
        len(folded) > 1
        and folded[0] in _division_words()
        and any(word in UNIT_WORDS for word in folded[1:])
    )
    return bool(extra) and (
        named_unit or placed_unit or all(word in EDITION_WORDS for word in folded)
    )


@cache
def _division_words() -> frozenset[str]:
    """The last words of ISO 3166-2 subdivision types ("county", "province", "state"), less
    the settlement words ("city", "town"): a city is named "X City" as often as "X"."""
    by_country: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        kind = fold(subdivision.type)
        if kind.isalpha():  # one word: "county", not "city with county rights"
            by_country.setdefault(kind, set()).add(subdivision.country_code)
    shared = {kind for kind, countries in by_country.items() if len(countries) >= 2}
    return frozenset(shared - _SETTLEMENT)
