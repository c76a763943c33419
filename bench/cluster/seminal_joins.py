"""Do two groups' "what" terms tell two topics on one running subject from one topic's phases?

Every join of two groups of at least `--size` articles made by `link_components` (the linkage,
centroid and development steps, as `group_labels` runs them on the cleaned articles) is logged
on the fit parts only, each grouped as its own input: DUC 2004 clusters 1-25 mixed, the ECB+
train topics, UCI's first half. A join is wrong when its two groups' majority gold stories
differ, right when they agree. For each join the two groups are compared over four term sets
of the articles (TF-IDF over the input, words not in grouping's stop list):

    content  words that are not names (a word is a name when most of its occurrences inside a
             sentence are capitalised, counted over the input): what happened, not to whom
    lead     the same words of the title and the first two sentences (where the event is stated)
    names    the name words (who and where), for comparison
    words    every word

and for each set: the mean cosine across the groups (`cross`), its ratio to the groups' own
cohesion (`ratio` = cross / sqrt(within_a * within_b), the within means over distinct pairs;
none when a group shares none of the terms) and the cosine of their centroids (`centroid`). A
measure separates when some bar puts the wrong joins below it and the right joins above; the
summary prints, for each measure, the wrong joins' values, the right joins' quartiles (min, 25,
50, 75%) and the bar that vetoes most wrong joins net of right ones ("best_veto").

With `--shared`, first what DUC's own annotation says (no grouping is run): the documents that
DUC 2004 puts in two clusters each (the same document id and text), the pairs of clusters they
bridge, and BCubed F1 of all 50 mixed for three partitions made from the gold clusters: each
shared document read once (as `newsweave analyze` reads a repeated article) in its first
cluster; the clusters that share a document as one story; and, in addition, the pairs given by
`--also` (pairs of cluster ids, "a+b,c+d") as one story.

Usage: python bench/cluster/seminal_joins.py [--only duc2004,ecbplus,uci] [--size 3] [--log F]
                                             [--shared [--also a+b,...]]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_grouping import cleaned
from common import bcubed, machine
from corpora import LOADERS, duc_clusters

from newsweave.model import Article
from newsweave.stages.grouping import components
from newsweave.stages.grouping.features import _STOP
from newsweave.stages.grouping.stories import (
    count_terms,
    grouping_features,
    linked_pairs,
    vectorize,
)

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]")
SETS = ("content", "lead", "names", "words")
MEASURES = ("cross", "ratio", "centroid")


def sentences(article: Article) -> list[str]:
    text = article.text or article.raw_text
    found = [s for s in _SENTENCE.split(text) if s.strip()]
    return ([article.title] if article.title else []) + found


def words_of(sentence: str) -> list[tuple[str, bool]]:
    """(lower word, capitalised inside the sentence) for each word not in the stop list."""
    out = []
    for position, match in enumerate(_WORD.finditer(sentence)):
        token = match.group()
        lower = token.lower()
        if lower in _STOP or len(lower) < 3:
            continue
        out.append((lower, position > 0 and token[0].isupper()))
    return out


def term_sets(articles: Sequence[Article]) -> dict[str, list[Counter[str]]]:
    """Each article's counts of each term set (module docstring)."""
    parsed = [[words_of(s) for s in sentences(a)] for a in articles]
    capital, inside = Counter(), Counter()
    for article in parsed:
        for sentence in article:
            for position, (word, upper) in enumerate(sentence):
                if position > 0 or upper:
                    inside[word] += 1
                    capital[word] += upper
    names = {w for w, n in inside.items() if capital[w] * 2 > n}
    sets: dict[str, list[Counter[str]]] = {name: [] for name in SETS}
    for article in parsed:
        every = Counter(w for s in article for w, _ in s)
        lead = Counter(w for s in article[:3] for w, _ in s if w not in names)
        sets["words"].append(every)
        sets["names"].append(Counter({w: n for w, n in every.items() if w in names}))
        sets["content"].append(Counter({w: n for w, n in every.items() if w not in names}))
        sets["lead"].append(lead)
    return sets


def unit_rows(counts: list[Counter[str]]) -> list[dict[str, float]]:
    documents = Counter(w for c in counts for w in c)
    total = len(counts)
    rows = []
    for c in counts:
        row = {
            w: (1 + math.log(n)) * math.log((total + 1) / (documents[w] + 1)) for w, n in c.items()
        }
        norm = math.sqrt(sum(v * v for v in row.values())) or 1.0
        rows.append({w: v / norm for w, v in row.items()})
    return rows


def summed(rows: list[dict[str, float]], members: Sequence[int]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for index in members:
        for w, v in rows[index].items():
            total[w] += v
    return total


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    small, large = sorted((a, b), key=len)
    return sum(v * large.get(w, 0.0) for w, v in small.items())


def compare(rows: list[dict[str, float]], first: list[int], second: list[int]) -> dict[str, float]:
    a, b = summed(rows, first), summed(rows, second)
    na, nb = len(first), len(second)
    aa, bb, ab = dot(a, a), dot(b, b), dot(a, b)
    within_a = (aa - sum(dot(rows[i], rows[i]) for i in first)) / (na * (na - 1))
    within_b = (bb - sum(dot(rows[i], rows[i]) for i in second)) / (nb * (nb - 1))
    cross = ab / (na * nb)
    # A group whose articles share none of these terms has no cohesion to compare with.
    cohesive = min(within_a, within_b) > 1e-3
    return {
        "cross": round(cross, 4),
        "ratio": round(cross / math.sqrt(within_a * within_b), 4) if cohesive else None,
        "centroid": round(ab / math.sqrt(max(aa * bb, 1e-12)), 4),
    }


def logged_joins(articles: Sequence[Article], gold: Sequence[str], size: int) -> list[dict]:
    """Every join of two groups of `size`+ articles in `link_components`, with its measures."""
    features = [grouping_features(a) for a in articles]
    stats = count_terms(features)
    vectors = [vectorize(item, stats) for item in features]
    pairs, scores = linked_pairs(vectors)
    rows = {name: unit_rows(counts) for name, counts in term_sets(articles).items()}
    members = {index: [index] for index in range(len(articles))}
    joins: list[dict] = []

    def on_join(first: int, second: int, kind: str) -> None:
        one, two = members[first], members.pop(second)
        if min(len(one), len(two)) >= size:
            majority = [Counter(gold[i] for i in side).most_common(1)[0] for side in (one, two)]
            row = {
                "step": kind,
                "sizes": [len(one), len(two)],
                "gold": [label for label, _ in majority],
                "purity": [
                    round(n / len(side), 2)
                    for (_, n), side in zip(majority, (one, two), strict=True)
                ],
                "wrong": majority[0][0] != majority[1][0],
            }
            for name in SETS:
                row[name] = compare(rows[name], one, two)
            joins.append(row)
        one.extend(two)

    count = len(vectors)
    linked, similarity = components.neighbourhood_graph(count, pairs, scores)
    undated = [vector.day is None for vector in vectors]
    roots = components.average_linkage(
        count, linked, similarity, components.LINK_THRESHOLD, undated=undated, on_join=on_join
    )
    unit = components.fixed_rows(vectors)
    components.join_by_centroids(
        vectors, roots, pairs, components.CENTROID_THRESHOLD, unit=unit, on_join=on_join
    )
    return joins


def best_veto(joins: list[dict], name: str, measure: str) -> dict:
    """The bar that vetoes most wrong joins net of right ones (veto: value below the bar)."""
    valued = [(j[name][measure], j["wrong"]) for j in joins if j[name][measure] is not None]
    best = {"below": None, "wrong_vetoed": 0, "right_vetoed": 0}
    for bar in [*sorted({value for value, _ in valued}), float("inf")]:
        wrong = sum(flag and value < bar for value, flag in valued)
        right = sum(not flag and value < bar for value, flag in valued)
        if wrong - right > best["wrong_vetoed"] - best["right_vetoed"]:
            best = {"below": bar, "wrong_vetoed": wrong, "right_vetoed": right}
    return best


def summary(corpus: str, joins: list[dict]) -> dict:
    """Per measure: the wrong joins' values, the right joins' quartiles, the best veto."""
    wrong = [j for j in joins if j["wrong"]]
    right = [j for j in joins if not j["wrong"]]
    out: dict = {"corpus": corpus, "wrong_joins": len(wrong), "right_joins": len(right)}
    for name in SETS:
        for measure in MEASURES:
            good = [j[name][measure] for j in right if j[name][measure] is not None]
            out[f"{name}_{measure}"] = {
                "wrong": sorted(j[name][measure] for j in wrong if j[name][measure] is not None),
                "right_quartiles": np.round(np.percentile(good, [0, 25, 50, 75]), 3).tolist()
                if good
                else [],
                "best_veto": best_veto(joins, name, measure),
            }
    return out


def shared_documents(also: list[tuple[str, str]]) -> None:
    """DUC 2004's documents in two clusters, and the BCubed ceilings they set (`--shared`)."""
    clusters = duc_clusters()
    gold = [name for name, members in clusters for _ in members]
    ids = [article.id for _, members in clusters for article in members]
    first: dict[str, str] = {}
    for label, identifier in zip(gold, ids, strict=True):
        first.setdefault(identifier, label)
    bridged = Counter(
        tuple(sorted((first[i], label)))
        for label, i in zip(gold, ids, strict=True)
        if first[i] != label
    )
    parent = {name: name for name, _ in clusters}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    row: dict = {
        "documents_in_two_clusters": sum(bridged.values()),
        "bridged_pairs": {f"{a}+{b}": n for (a, b), n in bridged.items()},
        "bcubed_f1_gold_shared_read_once": round(bcubed(gold, [first[i] for i in ids])[2], 4),
    }
    for a, b in bridged:
        parent[root(b)] = root(a)
    row["bcubed_f1_bridged_pairs_joined"] = round(bcubed(gold, [root(g) for g in gold])[2], 4)
    if also:
        for a, b in also:
            parent[root(b)] = root(a)
        row["bcubed_f1_also_joined"] = round(bcubed(gold, [root(g) for g in gold])[2], 4)
    print(json.dumps({"corpus": "duc2004_gold", **row}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="duc2004,ecbplus,uci")
    parser.add_argument("--size", type=int, default=3)
    parser.add_argument("--log", type=Path, help="write every logged join here (JSON lines)")
    parser.add_argument("--shared", action="store_true", help="DUC's shared documents first")
    parser.add_argument("--also", default="", help="with --shared: more pairs joined, a+b,...")
    args = parser.parse_args()
    print(json.dumps({"benchmark": "seminal_joins", **machine()}), flush=True)
    if args.shared:
        shared_documents([tuple(p.split("+")) for p in args.also.split(",") if p])  # type: ignore[misc]
    log = args.log.open("w", encoding="utf-8") if args.log else None
    for name in filter(None, args.only.split(",")):
        corpus = LOADERS[name]()
        fit = corpus.parts[corpus.fit]  # the fit part as its own input
        articles = cleaned([corpus.articles[i] for i in fit])
        joins = logged_joins(articles, [corpus.gold[i] for i in fit], args.size)
        if log:
            for row in joins:
                log.write(json.dumps({"corpus": name, **row}) + "\n")
        print(json.dumps(summary(name, joins)), flush=True)


if __name__ == "__main__":
    main()
