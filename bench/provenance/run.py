"""Score copy/rewrite detection on labelled pairs built from real newswire (DUC 2004, Multi-News).

Usage: python bench/provenance/run.py [--pairs N] [--seed S] [--jobs J] [--dump FILE]

Builds N cases per relation (duplicate, copy, rewrite, independent; see pairs.py and the README:
the rewrites are SYNTHETIC) and N/2 common-source cases, runs each through
`newsweave.pipeline.analyze(articles, one_story=True)` and reads `story.provenance`. In the same
run, plain datasketch MinHash-LSH (threshold 0.5, 128 permutations, word 5-shingles) answers
linked / not linked for the same pairs. Printed: the relation label's precision and recall, the
confusion matrix, the binary linked-vs-independent task, direction accuracy with and without
publication times, the common-source case, and the alignment evidence behind each outcome.
`--dump` writes one JSON line per case (shares, labels, levels) for threshold tuning.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import shared_data, stamp  # noqa: E402
from datasketch import MinHash, MinHashLSH  # noqa: E402
from pairs import RELATIONS, Case, build_cases, iter_texts, jaccard, load_originals, shingles  # noqa: E402

from newsweave.model import AlignLevel, Story  # noqa: E402
from newsweave.pipeline import analyze  # noqa: E402

LSH_THRESHOLD = 0.5
NUM_PERM = 128
LINKED = ("duplicate", "copy", "rewrite")
LEVELS = ("verbatim", "near-verbatim", "paraphrase", "related", "none")
# The three shares stages/provenance/copies.py decides on, recomputed here from story.alignments.
SAME_STATEMENT = frozenset(level for level in AlignLevel if level.is_same_statement)
COPIED = frozenset({AlignLevel.VERBATIM, AlignLevel.NEAR_VERBATIM})
EXACT = frozenset({AlignLevel.VERBATIM})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200, help="cases per relation (default 200)")
    parser.add_argument("--seed", type=int, default=2004)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--dump", type=Path, help="write per-case details as JSON lines")
    args = parser.parse_args()

    duc, multinews = load_originals(shared_data("mds/duc2004/test.jsonl"), shared_data("mds/multinews/test.jsonl"))
    cases = build_cases(duc, multinews, args.pairs, args.seed)

    code = _code_digest()
    started = time.perf_counter()
    rows = []
    with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        for done, row in enumerate(pool.map(_run_case, cases, chunksize=4), 1):
            rows.append(row)
            if done % 100 == 0:
                print(f"  {done}/{len(cases)} cases, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    elapsed = time.perf_counter() - started

    if _code_digest() != code:
        print("warning: stages/provenance/ (align, copies) changed during the run", file=sys.stderr)
        code += "+changed"
    print(json.dumps({"benchmark": "provenance", **stamp(), "align_copies_sha1": code, "seed": args.seed, "pairs_per_relation": args.pairs,
                      "cases": len(cases), "jobs": args.jobs, "seconds": round(elapsed, 1),
                      "load_average": round(os.getloadavg()[0], 1)}))
    pairs = [r for r in rows if r["relation"] in RELATIONS]
    _print_generator(pairs)
    _print_relations(pairs)
    _print_confusion(pairs)
    _print_binary(pairs)
    _print_direction(pairs)
    _print_common_source([r for r in rows if r["relation"] == "common-source"])
    _print_evidence(pairs)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row) + "\n")


def _code_digest() -> str:
    """The version of the two stages scored here, which may differ from the commit's."""
    import hashlib

    import newsweave.stages.provenance.align as align
    import newsweave.stages.provenance.copies as copies

    digest = hashlib.sha1()
    for module in (align, copies):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:10]


# --- running -------------------------------------------------------------------------------------


def _run_case(case: Case) -> dict:
    story = analyze(list(case.articles), one_story=True).stories[0]
    links = {frozenset((link.source_article, link.derived_article)): link for link in story.provenance}
    texts = dict(iter_texts(case))
    lsh_linked = _minhash_links(texts)
    row: dict = {"case": case.case_id, "relation": case.relation, "corpus": case.corpus, "timed": case.timed,
                 "edits": case.edit_stats, "pairs": []}
    for first, second, expected in _expected_pairs(case):
        link = links.get(frozenset((first, second)))
        derived = second if case.original == first else first
        other = first if derived == second else second
        detail = {
            "a": first, "b": second, "expected": expected,
            "predicted": link.relation.value if link else "none",
            "source": link.source_article if link else None,
            "shared": link.shared if link else None,
            "minhash": frozenset((first, second)) in lsh_linked,
            "jaccard5": round(jaccard(texts[first], texts[second]), 3),
            "direction_ok": (link.source_article == case.original) if link and case.original else None,
            # The alignment behind the decision, from the derived side (either side when none is).
            "share": round(_share(story, derived, other, SAME_STATEMENT), 3),
            "copied_share": round(_share(story, derived, other, COPIED), 3),
            "exact_share": round(_share(story, derived, other, EXACT), 3),
            "back_exact_share": round(_share(story, other, derived, EXACT), 3),
            "levels": _levels(story, derived, other),
            "sentences": _sentence_evidence(story, derived, other),
            "back_sentences": _sentence_evidence(story, other, derived),
        }
        row["pairs"].append(detail)
    return row


def _expected_pairs(case: Case) -> list[tuple[str, str, str]]:
    """(article, article, expected label) for every pair the case scores."""
    if case.relation in LINKED:
        return [(case.original, case.derived[0], case.relation)]
    if case.relation == "independent":
        return [(case.unrelated[0], case.unrelated[1], "none")]
    copy_id, rewrite_id = case.derived
    return [(copy_id, rewrite_id, "linked")] + [(d, case.unrelated[0], "none") for d in case.derived]


def _minhash_links(texts: dict[str, str]) -> set[frozenset[str]]:
    """Pairs that plain MinHash-LSH puts in one bucket: each article queried against the others."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes = {}
    for article_id, text in texts.items():
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        hashes[article_id] = m
        lsh.insert(article_id, m)
    return {frozenset((a, b)) for a, m in hashes.items() for b in lsh.query(m) if b != a}


def _share(story: Story, derived: str, source: str, wanted: frozenset[AlignLevel]) -> float:
    """Share of `derived`'s sentence text aligned to `source` at one of the `wanted` levels."""
    article = story.article(derived)
    total = sum(s.end - s.start for s in article.sentences) or 1
    covered = {}
    for pair in story.alignments:
        if pair.level not in wanted:
            continue
        for mine, other in ((pair.a, pair.b), (pair.b, pair.a)):
            if mine.article_id == derived and other.article_id == source:
                covered[mine] = mine.end - mine.start
    return sum(covered.values()) / total


def _sentence_evidence(story: Story, derived: str, source: str) -> list[tuple[str, float, float, float]]:
    """(level, overlap, cosine, share of the text) of each aligned sentence of `derived`: its
    best pair with `source`."""
    best: dict = {}
    for pair in story.alignments:
        for mine, other in ((pair.a, pair.b), (pair.b, pair.a)):
            if mine.article_id == derived and other.article_id == source:
                if mine not in best or pair.cosine + pair.overlap > best[mine][1] + best[mine][2]:
                    best[mine] = (pair.level.value, round(pair.overlap, 3), round(pair.cosine, 3))
    total = sum(s.end - s.start for s in story.article(derived).sentences) or 1
    return [(*best[span], round((span.end - span.start) / total, 4)) for span in sorted(best, key=lambda s: s.start)]


def _levels(story: Story, derived: str, source: str) -> dict[str, float]:
    """Share of `derived`'s sentence text by its best alignment level to `source`."""
    rank = {level.value: i for i, level in enumerate(AlignLevel)}
    best: dict = {}
    for pair in story.alignments:
        for mine, other in ((pair.a, pair.b), (pair.b, pair.a)):
            if mine.article_id == derived and other.article_id == source:
                if mine not in best or rank[pair.level.value] < rank[best[mine]]:
                    best[mine] = pair.level.value
    article = story.article(derived)
    total = sum(s.end - s.start for s in article.sentences) or 1
    shares = Counter()
    for span in article.sentences:
        shares[best.get(span, "none")] += (span.end - span.start) / total
    return {level: round(shares[level], 3) for level in LEVELS}


# --- reporting -----------------------------------------------------------------------------------


def _details(rows: list[dict]) -> list[dict]:
    return [d for r in rows for d in r["pairs"]]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _print_generator(rows: list[dict]) -> None:
    print("\nCases (5-shingle Jaccard of the pair: how much word-for-word text they share)")
    for relation in RELATIONS:
        details = _details([r for r in rows if r["relation"] == relation])
        j = sorted(d["jaccard5"] for d in details)
        by_corpus = Counter(r["corpus"] for r in rows if r["relation"] == relation)
        print(f"  {relation:<12} n={len(details):<4} jaccard5 median {statistics.median(j):.2f} "
              f"(p10 {j[len(j) // 10]:.2f}, p90 {j[9 * len(j) // 10]:.2f})  "
              + ", ".join(f"{k} {v}" for k, v in sorted(by_corpus.items())))


def _print_relations(rows: list[dict]) -> None:
    details = _details(rows)
    print("\nRelation label, per relation (MinHash-LSH can only say linked: its 'linked' counts as right "
          "for duplicate and copy)")
    print(f"  {'relation':<12} {'n':>4}  {'newsweave P':>11} {'R':>6} {'F1':>6}   {'MinHash-LSH P':>13} {'R':>6} {'F1':>6}")
    for label in ("duplicate", "copy", "rewrite", "none", "dup|copy"):
        group = {"duplicate", "copy"} if label == "dup|copy" else {label}
        tp = sum(1 for d in details if d["expected"] in group and d["predicted"] in group)
        fp = sum(1 for d in details if d["expected"] not in group and d["predicted"] in group)
        fn = sum(1 for d in details if d["expected"] in group and d["predicted"] not in group)
        n = sum(1 for d in details if d["expected"] in group)
        p, r, f = _prf(tp, fp, fn)
        mh = _minhash_label_prf(details, label)
        mh_text = " ".join(_cell(value, width) for value, width in zip(mh or (None,) * 3, (13, 6, 6), strict=True))
        print(f"  {label:<12} {n:>4}  {p:>11.3f} {r:>6.3f} {f:>6.3f}   {mh_text}")


def _cell(value: float | None, width: int) -> str:
    return "—".rjust(width) if value is None else f"{value:>{width}.3f}"


def _minhash_label_prf(details: list[dict], label: str) -> tuple[float | None, float, float | None] | None:
    """MinHash-LSH scored on a relation label: 'linked' stands for duplicate or copy."""
    if label == "rewrite":
        return None
    if label == "none":
        tp = sum(1 for d in details if d["expected"] == "none" and not d["minhash"])
        fp = sum(1 for d in details if d["expected"] != "none" and not d["minhash"])
        fn = sum(1 for d in details if d["expected"] == "none" and d["minhash"])
        return _prf(tp, fp, fn)
    group = {"duplicate", "copy"} if label == "dup|copy" else {label}
    tp = sum(1 for d in details if d["expected"] in group and d["minhash"])
    fn = sum(1 for d in details if d["expected"] in group and not d["minhash"])
    # Its 'linked' on a rewrite or an independent pair is a wrong duplicate/copy label.
    fp = sum(1 for d in details if d["expected"] not in {"duplicate", "copy"} and d["minhash"])
    if label != "dup|copy":
        return (None, tp / (tp + fn) if tp + fn else 0.0, None)
    return _prf(tp, fp, fn)


def _print_confusion(rows: list[dict]) -> None:
    details = _details(rows)
    labels = ("duplicate", "copy", "rewrite", "common-source", "none")
    print("\nnewsweave confusion (rows: expected, columns: predicted)")
    print("  " + f"{'':<12}" + "".join(f"{label:>14}" for label in labels))
    for expected in ("duplicate", "copy", "rewrite", "none"):
        counts = Counter(d["predicted"] for d in details if d["expected"] == expected)
        print("  " + f"{expected:<12}" + "".join(f"{counts[label]:>14}" for label in labels))


def _print_binary(rows: list[dict]) -> None:
    details = _details(rows)
    print("\nLinked (duplicate/copy/rewrite) vs independent")
    print(f"  {'system':<12} {'P':>6} {'R':>6} {'F1':>6}   recall by relation")
    for system, said in (("newsweave", lambda d: d["predicted"] != "none"), ("MinHash-LSH", lambda d: d["minhash"])):
        tp = sum(1 for d in details if d["expected"] != "none" and said(d))
        fp = sum(1 for d in details if d["expected"] == "none" and said(d))
        fn = sum(1 for d in details if d["expected"] != "none" and not said(d))
        p, r, f = _prf(tp, fp, fn)
        per = "  ".join(
            f"{rel} {sum(1 for d in details if d['expected'] == rel and said(d)) / max(1, sum(1 for d in details if d['expected'] == rel)):.3f}"
            for rel in LINKED)
        print(f"  {system:<12} {p:>6.3f} {r:>6.3f} {f:>6.3f}   {per}")


def _print_direction(rows: list[dict]) -> None:
    print("\nDirection (source = the original), among the linked pairs newsweave found")
    print(f"  {'relation':<12} {'with times':>16} {'without times':>16}")
    for relation in LINKED:
        cells = []
        for timed in (True, False):
            found = [d for r in rows if r["relation"] == relation and r["timed"] == timed for d in r["pairs"]
                     if d["direction_ok"] is not None]
            ok = sum(1 for d in found if d["direction_ok"])
            cells.append(f"{ok / len(found):.3f} ({ok}/{len(found)})" if found else "—")
        print(f"  {relation:<12} {cells[0]:>16} {cells[1]:>16}")


def _print_common_source(rows: list[dict]) -> None:
    if not rows:
        return
    derived = [r["pairs"][0] for r in rows]
    others = [d for r in rows for d in r["pairs"][1:]]
    labels = Counter(d["predicted"] for d in derived)
    print("\nCommon source: a copy and a rewrite of an original that is not given, plus an independent "
          "article of the same cluster")
    for system, said in (("newsweave", lambda d: d["predicted"] != "none"), ("MinHash-LSH", lambda d: d["minhash"])):
        linked = sum(1 for d in derived if said(d))
        false = sum(1 for d in others if said(d))
        print(f"  {system:<12} copy~rewrite linked {linked / len(derived):.3f} ({linked}/{len(derived)});  "
              f"false links to the independent article {false}/{len(others)}")
    print("  newsweave labels for copy~rewrite: " + ", ".join(f"{k} {v}" for k, v in labels.most_common()))


def _print_evidence(rows: list[dict]) -> None:
    """What the alignment gave for each (expected, predicted) outcome: the inputs of copies.py."""
    details = _details(rows)
    print("\nEvidence per outcome (medians of shares of the derived article's sentence text: aligned as the same "
          "statement, copied = verbatim or near-verbatim, exact = verbatim, back = exact the other way; then its "
          "text by best alignment level)")
    print(f"  {'expected -> predicted':<26} {'n':>4} {'share':>6} {'copied':>6} {'exact':>6} {'back':>6}  "
          + " ".join(f"{level[:10]:>10}" for level in LEVELS))
    outcomes = defaultdict(list)
    for d in details:
        outcomes[(d["expected"], d["predicted"])].append(d)
    for (expected, predicted), group in sorted(outcomes.items()):
        med = lambda key: statistics.median(d[key] for d in group)  # noqa: E731
        levels = " ".join(f"{statistics.median(d['levels'][lv] for d in group):>10.2f}" for lv in LEVELS)
        print(f"  {expected + ' -> ' + predicted:<26} {len(group):>4} {med('share'):>6.2f} {med('copied_share'):>6.2f} "
              f"{med('exact_share'):>6.2f} {med('back_exact_share'):>6.2f}  {levels}")
    independent = [max(d["share"], _other_share(d)) for d in details if d["expected"] == "none"]
    linked = [d["share"] for d in details if d["expected"] != "none"]
    print(f"  closest calls: highest share among independent pairs {max(independent):.2f}, "
          f"lowest among derived articles {min(linked):.2f}")


def _other_share(detail: dict) -> float:
    """For an independent pair the 'derived' side is arbitrary: the share of the other side."""
    return sum(w for level, _, _, w in detail["back_sentences"] if level != "related")


if __name__ == "__main__":
    main()
