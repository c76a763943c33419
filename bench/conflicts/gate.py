"""A learned pair gate for the conflict stage (tried, not shipped: docs/benchmarks.md, issue 17):
do two aligned sentences report one fact, so that a value they give differently is a conflict?

The rule gate (`_close`, `_same_statement_otherwise` and each check's cosine/overlap floor)
was set on near-copies of one wire story and rejects looser same-day paraphrases, where most
contradictions between outlets stand. `conflicts.candidates` runs the checks on every pair the
aligner calls one statement with those floors (and the name-role test) lifted, and this gate
weighs what each finding rests on: how alike the two sentences
are (the claim matcher's features of `_facts`), whether the rule gate and floors would pass
it, how much of the statement is shared once names and numbers are set aside, whether the two
sentences name the same entities, and whether the words around the two differing values agree.
A logistic model, fitted by fit_gate.py on the fit parts of the planted sets only (no
corpus-specific feature: no outlet, year or name), written to gate-weights.json beside this file.
Cross-validated on the fit parts it does not beat the rules at the same false-alarm rate, so
`find_conflicts` keeps the rules.

Only the kinds the planted sets label are gated (numbers, dates and weekdays, names); a title
or a negation conflict still needs the rule gate.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsweave.model import SentencePair, Span
from newsweave.stages.claims._facts import FEATURES as FACT_FEATURES
from newsweave.stages.claims._facts import fact_features
from newsweave.stages.claims._slots import STOPWORDS, content_words
from newsweave.stages.claims.conflicts._context import (
    _close,
    _context_words,
    _Finding,
    _same_statement_otherwise,
    _StoryContext,
    _years,
)
from newsweave.stages.claims.conflicts._names import in_one_role

MODEL_FILE = Path(__file__).resolve().parent / "gate-weights.json"
GATED_KINDS = frozenset(["number", "date", "weekday", "person", "place", "organisation"])
_NAME_KINDS = frozenset(["person", "place", "organisation"])
_MATCHER = (
    "content_share_min",
    "content_share_max",
    "bigram_share_min",
    "unsaid_words",
    "length_ratio",
    "names_one_side",
    "numbers_one_side",
)
FEATURES = (
    "cosine",
    "overlap",
    "same_statement",  # the aligner's level: a statement, not merely a related sentence
    "rule_gate",  # `_close` or `_same_statement_otherwise`
    "ruled",  # the rules with their floors report this finding
    "residual_share",  # content words shared, names and numbers aside, of the shorter side
    *_MATCHER,
    "shared_entities",  # entities named on both sides, of the side naming fewer
    "value_context",  # content words next to the two values found on both sides
    "names_in_one_role",  # two names: the same words around them, or one role in the parse
    "kind_number",
    "kind_day",
    "kind_name",
    "same_year",  # both sentences date what they say to one year
)
_CONTEXT = 3  # words each side of a value


@cache
def _model() -> dict:
    return json.loads(MODEL_FILE.read_text(encoding="utf-8"))


def gate_features(
    pair: SentencePair, finding: _Finding, context: _StoryContext, *, ruled: bool
) -> npt.NDArray[np.float64]:
    """The gate's reading of one finding, in the order of `FEATURES`."""
    story = context.story
    text_a, text_b = story.quote(pair.a), story.quote(pair.b)
    names_a, names_b = context.names(pair.a), context.names(pair.b)
    name_words = content_words(" ".join([*names_a, *names_b]))
    words_a, words_b = content_words(text_a) - name_words, content_words(text_b) - name_words
    residual = len(words_a & words_b) / max(min(len(words_a), len(words_b)), 1)
    matcher = dict(zip(FACT_FEATURES, fact_features(text_a, text_b, pair.cosine), strict=True))
    fewer_names = min(len(names_a), len(names_b))
    shared_entities = len(names_a.keys() & names_b.keys()) / fewer_names if fewer_names else 0.0
    years_a, years_b = _years(text_a), _years(text_b)
    return np.array(
        [
            pair.cosine,
            pair.overlap,
            float(pair.level.is_same_statement),
            float(_close(pair) or _same_statement_otherwise(text_a, text_b, names_a, names_b)),
            float(ruled),
            residual,
            *(matcher[name] for name in _MATCHER),
            shared_entities,
            _value_context(text_a, text_b, finding),
            _names_in_one_role(pair, finding, context, names_a, names_b),
            float(finding.kind == "number"),
            float(finding.kind in ("date", "weekday")),
            float(finding.kind in _NAME_KINDS),
            float(bool(years_a & years_b)),
        ],
        dtype=np.float64,
    )


def gate_score(features: npt.NDArray[np.float64]) -> float:
    """The probability that the finding is one fact told with two values."""
    model = _model()
    weights = np.array([model["weights"][name] for name in FEATURES], dtype=np.float64)
    return 1.0 / (1.0 + math.exp(-(float(features @ weights) + model["intercept"])))


def accepts(pair: SentencePair, finding: _Finding, context: _StoryContext, *, ruled: bool) -> bool:
    return gate_score(gate_features(pair, finding, context, ruled=ruled)) >= _model()["cut"]


def _names_in_one_role(
    pair: SentencePair,
    finding: _Finding,
    context: _StoryContext,
    names_a: dict[str, list[Span]],
    names_b: dict[str, list[Span]],
) -> float:
    if finding.kind not in _NAME_KINDS:
        return 0.0
    mentions_a, mentions_b = names_a.get(finding.value_a), names_b.get(finding.value_b)
    if not mentions_a or not mentions_b:
        return 1.0  # a word-level swap in nearly equal sentences: one place in both
    return float(in_one_role(context, pair, mentions_a[0], mentions_b[0]))


def _value_context(text_a: str, text_b: str, finding: _Finding) -> float:
    """The share of content words beside the two values that both sentences put there: "was
    fired as coach on Monday" / "was fired as coach on Wednesday" report one fact, "arrived
    Monday" / "left Wednesday" two."""
    around_a, around_b = _around(text_a, finding.value_a), _around(text_b, finding.value_b)
    if not around_a or not around_b:
        return 0.0
    return len(around_a & around_b) / min(len(around_a), len(around_b))


def _around(text: str, value: str) -> set[str]:
    value = re.sub(r"\s*\(\d{4}-\d\d-\d\d\)$", "", value)  # a date shown with its day
    match = re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE)
    if not match:
        return set()
    before = _context_words(text[: match.start()])
    after = _context_words(text[match.end() :])
    words = [w for w in before if w not in STOPWORDS][-_CONTEXT:]
    words += [w for w in after if w not in STOPWORDS][:_CONTEXT]
    return set(words)
