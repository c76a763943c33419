"""What grouping knows about one article: its terms (map step), their document frequencies
(reduce step) and its weighted term vector.

Terms come in five families: `w` content words, `n` names (capitalised words inside a sentence:
people, places, organisations), `#` numbers, `y` years and `b` word pairs. Names and numbers tell
two earthquakes apart: they share "earthquake", not the place, the toll or the magnitude. Each
term is kept as a 32-bit CRC of its text, so features are small, picklable and the same in every
process (a Spark executor computes the same hashes as the driver).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from newsweave.model import Article
from newsweave.vocabulary import MONTH_NAMES, WEEKDAYS

FAMILIES = "wn#yb"
# Weight of each family in the pair score, fitted on the ECB+ train topics (bench/cluster).
WEIGHTS: Mapping[str, float] = {"w": 9.8, "n": 6.5, "#": 3.0, "y": 1.9, "b": 3.8}
MAX_TERMS = 300  # terms kept per article (by count): long articles do not dominate memory
VECTOR_TERMS = 300  # strongest weighted terms kept in an article's vector
BACKGROUND = 1000  # phantom articles in the document frequencies (see TermStats.idf)
KEY_TERMS = 16  # strongest name, word and pair terms an article is blocked under
# Families an article holds only a few terms of (numbers, years). Each family is scaled to its
# weight, so an article whose only number is a common one ("2", "10") would agree in full with
# every article that writes it: in these families a norm below `SPARSE_FLOOR`, the weight of one
# term rare against the background (log BACKGROUND, whatever the corpus size), counts as that
# floor, and a few common terms weigh as little as they are worth. Words and pairs have many
# terms an article; names were tried too and lost on ECB+ (docs/benchmarks.md, issue 16).
SPARSE_FAMILIES = "#y"
SPARSE_FLOOR = math.log(BACKGROUND)
_EPOCH = dt.datetime(1970, 1, 1)
_NAMES = FAMILIES.index("n")
# The families that carry the names' share in an article without names (see `vectorize`): the
# dense ones, words and pairs; and how much more each of them then weighs.
_DENSE = "wb"
_UNNAMED_SPREAD = (WEIGHTS["n"] + sum(WEIGHTS[f] for f in _DENSE)) / sum(WEIGHTS[f] for f in _DENSE)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|\d+(?:[.,:]\d+)*|[.!?]|\n")
_YEAR = re.compile(r"(?:19|20)\d\d")
_URL_LINE = re.compile(r"^\s*(?:https?:|www\.)\S*.*$", re.MULTILINE)
# Full names only: an abbreviation ("Jan", "Mar") may well be a name.
_CALENDAR = frozenset(MONTH_NAMES) | frozenset(WEEKDAYS)
# Grouping's own list (see newsweave.vocabulary): the common ones drop story words ("fire").
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own said same says she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves one two new like told year years week last first get got make made
    may might must per cent percent mr mrs ms according including since still around another
    many much""".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Features:
    """The map output for one article: its day and its hashed term counts (`terms` ascending)."""

    article_id: str
    day: float | None  # days since 1970-01-01 of its publication, None when undated
    terms: npt.NDArray[np.uint32]
    families: npt.NDArray[np.uint8]  # index into FAMILIES, one per term
    counts: npt.NDArray[np.uint16]


@dataclass(frozen=True, slots=True)
class ArticleVector:
    """An article's TF-IDF vector, each family L2-normalised and scaled by sqrt of its weight,
    so the dot product of two vectors is the weighted sum of their per-family cosines (numbers
    and years normalised with a floor, `SPARSE_FLOOR`; without names, words and pairs share
    the names' weight: see `vectorize`)."""

    article_id: str
    day: float | None
    terms: npt.NDArray[np.uint32]  # ascending
    weights: npt.NDArray[np.float32]
    keys: tuple[int, ...]  # blocking keys: the strongest name, word and pair terms
    families: npt.NDArray[np.uint8]  # index into FAMILIES, one per term


@dataclass(slots=True)
class TermStats:
    """Document frequencies of terms, for IDF. Only terms seen in 2+ articles are kept: a term
    seen once has the same IDF as an unseen one, so dropping them loses nothing."""

    document_count: int = 0
    frequencies: dict[int, int] = field(default_factory=dict)

    def idf(self, terms: npt.NDArray[np.uint32]) -> npt.NDArray[np.float32]:
        # BACKGROUND phantom articles that hold none of the terms: in a small input (one
        # event's ten articles) the words they all share keep their weight instead of
        # falling to zero, while in a large input the counts dominate.
        total = self.document_count + BACKGROUND
        get = self.frequencies.get
        seen = np.array([get(t, 1) for t in terms.tolist()], dtype=np.float64)
        return np.log((total + 1) / (seen + 1)).astype(np.float32)

    def merge(self, other: TermStats) -> TermStats:
        """The statistics of both corpora (the reduce of a distributed run)."""
        merged = Counter(self.frequencies)
        merged.update(other.frequencies)
        return TermStats(self.document_count + other.document_count, dict(merged))

    def shared(self) -> TermStats:
        """These statistics without the terms seen once (they weigh as unseen ones)."""
        return TermStats(self.document_count, {t: n for t, n in self.frequencies.items() if n > 1})

    def prune(self, max_terms: int) -> None:
        """Past `max_terms` terms, forget the rarest until at most half are left (online use)."""
        if len(self.frequencies) <= max_terms:
            return
        by_count = Counter(self.frequencies.values())
        keep, floor = len(self.frequencies), 0
        while keep > max_terms // 2:
            floor += 1
            keep -= by_count.get(floor, 0)
        self.frequencies = {t: n for t, n in self.frequencies.items() if n > floor}

    def add(self, features: Features) -> None:
        """Count one more article (online use)."""
        self.document_count += 1
        get = self.frequencies.get
        for term in features.terms.tolist():
            self.frequencies[term] = get(term, 0) + 1


def article_day(published: dt.datetime | None) -> float | None:
    """Days since 1970-01-01 (naive times are UTC), the time axis of grouping."""
    if published is None:
        return None
    if published.tzinfo is not None:
        published = published.astimezone(dt.UTC).replace(tzinfo=None)
    return (published - _EPOCH).total_seconds() / 86400


def extract_terms(title: str | None, text: str) -> dict[str, int]:
    """Term counts of one text: `w:` words, `n:` names, `#` numbers, `y:` years, `b:` pairs.

    Example:
        >>> terms = extract_terms("Quake hits Aceh", "A 6.1 earthquake struck Aceh in 2013.")
        >>> terms["n:aceh"], terms["#6.1"], terms["y:2013"]
        (2, 1, 1)
    """
    counts: Counter[str] = Counter()
    body = _URL_LINE.sub("", text)
    previous_word = ""
    sentence_start = True
    for token in _TOKEN.findall(f"{title}\n{body}" if title else body):
        if token in ".!?\n":
            sentence_start, previous_word = True, ""
            continue
        lower = token.lower()
        if token[0].isdigit():
            counts[f"#{lower}"] += 1
            if _YEAR.fullmatch(lower):
                counts[f"y:{lower}"] += 1
            sentence_start, previous_word = False, ""
            continue
        if lower in _STOP or len(lower) < 3:
            sentence_start, previous_word = False, ""
            continue
        counts[f"w:{lower}"] += 1
        if token[0].isupper() and not sentence_start and lower not in _CALENDAR:
            counts[f"n:{lower}"] += 1
        if previous_word:
            counts[f"b:{previous_word}_{lower}"] += 1
        previous_word, sentence_start = lower, False
    if len(counts) > MAX_TERMS:
        counts = Counter(dict(counts.most_common(MAX_TERMS)))
    return dict(counts)


def features_from_terms(article_id: str, day: float | None, terms: Mapping[str, int]) -> Features:
    """Hash term counts (as `extract_terms` gives them) into `Features`."""
    hashed: dict[int, tuple[int, int]] = {}
    for term, count in terms.items():
        key = zlib.crc32(term.encode())
        family = FAMILIES.index(term[0])
        previous = hashed.get(key)
        hashed[key] = (family, count + (previous[1] if previous else 0))
    order = sorted(hashed)
    return Features(
        article_id,
        day,
        np.array(order, dtype=np.uint32),
        np.array([hashed[k][0] for k in order], dtype=np.uint8),
        np.array([min(hashed[k][1], 65535) for k in order], dtype=np.uint16),
    )


def grouping_features(article: Article) -> Features:
    """The map step: what grouping needs of one article (cleaned text if any, else raw text).

    Example:
        >>> a = Article(id="a", source="Wire", raw_text="A 6.1 quake hit Aceh on Monday.")
        >>> features = grouping_features(a)
        >>> features.article_id, features.day, len(features.terms)
        ('a', None, 8)
    """
    terms = extract_terms(article.title, article.text or article.raw_text)
    return features_from_terms(article.id, article_day(article.published), terms)


def count_terms(features: Iterable[Features], *, partial: bool = False) -> TermStats:
    """The reduce step: document frequencies over a corpus.

    Terms seen once are dropped, unless `partial`: the counts of one part of a corpus, to be
    combined with `TermStats.merge` and then `TermStats.shared()`.
    """
    # One sort over every article's terms: far less memory than a dict of counts while counting.
    arrays = [item.terms for item in features]
    if not arrays:
        return TermStats()
    documents = len(arrays)
    terms, counts = np.unique(np.concatenate(arrays), return_counts=True)
    del arrays
    if not partial:
        shared = counts > 1
        terms, counts = terms[shared], counts[shared]
    return TermStats(documents, dict(zip(terms.tolist(), counts.tolist(), strict=True)))


def vectorize(
    features: Features, stats: TermStats, *, shared_keys_only: bool = True
) -> ArticleVector:
    """An article's weighted TF-IDF vector and blocking keys, given the corpus statistics.

    In a batch, a term no other article has makes no block, so keys are shared terms only;
    online (`shared_keys_only=False`) a term may be shared by articles still to come.
    """
    raw = (1 + np.log(features.counts.astype(np.float32))) * stats.idf(features.terms)
    weights = np.zeros_like(raw)
    # A text written without case (lower-cased at its source) has no names to find: its words
    # and pairs carry the names' share, or two such reports of one story would score as if their
    # names disagreed (evidence missing counted as evidence against). Numbers and years take no
    # share: an article holds a few of them, often common ones ("2", "2017"), and a larger share
    # would make two unrelated uncased reports agree louder on those (issue 16, session 24).
    spread = 1.0 if np.any(features.families == _NAMES) else _UNNAMED_SPREAD
    for index, family in enumerate(FAMILIES):
        members = features.families == index
        norm = float(np.sqrt(np.sum(raw[members] ** 2)))
        if norm > 0:
            if family in SPARSE_FAMILIES:
                norm = max(norm, SPARSE_FLOOR)
            share = WEIGHTS[family] * (spread if family in _DENSE else 1.0)
            weights[members] = raw[members] * (math.sqrt(share) / norm)
    keep = np.flatnonzero(weights > 0)
    if len(keep) > VECTOR_TERMS:
        keep = np.sort(keep[np.argsort(-weights[keep], kind="stable")[:VECTOR_TERMS]])
    # Only terms another article shares can pair articles: a term seen once makes no block.
    shared = stats.frequencies
    keyed = [
        i
        for i in keep
        if FAMILIES[features.families[i]] in "wnb"
        and (not shared_keys_only or shared.get(int(features.terms[i]), 1) > 1)
    ]
    keyed.sort(key=lambda i: (-weights[i], features.terms[i]))
    return ArticleVector(
        features.article_id,
        features.day,
        features.terms[keep],
        weights[keep].astype(np.float32),
        tuple(int(features.terms[i]) for i in keyed[:KEY_TERMS]),
        features.families[keep],
    )
