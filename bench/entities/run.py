"""Names benchmark: which NER mentions newsweave merges into one entity, against hand labels.

Reads the sampled clusters (sample.py) from ../shared/data, runs each through `analyze` as a user
gets it (no flags; grouping may split a cluster) and, as a component figure, with all of a
cluster's articles in one story, then scores against labels/<split>.tsv:

- merges: every pair of differently written mentions of one cluster (each pair of spellings
  counted once) is a merge decision; precision and recall of the pairs put in one entity.
- junk shown: share of mentions labelled '-' (headings, bylines, page debris) shown as entities.
- type: share of labelled mentions (named people, organisations, places) shown under their type.

Baselines in the same run, over the same NER mentions: the entities stage as it was before this
work (read from git at commit `BEFORE`), merging identical strings (which by construction merges
no differently written pair), and merging strings equal once case, a leading "the" and a
possessive are dropped.

    NEWSWEAVE_SHARED_DATA=../shared/data .venv/bin/python bench/entities/run.py [--split test]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from types import ModuleType

from sample import HERE, clusters

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import stamp

from newsweave.model import Report
from newsweave.pipeline import analyze
from newsweave.stages.entities import ENTITY_LABELS

BEFORE = "7d835ca"  # main before issue 16's names work
# (cluster, article, start) -> (entity key, type) as a system shows the mention; absent: not shown
Shown = dict[tuple[str, str, int], tuple[str, str]]


def _labels(split: str) -> list[dict[str, str]]:
    with (HERE / "labels" / f"{split}.tsv").open() as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _locate(text: str, surface: str, left: str) -> int | None:
    """Where the labelled mention sits in the text: the occurrence whose left context fits best."""
    best, best_score = None, 0.0
    for match in re.finditer(re.escape(surface), text):
        before = text[max(0, match.start() - len(left)) : match.start()].replace("\n", " ")
        score = difflib.SequenceMatcher(None, before, left).ratio() if left else 1.0
        if score > best_score:
            best, best_score = match.start(), score
    return best


def _shown_by_newsweave(cluster_id: str, report: Report) -> tuple[Shown, dict[str, str]]:
    shown: Shown = {}
    for story_index, story in enumerate(report.stories):
        for entity_index, entity in enumerate(story.entities):
            for span in entity.mentions:
                key = f"{story_index}:{entity_index}"
                shown[(cluster_id, span.article_id, span.start)] = (key, entity.type)
                for offset in range(span.start + 1, span.end):  # a mention trimmed at its start
                    shown.setdefault((cluster_id, span.article_id, offset), (key, entity.type))
    texts = {a.id: a.text for story in report.stories for a in story.articles}
    return shown, texts


def _shown_by_strings(cluster_id: str, report: Report, key: Callable[[str], str]) -> Shown:
    """The baseline: every NER mention shown, grouped by `key` of its words, typed by spaCy."""
    shown: Shown = {}
    for story_index, story in enumerate(report.stories):
        for article in story.articles:
            for mention in article.mentions:
                if mention.label in ENTITY_LABELS:
                    words = article.quote(mention.span)
                    start = mention.span.start
                    shown[(cluster_id, article.id, start)] = (
                        f"{story_index}:{key(words)}",
                        mention.label,
                    )
    return shown


def _normalised(words: str) -> str:
    words = re.sub(r"['’]s$", "", words.strip())
    return re.sub(r"^the\s+", "", words, flags=re.IGNORECASE).casefold()


def _score(
    rows: list[dict[str, str]],
    positions: dict[int, int | None],
    shown: Shown,
    verbose: bool = False,
) -> dict[str, float]:
    def holder(index: int) -> tuple[str, str] | None:
        row, start = rows[index], positions[index]
        if start is None:
            return None
        found = shown.get((row["cluster"], row["article"], start))
        if found is None:  # the system's mention may start a little later ("Foreign Minister X")
            for offset in range(start, start + len(row["surface"])):
                found = shown.get((row["cluster"], row["article"], offset))
                if found:
                    break
        return found

    holders = {i: holder(i) for i in range(len(rows))}
    named = [i for i, row in enumerate(rows) if row["entity"] != "-"]
    votes: dict[tuple[str, str, str], list[tuple[bool, bool]]] = defaultdict(list)
    for i, j in combinations(named, 2):
        a, b = rows[i], rows[j]
        if a["cluster"] != b["cluster"] or a["surface"] == b["surface"]:
            continue
        pair = (a["cluster"], *sorted((a["surface"], b["surface"])))
        gold = a["entity"] == b["entity"]
        merged = holders[i] is not None and holders[i][0] == (holders[j] or ("", ""))[0]
        votes[pair].append((gold, merged))
    gold_pairs = predicted = correct = 0
    for pair, decisions in votes.items():
        gold = sum(g for g, _ in decisions) * 2 > len(decisions)
        merged = sum(m for _, m in decisions) * 2 > len(decisions)
        if verbose and gold != merged:
            print(f"  {'missed' if gold else 'wrong'} merge: {pair}")
        gold_pairs += gold
        predicted += merged
        correct += gold and merged
    junk = [i for i, row in enumerate(rows) if row["entity"] == "-"]
    if verbose:
        for i in junk:
            if holders[i] is not None:
                print(f"  junk shown: {rows[i]['cluster']} {rows[i]['surface']!r}")
        for i in named:
            if rows[i]["type"] != "OTHER" and (holders[i] or ("", ""))[1] != rows[i]["type"]:
                found = holders[i] and holders[i][1]
                print(f"  type {found} for {rows[i]['type']}: {rows[i]['surface']!r}")
    typed = [i for i in named if rows[i]["type"] != "OTHER"]
    return {
        "merge_precision": correct / predicted if predicted else float("nan"),
        "merge_recall": correct / max(1, gold_pairs),
        "merge_pairs": gold_pairs,
        "decisions": len(votes),
        "junk_shown": sum(holders[i] is not None for i in junk) / max(1, len(junk)),
        "junk": len(junk),
        "type_accuracy": sum(
            holders[i] is not None and holders[i][1] == rows[i]["type"] for i in typed
        )
        / max(1, len(typed)),
        "typed": len(typed),
    }


def _entities_before() -> ModuleType | None:
    """The entities stage as it was before issue 16, read from git, as a baseline."""
    try:
        source = subprocess.run(
            ["git", "show", f"{BEFORE}:src/newsweave/stages/entities.py"],
            cwd=HERE,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        print(f"(no git history: the baseline of commit {BEFORE} is left out)")
        return None
    module = ModuleType("entities_before")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"entities@{BEFORE}", "exec"), module.__dict__)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    splits = [
        *("dev", "test", "holdout", "fresh", "final", "blind", "sealed", "novel", "pristine"),
        *("untouched", "unopened", "virgin", "maiden", "newborn", "firstborn", "unborn"),
        *("newest", "latest"),
    ]
    parser.add_argument("--split", choices=splits, default="test")
    parser.add_argument("--verbose", action="store_true", help="list the component's errors")
    arguments = parser.parse_args()
    split = arguments.split
    rows = _labels(split)
    systems: dict[str, Shown] = defaultdict(dict)
    texts: dict[tuple[str, str], str] = {}
    before = _entities_before()
    started = time.perf_counter()
    for cluster in (c for c in clusters() if c["split"] == split):
        for mode, one_story in (("newsweave analyze", False), ("newsweave, one story", True)):
            report = analyze(cluster["articles"], one_story=one_story)
            shown, cluster_texts = _shown_by_newsweave(cluster["id"], report)
            systems[mode].update(shown)
            if one_story:
                texts.update({(cluster["id"], a): t for a, t in cluster_texts.items()})
                systems["baseline: identical strings"].update(
                    _shown_by_strings(cluster["id"], report, lambda w: w)
                )
                systems["baseline: case, 'the', 's folded"].update(
                    _shown_by_strings(cluster["id"], report, _normalised)
                )
                if before is not None:
                    old = replace(
                        report,
                        stories=tuple(before.add_entities(story) for story in report.stories),
                    )
                    systems[f"baseline: entities at {BEFORE}"].update(
                        _shown_by_newsweave(cluster["id"], old)[0]
                    )
    positions = {
        i: _locate(texts.get((row["cluster"], row["article"]), ""), row["surface"], row["left"])
        for i, row in enumerate(rows)
    }
    lost = sum(p is None for p in positions.values())
    print(json.dumps({**stamp(), "split": split, "mentions": len(rows), "not_found": lost}))
    print(f"{'system':34} {'merge P':>8} {'merge R':>8} {'junk shown':>11} {'type acc':>9}")
    for name, shown in systems.items():
        s = _score(rows, positions, shown, arguments.verbose and name == "newsweave, one story")
        print(
            f"{name:34} {s['merge_precision']:8.3f} {s['merge_recall']:8.3f} "
            f"{s['junk_shown']:11.3f} {s['type_accuracy']:9.3f}"
        )
    counts = _score(rows, positions, {})
    print(
        f"({counts['decisions']} spelling-pair decisions, {counts['merge_pairs']} of them merges; "
        f"{counts['junk']} junk mentions; {counts['typed']} typed mentions; "
        f"{time.perf_counter() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
