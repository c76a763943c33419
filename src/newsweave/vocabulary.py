"""The shared English vocabulary of the stages: calendar words and titles, listed once.

Lists that mean the same thing live here and every stage reads them. Lists that look alike but
differ on purpose stay beside the code they were fitted with, each with a comment saying why:

- stop words: `grouping.features` (its own list: scikit-learn's and spaCy's drop words such as
  "fire", "bill" and "found" that tell one story from another), `claims._slots` (scikit-learn's list
  plus reporting words: the context of a value), `summary._select` (spaCy's list plus news
  words, as stems: the summary's concepts are keyed by them),
  `dates._sightings` (a short list plus page words such as "updated": a date's own wording),
  `article.annotate` (spaCy's list: where run-together sentences may be cut);
- stemmers: `_text.stem_words` (Porter, as ROUGE counts words; its model files are keyed by
  Porter stems), `dates._sightings._stem` (a crude suffix strip to compare two wordings of one
  event), `claims._slots._singular` (plural units only), `entities._groups._stem` (demonyms);
- month patterns: `article._noise` and `dates` match only real month names and abbreviations (a line
  they match is cut or dated; "Marching" must not be), where `MONTH_WORD` below is loose.
"""

from __future__ import annotations

# Monday first, as `datetime.date.weekday()` counts.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
)  # fmt: skip
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names and abbreviations (lower case) -> month number.
MONTHS = {**{name: number for number, name in enumerate(MONTH_NAMES, 1)}, **MONTH_ABBREVIATIONS}
# Every lower-case word that names a day of the week or a month, abbreviations included.
CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)
# A word that may be a month as written in running text ("Feb.", "Sept", "December"); loose on
# purpose, for patterns that also need a day or a year beside it. Use with re.IGNORECASE.
MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"

# A time zone's abbreviation after a clock time: "GMT", "UTC", "EST", "IST", "CEST".
TIME_ZONE = r"(?:GMT|UTC|[A-Z]{1,3}[SD]?T)"

# Titles that say nothing of a role: two people are both "Mr." without being one person.
COURTESY_TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady of former acting".split()  # noqa: SIM905
)
# Words that precede a name: courtesy titles and roles ("Foreign Minister", "Sec. of State").
TITLE_WORDS = COURTESY_TITLES | frozenset(
    """professor rev sheikh president vice deputy prime minister foreign defence defense finance
    interior economy trade chancellor premier secretary sec state mayor governor gov senator sen
    rep ambassador envoy king queen prince princess pope general gen col colonel lt capt captain
    adm admiral sgt cmdr commissioner chairman chairwoman ceo judge chief spokesman spokeswoman
    cpl corporal inspector detective officer sergeant lieutenant major leader coroner sheriff
    prosecutor attorney superintendent constable commander speaker congressman congresswoman
    assemblyman assemblywoman councilman councilwoman alderman bishop archbishop cardinal rabbi
    imam pastor""".split()  # noqa: SIM905
)
