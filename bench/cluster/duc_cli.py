"""DUC 2004 grouping through the real `newsweave analyze` command, as a user runs it.

Each cluster's ten articles are written to one JSON Lines file (id, text, published date,
source), and `python -m newsweave analyze FILE --json report.json` is run with no other flag.
(a) Each cluster alone: is it one story? (b) with `--mixed`: all chosen clusters in one input,
BCubed P/R/F1 of the stories against the clusters. Parts as in corpora.py: clusters 1-25 are
the fit half, 26-50 the held-out half (the default).

With each cluster alone, the summary a user reads is scored too: the summary of the biggest
story of the report (all of it when the cluster is one story), ROUGE-2 recall at 100 words
against the cluster's four references, as bench/summarize scores `summarize_story` (needs
bench/summarize/requirements.txt).

Usage: python bench/cluster/duc_cli.py [--part held_out|fit|all] [--mixed] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import bcubed, machine
from corpora import DUC, duc_clusters

sys.path.insert(0, str(Path(__file__).parents[1] / "summarize"))
from scoring import score, truncate

ROOT = Path(__file__).resolve().parents[2]


def write_jsonl(path: Path, articles: list) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            record = {
                "id": article.id,
                "text": article.raw_text,
                "source": article.source,
                "published": article.published.isoformat() if article.published else None,
            }
            handle.write(json.dumps(record) + "\n")


def analyze(path: Path, folder: Path) -> list[dict]:
    """The stories of one `newsweave analyze` run, as the report's JSON objects."""
    report = folder / f"{path.stem}.report.json"
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run(
        [sys.executable, "-m", "newsweave", "analyze", str(path), "--json", str(report), "--quiet"],
        check=False,
        env=environment,
        capture_output=True,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    return list(data["stories"])


def ids(story: dict) -> list[str]:
    return [a["id"] for a in story["articles"]]


def references() -> dict[str, list[str]]:
    with DUC.open(encoding="utf-8") as handle:
        return {c["id"]: c["references"] for c in map(json.loads, handle)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=("held_out", "fit", "all"), default="held_out")
    parser.add_argument("--mixed", action="store_true")
    parser.add_argument("--limit", type=int, help="only the first N clusters of the part")
    args = parser.parse_args()
    clusters = duc_clusters()
    half = len(clusters) // 2
    chosen = {
        "fit": clusters[:half],
        "held_out": clusters[half:],
        "all": clusters,
    }[args.part][: args.limit]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.mixed:
            path = folder / "mixed.jsonl"
            write_jsonl(path, [a for _, members in chosen for a in members])
            stories = analyze(path, folder)
            story_of = {aid: n for n, story in enumerate(stories) for aid in ids(story)}
            gold = [name for name, members in chosen for _ in members]
            found = [story_of.get(a.id, f"missing:{a.id}") for _, m in chosen for a in m]
            precision, recall, f1 = bcubed(gold, found)
            result = {
                "bcubed_p": round(precision, 4),
                "bcubed_r": round(recall, 4),
                "bcubed_f1": round(f1, 4),
                "stories": len(stories),
                "clusters": len(chosen),
            }
        else:
            whole, recalls = [], []
            wanted = references()
            for name, members in chosen:
                path = folder / f"{name}.jsonl"
                write_jsonl(path, members)
                stories = analyze(path, folder)
                whole.append(len(stories) == 1)
                biggest = max(stories, key=lambda story: len(story["articles"]))
                summary = " ".join(item["text"] for item in biggest["summary"])
                recalls.append(score(truncate(summary, 100), wanted[name])["rouge2"]["r"])
            result = {
                "kept_whole": f"{sum(whole)}/{len(whole)}",
                "summary_r2_recall_100_words": round(100 * sum(recalls) / len(recalls), 2),
            }
    print(
        json.dumps(
            {
                "benchmark": "duc2004_grouping_cli",
                "part": args.part,
                "mixed": args.mixed,
                **result,
                "seconds": round(time.perf_counter() - started, 1),
                **machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
