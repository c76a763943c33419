"""What the text around a mention says about it: page furniture or a name, a role, a place.

The NER model reads words, not pages: it tags a sub-heading's capitalised verb as part of a name
("Biden Hopes"), a byline or photo credit as a person in the story, a platform a person, and
debris such as "W]e" as a name. These helpers read the structure the cleaner left (headings,
lines, bylines, credits), the mention's own shape and the words beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from newsweave.model import Article, Span
from newsweave.stages.article._noise import SOCIAL_NETWORKS
from newsweave.stages.entities._spelling import PRODUCT, TITLE_WORDS
from newsweave.vocabulary import TIME_ZONE

# Platforms and interface words name no person; a platform is an organisation.
PLATFORMS = frozenset(SOCIAL_NETWORKS.replace(r"\b", "").split("|")) - {"x", "email", "e-mail"}
_INTERFACE_WORDS_TEXT = """
share tweet email e-mail print comment comments reply subscribe follow like login sign menu
search advertisement related
"""
_INTERFACE_WORDS = frozenset(_INTERFACE_WORDS_TEXT.split())
# A site's legal and contact links, which a saved page keeps and the NER calls organisations.
_INTERFACE_PHRASES = frozenset(
    """
terms of service, terms of use, terms and conditions, privacy policy, privacy notice,
cookie policy, cookies policy, user agreement, community guidelines, contact us, about us
""".replace("\n", " ").strip().split(", ")
)
# A ship's name after its prefix: navies' ("USS", "HMS", "INS") and merchant ones ("MV").
_VESSEL_PREFIX = r"(?:USS|USNS|USCGC|HMS|HMAS|HMCS|HMNZS|INS|PNS|MV|M/V|RMS|RV|FV)"
VESSEL = re.compile(rf"{_VESSEL_PREFIX}\s+[A-Z]")
VESSEL_LABEL = PRODUCT
# The words that say a ship's name follows: its prefix, "Warship", "(Indian) Naval Ship",
# opening the mention ("Warship Sukanya") or written just before it ("INS" of "INS Sukanya",
# which the NER leaves out of the name).
_SHIP_WORDS = rf"(?:{_VESSEL_PREFIX}|[Ww]arship|(?:[A-Z][a-z]+\s+)?Naval\s+(?:Ship|Vessel))"
_SHIP_OPENING = re.compile(rf"(?:the\s+)?{_SHIP_WORDS}\s+(?=[A-Z])")
_SHIP_BEFORE = re.compile(rf"(?<![\w-]){_SHIP_WORDS}\s+$")


def ship_name(form: str) -> str | None:
    """The name a ship's mention gives after its prefix or ship words: "INS Mysore",
    "Warship Sukanya", "Indian Naval Ship Sukanya" -> the name; None for any other form."""
    opening = _SHIP_OPENING.match(form)
    return form[opening.end() :] if opening and opening.end() < len(form) else None


def after_ship_words(text: str, start: int) -> bool:
    """Whether a ship's prefix or ship words end right before `start` ("INS |Sukanya")."""
    return _SHIP_BEFORE.search(text, max(0, start - 30), start) is not None
# A time zone after a clock time ("1100 hrs IST", "at 11 am (IST)"), which spaCy calls an
# organisation: the zone's shape, and a time just before it.
_ZONE = re.compile(TIME_ZONE)
_TIME_BEFORE = re.compile(r"\d(?:\s*(?:[ap]\.?\s?m\.?|hrs|hours|h))?\s*\(?\s*$", re.I)
_ZONE_REACH = 20
# A word of a name: letters and digits, with inner apostrophes, hyphens, periods or ampersands
# ("O'Neill", "U.S.", "AT&T"), maybe a closing apostrophe ("Workers'"); never a bracket.
_NAME_WORD = re.compile(r"[^\W_](?:[^\W_]|['’.&\-](?=[^\W_])|\.)*['’]?")
_TITLE_CASE_MIN_WORDS = 3
_SHORT_WORD = 4  # "of", "with", "from": title case leaves them lower
# A byline or credit: "By Jane Doe", "Photo: Jane Doe", "Jane Doe/Getty Images", "Jane Doe, Staff".
_BYLINE_BEFORE = re.compile(
    r"(?:^|[\n)(|•·—–]\s*)(?:by|photo(?:graph)?s?(?: by)?:?|credit:?)\s+$", re.I
)
_CREDIT_AFTER = re.compile(r"^\s*(?:/|,?\s+(?:staff|reporter|correspondent|contributor)\b)", re.I)
_AND_BEFORE = re.compile(r"(?:,|\band)\s+$")

# Words around a mention that say it is a place: "flew back to X", "the port of X", "X, the
# capital". A person is not travelled to; an organisation has no port.
# A place is the object of "flew", "visited", "entered", "left"; the other words of travel reach
# it through a preposition ("came back to X"), for without one their object is what travels or
# is sent ("send back X", "returned X to Turkey"), often a person.
_TRAVEL_BEFORE = re.compile(
    r"\b(?:(?:fl(?:y|ew|own|ying)|visit\w*|enter\w*|l(?:eft|eave|eaving))\s+"
    r"(?:(?:to|in|into|from|for)\s+)?"
    r"|(?:travel\w*|return\w*|arriv\w*|back|trip|went|go(?:es|ing)?|came|come|land\w*|head\w*|"
    r"moved?)\s+(?:to|in|into|from|for)\s+)$",
    re.I,
)
_PLACE_NOUN_BEFORE = re.compile(
    r"\b(?:port|city|town|village|capital|province|region|island|state|republic|home ?town) of\s+$",
    re.I,
)
_CAPITAL_AFTER = re.compile(
    r"^,\s+(?:(?:the|its|an?)\s+(?:[\w'’-]+\s+){0,2}(?:capital|city|town|port|village)\b"
    r"|(?:capital|city|town|port|village)\s+of\b)",
    re.I,
)
_IN_BEFORE = re.compile(r"\b(?:in|on|near|across|outside)\s+$", re.I)
_PLACE_NOUN_AFTER = re.compile(
    r"^\s+(?:islands?|river|mountains?|valley|province|region|peninsula|strait|county|port|coast)\b",
    re.I,
)
# A preposition before a name makes it the object of a phrase: in "shopkeepers on X said",
# the speaker is not X.
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|on|at|to|from|of|near|with|for|by|into)\s+$", re.I)
# Words after a mention that say it is a person: "X said", "X, 54,".
_PERSON_AFTER = re.compile(
    r"^(?:['’]s\s+(?:wife|husband|son|daughter|lawyer|attorney|spokes\w+))?\s*,?\s*"
    r"(?:(?:said|says|told|added|asked|argued|wrote|insisted|denied|admitted|explained)\b"
    r"|\d{1,3}\s*,)",  # the age: "X, 54," (no word boundary after its comma)
    re.I,
)
# Words before a mention that make it a side in a contest: "games against X", "lost to X". A
# city named so is its team ("against Detroit" when the story names the Detroit Lions).
_OPPONENT_BEFORE = re.compile(
    r"\b(?:against|versus|vs\.?|beat|beats|beating|defeat(?:s|ed|ing)?|(?:lost|loss|losing) to)"
    r"\s+(?:the\s+)?$",
    re.I,
)
# Words before a mention that make it somewhere one is or goes in: "stay at X", "checked into X".
_VENUE_BEFORE = re.compile(r"\b(?:at|into|inside)\s+(?:the\s+)?$", re.I)
# The age a text gives a person right beside the name: "X, 15,", "X (15)", "15-year-old X".
_AGE_AFTER = re.compile(r"^\s*(?:,\s*(\d{1,3})\s*,|\(\s*(\d{1,3})\s*\))")
_AGE_BEFORE = re.compile(r"\b(\d{1,3})[ -]year[ -]old\s+$", re.I)
# Words that call a name an organisation: a kind of body right before it ("cable operator X",
# "the charity, X,"), or right after it ("X, the company", "X, a UK-based charity"); what a
# body has, after its possessive ("X's customers", "X's partner network"; not "X's wife"), or
# after "its" once X acts ("X posted on its website"); a thing X names ("the X cable").
_ORGANISATION_KINDS = (
    r"compan(?:y|ies)|firm|operator|provider|carrier|maker|manufacturer|retailer|airline|bank|"
    r"insurer|broadcaster|charity|agency|organi[sz]ation|ISP|NGO|giant|conglomerate|startup|"
    r"corporation|supplier|distributor|chain|newspaper|daily|weekly|magazine"
)
# What a body holds or serves: "X's customers", "shares of X".
_HOLDINGS = r"customers|clients|subscribers|shareholders|shares|stock|subsidiar(?:y|ies)"
_ORGANISATION_THINGS = (
    rf"networks?|{_HOLDINGS}|headquarters|website|cables?|outages?|downtime|services|"
    r"infrastructure"
)
_KIND_BEFORE = re.compile(rf"(?<![A-Za-z-])(?:{_ORGANISATION_KINDS})(?P<comma>\s*,)?\s+$")
_KIND_AFTER = re.compile(
    rf"^\s*,\s+(?:the|an?|its)\s+(?:[\w-]+\s+){{0,5}}?(?:{_ORGANISATION_KINDS})"
    r"(?=\s*[,.;:)]|\s+(?:that|which|based|in|of|and|with|whose)\b)"
)
_COMMA_AFTER = re.compile(r"^\s*,")
_POSSESSIONS_AFTER = re.compile(
    rf"^\s*['’]\s*s\s+(?:own\s+)?(?:[a-z-]+\s+)?(?:{_ORGANISATION_THINGS})\b"
)
_ITS_AFTER = re.compile(
    rf"^\s+[a-z]+\s+(?:(?:on|that|to)\s+)?its\s+(?:own\s+)?(?:[a-z-]+\s+)?"
    rf"(?:{_ORGANISATION_THINGS})\b"
)
_POSSESSIVE_END = re.compile(r"['’] ?s$")
# What a body has, named before it: "shares of X", "customers of X", "a stake in X".
_POSSESSIONS_BEFORE = re.compile(rf"\b(?:{_HOLDINGS}|stakes?)\s+(?:of|in)\s+$", re.I)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_THING_AFTER = re.compile(rf"^\s+(?:{_ORGANISATION_THINGS})\b")
# A number joined to a measure after a name: "the Indy 27-yd line", "Charles' 80-yard run".
# The name only qualifies the measure, and a preposition before it governs the measure.
MEASURE = re.compile(r"\s+\d+\s*-\s*[a-z]")
# "X's", or spaced as tokenised text writes it: "X ’ s".
_POSSESSIVE = re.compile(r"\w ?['’] ?s\b")
_NAME_AFTER = re.compile(r"\.?[ \t]+[A-Z]")
_CONTEXT = 40
WEAK_CUE = 1
TRAVEL_CUE = 2
NOUN_CUE = 3


def is_debris(form: str, before_name: bool) -> bool:
    """Whether a mention's words cannot be a name: punctuation inside a word ("W]e"), an
    interface word, or titles alone just before a name ("Cpl. Janice Leader", the "Trade" of
    "Trade Minister Katrine Vesterhus"; but "Leader said" is a person)."""
    words = form.split()
    if not words or not all(_NAME_WORD.fullmatch(word) for word in words):
        return True
    folded = form.casefold()
    is_title = all(word.rstrip(".").casefold() in TITLE_WORDS for word in words)
    interface = folded in _INTERFACE_WORDS or folded.removeprefix("the ") in _INTERFACE_PHRASES
    return interface or (is_title and before_name)


def is_time_zone(form: str, text: str, start: int) -> bool:
    """Whether a mention is the time zone of a clock time written just before it."""
    before = max(0, start - _ZONE_REACH)
    return _ZONE.fullmatch(form) is not None and bool(_TIME_BEFORE.search(text, before, start))


class ArticleLayout:
    """Where an article's headings, title-case lines and bylines are."""

    def __init__(self, article: Article) -> None:
        self._text = article.text
        regions = [(h.start, h.end) for h in article.headings]
        for line in re.finditer(r"[^\n]+", article.text):
            if _is_title_case(line.group()):
                regions.append((line.start(), line.end()))
        regions.sort()
        self._starts = [start for start, _ in regions]
        self._regions = regions

    def in_heading(self, span: Span) -> bool:
        """Whether the mention sits in a heading or a title-case line (a title, a sub-heading)."""
        index = bisect_right(self._starts, span.start) - 1
        return index >= 0 and span.end <= self._regions[index][1]

    def in_byline(self, span: Span, previous_was_byline: bool) -> bool:
        """Whether the mention is a byline's or a credit's name rather than one in the story."""
        before = self._text[max(0, span.start - _CONTEXT) : span.start]
        after = self._text[span.end : span.end + _CONTEXT]
        if _BYLINE_BEFORE.search(before) or _CREDIT_AFTER.match(after):
            return True
        return previous_was_byline and _AND_BEFORE.search(before) is not None

    def place_cue(self, span: Span) -> int:
        """How the words around the mention treat it as a place: `NOUN_CUE` when they call it
        one ("the town of X", "X, a coastal city"), `TRAVEL_CUE` when one travels there ("flew
        back to X"), `WEAK_CUE` for "in X" or "on X", else 0 (also for "in X's", where the
        words govern what X has)."""
        before = self._text[max(0, span.start - _CONTEXT) : span.start]
        after = self._text[span.end : span.end + _CONTEXT]
        if _POSSESSIVE.search(self._text[span.start : span.end + 4]) or MEASURE.match(after):
            return 0  # "in Prodi's coalition": the preposition governs the coalition
        if (
            _PLACE_NOUN_BEFORE.search(before)
            or _CAPITAL_AFTER.match(after)
            or _PLACE_NOUN_AFTER.match(after)
        ):
            return NOUN_CUE
        if _TRAVEL_BEFORE.search(before):
            return TRAVEL_CUE
        return WEAK_CUE if _IN_BEFORE.search(before) else 0

    def person_cue(self, span: Span) -> bool:
        """Whether the words after the mention treat it as a person: "X said", "X, 54,"."""
        before = self._text[max(0, span.start - _CONTEXT) : span.start]
        if _PREPOSITION_BEFORE.search(before):
            return False
        return _PERSON_AFTER.match(self._text[span.end : span.end + _CONTEXT]) is not None

    def age(self, span: Span) -> int | None:
        """The age the words right beside the mention give it: "X, 15,", "15-year-old X"."""
        after = _AGE_AFTER.match(self._text[span.end : span.end + _CONTEXT])
        before = _AGE_BEFORE.search(self._text[max(0, span.start - _CONTEXT) : span.start])
        found = (after and (after[1] or after[2])) or (before and before[1])
        return int(found) if found else None

    def organisation_cue(self, span: Span) -> bool:
        """Whether the words around the mention call it an organisation: a kind of body in
        apposition ("cable operator X", "X, the company"), what a body has ("X's customers",
        "X posted on its website", "shares of X") or a thing it names ("the X cable")."""
        before = self._text[max(0, span.start - _CONTEXT) : span.start]
        after = self._text[span.end : span.end + _CONTEXT]
        if _POSSESSIVE_END.search(self._text[span.start : span.end]):
            after = "'s" + after  # the NER took the possessive into the mention
        kind = _KIND_BEFORE.search(before)
        # "the charity, X, said" is apposition; "for the company, X said" is not.
        if kind and (not kind["comma"] or _COMMA_AFTER.match(after)):
            return True
        return bool(
            _KIND_AFTER.match(after)
            or _POSSESSIONS_BEFORE.search(before)
            or _POSSESSIONS_AFTER.match(after)
            or _ITS_AFTER.match(after)
            or (_THE_BEFORE.search(before) and _THING_AFTER.match(after))
        )

    def opponent_cue(self, span: Span) -> bool:
        """Whether the words before the mention make it a side in a contest: "against X"."""
        before = self._text[max(0, span.start - _CONTEXT) : span.start]
        return _OPPONENT_BEFORE.search(before) is not None

    def venue_cue(self, span: Span) -> bool:
        """Whether the words before the mention make it somewhere one is: "a stay at X"."""
        before = self._text[max(0, span.start - _CONTEXT) : span.start]
        if MEASURE.match(self._text, span.end):
            return False  # "at the Indy 27-yd line": one is at the line
        return _VENUE_BEFORE.search(before) is not None

    def before_name(self, span: Span) -> bool:
        """Whether a capitalised word follows the mention, as a name follows its title."""
        return _NAME_AFTER.match(self._text, span.end) is not None

    def names_a_period(self, span: Span) -> bool:
        """Whether the name is said of a time ("the George H.W. Bush administration", "the
        Nixon years"): it dates what is told, and is not who the text is about."""
        return _PERIOD_AFTER.match(self._text, span.end) is not None

    def words_before(self, span: Span, count: int) -> list[str]:
        """Up to `count` words just before the mention, in the same line."""
        line_start = self._text.rfind("\n", 0, span.start) + 1
        return self._text[max(line_start, span.start - 60) : span.start].split()[-count:]


_PERIOD_AFTER = re.compile(r"[ \t]+(?:administration|era|years|presidency|government|regime)\b")


@lru_cache(maxsize=4096)
def _is_title_case(line: str) -> bool:
    """A line of capitalised words with no sentence end: a title or sub-heading, not prose.
    Short words may stay lower case ("Charged with Two Counts of Murder")."""
    stripped = line.strip()
    words = re.findall(r"[^\W\d_][\w'’-]*", stripped)
    if len(words) < _TITLE_CASE_MIN_WORDS or stripped[-1:] in ".!?\"”'’":
        return False
    capitalised = [word for word in words if word[0].isupper()]
    lower_long = [word for word in words if not word[0].isupper() and len(word) > _SHORT_WORD]
    return len(capitalised) >= _TITLE_CASE_MIN_WORDS and not lower_long
