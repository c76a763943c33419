"""Issue 16, session 19: classes of the grouping's splits and joins on the fit parts, each tried
as a change and measured against the shipped grouping (none of these is shipped).

The articles are read as `analyze` reads them (`bench_grouping.cleaned_and_rejected`: a
rejected article is in no story); each variant regroups the fit parts (Multi-News 1000-1299,
the UCI first half inside all of UCI, DUC 2004's fit half inside all 50, ECB+ train inside all
topics) and prints BCubed F1 of the part with a paired bootstrap over its gold clusters
(`paired_bootstrap.compare`, variant minus shipped).

    lone-pairs        two articles each alone after `link_components`, each other's best
                      linked partner (by mean cosine, among lone articles), joined from a cosine bar
    mutual-groups     (counts only) pairs of linked groups under the centroid bar that are each
                      other's best by mean cosine over bar, and how many hold one gold story
    year-once         a year counted only as a year, not also as a number
    spread            an article spreads the weight of every family it lacks among the given
                      ones (names, numbers, years) over those it has (shipped: names only)
    two-letter        words of two letters kept (shipped: three or more)
    headroom          (oracle) every two linked groups after the linkage step that hold one gold
                      story joined: what perfect join decisions would give

Usage: python bench/cluster/undated_classes.py [--only multinews-fit,uci,duc2004,ecbplus]
       [--resamples 300]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_grouping import cleaned_and_rejected
from common import machine
from corpora import LOADERS
from paired_bootstrap import compare

from newsweave.stages.grouping import components, features
from newsweave.stages.grouping.developments import DEVELOPMENTS
from newsweave.stages.grouping.features import FAMILIES, WEIGHTS, ArticleVector, Features
from newsweave.stages.grouping.means import (
    CENTROID_TERMS,
    VECTOR_SCALE,
    fixed_rows,
    group_means,
    mean_cosines,
)
from newsweave.stages.grouping.stories import count_terms, link_components, linked_pairs

_YEAR_AS_NUMBER = re.compile(r"#(?:19|20)\d\d")


def _vectorize(item: Features, stats: Any, spread_families: str = "n") -> ArticleVector:
    # `features.vectorize` with the names' spread generalised to any families an article lacks.
    vector = features.vectorize(item, stats)
    present = {FAMILIES[i] for i in set(item.families.tolist())}
    total = sum(WEIGHTS.values())
    lacking = sum(WEIGHTS[f] for f in spread_families if f not in present)
    shipped = total / (total - WEIGHTS["n"]) if "n" not in present else 1.0
    scale = math.sqrt(total / (total - lacking) / shipped)
    return replace(vector, weights=(vector.weights * scale).astype(np.float32))


def _terms(article: Any, drop: Callable[[str], bool], min_letters: int) -> dict[str, int]:
    text = article.text or article.raw_text
    if min_letters < 3:
        # A two-letter word that is no stop word ("Xi", "UN") written three times passes the
        # length test as one term of its own, as the word would with a bar of two letters.
        text = re.sub(
            r"\b[A-Za-z]{2}\b",
            lambda m: m.group(0) if m.group(0).lower() in features._STOP else m.group(0) * 3,
            text,
        )
    terms = features.extract_terms(article.title, text)
    return {k: v for k, v in terms.items() if not drop(k)}


class Fit:
    """One corpus's kept articles, vectors and linked pairs, and its fit part."""

    def __init__(self, name: str, variant: dict[str, Any] | None = None) -> None:
        variant = variant or {}
        corpus = LOADERS[name]()
        articles, rejected = cleaned_and_rejected(corpus.articles)
        self.name, self.gold, self.rejected = corpus.name, corpus.gold, rejected
        self.part = corpus.parts[corpus.fit]
        self.kept = [i for i, out in enumerate(rejected) if not out]
        items = []
        for i in self.kept:
            article = articles[i]
            terms = _terms(
                article,
                (lambda k: bool(_YEAR_AS_NUMBER.fullmatch(k))) if variant.get("year_once") else
                (lambda k: False),
                2 if variant.get("two_letter") else 3,
            )
            items.append(
                features.features_from_terms(
                    article.id, features.article_day(article.published), terms
                )
            )
        stats = count_terms(items)
        spread = variant.get("spread", "n")
        self.vectors = [_vectorize(item, stats, spread) for item in items]
        self.pairs, self.scores = linked_pairs(self.vectors)

    def labels(self, kept_labels: Sequence[Any]) -> list[Any]:
        out: list[Any] = [f"rejected-{i}" for i in range(len(self.gold))]
        for label, i in zip(kept_labels, self.kept, strict=True):
            out[i] = label
        return out

    def shipped(self) -> list[Any]:
        return self.labels(link_components(self.vectors, self.pairs, self.scores))

    def row(self, shipped: Sequence[Any], variant: Sequence[Any], resamples: int) -> dict:
        gold = [self.gold[i] for i in self.part]
        found = compare(
            gold, [str(shipped[i]) for i in self.part], [str(variant[i]) for i in self.part],
            resamples,
        )
        return {"shipped_f1": found["first_f1"], "f1": found["second_f1"],
                "difference": found["difference"], "interval_95": found["interval_95"]}


def lone_pairs(fit: Fit, bar: float) -> list[Any]:
    """Two lone articles that are each other's best lone linked partner join from `bar`."""
    labels = link_components(fit.vectors, fit.pairs, fit.scores)
    sizes = Counter(labels)
    unit = fixed_rows(fit.vectors).astype(np.float64) / VECTOR_SCALE
    best: dict[int, tuple[float, int]] = {}
    for a, b in fit.pairs.tolist():
        if sizes[labels[a]] != 1 or sizes[labels[b]] != 1:
            continue
        cosine = float(unit[a].multiply(unit[b]).sum())
        for x, y in ((a, b), (b, a)):
            if x not in best or cosine > best[x][0]:
                best[x] = (cosine, y)
    joined = list(labels)
    for x, (cosine, y) in best.items():
        if x < y and best[y][1] == x and cosine >= bar:
            joined[y] = joined[x]
    return fit.labels(joined)


def mutual_groups(fit: Fit) -> dict[str, list[int]]:
    """Linked group pairs under the centroid bar, by mean cosine over bar: [pairs, one gold
    story], all and those each other's best."""
    labels = np.array(link_components(fit.vectors, fit.pairs, fit.scores))
    groups, member_of = np.unique(labels, return_inverse=True)
    gold = [fit.gold[i] for i in fit.kept]
    in_part = set(fit.part)
    linked = member_of[fit.pairs]
    linked = np.unique(np.sort(linked[linked[:, 0] != linked[:, 1]], axis=1), axis=0)
    sizes = np.bincount(member_of)
    lengths = np.array([len(v.terms) for v in fit.vectors])
    mean_length = np.bincount(member_of, weights=lengths) / sizes
    ratio = mean_cosines(group_means(member_of, fixed_rows(fit.vectors), CENTROID_TERMS), linked)
    ratio = ratio / components.centroid_bar(
        components.CENTROID_THRESHOLD,
        components.SHORT_TEXT_TERMS,
        mean_length[linked[:, 0]],
        mean_length[linked[:, 1]],
    )
    majority, touches = {}, {}
    for g in range(len(groups)):
        members = np.flatnonzero(member_of == g)
        majority[g] = Counter(gold[i] for i in members).most_common(1)[0][0]
        touches[g] = any(fit.kept[i] in in_part for i in members)
    best: dict[int, tuple[float, int]] = {}
    for (a, b), r in zip(linked.tolist(), ratio.tolist(), strict=True):
        for x, y in ((a, b), (b, a)):
            if x not in best or r > best[x][0]:
                best[x] = (r, y)
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (a, b), r in zip(linked.tolist(), ratio.tolist(), strict=True):
        if r >= 1 or r < 0.5 or not (touches[a] or touches[b]):
            continue
        key = f"{math.floor(r * 10) / 10:.1f}-{math.floor(r * 10) / 10 + 0.1:.1f} of the bar"
        right = majority[a] == majority[b]
        mutual = best[a][1] == b and best[b][1] == a
        found[key][0] += 1
        found[key][1] += right
        found[key][2] += mutual
        found[key][3] += mutual and right
    return {k: v for k, v in sorted(found.items())}


def headroom(fit: Fit) -> list[Any]:
    """The linkage step's groups, every two linked ones of one majority gold story joined."""
    n = len(fit.vectors)
    graph, similarity = components.neighbourhood_graph(n, fit.pairs, fit.scores)
    roots = components.average_linkage(
        n, graph, similarity, components.LINK_THRESHOLD,
        undated=[v.day is None for v in fit.vectors],
    )
    gold = [fit.gold[i] for i in fit.kept]
    members: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(roots):
        members[root].append(i)
    majority = {r: Counter(gold[i] for i in m).most_common(1)[0][0] for r, m in members.items()}
    parent = {r: r for r in members}

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in fit.pairs.tolist():
        ra, rb = roots[a], roots[b]
        if ra != rb and majority[ra] == majority[rb]:
            parent[find(ra)] = find(rb)
    return fit.labels([find(r) for r in roots])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="multinews-fit,uci,duc2004,ecbplus")
    parser.add_argument("--resamples", type=int, default=300)
    args = parser.parse_args()
    print(json.dumps({"benchmark": "undated_classes", **machine()}), flush=True)
    for name in args.only.split(","):
        fit = Fit(name)
        shipped = fit.shipped()
        rows: dict[str, Any] = {"corpus": fit.name, "rejected": sum(fit.rejected)}
        for bar in (0.06, 0.08, 0.1, 0.12):
            rows[f"lone-pairs {bar}"] = fit.row(shipped, lone_pairs(fit, bar), args.resamples)
        rows["mutual-groups [pairs, one story, mutual, mutual one story]"] = mutual_groups(fit)
        for label, variant in {
            "year-once": {"year_once": True},
            "spread n#": {"spread": "n#"},
            "spread n#y": {"spread": "n#y"},
            "two-letter": {"two_letter": True},
        }.items():
            other = Fit(name, variant)
            rows[label] = fit.row(shipped, other.shipped(), args.resamples)
        rows["headroom (oracle)"] = fit.row(shipped, headroom(fit), args.resamples)
        print(json.dumps(rows), flush=True)


if __name__ == "__main__":
    main()
