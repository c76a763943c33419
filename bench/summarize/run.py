"""Score newsweave's summarizer against sumy LexRank, TextRank and a round-robin lead, side by side.

DUC 2004 (50 clusters, 4 references): ROUGE recall at 100 words, averaged over the references.
Multi-News test (truncated inputs, 1 reference): ROUGE F1 at 264 words, on the first 500 clusters
(the default, held out: the models were fitted on clusters 1000-5621, and the summarizer's
scalars chosen on 500-999 with `--clusters 500:1000`) or all 5,622.
Every system sees the same sentences: articles are read as records, cleaned and annotated by
newsweave's own stages, and every summary is cut to the first N words before scoring.

    .venv/bin/python bench/summarize/run.py [--dataset duc2004|multinews|both]
        [--all | --clusters START:END]
        [--systems newsweave,lead_rr,lexrank,textrank] [--cache-dir DIR] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import baselines
import scoring
from datasets import DUC2004, MULTINEWS, PROJECT, Cluster, load_clusters, read_records

import newsweave.stages.summary._table as table_module
from newsweave.model import Story
from newsweave.stages.summary import summarize_story

DUC_WORDS = 100
MULTINEWS_WORDS = 264
MULTINEWS_SAMPLE = 500
DUC_FIT = 25  # clusters 0-24 were used to fit the models; 25-49 are held out
SYSTEMS = ("newsweave", "lead_rr", "lexrank", "textrank")


class _Clock:
    """Time spent in the summarizer's embedding call (shared with other stages in a real run)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._embed = table_module.embed

    def __call__(self, texts):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return self._embed(texts)
        finally:
            self.seconds += time.perf_counter() - start


def newsweave(story: Story, words: int) -> str:
    return " ".join(item.text for item in summarize_story(story, words=words).summary)


def system(name: str) -> Callable[[Story, int], str]:
    if name == "newsweave":
        return newsweave
    if name == "lead_rr":
        return baselines.lead_round_robin
    if name == "lexrank":
        return baselines.lexrank()
    if name == "textrank":
        return baselines.textrank()
    raise SystemExit(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}")


def evaluate(clusters: list[Cluster], names: list[str], words: int) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for name in names:
        summarize = system(name)
        clock = _Clock()
        table_module.embed = clock  # type: ignore[assignment]
        per_cluster, lengths = [], []
        start = time.perf_counter()
        try:
            for cluster in clusters:
                text = scoring.truncate(summarize(cluster.story, words), words)
                lengths.append(len(text.split()))
                per_cluster.append(scoring.score(text, cluster.references))
        finally:
            table_module.embed = clock._embed  # type: ignore[assignment]
        seconds = time.perf_counter() - start
        results[name] = {
            "per_cluster": per_cluster,
            "seconds": seconds,
            "embed_seconds": clock.seconds,
            "mean_words": sum(lengths) / max(1, len(lengths)),
        }
        print(f"  {name}: {seconds:.0f} s", file=sys.stderr, flush=True)
    return results


def table(title: str, results: dict[str, dict], kind: str, parts: dict[str, slice]) -> str:
    """A markdown table: R-1/R-2/R-L of `kind` ("r" or "f") on each part of the clusters."""
    head = f"| System | {' | '.join(f'R-1 / R-2 / R-L ({p})' for p in parts)} | words | s/cluster |"
    lines = [f"**{title}**", "", head, "|---" * (len(parts) + 3) + "|"]
    for name, result in results.items():
        cells = []
        for part in parts.values():
            m = scoring.mean_scores(result["per_cluster"][part])
            cells.append(" / ".join(f"{m[x][kind]:.2f}" for x in scoring.METRICS))
        n = max(1, len(result["per_cluster"]))
        timing = f"{result['seconds'] / n:.2f}"
        if name == "newsweave":
            timing += f" ({(result['seconds'] - result['embed_seconds']) / n:.2f} w/o embedding)"
        lines.append(f"| {name} | {' | '.join(cells)} | {result['mean_words']:.0f} | {timing} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=("duc2004", "multinews", "both"), default="both")
    parser.add_argument("--all", action="store_true", help="all 5,622 Multi-News clusters")
    parser.add_argument(
        "--clusters", metavar="START:END", help="Multi-News clusters START to END-1 instead"
    )
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--cache-dir", type=Path, help="cache annotated clusters here")
    parser.add_argument("--out", type=Path, help="write per-cluster scores as JSON")
    args = parser.parse_args()
    names = [n.strip() for n in args.systems.split(",") if n.strip()]
    for name in names:
        system(name)  # fail now, not after the data is prepared

    commit = subprocess.run(
        ["git", "-C", str(PROJECT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    report: dict[str, dict] = {}
    tables = []
    if args.dataset in ("duc2004", "both"):
        clusters = load_clusters(read_records(DUC2004), cache_dir=args.cache_dir, cache_key="duc")
        results = evaluate(clusters, names, DUC_WORDS)
        parts = {
            "all 50": slice(None),
            "0-24, fit": slice(0, DUC_FIT),
            "25-49, held out": slice(DUC_FIT, None),
        }
        tables.append(
            table(
                f"DUC 2004, recall at {DUC_WORDS} words, mean of 4 references", results, "r", parts
            )
        )
        report["duc2004"] = results
    if args.dataset in ("multinews", "both"):
        if args.clusters:
            # Another range, e.g. 500:1000, where the summarizer's scalars were chosen.
            start, end = (int(x) for x in args.clusters.split(":"))
            records = read_records(MULTINEWS)[start:end]
            key, label = f"mn{start}-{end}", f"clusters {start}-{end - 1}"
        else:
            limit = None if args.all else MULTINEWS_SAMPLE
            records = read_records(MULTINEWS, limit=limit)
            key = f"mn{limit}"
            label = "all 5,622" if args.all else f"first {MULTINEWS_SAMPLE}"
        clusters = load_clusters(records, cache_dir=args.cache_dir, cache_key=key)
        results = evaluate(clusters, names, MULTINEWS_WORDS)
        tables.append(
            table(
                f"Multi-News test ({label}), F1 at {MULTINEWS_WORDS} words",
                results,
                "f",
                {label: slice(None)},
            )
        )
        report["multinews"] = results

    print(f"\ncommit {commit}, {platform.machine()}, python {platform.python_version()}\n")
    print("\n\n".join(tables))
    if args.out:
        args.out.write_text(json.dumps(report))


if __name__ == "__main__":
    main()
