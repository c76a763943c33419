"""Group articles into stories, one per event, with the store's clustering (`stages/cluster.py`).

`newsweave analyze` and the store use the same term families, weights, neighbourhood similarity
and threshold, so a folder analyzed at once and the same articles ingested one by one agree.
Analyze applies no time window: a folder handed over for analysis may span weeks of one story,
and the dates and numbers in the text still tell two similar events apart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from newsweave.model import Article
from newsweave.stages.cluster import TermStats, cluster_batch, extract_terms


def group_stories(
    articles: Sequence[Article], *, window: dt.timedelta | None = None
) -> list[list[Article]]:
    """Articles grouped by event, in input order within each group; groups by first article.

    Example:
        >>> group_stories([])
        []
    """
    if len(articles) < 2:
        return [list(articles)] if articles else []
    terms = [extract_terms(article.title, article.text or article.raw_text) for article in articles]
    stats = TermStats()
    for article_terms in terms:
        stats.add(article_terms)
    labels = cluster_batch(
        [stats.vector(article_terms) for article_terms in terms],
        [article.published for article in articles],
        window=window,
    )
    groups: dict[int, list[Article]] = defaultdict(list)
    for article, label in zip(articles, labels, strict=True):
        groups[label].append(article)
    return list(groups.values())
