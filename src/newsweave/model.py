"""The vocabulary of newsweave: articles, spans into their cleaned text, and what a story report holds.

Glossary:
    article  one piece of coverage from one outlet (`Article`).
    source   the outlet that published an article ("Reuters", "example.com").
    span     a slice of one article's *cleaned* text, by character offsets (`Span`).
    story    the articles about one event and what newsweave found in them (`Story`).
    removal  a piece of the raw text that cleaning dropped, with its reason (`Removal`).
    mention  a span the NER model labelled (a person, an organisation, a date, ...).

Every quoted piece of text in a report is a `Span`, so every output points back to its article.
Stages never rewrite `Article.text` after cleaning; they add fields with `dataclasses.replace`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Span:
    """A slice of one article's cleaned text; `end` is exclusive."""

    article_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(
                f"span offsets must satisfy 0 <= start <= end, got {self.start}..{self.end}"
            )


class Precision(StrEnum):
    """How much of a date the text gives."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True, order=True)
class FuzzyDate:
    """A date known to `precision`: `value` is the first day of that week, month or year."""

    value: dt.date
    precision: Precision = Precision.DAY

    def iso(self) -> str:
        """ISO 8601 at the date's precision: 2026-11-15, 2026-W46, 2026-11 or 2026."""
        if self.precision is Precision.DAY:
            return self.value.isoformat()
        if self.precision is Precision.WEEK:
            year, week, _ = self.value.isocalendar()
            return f"{year}-W{week:02d}"
        if self.precision is Precision.MONTH:
            return f"{self.value.year}-{self.value.month:02d}"
        return str(self.value.year)


class DateOrigin(StrEnum):
    """Where an article's publication date came from; later entries are less certain."""

    METADATA = "metadata"
    DATELINE = "dateline"
    TEXT = "text"
    STORY = "story"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Removal:
    """Raw text that cleaning dropped from an article, and why (boilerplate, caption, ...)."""

    article_id: str
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span the NER model labelled: PERSON, ORG, GPE, LOC, NORP, FAC, DATE, ..."""

    span: Span
    label: str


@dataclass(frozen=True, slots=True)
class Article:
    """One article from one outlet.

    `raw_text` is what was read; `text` is the cleaned text that every `Span` indexes, empty until
    the clean stage has run. `sentences` and `headings` are spans into `text`.
    """

    id: str
    source: str
    raw_text: str
    title: str | None = None
    url: str | None = None
    published: dt.datetime | None = None
    date_origin: DateOrigin = DateOrigin.UNKNOWN
    language: str | None = None
    origin: str = ""  # the input (file, file:line, URL) this article was read from
    # For a publication date read from the text (`date_origin` dateline, text or story): the
    # words it was read from and how sure that reading is (0-1).
    date_evidence: str | None = None
    date_confidence: float | None = None
    text: str = ""
    removed: tuple[Removal, ...] = ()
    headings: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    mentions: tuple[Mention, ...] = ()

    def quote(self, span: Span) -> str:
        """The exact words of `span`, which must belong to this article."""
        if span.article_id != self.id:
            raise ValueError(f"span of article {span.article_id!r} quoted from article {self.id!r}")
        if span.end > len(self.text):
            raise ValueError(
                f"span {span.start}..{span.end} runs past the end of article {self.id!r}"
            )
        return self.text[span.start : span.end]


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation or place, merged across the spelling variants of its name."""

    name: str
    type: str
    variants: tuple[str, ...]
    mentions: tuple[Span, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(span.article_id for span in self.mentions))


@dataclass(frozen=True, slots=True)
class DatedMention:
    """A date expression in a sentence, resolved against its article's publication date."""

    expression: Span
    sentence: Span
    date: FuzzyDate
    confidence: float


@dataclass(frozen=True, slots=True)
class Development:
    """One step of a story, the seminal event or one that followed: its date (None when no
    article dates it), the opening sentence that tells it, and every article's lead telling it."""

    date: FuzzyDate | None
    text: str
    support: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated event: a representative sentence and every span that supports it."""

    date: FuzzyDate
    text: str
    support: tuple[Span, ...]
    # When the supporting sentences date the event differently: each other date they give, with
    # the words that give it ("five months ago" -> 2023-01 beside "February 4" -> 2023-02-04).
    other_dates: tuple[tuple[FuzzyDate, str], ...] = ()
    # Over before the story's coverage began: history its articles recall ("the 1918 pandemic").
    background: bool = False


@dataclass(frozen=True, slots=True)
class SummaryItem:
    """One summary sentence and the spans of every article that states it; `disputed` when
    another article gives another version of its fact (a conflict)."""

    text: str
    support: tuple[Span, ...]
    disputed: bool = False


class ClaimStatus(StrEnum):
    """How well a claim is supported: by two or more independent sources, by one, or disputed
    (a conflict involves one of its statements)."""

    CORROBORATED = "corroborated"
    SINGLE_SOURCE = "single-source"
    DISPUTED = "disputed"


@dataclass(frozen=True, slots=True)
class Claim:
    """One fact, the spans of every article that states it, and how well it is supported."""

    text: str
    status: ClaimStatus
    support: tuple[Span, ...]
    independent_support: int


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two statements about the same fact that disagree."""

    kind: str
    a: Span
    b: Span
    explanation: str


class AlignLevel(StrEnum):
    """How closely two sentences of different articles match."""

    VERBATIM = "verbatim"
    NEAR_VERBATIM = "near-verbatim"
    PARAPHRASE = "paraphrase"
    RELATED = "related"  # about the same thing, not the same statement: only compared for conflicts

    @property
    def is_same_statement(self) -> bool:
        return self is not AlignLevel.RELATED


@dataclass(frozen=True, slots=True)
class SentencePair:
    """Two sentences of different articles, each the other's closest match in its article.

    `a` is in the article that comes first in the story; `cosine` is the similarity of their
    embeddings and `overlap` the share of the shorter one's word shingles found in the other.
    """

    a: Span
    b: Span
    level: AlignLevel
    cosine: float
    overlap: float


class Relation(StrEnum):
    """How a derived article reuses its source: the same text, at least half of it nearly verbatim
    (copy), most of it reworded (rewrite), or both took it from a third article (common source)."""

    DUPLICATE = "duplicate"
    COPY = "copy"
    REWRITE = "rewrite"
    COMMON_SOURCE = "common-source"


@dataclass(frozen=True, slots=True)
class CopyLink:
    """`derived_article` reuses `source_article`; `shared` is the share of its text aligned.

    `passages` pairs a sentence of the source with the sentence of the derived article it became.
    """

    source_article: str
    derived_article: str
    relation: Relation
    shared: float
    passages: tuple[tuple[Span, Span], ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """The articles about one event and everything newsweave found in them."""

    id: str
    title: str
    articles: tuple[Article, ...]
    entities: tuple[Entity, ...] = ()
    dated_mentions: tuple[DatedMention, ...] = ()
    alignments: tuple[SentencePair, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    developments: tuple[Development, ...] = ()
    summary: tuple[SummaryItem, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    provenance: tuple[CopyLink, ...] = ()
    independent_sources: int | None = None

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(f"story {self.id!r} has no article {article_id!r}")

    def quote(self, span: Span) -> str:
        return self.article(span.article_id).quote(span)

    @property
    def removed(self) -> tuple[Removal, ...]:
        return tuple(removal for article in self.articles for removal in article.removed)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be used, and why. `reason` is a stable slug such as `empty`.

    `stage` is the step that rejected it (`read`, `clean`, `annotate`, or a story stage such as
    `conflicts`); `articles` names the articles concerned when the input is a whole story.
    """

    input: str
    reason: str
    detail: str
    stage: str = "read"
    articles: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.input}: {self.detail}"


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """What was learned about one outlet from its articles: lines that recur on its pages.

    Learned per source (a reduce by `source`) and handed to `prepare_article`, so every runner
    cleans an article the same way given the same profile.
    """

    source: str
    boilerplate: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Report:
    """What one analysis produced: its stories and the inputs it had to reject."""

    stories: tuple[Story, ...]
    rejections: tuple[Rejection, ...] = field(default=())

    @property
    def article_count(self) -> int:
        return sum(len(story.articles) for story in self.stories)
