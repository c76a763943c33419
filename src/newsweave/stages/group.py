"""Group articles into stories: one per event, by TF-IDF similarity with average linkage."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newsweave.model import Article

# Average cosine distance below which two groups of articles are one story; chosen on ECB+
# topics, where each topic holds two similar but different events (see docs/benchmarks.md).
STORY_DISTANCE = 0.82


def group_stories(articles: Sequence[Article], *, distance: float = STORY_DISTANCE) -> list[list[Article]]:
    """Articles grouped by event, in input order within each group; groups by first article."""
    if len(articles) < 2:
        return [list(articles)] if articles else []
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    documents = [f"{article.title or ''}\n{article.text}" for article in articles]
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(documents)
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    ).fit_predict(vectors.toarray())
    groups: dict[int, list[Article]] = defaultdict(list)
    for article, label in zip(articles, labels, strict=True):
        groups[int(label)].append(article)
    return list(groups.values())
