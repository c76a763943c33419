"""Developments against ECB+'s two events per topic: one story, its steps never mix the events.

    NEWSWEAVE_DATA=../shared/data python bench/developments/ecbplus.py --split train --bars 0.5,0.6,0.7
    NEWSWEAVE_DATA=../shared/data python bench/developments/ecbplus.py --split dev

Each ECB+ topic holds two different events of one kind (two earthquakes, two arrests of one
actor), each told by several articles. The topic's articles go through `newsweave.analyze` with
`one_story=True`, so the story stages see both events in one story; its developments should keep
the two apart (BCubed precision against the events) and tell each event as few steps as its
coverage allows (recall; an event's coverage holds real follow-ups, so recall below 1 is
expected). ECB+ texts carry no dates: this measures the meaning test alone. Baselines from the
same stories: every article its own development, and one development per story. `--bars` re-runs
the stage at other cosine bars on the same stories (fit on train, read dev once).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cluster"))

from common import ECB_DEV, ECB_TRAIN, bcubed, load_ecbplus, machine  # noqa: E402

import newsweave  # noqa: E402
from newsweave.model import Story  # noqa: E402
from newsweave.stages import developments  # noqa: E402


def _labels(story: Story, topic: int) -> dict[str, str]:
    labels = {article.id: f"{topic}:alone:{article.id}" for article in story.articles}
    for index, development in enumerate(story.developments):
        for span in development.support:
            labels[span.article_id] = f"{topic}:{index}"
    return labels


def _row(name: str, gold: Sequence[str], predicted: Sequence[str]) -> str:
    p, r, f = bcubed(gold, predicted)
    return f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {len(set(predicted))} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev"), default="train")
    parser.add_argument("--bars", default="", help="other cosine bars to try, comma-separated")
    args = parser.parse_args()
    topics = ECB_TRAIN if args.split == "train" else ECB_DEV
    docs = [d for d in load_ecbplus() if d["topic"] in topics]
    bars = [developments.DEVELOPMENT_COSINE] + [float(b) for b in args.bars.split(",") if b]
    gold: list[str] = []
    predicted: dict[str, list[str]] = {"alone": [], "one": []}
    started = time.process_time()
    for topic in sorted(topics):
        members = [d for d in docs if d["topic"] == topic]
        records = [{"id": d["doc_id"], "text": d["text"], "source": d["doc_id"]} for d in members]
        for story in newsweave.analyze(records, one_story=True).stories:
            events = {d["doc_id"]: d["event_cluster"] for d in members}
            ids = [article.id for article in story.articles]
            gold += [events[i] for i in ids]
            predicted["alone"] += [f"{topic}:{i}" for i in ids]
            predicted["one"] += [f"{topic}:{story.id}" for _ in ids]
            for bar in bars:
                with mock.patch.object(developments, "DEVELOPMENT_COSINE", bar):
                    again = developments.add_developments(replace(story, developments=()))
                labels = _labels(again, topic)
                predicted.setdefault(f"newsweave, cosine bar {bar}", []).extend(labels[i] for i in ids)
    print({**machine(), "split": args.split, "topics": len(topics), "articles": len(gold),
           "events": len(set(gold)), "cpu_s": round(time.process_time() - started)})  # fmt: skip
    print("| developments | BCubed P | R | F1 | developments |\n|---|---|---|---|---|")
    for name, labels in predicted.items():
        print(_row(name, gold, labels))


if __name__ == "__main__":
    main()
