"""Draw the date expressions to label: spaCy DATE entities in sentences of real articles.

Run once, before any tuning; its output `candidates.jsonl` was labelled by hand into
`expressions.jsonl` (see README.md). Seeded, so the draw can be repeated.

    .venv/bin/python bench/dates/make_candidates.py
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import duc2004, ecbplus, timeline17

from newsweave.stages.article.annotate import load_nlp

HERE = Path(__file__).resolve().parent
# Two rounds: the first drew any DATE entity; a quarter of those were ages, durations or
# numbers, so the second (other articles) leaves out entities with no month, weekday or
# relative word in them, to bring the labelled set above 300.
ROUNDS = (
    (16, {"t17": 210, "duc": 130, "ecb+": 70}, None),
    (17, {"t17": 60, "duc": 40, "ecb+": 20}, re.compile(
        r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
        r"today|yesterday|tomorrow|tonight|last|next|this|ago|(?:1[89]|20)\d\d)")),
)  # fmt: skip


def main() -> None:
    nlp = load_nlp()
    candidates: list[dict[str, str]] = []
    for seed, draw, wanted in ROUNDS:
        candidates.extend(_draw(nlp, random.Random(seed), draw, wanted, candidates))
    with (HERE / "candidates.jsonl").open("w", encoding="utf-8") as handle:
        for candidate in candidates:
            handle.write(json.dumps(candidate, ensure_ascii=False) + "\n")
    print(f"{len(candidates)} candidates written")


def _draw(nlp, rng, draw, wanted, earlier) -> list[dict[str, str]]:
    used = {candidate["doc_id"] for candidate in earlier}
    candidates = []
    for corpus, documents in (("t17", timeline17()), ("duc", duc2004()), ("ecb+", ecbplus())):
        documents = list(documents)
        rng.shuffle(documents)
        found = []
        for doc in documents:
            if len(found) >= draw[corpus]:
                break
            if doc.doc_id in used:
                continue
            lines = doc.text.split("\n")
            if corpus == "ecb+":
                lines = lines[3:]  # the header lines give the publication date, labelled apart
            parsed = nlp("\n".join(lines)[:6000])
            dated = [
                (sentence, entity)
                for sentence in parsed.sents
                for entity in sentence.ents
                if entity.label_ == "DATE"
                and "\n" not in sentence.text.strip()
                and (wanted is None or wanted.search(entity.text))
            ]
            if not dated:
                continue
            # At most two expressions from one article, so that many articles are seen.
            for sentence, entity in rng.sample(dated, min(2, len(dated))):
                found.append(
                    {
                        "id": f"{corpus}:{doc.doc_id}:{entity.start_char}",
                        "corpus": corpus,
                        "doc_id": doc.doc_id,
                        "reference": doc.published.isoformat(),
                        "sentence": sentence.text.strip(),
                        "expression": entity.text,
                    }
                )
        candidates.extend(found[: draw[corpus]])
    return candidates


if __name__ == "__main__":
    main()
