"""Where two versions of the tense rule disagree, on real sentences (a reading aid, no labels).

    NEWSWEAVE_SHARED_DATA=../shared/data python bench/dates/tense_diff.py --before ../main/src

Each date phrase of DUC 2004 and the first 600 Multi-News test clusters is read in its sentence
(a rough split at sentence ends) by this tree's `tense_around` and by the one under `--before`;
every disagreement is printed for reading by hand.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
from pathlib import Path
from types import ModuleType

from newsweave.stages.dates import _find_date_phrases
from newsweave.stages.dates import _tense as this_tense

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[`\"\u201cA-Z])")


def _load(source_root: Path) -> ModuleType:
    path = source_root / "newsweave" / "stages" / "dates" / "_tense.py"
    spec = importlib.util.spec_from_file_location("tense_before", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: no tense module there")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _texts(data: Path, multinews_clusters: int) -> list[str]:
    texts = []
    with open(data / "mds" / "duc2004" / "test.jsonl", encoding="utf-8") as lines:
        for line in lines:
            texts += [d["text"] for d in json.loads(line)["documents"]]
    with open(data / "mds" / "multinews" / "test.jsonl", encoding="utf-8") as lines:
        for index, line in enumerate(lines):
            if index >= multinews_clusters:
                break
            texts += [d["text"] for d in json.loads(line)["documents"]]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the other tree's src/")
    parser.add_argument("--multinews-clusters", type=int, default=600)
    args = parser.parse_args()
    before = _load(args.before)
    data = Path(os.environ.get("NEWSWEAVE_SHARED_DATA", "../shared/data"))
    read = changed = 0
    for text in _texts(data, args.multinews_clusters):
        for sentence in _SENTENCE_END.split(text):
            for start, end in _find_date_phrases(sentence):
                expression = sentence[start:end]
                read += 1
                old = before.tense_around(expression, sentence).value
                new = this_tense.tense_around(expression, sentence).value
                if old != new:
                    changed += 1
                    print(f"{expression} | {old} -> {new} | {sentence[:300]}\n")
    print(f"{read} date phrases read, {changed} read in another tense")


if __name__ == "__main__":
    main()
