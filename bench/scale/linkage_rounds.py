"""Linking in rounds over partitions against linking in one process, on real corpora.

A component of the kept-pair graph past `LINK_ARTICLES` articles is linked by
`runners/linking.link_in_rounds` (rounds of reduce steps on an engine) instead of one reduce of
`link_components`; on real coverage one component holds nearly the whole corpus
(bench/scale/components.py), so at scale the rounds are what runs. This script links each
corpus's kept pairs both ways (the rounds on the local engine, the whole corpus as one
component) and prints the stories of each, whether they are the same article for article, the
rounds each step took, and the time of each.

Usage (figures in docs/benchmarks.md, Scale-out):
  NEWSWEAVE_DATA=../shared/data python bench/scale/linkage_rounds.py [--only uci,duc2004]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from components import CORPORA, kept_graph  # noqa: E402

from newsweave.runners import linking  # noqa: E402
from newsweave.runners.local import LocalEngine  # noqa: E402
from newsweave.runners.records import pack_vector  # noqa: E402
from newsweave.stages.grouping.components import link_components  # noqa: E402


def partition(labels: list[str] | list[int]) -> set[tuple[int, ...]]:
    groups: dict[object, list[int]] = {}
    for item, label in enumerate(labels):
        groups.setdefault(label, []).append(item)
    return {tuple(group) for group in groups.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(CORPORA))
    options = parser.parse_args()
    print("corpus        articles  pairs     stories one / rounds  same  rounds (link, centroid)"
          "  seconds one / rounds")
    for name in options.only.split(","):
        vectors, pairs, scores = kept_graph(CORPORA[name])
        start = time.process_time()
        one = partition(link_components(vectors, pairs, scores))
        one_seconds = time.process_time() - start
        engine = LocalEngine()
        articles = engine.from_rows(
            [
                {"id": f"{i:08d}", "seq": i, "vector": pack_vector(v)}
                for i, v in enumerate(vectors)
            ],
            linking.ARTICLES,
        )
        kept = engine.from_rows(
            [
                {"sa": int(a), "sb": int(b), "score": float(s)}
                for (a, b), s in zip(pairs.tolist(), scores.tolist(), strict=True)
            ],
            linking.LINKED,
        )
        start = time.process_time()
        stories, rounds = linking.link_in_rounds(engine, articles, kept)
        rows = engine.rows(stories)
        rounds_seconds = time.process_time() - start
        story = {int(row["id"]): row["story"] for row in rows}
        in_rounds = partition([story[i] for i in range(len(vectors))])
        print(
            f"{name:<13} {len(vectors):>8}  {len(pairs):>8}  {len(one):>7} / {len(in_rounds):<6}"
            f"  {'yes' if one == in_rounds else 'NO':>4}  {rounds['linkage']:>6}, "
            f"{rounds['centroid']:<8}  {one_seconds:>10.1f} / {rounds_seconds:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
