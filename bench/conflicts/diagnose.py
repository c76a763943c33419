"""Where planted contradictions are lost: a breakdown of the misses of bench/conflicts/run.py.

Usage: python bench/conflicts/diagnose.py [--data FILE] [--split tune|held-out|all]
           [--cache DIR] [--show]

Each record is prepared and grouped as `newsweave analyze` does (cached in --cache, since
neither step is what this benchmark studies), then each story runs the story stages up to
`find_conflicts`. A missed contradiction is put in the first step that lost it:
- grouping: no article holding the old value is in the changed article's story;
- sentence: the changed sentence is not one of the story's alignable sentences;
- alignment: no sentence pair joins the changed sentence to a sentence holding the old value;
- gate: aligned, but too far apart for any check (`_close` / `_same_statement_otherwise`);
- slot: the value is not read on both sides (no quantity, no resolved date, no entity);
- rule: read on both sides, and a rule decided it was no conflict.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_data
from _stories import prepared_groups, until_conflicts
from run import _hits

from newsweave.model import Story
from newsweave.stages.claims._slots import quantities
from newsweave.stages.claims.conflicts import find_conflicts
from newsweave.stages.claims.conflicts._context import (
    _close,
    _same_statement_otherwise,
    _StoryContext,
)
from newsweave.stages.claims.conflicts._values import _weekdays_in


def story_of(group: list) -> Story:
    return find_conflicts(until_conflicts(group))


def where_lost(record: dict, stories: list[Story]) -> tuple[str, str]:
    planted = record["conflict"]
    changed, old = planted["changed"], planted["old"]
    story = next(s for s in stories if any(a.id == changed["article"] for a in s.articles))
    holders = [a for a in story.articles if a.id != changed["article"] and old in a.text]
    if not holders:
        return "grouping", ""
    article = story.article(changed["article"])
    at = article.text.find(changed["text"][:60])
    sentence = next(
        (
            p.a if p.a.article_id == article.id else p.b
            for p in story.alignments
            if (p.a if p.a.article_id == article.id else p.b).start
            <= at + 10
            < (p.a if p.a.article_id == article.id else p.b).end
            and article.id in (p.a.article_id, p.b.article_id)
        ),
        None,
    )
    if sentence is None:
        return "sentence", ""
    holder_ids = {a.id for a in holders}
    pairs = []
    for p in story.alignments:
        near, far = (
            (p.a, p.b) if p.a == sentence else (p.b, p.a) if p.b == sentence else (None, None)
        )
        if near is None or far.article_id not in holder_ids:
            continue
        if re.search(rf"\b{re.escape(old)}\b", story.quote(far)):
            pairs.append(p)
    if not pairs:
        return "alignment", ""
    context = _StoryContext(story)
    best = max(pairs, key=lambda p: p.cosine)
    text_a, text_b = story.quote(best.a), story.quote(best.b)
    note = f"cos {best.cosine:.2f} ov {best.overlap:.2f}"
    passed = [
        p
        for p in pairs
        if _close(p)
        or _same_statement_otherwise(
            story.quote(p.a), story.quote(p.b), context.names(p.a), context.names(p.b)
        )
    ]
    if not passed:
        return "gate", note
    best = max(passed, key=lambda p: p.cosine)
    text_a, text_b = story.quote(best.a), story.quote(best.b)
    kind = planted["kind"]
    if kind == "number":
        read = quantities(text_a) and quantities(text_b)
    elif kind == "weekday":
        read = (context.dates_in.get(best.a) or _weekdays_in(story, best.a)) and (
            context.dates_in.get(best.b) or _weekdays_in(story, best.b)
        )
    else:
        read = context.names(best.a) and context.names(best.b)
    return ("rule" if read else "slot"), note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path)
    parser.add_argument("--split", choices=["tune", "held-out", "all"], default="all")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsweave-conflicts-cache"))
    parser.add_argument("--show", action="store_true", help="print each miss and false alarm")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    path = args.data or shared_data("conflicts/duc2004-dev.jsonl")
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    bases = list(dict.fromkeys(r["id"].rsplit("-", 1)[0] for r in records))
    half = {base: ("tune" if i % 2 == 0 else "held-out") for i, base in enumerate(bases)}
    found, planted, lost = Counter(), Counter(), defaultdict(Counter)
    alarms: list[int] = []
    for record in records:
        if args.split != "all" and half[record["id"].rsplit("-", 1)[0]] != args.split:
            continue
        stories = [story_of(g) for g in prepared_groups(record, args.cache)]
        conflicts = [(c, s) for s in stories for c in s.conflicts]
        if record["conflict"] is None:
            alarms.append(len(conflicts))
            if args.show:
                for c, s in conflicts:
                    print(
                        f"  FA {record['id']} [{c.kind}] {s.quote(c.a)[:120]!r}\n"
                        f"        <> {s.quote(c.b)[:120]!r}\n        {c.explanation}"
                    )
            continue
        kind = record["conflict"]["kind"]
        planted[kind] += 1
        if any(_hits(c, record["conflict"], s) for c, s in conflicts):
            found[kind] += 1
            continue
        step, note = where_lost(record, stories)
        lost[kind][step] += 1
        if args.show:
            conflict = record["conflict"]
            print(
                f"  MISS {record['id']} [{step}] {note} {conflict['old']!r}->{conflict['new']!r}\n"
                f"        {conflict['changed']['text'][:150]!r}\n"
                f"        {conflict['counterpart']['text'][:150]!r}"
            )
    total = sum(planted.values())
    print(
        json.dumps(
            {
                "data": path.name,
                "split": args.split,
                "recall": round(sum(found.values()) / max(total, 1), 3),
                "found": sum(found.values()),
                "planted": total,
                "false_alarms_per_clean": round(sum(alarms) / max(len(alarms), 1), 2),
                "per_kind": {k: f"{found[k]}/{planted[k]}" for k in sorted(planted)},
                "lost": {k: dict(v) for k, v in lost.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
