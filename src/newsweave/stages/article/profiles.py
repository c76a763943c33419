"""Source profiles: what each outlet's pages repeat, learned per source (a reduce by `source`).

Kept apart from the pipeline module so the store can learn profiles without loading the models.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsweave.model import Article, SourceProfile
from newsweave.stages.article.clean import learn_source_boilerplate


def learn_source_profiles(articles: Iterable[Article]) -> dict[str, SourceProfile]:
    """One profile per source that has one to learn (sources seen once have none).

    Example:
        >>> learn_source_profiles([])
        {}
    """
    by_source: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_source[article.source].append(article)
    profiles = (learn_source_profile(source, group) for source, group in by_source.items())
    return {profile.source: profile for profile in profiles if profile.boilerplate}


def learn_source_profile(source: str, articles: Sequence[Article]) -> SourceProfile:
    """The profile of one source from its articles: the reduce step of `learn_source_profiles`."""
    learned = learn_source_boilerplate([a for a in articles if a.source == source])
    return SourceProfile(source, learned.get(source, frozenset()))
