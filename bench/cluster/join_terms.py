"""Which terms carry each centroid join, and how many groups each of them spans.

The corpus is cleaned and grouped as `analyze` groups it (as centroid_joins.py does). After the
linkage step, each term's *group count* is the number of groups (of any size) holding an article
with that term; the groups of two or more are counted apart (`spread2`). Each centroid join is
then replayed with its shared terms (read back from the hashes), each term's share of the two
means' dot and its group counts, and whether the join is wrong (majority gold stories differ;
only fit articles' gold is read).

Printed: one JSON row per fit join (`--wrong`: only the wrong ones), then, for right and wrong
joins, the quartiles of the dot share carried by terms spanning at least k groups, for a few k.

Usage: python bench/cluster/join_terms.py [--corpus uci] [--wrong] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import join_record, machine
from linkage_fit import join_means, linkage_of

from newsweave.stages.grouping import components
from newsweave.stages.grouping.features import extract_terms
from newsweave.stages.grouping.means import fixed_rows

SPANS = (2, 4, 8, 16, 32, 64)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", default="uci")
    parser.add_argument("--wrong", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="only the summary")
    args = parser.parse_args()
    print(json.dumps({"benchmark": "join_terms", **machine()}), flush=True)
    linkage = linkage_of(args.corpus)
    articles, vectors, gold, pairs = linkage.articles, linkage.vectors, linkage.gold, linkage.pairs
    members, count, stats = linkage.members, linkage.count, linkage.stats
    roots = components._roots(np.array(linkage.roots))
    names: dict[int, str] = {}
    for i in linkage.kept:
        a = articles[i]
        for term in extract_terms(a.title, a.text or a.raw_text):
            names[zlib.crc32(term.encode())] = term
    spread: Counter[int] = Counter()
    spread2: Counter[int] = Counter()
    for group in members.values():
        terms = set(np.concatenate([vectors[i].terms for i in group]).tolist())
        spread.update(terms)
        if len(group) > 1:
            spread2.update(terms)
    unit = fixed_rows(vectors)
    columns = np.unique(np.concatenate([v.terms for v in vectors]))
    rows: list[dict] = []
    frequency = stats.frequencies.get

    def on_join(kept_root: int, absorbed: int, kind: str) -> None:
        first, second = members[kept_root], members.pop(absorbed)
        means = join_means(count, unit, first, second)
        products = np.asarray(means[1].multiply(means[2]).todense()).ravel().astype(float)
        total = products.sum()
        order = np.argsort(-products)
        shared = [
            (int(columns[c]), products[c] / total) for c in order if products[c] > 0
        ]
        record, gold_first, gold_second = join_record(kind, first, second, gold)
        rows.append({
            **record,
            "pairs_wrong": _two_story_pairs(gold_first, gold_second),
            "dot": float(total) / float(1 << 40),
            "terms": [
                [names.get(t, str(t)), round(s, 3), spread[t], spread2[t], frequency(t, 1)]
                for t, s in shared[:6]
            ],
            "shares": {
                str(k): round(sum(s for t, s in shared if spread[t] >= k), 3) for k in SPANS
            },
            "shares2": {
                str(k): round(sum(s for t, s in shared if spread2[t] >= k), 3) for k in SPANS
            },
        })
        members[kept_root] = first + second

    components.join_by_centroids(
        vectors, roots.tolist(), pairs, components.CENTROID_THRESHOLD, unit=unit, on_join=on_join
    )
    fit_rows = [row for row in rows if row["fit"] and row["kind"] == "centroid"]
    if not args.quiet:
        for row in fit_rows:
            if row["wrong"] or not args.wrong:
                print(json.dumps(row), flush=True)
    summary: dict[str, dict] = {
        "groups": {"all": len(members) + len(rows), "of two or more": sum(
            1 for g in set(roots.tolist()) if (roots == g).sum() > 1
        )},
    }
    for label, key in (("spread", "shares"), ("spread2", "shares2")):
        for verdict in (False, True):
            chosen = [r for r in fit_rows if r["wrong"] == verdict]
            summary[f"{label} {'wrong' if verdict else 'right'} ({len(chosen)})"] = {
                k: np.percentile([r[key][str(k)] for r in chosen], [25, 50, 75]).round(3).tolist()
                for k in SPANS
            }
    print(json.dumps(summary), flush=True)


def _two_story_pairs(first: Counter, second: Counter) -> int:
    # Pairs of one article from each side whose gold stories differ (fit articles only).
    same = sum(first[s] * second[s] for s in first)
    return sum(first.values()) * sum(second.values()) - same


if __name__ == "__main__":
    main()
