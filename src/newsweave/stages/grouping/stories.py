"""Group articles into stories: one story per topic with its developments (TDT's definition).

A follow-up days or weeks later joins its story; the same kind of event at another place or time
(another earthquake, another election) is another story, told apart by its names, places and
numbers. `newsweave analyze`, the store's online assignment and `newsweave cluster` all group
with the steps below, so a folder analyzed at once and the same articles ingested one by one agree.

The steps are pure, top-level and picklable, so a distributed runner calls them as they are:

    grouping_features(article) -> Features          map, per article: hashed term counts, day
    count_terms(features) -> TermStats              reduce over the corpus: document frequencies
                                                    (per partition: count_terms(part, partial=True),
                                                    then TermStats.merge, then .shared())
    vectorize(features, stats) -> ArticleVector     map: weighted TF-IDF vector + blocking keys
    blocking_keys(vector) -> tuple[int, ...]        the block keys of an article (strong terms)
    pairs_in_block(days) -> [(i, j)]                the pairs inside one block, bounded (sorted
                                                    by day, NEIGHBOURHOOD after each one, fewer
                                                    in a block past BLOCK_ARTICLES, within
                                                    WINDOW_DAYS); each adds its `key_strength`
    strongest_pairs(count, pairs, strength)         reduce by pair (sum the strengths), then by
        -> mask                                     article: the pairs one of their articles
                                                    keeps among its PER_ARTICLE strongest
    score_pair(a, b) -> float                       pair score in [0, 1]; `score_pairs` does many;
                                                    then `strongest_pairs` by score keeps
                                                    LINKED_PER_ARTICLE an article for linkage
    link_components(vectors, pairs, scores)         story label per article, from the scored
        -> list[int]                                pairs: neighbourhood similarity, average
                                                    linkage, centroid joins (components.py)
                                                    and development joins (developments.py)

`group_stories(articles)` composes them locally; `candidate_pairs(vectors)` is every block's
`pairs_in_block` at once, capped by `strongest_pairs`. Memory and time grow with the number of
articles times `NEIGHBOURHOOD x KEY_TERMS` at most (block pairs, counted; a block past
`BLOCK_ARTICLES` articles narrows its neighbourhood, so they stop growing with the corpus),
`PER_ARTICLE` (pairs scored) and `LINKED_PER_ARTICLE` (pairs linked), never with its square. A
story's reach in time extends from its latest article: two articles are compared when at most
`WINDOW_DAYS` apart, so a story runs on as long as coverage keeps coming. Undated articles are
compared with everything in reach.

Example:
    >>> from newsweave.model import Article
    >>> quake = "A 6.1 earthquake struck Verlo, said the Verlo mayor Ana Brix. Verlo houses fell."
    >>> vote = "Oslo lawmakers passed the budget bill after a long debate in Oslo."
    >>> articles = [Article(id=str(i), source="W", raw_text=t)
    ...             for i, t in enumerate([quake, vote, quake + " Rescuers came.", vote + " Aid."])]
    >>> [[a.id for a in group] for group in group_stories(articles)]
    [['0', '2'], ['1', '3']]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsweave.model import Article
from newsweave.stages.grouping.components import (
    CENTROID_THRESHOLD,
    LINK_THRESHOLD,
    Centroid,
    link_components,
)
from newsweave.stages.grouping.features import (
    ArticleVector,
    Features,
    TermStats,
    article_day,
    count_terms,
    extract_terms,
    features_from_terms,
    grouping_features,
    vectorize,
)
from newsweave.stages.grouping.pairs import (
    BLOCK_ARTICLES,
    Pairs,
    LINKED_PER_ARTICLE,
    MIN_NEIGHBOURHOOD,
    NEIGHBOURHOOD,
    PER_ARTICLE,
    WINDOW_DAYS,
    block_neighbourhood,
    blocking_keys,
    candidate_pairs,
    capped_pairs,
    key_strength,
    key_weights,
    pairs_in_block,
    score_pair,
    score_pairs,
    strongest_pairs,
    vector_matrix,
)

__all__ = [
    "BLOCK_ARTICLES",
    "CENTROID_THRESHOLD",
    "LINKED_PER_ARTICLE",
    "LINK_THRESHOLD",
    "MIN_NEIGHBOURHOOD",
    "NEIGHBOURHOOD",
    "PER_ARTICLE",
    "WINDOW_DAYS",
    "ArticleVector",
    "Centroid",
    "Features",
    "TermStats",
    "article_day",
    "block_neighbourhood",
    "blocking_keys",
    "candidate_pairs",
    "capped_pairs",
    "count_terms",
    "extract_terms",
    "features_from_terms",
    "group_labels",
    "group_stories",
    "grouping_features",
    "key_strength",
    "key_weights",
    "link_components",
    "linked_pairs",
    "pairs_in_block",
    "score_pair",
    "score_pairs",
    "strongest_pairs",
    "vector_matrix",
    "vectorize",
]


def group_labels(
    features: Sequence[Features],
    stats: TermStats | None = None,
    *,
    window_days: float = WINDOW_DAYS,
) -> list[int]:
    """A story label per article (0, 1, ... by first article), from its features."""
    if not features:
        return []
    stats = stats if stats is not None else count_terms(features)
    vectors = [vectorize(item, stats) for item in features]
    return link_components(vectors, *linked_pairs(vectors, window_days=window_days))


def linked_pairs(
    vectors: Sequence[ArticleVector], *, window_days: float = WINDOW_DAYS
) -> tuple[Pairs, npt.NDArray[np.float32]]:
    """The scored pairs `link_components` links: each article's `LINKED_PER_ARTICLE`
    best-scoring candidate pairs, with their scores."""
    pairs = candidate_pairs(vectors, window_days=window_days)
    scores = score_pairs(vector_matrix(vectors), pairs)
    kept = strongest_pairs(len(vectors), pairs, scores, per_article=LINKED_PER_ARTICLE)
    return pairs[kept], scores[kept]


def group_stories(articles: Sequence[Article]) -> list[list[Article]]:
    """Articles grouped by story, in input order within each group; groups by first article.

    Example:
        >>> group_stories([])
        []
    """
    if len(articles) < 2:
        return [list(articles)] if articles else []
    labels = group_labels([grouping_features(article) for article in articles])
    groups: dict[int, list[Article]] = defaultdict(list)
    for article, label in zip(articles, labels, strict=True):
        groups[label].append(article)
    return list(groups.values())
