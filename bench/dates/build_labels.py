"""Turn the hand annotations into `expressions.jsonl`, the labelled set the benchmark reads.

`annotations.txt` has one line per line of `candidates.jsonl`: its number and either `x` (not a
point or period in time: a duration, an age, a set, a vague or cut expression) or the value. A
value is written as ISO at its precision (2009-05-07, 2009-05, 2009, wk:<a day of that week>) or
as a shorthand whose direction the annotator chose from the context, turned into ISO here by
calendar arithmetic on the reference date:
    wd-/wd+   the weekday named, on or before / on or after the reference date
    md-/md+   the month and day named, on or before / on or after it
    m-/m+     the month named, on or before / on or after the reference month
    d0, d-1   the reference date, the day before;  tw, lw   this week, last week
    ty, ly, ny  this, last, next year;  lm, nm   last, next month
Articles go whole to the dev or the test split (half each, by a hash of the article id).

    python bench/dates/build_labels.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def week(day: dt.date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def month_shift(day: dt.date, shift: int) -> str:
    months = day.year * 12 + day.month - 1 + shift
    return f"{months // 12}-{months % 12 + 1:02d}"


def named_month(expression: str) -> int:
    match = re.search(r"(?i)\b(" + "|".join(MONTHS) + r")", expression)
    assert match, expression
    return MONTHS.index(match[1].lower()) + 1


def value_of(label: str, expression: str, reference: dt.date) -> str:
    if label.startswith("wk:"):
        return week(dt.date.fromisoformat(label[3:]))
    if re.fullmatch(r"\d{4}(-\d\d){0,2}", label):
        return label
    if label in ("wd-", "wd+"):
        match = re.search(r"(?i)\b(" + "|".join(WEEKDAYS) + r")", expression)
        assert match, expression
        target = WEEKDAYS.index(match[1].lower())
        step = -1 if label == "wd-" else 1
        day = reference
        while day.weekday() != target:
            day += dt.timedelta(days=step)
        return day.isoformat()
    if label in ("md-", "md+"):
        month = named_month(expression)
        day_number = int(re.search(r"\b(\d{1,2})\b", expression)[1])
        year = reference.year
        candidate = dt.date(year, month, day_number)
        if label == "md-" and candidate > reference:
            candidate = dt.date(year - 1, month, day_number)
        if label == "md+" and candidate < reference:
            candidate = dt.date(year + 1, month, day_number)
        return candidate.isoformat()
    if label in ("m-", "m+"):
        month = named_month(expression)
        year = reference.year
        if label == "m-" and month > reference.month:
            year -= 1
        if label == "m+" and month < reference.month:
            year += 1
        return f"{year}-{month:02d}"
    shorthands = {
        "d0": lambda: reference.isoformat(),
        "d-1": lambda: (reference - dt.timedelta(days=1)).isoformat(),
        "tw": lambda: week(reference),
        "lw": lambda: week(reference - dt.timedelta(days=7)),
        "ty": lambda: str(reference.year),
        "ly": lambda: str(reference.year - 1),
        "ny": lambda: str(reference.year + 1),
        "lm": lambda: month_shift(reference, -1),
        "nm": lambda: month_shift(reference, 1),
    }
    return shorthands[label]()


def split_of(doc_id: str) -> str:
    return "test" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 else "dev"


def main() -> None:
    candidates = [json.loads(line) for line in (HERE / "candidates.jsonl").open(encoding="utf-8")]
    labels = dict(
        line.split(" ", 1) for line in (HERE / "annotations.txt").read_text().splitlines()
    )
    records = []
    for number, candidate in enumerate(candidates):
        label = labels[str(number)].strip()
        if label == "x":
            continue
        reference = dt.date.fromisoformat(candidate["reference"])
        start = candidate["sentence"].find(candidate["expression"])
        records.append(
            {
                **candidate,
                "start": start,
                "end": start + len(candidate["expression"]),
                "value": value_of(label, candidate["expression"], reference),
                "split": split_of(candidate["doc_id"]),
            }
        )
    with (HERE / "expressions.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    test = sum(record["split"] == "test" for record in records)
    print(f"{len(records)} labelled expressions: {len(records) - test} dev, {test} test")


if __name__ == "__main__":
    main()
