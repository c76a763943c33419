"""Benchmark clusters as newsweave stories: records -> read -> clean -> annotate, as the CLI does.

The dataset defines the clusters, so grouping is skipped: one cluster is one `Story`. The result
of the (slow) spaCy annotation can be cached in a pickle keyed by the data file and by the source
of the stages it ran, so a stale cache is never used.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from page_noise import strip_page_noise

from newsweave import model
from newsweave.errors import Rejected
from newsweave.model import Article, Story
from newsweave.sources import read
from newsweave.sources.read import article_from_record
from newsweave.stages.article import _noise, annotate, clean
from newsweave.stages.article.annotate import annotate_articles
from newsweave.stages.article.clean import clean_article, learn_source_boilerplate

PROJECT = Path(__file__).resolve().parents[2]
DATA = PROJECT.parent / "shared" / "data" / "mds"
DUC2004 = DATA / "duc2004" / "test.jsonl"
MULTINEWS = DATA / "multinews" / "test.jsonl"


@dataclass(frozen=True, slots=True)
class Cluster:
    """One benchmark cluster: its story (articles cleaned and annotated) and the references."""

    id: str
    story: Story
    references: tuple[str, ...]


def require_data(path: Path) -> None:
    """Exit with a clear message when the shared benchmark data is not there."""
    if not path.is_file():
        sys.exit(
            f"benchmark data not found: {path}\n"
            "bench/summarize needs the shared data folder beside the project (../shared/data/mds, "
            "see ../shared/research/mds-benchmarks.md)."
        )


def read_records(
    path: Path, *, limit: int | None = None, sample: int | None = None, seed: int = 0
) -> list[dict]:
    """The cluster records of a jsonl file: all, the first `limit`, or a seeded `sample`."""
    require_data(path)
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    if sample is not None:
        picked = sorted(random.Random(seed).sample(range(len(records)), min(sample, len(records))))
        records = [records[i] for i in picked]
    if limit is not None:
        records = records[:limit]
    return records


def load_clusters(
    records: Sequence[dict], *, cache_dir: Path | None = None, cache_key: str = ""
) -> list[Cluster]:
    """Every record as a `Cluster`, through read -> clean -> annotate (cached when asked)."""
    cache = None
    if cache_dir is not None:
        digest = hashlib.sha1(cache_key.encode())
        digest.update(json.dumps([r["id"] for r in records]).encode())
        for module in (model, read, clean, _noise, annotate):
            digest.update(Path(module.__file__ or "").read_bytes())
        digest.update(Path(__file__).with_name("page_noise.py").read_bytes())
        cache = cache_dir / f"clusters-{digest.hexdigest()[:16]}.pickle"
        if cache.is_file():
            with cache.open("rb") as handle:
                return pickle.load(handle)
    clusters = _prepare(records)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as handle:
            pickle.dump(clusters, handle)
    return clusters


def _prepare(records: Sequence[dict]) -> list[Cluster]:
    # Clean per cluster (boilerplate is learned from a cluster's own articles, as in one CLI run),
    # then annotate all articles in one spaCy stream, which is much faster than per cluster.
    cleaned: list[list[Article]] = []
    for record in records:
        articles = []
        for index, doc in enumerate(record["documents"]):
            fields = {
                "id": doc["id"],
                "text": strip_page_noise(doc["text"]),
                "title": doc.get("title") or None,
                "source": doc.get("source") or doc["id"],
                "published": doc.get("date"),
            }
            try:
                articles.append(
                    article_from_record(
                        fields, origin=f"{record['id']}[{index}]", default_id=doc["id"]
                    )
                )
            except Rejected:
                continue
        boilerplate = learn_source_boilerplate(articles)
        kept = []
        for article in articles:
            try:
                kept.append(clean_article(article, boilerplate))
            except Rejected:
                continue
        cleaned.append(kept)
    flat = annotate_articles([a for group in cleaned for a in group])
    clusters, cursor = [], 0
    for record, group in zip(records, cleaned, strict=True):
        annotated = flat[cursor : cursor + len(group)]
        cursor += len(group)
        story = _bare_story(record["id"], annotated)
        clusters.append(Cluster(record["id"], story, tuple(record["references"])))
    return clusters


def _bare_story(cluster_id: str, articles: Sequence[Article]) -> Story:
    # Ordered as build_story orders them (date, then id). The story stages are not run: the
    # summarizer needs none of them, and the bench calls it itself with the benchmark's budget.
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or 0, a.id))
    return Story(id=cluster_id, title=cluster_id, articles=tuple(ordered))
