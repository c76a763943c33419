"""The two labelled sets of bench/claims: MSRP sentence pairs and the citation pairs."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_data

HERE = Path(__file__).resolve().parent
CITATION_PAIRS = HERE / "pairs.jsonl"
MSRP_FIT = 3000  # MSRP pairs the matcher may be fitted or tuned on; the rest are reported


@dataclass(frozen=True, slots=True)
class Pairs:
    """Sentence pairs with their embedding cosine and a yes/no label."""

    first: list[str]
    second: list[str]
    cosine: npt.NDArray[np.float64]
    label: npt.NDArray[np.bool_]

    def part(self, index: slice | list[int]) -> Pairs:
        rows = range(len(self.first))[index] if isinstance(index, slice) else index
        rows = list(rows)
        return Pairs(
            [self.first[i] for i in rows],
            [self.second[i] for i in rows],
            self.cosine[rows],
            self.label[rows],
        )


def msrp() -> Pairs:
    """MSRP's training file, in file order (fit on `[:MSRP_FIT]`, report `[MSRP_FIT:]`)."""
    return _pairs(*msrp_text())


def msrp_text() -> tuple[list[str], list[str], list[bool]]:
    """MSRP's sentence pairs and labels, in file order, not embedded."""
    path = shared_data("paraphrase/msrp/train.tsv")
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [r[3] for r in rows], [r[4] for r in rows], [r[0] == "1" for r in rows]


def citations(split: str) -> Pairs:
    """The labelled (summary sentence, cited span) pairs of one split (dev or test)."""
    rows = [json.loads(line) for line in CITATION_PAIRS.open(encoding="utf-8")]
    rows = [r for r in rows if r["split"] == split]
    return _pairs(
        [r["sentence"] for r in rows], [r["span"] for r in rows], [r["states_fact"] for r in rows]
    )


def citation_rows(split: str) -> list[dict]:
    rows = [json.loads(line) for line in CITATION_PAIRS.open(encoding="utf-8")]
    return [r for r in rows if r["split"] == split]


def _pairs(first: list[str], second: list[str], label: list[bool]) -> Pairs:
    # Imported here so that `msrp_text` runs in a Python without newsweave's dependencies.
    from newsweave.embed import embed

    a, b = embed(first), embed(second)
    cosine = np.einsum("ij,ij->i", a, b).astype(np.float64)
    return Pairs(first, second, cosine, np.array(label, dtype=bool))
