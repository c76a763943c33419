"""What the conflict stage flags in the untouched records of a planted set, for reading by hand.

    NEWSWEAVE_SHARED_DATA=../shared/data python bench/conflicts/flagged.py \\
        --data ../shared/data/conflicts/ecbplus-dev.jsonl --cache DIR --out FLAGGED.jsonl

The data's README: "Real coverage does disagree ... so this is not all error; read what is
flagged." Each conflict found in an untouched record (the cluster as published) is written with
both sentences in full, its kind and explanation, one JSON object per line, for a reader to
mark `"verdict": "disagree"` (the outlets state two values of one fact about one event) or
`"false"`; `bench/conflicts/flagged-labels.jsonl` keeps the verdicts, and `run.py` reports the
false alarms without the flagged disagreements beside the raw count. Stories come from the
cache `compare.py` and `diagnose.py` share (`_stories.py`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _stories import records_of, stories_until_conflicts  # noqa: E402

from newsweave.stages.claims.conflicts import find_conflicts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--split", choices=["tune", "held-out", "all"], default="all")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsweave-conflicts-cache"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    written = 0
    with args.out.open("w", encoding="utf-8") as out:
        for record in records_of(args.data, args.split):
            if record["conflict"] is not None:
                continue
            for story in stories_until_conflicts(record, args.cache):
                for conflict in find_conflicts(story).conflicts:
                    a, b = sorted((story.quote(conflict.a), story.quote(conflict.b)))
                    row = {"record": record["id"], "kind": conflict.kind, "a": a, "b": b,
                           "explanation": conflict.explanation}  # fmt: skip
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    written += 1
    print(f"{written} flagged in the untouched records of {args.data.name} ({args.split})")


if __name__ == "__main__":
    main()
