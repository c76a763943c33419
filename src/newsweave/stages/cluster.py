"""Story clustering: which articles report the same event, in batch and as a stream.

An article becomes one sparse vector over five families of terms: common words, names
(capitalised words inside a sentence), numbers, years and word pairs. Each family is TF-IDF
weighted and L2-normalised on its own, then scaled by the square root of its weight, so the dot
product of two vectors is the weighted sum of the per-family cosines. Names and numbers are what
tell two earthquakes apart: they share "earthquake" but not the place, the date or the magnitude.

The pair score is `sigmoid(dot + BIAS)`, with weights fitted by logistic regression on the ECB+
training topics (bench/cluster/README.md). Pairs published further apart than the time window
score 0, so the same kind of event on another day is another story.

Batch (`cluster_batch`): articles are compared through their neighbourhoods: each article keeps
its `NEIGHBOURS` best pair scores, and two articles are similar when their neighbourhoods agree
(cosine of those rows); average linkage cuts the tree at `LINK_THRESHOLD`. Nearest neighbours are
right far more often than a global threshold (99% on ECB+), and neighbourhoods carry that to pairs.

Stream (`StoryClusterer`): a new article joins the story its nearest recent articles vote for, or
starts a story; `StoryClusterer.refine` re-runs the batch method over the stories a batch touched
and reports merges and splits, keeping story ids stable.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

# Weights of each term family, fitted on the ECB+ training topics (bench/cluster/fit_weights.py).
WEIGHTS: Mapping[str, float] = {"w": 9.8, "n": 6.5, "#": 3.0, "y": 1.9, "b": 3.8}
BIAS = -4.45
NEIGHBOURS = 10  # neighbourhood size for the second-order similarity
LINK_THRESHOLD = 0.25  # average neighbourhood similarity above which groups are one story
JOIN_THRESHOLD = 0.50  # pair score above which a streamed article may join a neighbour's story
CENTROID_THRESHOLD = 0.5  # centroid cosine above which two groups are joined after linkage
WINDOW = dt.timedelta(days=3)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|\d+(?:[.,:]\d+)*|[.!?]|\n")
_YEAR = re.compile(r"(?:19|20)\d\d")
_URL_LINE = re.compile(r"^\s*(?:https?:|www\.)\S*.*$", re.MULTILINE)
_CALENDAR = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
_STOP = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "said", "same", "says", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "one", "two", "new", "like", "told", "year", "years", "week", "last", "first", "just", "get", "got", "make", "made", "may", "might", "must", "per", "cent", "percent", "mr", "mrs", "ms", "according", "including", "since", "still", "around", "another", "many", "much"]
)
_MAX_TERMS = 400  # terms kept per article, by count: long articles do not dominate memory


Terms = dict[str, int]
Vector = dict[str, float]


def extract_terms(title: str | None, text: str) -> Terms:
    """Term counts of one article: `w:` words, `n:` names, `#` numbers, `y:` years, `b:` pairs.

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
    if len(counts) > _MAX_TERMS:
        counts = Counter(dict(counts.most_common(_MAX_TERMS)))
    return dict(counts)


@dataclass(slots=True)
class TermStats:
    """Document frequencies of terms, for IDF; grows with every article added."""

    document_count: int = 0
    frequencies: Counter[str] = field(default_factory=Counter)

    def add(self, terms: Iterable[str]) -> None:
        self.document_count += 1
        self.frequencies.update(terms)

    def prune(self, max_terms: int) -> None:
        """Past `max_terms` terms, forget the rarest until at most half are left: memory stays flat.

        Terms seen once go first, then those seen twice, and so on. A forgotten term counts as
        unseen, so its IDF rises a little (log(N) instead of log(N / (n + 1)) for small n).
        """
        if len(self.frequencies) <= max_terms:
            return
        by_count = Counter(self.frequencies.values())
        keep, floor = len(self.frequencies), 0
        while keep > max_terms // 2:
            floor += 1
            keep -= by_count.get(floor, 0)
        self.frequencies = Counter({t: n for t, n in self.frequencies.items() if n > floor})

    def vector(self, terms: Terms) -> Vector:
        """The weighted TF-IDF vector of one article; see the module docstring."""
        total = self.document_count + 1
        by_family: dict[str, Vector] = {}
        for term, count in terms.items():
            family = term[0]
            idf = math.log((total + 1) / (self.frequencies.get(term, 0) + 1))
            if idf > 0:
                by_family.setdefault(family, {})[term] = (1 + math.log(count)) * idf
        vector: Vector = {}
        for family, weights in by_family.items():
            norm = math.sqrt(sum(w * w for w in weights.values()))
            scale = math.sqrt(WEIGHTS[family]) / norm
            for term, weight in weights.items():
                vector[term] = weight * scale
        return vector


def pair_score(a: Vector, b: Vector) -> float:
    """How likely two articles report the same event, in [0, 1]."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b.get(term, 0.0) for term, weight in a.items())
    return 1.0 / (1.0 + math.exp(-(dot + BIAS)))


def cluster_batch(
    vectors: Sequence[Vector],
    published: Sequence[dt.datetime | None] | None = None,
    *,
    window: dt.timedelta | None = WINDOW,
    neighbours: int = NEIGHBOURS,
    threshold: float = LINK_THRESHOLD,
    centroid_threshold: float | None = CENTROID_THRESHOLD,
) -> list[int]:
    """A story label per article (0, 1, ... in order of first appearance).

    Example:
        >>> stats = TermStats()
        >>> texts = ["Quake hits Aceh", "Aceh quake kills 5", "Budget vote in Oslo"]
        >>> for t in texts: stats.add(extract_terms(None, t))
        >>> cluster_batch([stats.vector(extract_terms(None, t)) for t in texts])
        [0, 0, 1]
    """
    count = len(vectors)
    if count < 2:
        return [0] * count
    dots = dot_matrix(vectors, published, window=window)
    scores = _scores_of(dots)
    context = neighbourhood_similarity(scores, neighbours)
    from sklearn.cluster import AgglomerativeClustering

    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - threshold
    ).fit_predict(1 - context)
    if centroid_threshold is not None:
        labels = merge_close_centroids(dots, labels, centroid_threshold)
    return _first_seen_order(labels.tolist())


def merge_close_centroids(
    dots: npt.NDArray[np.float32], labels: npt.NDArray[np.int64], threshold: float
) -> npt.NDArray[np.int64]:
    """Join groups whose centroids have a cosine of at least `threshold`, closest pair first.

    The second pass behind `CENTROID_THRESHOLD`: a story of many short texts (headlines) is cut
    into pieces by the neighbourhood step, since each text keeps only `NEIGHBOURS` neighbours, but
    the pieces' centroids share the story's key terms. `dots` holds the dot products of the
    article vectors (0 across the time window), so centroid dots are sums over its blocks.
    """
    from scipy.sparse import csr_matrix

    groups, inverse = np.unique(labels, return_inverse=True)
    count = len(groups)
    if count < 2:
        return labels
    members = csr_matrix(
        (np.ones(len(labels)), (np.arange(len(labels)), inverse)), shape=(len(labels), count)
    )
    blocks = members.T @ np.nan_to_num(np.asarray(dots, dtype=np.float64), nan=0.0)
    sums = np.asarray(members.T @ np.asarray(blocks).T).T
    parent = np.arange(count)
    alive = np.ones(count, dtype=bool)
    while True:
        norms = np.sqrt(np.maximum(np.diag(sums), 1e-12))
        cosine = sums / np.outer(norms, norms)
        np.fill_diagonal(cosine, -1.0)
        cosine[~alive, :] = -1.0
        cosine[:, ~alive] = -1.0
        best = int(np.argmax(cosine))
        i, j = divmod(best, count)
        if cosine[i, j] < threshold:
            break
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sums[j, :] = 0.0
        sums[:, j] = 0.0
        alive[j], parent[j] = False, i
    roots = np.arange(count)
    for group in range(count):
        root = group
        while parent[root] != root:
            root = parent[root]
        roots[group] = root
    return roots[inverse]


def score_matrix(
    vectors: Sequence[Vector],
    published: Sequence[dt.datetime | None] | None = None,
    *,
    window: dt.timedelta | None = WINDOW,
) -> npt.NDArray[np.float32]:
    """Pair scores of every two articles, 0 for pairs published further apart than `window`."""
    return _scores_of(dot_matrix(vectors, published, window=window))


def dot_matrix(
    vectors: Sequence[Vector],
    published: Sequence[dt.datetime | None] | None = None,
    *,
    window: dt.timedelta | None = WINDOW,
) -> npt.NDArray[np.float32]:
    """Dot products of every two article vectors; NaN for pairs further apart than `window`."""
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    data: list[float] = []
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            rows.append(row)
            cols.append(index.setdefault(term, len(index)))
            data.append(weight)
    matrix = csr_matrix(
        (data, (rows, cols)), shape=(len(vectors), max(len(index), 1)), dtype=np.float32
    )
    dots: npt.NDArray[np.float32] = (matrix @ matrix.T).toarray().astype(np.float32)
    if window is not None and published is not None:
        dots[_within_window(published, window) == 0] = np.nan
    return dots


def _scores_of(dots: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    # Pair scores from dot products; NaN (outside the time window) scores 0.
    scores: npt.NDArray[np.float32] = (1.0 / (1.0 + np.exp(-(dots + BIAS)))).astype(np.float32)
    scores[np.isnan(dots)] = 0.0
    np.fill_diagonal(scores, 1.0)
    return scores


def neighbourhood_similarity(
    scores: npt.NDArray[np.float32], neighbours: int
) -> npt.NDArray[np.float32]:
    """Cosine of the rows of `scores` cut to each article's `neighbours` best (plus itself)."""
    from scipy.sparse import csr_matrix

    count = scores.shape[0]
    keep = min(neighbours, count - 1)
    others = scores.copy()
    np.fill_diagonal(others, -1.0)
    best = np.argpartition(-others, keep - 1, axis=1)[:, :keep]
    values = np.maximum(np.take_along_axis(others, best, axis=1), 0.0)
    columns = np.concatenate([best, np.arange(count)[:, None]], axis=1)
    values = np.concatenate([values, np.ones((count, 1), dtype=values.dtype)], axis=1)
    values /= np.linalg.norm(values, axis=1, keepdims=True)
    rows = csr_matrix(
        (values.ravel(), columns.ravel(), np.arange(0, count * (keep + 1) + 1, keep + 1)),
        shape=(count, count),
    )
    similarity: npt.NDArray[np.float32] = np.clip((rows @ rows.T).toarray(), 0.0, 1.0).astype(
        np.float32
    )
    np.fill_diagonal(similarity, 1.0)
    return similarity


def _within_window(
    published: Sequence[dt.datetime | None], window: dt.timedelta
) -> npt.NDArray[np.float32]:
    # Undated articles are compatible with everything; dated ones only within the window.
    stamps = np.array([p.timestamp() if p else np.nan for p in published], dtype=np.float64)
    known = stamps[~np.isnan(stamps)]
    if known.size == 0 or known.max() - known.min() <= window.total_seconds():
        return np.ones((len(stamps), len(stamps)), dtype=np.float32)
    gaps = np.abs(stamps[:, None] - stamps[None, :])
    far = np.nan_to_num(gaps, nan=0.0) > window.total_seconds()
    return (~far).astype(np.float32)


def _first_seen_order(labels: list[int]) -> list[int]:
    renumber: dict[int, int] = {}
    return [renumber.setdefault(label, len(renumber)) for label in labels]
