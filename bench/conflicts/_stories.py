"""The stories of a planted-conflict record up to the conflict stage, cached on disk.

Prepare and grouping run as `newsweave analyze` runs them (diagnose.prepared_groups), then the
story stages before `find_conflicts`. The pickled stories let the conflict stage (and the pair
gate's fit) be rerun many times on the same stories; the cache is keyed by the record's
documents only, so point --cache at a fresh folder after the story stages change.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

from newsweave.model import Story
from newsweave.pipeline import (
    STORY_STAGES,
    _story_id,
    group_articles,
    learn_source_profiles,
    prepare_articles,
)
from newsweave.errors import Rejected
from newsweave.sources.read import article_from_record
from newsweave.stages.claims.conflicts import find_conflicts


def prepared_groups(record: dict, cache: Path) -> list[list]:
    """The record's articles prepared and grouped as `newsweave analyze` does, cached."""
    key = hashlib.sha1(json.dumps(record["documents"], sort_keys=True).encode()).hexdigest()
    path = cache / f"{key}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    articles = []
    for d in record["documents"]:
        try:
            articles.append(
                article_from_record(
                    {
                        "id": d["id"],
                        "text": d["text"],
                        "title": d.get("title") or None,
                        "published": d.get("date"),
                        "source": d.get("source") or d["id"],
                    },
                    origin=d["id"],
                    default_id=d["id"],
                )
            )
        except Rejected:  # an empty article: `newsweave analyze` records it and goes on
            continue
    prepared = [
        a for a in prepare_articles(articles, learn_source_profiles(articles)) if hasattr(a, "text")
    ]
    groups = group_articles(prepared)
    path.write_bytes(pickle.dumps(groups))
    return groups


def stories_until_conflicts(record: dict, cache: Path) -> list[Story]:
    key = hashlib.sha1(json.dumps(record["documents"], sort_keys=True).encode()).hexdigest()
    path = cache / f"{key}.stories.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    stories = [until_conflicts(group) for group in prepared_groups(record, cache)]
    path.write_bytes(pickle.dumps(stories))
    return stories


def until_conflicts(group: list) -> Story:
    ordered = sorted(group, key=lambda a: (a.published is None, a.published or 0, a.id))
    story = Story(id=_story_id(ordered), title="", articles=tuple(ordered))
    for stage in STORY_STAGES:
        if stage is find_conflicts:
            break
        story = stage(story)
    return story


def records_of(path: Path, split: str) -> list[dict]:
    """The records of a set, halved by cluster position (even = tune, odd = held-out)."""
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    bases = list(dict.fromkeys(r["id"].rsplit("-", 1)[0] for r in records))
    half = {base: ("tune" if i % 2 == 0 else "held-out") for i, base in enumerate(bases)}
    return [r for r in records if split == "all" or half[r["id"].rsplit("-", 1)[0]] == split]
