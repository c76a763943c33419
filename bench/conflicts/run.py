"""Score conflict detection on the planted-contradiction set (../shared/data/conflicts).

Usage: python bench/conflicts/run.py [--data FILE] [--grouping cli|one-story]
           [--split tune|held-out|all] [--naive] [--show-false-alarms]

--data: a set built by this recipe (default ../shared/data/conflicts/duc2004-dev.jsonl; also
ecbplus-dev.jsonl, or a set from bench/conflicts/plant.py). --grouping cli (the default) runs
each record as `newsweave analyze` with no flags does, grouping its articles into stories, so a
contradiction whose two sides land in two stories is missed; one-story treats the record as one
story (the component figure).

Each record is one DUC 2004 cluster (10 AP/NYT articles), either untouched or with ONE sentence
of ONE article changed to contradict another article. As the data's README says how to score:
- recall: changed clusters where a reported conflict has one side overlapping the changed
  sentence and the other side in another article whose text holds the old value;
- false alarms: conflicts reported per untouched cluster.
The split: clusters are halved by their position in the file (even = tune, odd = held-out), so
the figure is reported on clusters the thresholds were not tuned on as well.

`--naive` runs, in the same process on the same alignment, the rule the issue quotes as the
baseline: flag aligned sentences whose numbers, names or weekdays differ.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_data, stamp  # noqa: E402

from newsweave.model import Conflict, Story  # noqa: E402
from newsweave.pipeline import analyze  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a planted-conflict set (jsonl)")
    parser.add_argument("--grouping", choices=["cli", "one-story"], default="cli")
    parser.add_argument("--split", choices=["tune", "held-out", "all"], default="all")
    parser.add_argument("--naive", action="store_true", help="also score the naive baseline rule")
    parser.add_argument("--show-false-alarms", action="store_true")
    parser.add_argument(
        "--log", type=Path, help="rewrite the running figures here after each record"
    )
    parser.add_argument(
        "--flagged-labels",
        type=Path,
        default=Path(__file__).resolve().parent / "flagged-labels.jsonl",
        help="verdicts on what was flagged in untouched records (see flagged.py)",
    )
    args = parser.parse_args()
    read = _read_disagreements(args.flagged_labels)

    path = args.data or shared_data("conflicts/duc2004-dev.jsonl")
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    bases = list(dict.fromkeys(r["id"].rsplit("-", 1)[0] for r in records))
    half = {base: ("tune" if i % 2 == 0 else "held-out") for i, base in enumerate(bases)}

    results: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    started = time.perf_counter()
    for record in records:
        split = half[record["id"].rsplit("-", 1)[0]]
        if args.split != "all" and split != args.split:
            continue
        story = _story(record, one_story=args.grouping == "one-story")
        systems = {"newsweave": list(story.conflicts)}
        if args.naive:
            systems["naive rule"] = _naive_conflicts(story)
        for system, conflicts in systems.items():
            for bucket in (split, "all"):
                results[system][bucket].append((record, story, conflicts))
        if args.log:  # a long run under load can be read before it ends
            lines = [
                _figures(system, bucket, rows, read)
                for system, buckets in results.items()
                for bucket, rows in buckets.items()
            ]
            done = sum(1 for _ in results["newsweave"]["all"])
            args.log.write_text(f"{done} records\n" + "\n".join(lines) + "\n", encoding="utf-8")
    elapsed = time.perf_counter() - started

    print(
        json.dumps(
            {
                "benchmark": "conflicts",
                "data": path.name,
                "grouping": args.grouping,
                **stamp(),
                "seconds": round(elapsed, 1),
            }
        )
    )
    print(
        f"{'system':<12} {'split':<9} {'recall':>7} {'found/planted':>14} {'false alarms/clean':>19}   per kind (found/planted)"
    )
    for system, buckets in results.items():
        for bucket in ("tune", "held-out", "all"):
            if bucket in buckets:
                _report(
                    system,
                    bucket,
                    buckets[bucket],
                    args.show_false_alarms and system == "newsweave" and bucket == "all",
                    read,
                )


def _story(record: dict, *, one_story: bool) -> Story:
    """The record's analysis as one story: with real grouping, the stories the articles fell
    into are joined back (their conflicts, alignments and articles), as a reader of the whole
    report would see them; a conflict is only found inside one story."""
    articles = [
        {
            "id": d["id"],
            "text": d["text"],
            "title": d.get("title") or None,
            "published": d.get("date"),
            "source": d.get("source") or d["id"],
        }
        for d in record["documents"]
    ]
    stories = analyze(articles, one_story=one_story).stories
    if len(stories) == 1:
        return stories[0]
    return Story(
        id=record["id"],
        title=record["id"],
        articles=tuple(a for s in stories for a in s.articles),
        alignments=tuple(p for s in stories for p in s.alignments),
        conflicts=tuple(c for s in stories for c in s.conflicts),
    )


def _report(system: str, bucket: str, rows: list, show: bool, read: frozenset) -> None:
    if show:
        for record, story, conflicts in rows:
            if record["conflict"] is None:
                for c in conflicts:
                    print(
                        f"  FALSE ALARM {record['id']} [{c.kind}] {story.quote(c.a)[:110]!r} <> {story.quote(c.b)[:110]!r}"
                    )
    print(_figures(system, bucket, rows, read))


def _read_disagreements(path: Path) -> frozenset[tuple[str, str, str]]:
    """Pairs flagged in untouched records that a reader marked as the outlets' real
    disagreement (`flagged-labels.jsonl`): the data's README says clean clusters disagree too."""
    if not path.exists():
        return frozenset()
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return frozenset((r["record"], r["a"], r["b"]) for r in rows if r["verdict"] == "disagree")


def _figures(system: str, bucket: str, rows: list, read: frozenset = frozenset()) -> str:
    planted = Counter()
    found = Counter()
    alarms = []
    disagreements = 0
    for record, story, conflicts in rows:
        conflict = record["conflict"]
        if conflict is None:
            alarms.append(len(conflicts))
            disagreements += sum(
                (record["id"], *sorted((story.quote(c.a), story.quote(c.b)))) in read
                for c in conflicts
            )
            continue
        planted[conflict["kind"]] += 1
        if any(_hits(c, conflict, story) for c in conflicts):
            found[conflict["kind"]] += 1
    total_planted, total_found = sum(planted.values()), sum(found.values())
    recall = total_found / total_planted if total_planted else 0.0
    per_clean = sum(alarms) / len(alarms) if alarms else 0.0
    kinds = "  ".join(f"{k} {found[k]}/{planted[k]}" for k in sorted(planted))
    without = (
        f"; without the {disagreements} read as real disagreements "
        f"{(sum(alarms) - disagreements) / len(alarms):.2f}"
        if disagreements and alarms
        else ""
    )
    return (
        f"{system:<12} {bucket:<9} {recall:>7.3f} {f'{total_found}/{total_planted}':>14} "
        f"{per_clean:>19.2f}   {kinds}  ({len(alarms)} untouched{without})"
    )


def _hits(conflict: Conflict, planted: dict, story: Story) -> bool:
    changed = planted["changed"]
    for near, far in ((conflict.a, conflict.b), (conflict.b, conflict.a)):
        if near.article_id != changed["article"] or far.article_id == changed["article"]:
            continue
        article = story.article(near.article_id)
        sentence_at = article.text.find(changed["text"][:60])
        if sentence_at < 0:
            continue
        overlaps = near.start < sentence_at + len(changed["text"]) and sentence_at < near.end
        if overlaps and planted["old"] in story.article(far.article_id).text:
            return True
    return False


def _naive_conflicts(story: Story) -> list[Conflict]:
    """The baseline: any aligned pair whose numbers, capitalised names or weekdays differ."""
    found = []
    for pair in story.alignments:
        if not pair.level.is_same_statement:
            continue  # the rule works on aligned statements, not on merely related sentences
        a, b = story.quote(pair.a), story.quote(pair.b)
        for kind, pattern in (
            ("number", r"\d[\d,.]*"),
            ("name", r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*"),
            ("weekday", r"\b\w+day\b"),
        ):
            if (
                set(re.findall(pattern, a)) ^ set(re.findall(pattern, b))
                and re.findall(pattern, a)
                and re.findall(pattern, b)
            ):
                found.append(Conflict(kind, pair.a, pair.b, "values differ"))
                break
    return found


if __name__ == "__main__":
    main()
