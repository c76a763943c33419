"""Do token-alignment or TF-KLD features beat the shipped claim matcher by more than noise?

Usage:
    python bench/claims/token_encoder.py /tmp/minilm-tokens.onnx   # needs `onnx`, see there
    python bench/claims/compare_features.py --encoder /tmp/minilm-tokens.onnx \
        [--repeats 5] [--tfkld-repeats 5] [--latent 100]

MSRP pairs 0-2999 only; the held-out pairs (3000 onwards) are not read. Every variant is the
shipped logistic matcher (`fit_matcher.matcher_rows`) with features added, scored by 5-fold
cross-validation on the same folds as the shipped one, repeated with reshuffled folds, and
McNemar's exact test on the first repeat's pooled predictions (as compare_matchers.py).

1. Token alignment (BERTScore, Zhang et al. 2020) from the bundled MiniLM: each token's state
   (the encoder's last layer, before pooling) matched to its most similar token of the other
   sentence; precision, recall and F1 over the tokens, plain, IDF-weighted (IDF over the
   sentences of pairs 0-2999, each a document), and over content words only (with the weakest
   match and the share of matches below 0.6).
2. TF-KLD (Ji & Eisenstein 2013): unigrams and bigrams of stems, capitalised words after the
   first and words with digits mapped to placeholders (no name, outlet or year is a feature);
   each term weighted by the KL divergence between P(in one sentence | in the other) on
   paraphrase and non-paraphrase pairs (smoothed), fitted on the training folds only. Features:
   the cosine of the weighted term vectors and the weighted share of each sentence's terms the
   other has, cross-fitted (a training pair's features come from weights fitted without it, so
   the model does not learn to trust weights that saw its own label). With --latent N, also the
   paper's recipe: a truncated SVD of the weighted term matrix of the training folds' sentences,
   features [u + v, |u - v|], weights and SVD read on the training pairs they were fitted on.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.stats import binomtest
from sklearn.decomposition import TruncatedSVD
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import MSRP_FIT, msrp
from fit_matcher import matcher_rows

from newsweave._text import _stem
from newsweave.embed import MODEL_DIR, _load_model
from newsweave.stages.claims._slots import STOPWORDS

_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
_WORD_CHAR = re.compile(r"[\w'’-]")


def token_states(texts: list[str], encoder: Path) -> dict[str, tuple[list[str], np.ndarray]]:
    """Each text's word pieces (without [CLS] and [SEP]) and their unit-length states."""
    import onnxruntime as ort  # type: ignore[import-untyped]

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    session = ort.InferenceSession(str(encoder), options, providers=["CPUExecutionProvider"])
    tokenizer = _load_model(MODEL_DIR).tokenizer
    states = {}
    for text in texts:
        encoding = tokenizer.encode(text)
        (rows,) = session.run(["tokens"], {"token_ids": np.array(encoding.ids, dtype=np.int64)})
        rows = rows[1:-1] / np.linalg.norm(rows[1:-1], axis=1, keepdims=True)
        pieces = [_whole_word(text, start) for start, _ in encoding.offsets[1:-1]]
        states[text] = (list(zip(encoding.tokens[1:-1], pieces, strict=True)), rows)
    return states


def _whole_word(text: str, start: int) -> str:
    end = start
    while start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]):
        end += 1
    return text[start:end].casefold()


def alignment_rows(first: list[str], second: list[str], encoder: Path) -> np.ndarray:
    states = token_states(list(dict.fromkeys(first + second)), encoder)
    counts = Counter(piece for pieces, _ in states.values() for piece in {p for p, _ in pieces})
    idf = {p: math.log((len(states) + 1) / (c + 1)) for p, c in counts.items()}

    def prf(sim: np.ndarray, wa: np.ndarray, wb: np.ndarray) -> list[float]:
        p, r = (sim.max(1) * wa).sum() / wa.sum(), (sim.max(0) * wb).sum() / wb.sum()
        return [2 * p * r / (p + r) if p + r else 0.0, min(p, r), max(p, r)]

    rows = []
    for a, b in zip(first, second, strict=True):
        (pieces_a, ha), (pieces_b, hb) = states[a], states[b]
        sim = ha @ hb.T
        ia = np.array([idf[p] for p, _ in pieces_a])
        ib = np.array([idf[p] for p, _ in pieces_b])
        ca = np.array([_content(p, w) for p, w in pieces_a])
        cb = np.array([_content(p, w) for p, w in pieces_b])
        row = prf(sim, np.ones(len(ia)), np.ones(len(ib))) + prf(sim, ia, ib)
        if ca.any() and cb.any():
            content = sim[np.ix_(ca, cb)]
            best = np.concatenate([content.max(1), content.max(0)])
            row += [*prf(content, ia[ca], ib[cb]), best.min(), (best < 0.6).mean()]
        else:
            row += [0.0, 0.0, 0.0, 0.0, 1.0]
        rows.append(row)
    return np.array(rows)


def _content(piece: str, word: str) -> bool:
    return bool(re.match(r"\w", piece.lstrip("#"))) and word not in STOPWORDS


def _terms(text: str) -> list[str]:
    words = []
    for i, match in enumerate(_WORD.finditer(text)):
        word = match.group(0)
        if any(c.isdigit() for c in word):
            words.append("<number>")
        elif i > 0 and word[0].isupper():
            words.append("<name>")
        else:
            words.append(_stem(word.lower()))
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


class TfKld:
    """TF-KLD term weights fitted on some pairs, and the features they give any pair."""

    def __init__(self, first: list[str], second: list[str], labels: np.ndarray) -> None:
        sentences = list(dict.fromkeys(first + second))
        index = {s: i for i, s in enumerate(sentences)}
        vocab: dict[str, int] = {}
        cells = [(i, vocab.setdefault(t, len(vocab))) for s, i in index.items() for t in _terms(s)]
        rows, cols = zip(*cells, strict=True)
        self.tf = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), (len(sentences), len(vocab)))
        self.tf.sum_duplicates()
        self.a = np.array([index[s] for s in first])
        self.b = np.array([index[s] for s in second])
        self.labels = labels

    def weights(self, pairs: np.ndarray, smoothing: float) -> np.ndarray:
        """KL(p || q) per term: p, q = P(in one sentence | in the other) on same / not pairs."""
        in_a, in_b = self.tf[self.a[pairs]] > 0, self.tf[self.b[pairs]] > 0
        both = in_a.multiply(in_b)
        shares = []
        for part in (self.labels[pairs], ~self.labels[pairs]):
            seen = np.asarray(in_a[part].sum(0) + in_b[part].sum(0)).ravel()
            kept = 2 * np.asarray(both[part].sum(0)).ravel()
            shares.append((kept + smoothing) / (seen + 2 * smoothing))
        p, q = shares
        return p * np.log(p / q) + (1 - p) * np.log((1 - p) / (1 - q))

    def overlaps(self, pairs: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Cosine of the weighted term vectors; weighted share of each side's terms shared."""
        scale = sp.diags(weights)
        tf_a, tf_b = self.tf[self.a[pairs]], self.tf[self.b[pairs]]
        u, v = tf_a @ scale, tf_b @ scale
        norms = np.sqrt(
            np.asarray(u.multiply(u).sum(1)).ravel() * np.asarray(v.multiply(v).sum(1)).ravel()
        )
        cosine = np.asarray(u.multiply(v).sum(1)).ravel() / np.maximum(norms, 1e-9)
        has_a, has_b = (tf_a > 0).astype(float) @ scale, (tf_b > 0).astype(float) @ scale
        shared = np.asarray(has_a.multiply(tf_b > 0).sum(1)).ravel()
        share_a = shared / np.maximum(np.asarray(has_a.sum(1)).ravel(), 1e-9)
        share_b = shared / np.maximum(np.asarray(has_b.sum(1)).ravel(), 1e-9)
        return np.column_stack([cosine, np.minimum(share_a, share_b), np.maximum(share_a, share_b)])

    def cross_fitted(self, fit: np.ndarray, held: np.ndarray, smoothing: float):
        """Overlaps of the fit pairs, each from weights fitted without it (5 inner folds), and
        of the held-out pairs from weights fitted on all fit pairs."""
        rows = np.zeros((len(fit), 3))
        inner = StratifiedKFold(5, shuffle=True, random_state=99)
        for inner_fit, inner_held in inner.split(fit, self.labels[fit]):
            weights = self.weights(fit[inner_fit], smoothing)
            rows[inner_held] = self.overlaps(fit[inner_held], weights)
        return rows, self.overlaps(held, self.weights(fit, smoothing))

    def latent(self, fit: np.ndarray, held: np.ndarray, smoothing: float, dims: int):
        """The paper's recipe: [u + v, |u - v|] of a truncated SVD of the weighted term matrix,
        weights and SVD fitted on the fit pairs and read on fit and held-out pairs alike."""
        weighted = self.tf @ sp.diags(self.weights(fit, smoothing))
        seen = np.unique(np.concatenate([self.a[fit], self.b[fit]]))
        space = TruncatedSVD(dims, random_state=0).fit(weighted[seen]).transform(weighted)

        def rows(pairs: np.ndarray) -> np.ndarray:
            u, v = space[self.a[pairs]], space[self.b[pairs]]
            return np.hstack([u + v, np.abs(u - v)])

        return rows(fit), rows(held)


def f1(truth: np.ndarray, said: np.ndarray) -> float:
    return 200 * (truth & said).sum() / (truth.sum() + said.sum())


def logistic(c: float = 1.0):  # noqa: ANN201
    return make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=2000))


def report(name: str, runs: list[np.ndarray], shipped: list[np.ndarray], labels: np.ndarray):
    acc = [100 * (said == labels).mean() for said in runs]
    f = [f1(labels, said) for said in runs]
    new, old = runs[0] == labels, shipped[0] == labels
    only_new, only_old = int((new & ~old).sum()), int((old & ~new).sum())
    p = binomtest(only_new, only_new + only_old).pvalue if only_new + only_old else 1.0
    print(
        f"  {name:<34} accuracy {' / '.join(f'{a:.1f}' for a in acc)} (mean {np.mean(acc):.2f})"
        f"  F1 {' / '.join(f'{x:.1f}' for x in f)} (mean {np.mean(f):.2f})"
        f"  repeat 0: alone right {only_new}, shipped alone {only_old}, McNemar p={p:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", type=Path, required=True, help="from token_encoder.py")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--tfkld-repeats", type=int, default=5)
    parser.add_argument("--latent", type=int, default=0, help="also the SVD recipe, N dims")
    args = parser.parse_args()
    train = msrp().part(slice(0, MSRP_FIT))
    labels, shipped_rows = train.label, matcher_rows(train)
    aligned = alignment_rows(train.first, train.second, args.encoder)
    variants = {
        "shipped": shipped_rows,
        "+ alignment F/low/high": np.hstack([shipped_rows, aligned[:, 0:3]]),
        "+ IDF alignment F/low/high": np.hstack([shipped_rows, aligned[:, 3:6]]),
        "+ content alignment (5)": np.hstack([shipped_rows, aligned[:, 6:11]]),
        "+ all 11 alignment": np.hstack([shipped_rows, aligned]),
    }
    said: dict[str, list[np.ndarray]] = {name: [] for name in variants}
    for repeat in range(args.repeats):
        folds = StratifiedKFold(5, shuffle=True, random_state=repeat)
        for name, rows in variants.items():
            found = np.zeros(len(labels), dtype=bool)
            for fit, held in folds.split(rows, labels):
                model = logistic().fit(rows[fit], labels[fit])
                found[held] = model.predict_proba(rows[held])[:, 1] >= 0.5
            said[name].append(found)
    print(f"Token alignment, 5-fold CV on MSRP 0-{MSRP_FIT - 1}, {args.repeats} reshufflings")
    for name in variants:
        report(name, said[name], said["shipped"], labels)

    tfkld = TfKld(train.first, train.second, labels)
    names = ["shipped", "+ TF-KLD cosine (cross-fitted)", "+ TF-KLD cosine and shares (3)"]
    if args.latent:
        names.append(f"+ TF-KLD latent {args.latent} dims (C 0.1)")
    kld: dict[str, list[np.ndarray]] = {name: [] for name in names}
    for repeat in range(args.tfkld_repeats):
        folds = StratifiedKFold(5, shuffle=True, random_state=repeat)
        found = {name: np.zeros(len(labels), dtype=bool) for name in names}
        for fit, held in folds.split(shipped_rows, labels):
            over_fit, over_held = tfkld.cross_fitted(fit, held, smoothing=2.0)
            sets = {
                names[0]: (shipped_rows[fit], shipped_rows[held], 1.0),
                names[1]: (
                    np.hstack([shipped_rows[fit], over_fit[:, :1]]),
                    np.hstack([shipped_rows[held], over_held[:, :1]]),
                    1.0,
                ),
                names[2]: (
                    np.hstack([shipped_rows[fit], over_fit]),
                    np.hstack([shipped_rows[held], over_held]),
                    1.0,
                ),
            }
            if args.latent:
                latent_fit, latent_held = tfkld.latent(fit, held, 0.5, args.latent)
                sets[names[3]] = (
                    np.hstack([shipped_rows[fit], latent_fit]),
                    np.hstack([shipped_rows[held], latent_held]),
                    0.1,
                )
            for name, (rows_fit, rows_held, c) in sets.items():
                model = logistic(c).fit(rows_fit, labels[fit])
                found[name][held] = model.predict_proba(rows_held)[:, 1] >= 0.5
        for name in names:
            kld[name].append(found[name])
    print(f"TF-KLD, {args.tfkld_repeats} reshuffling(s)")
    for name in names:
        report(name, kld[name], kld["shipped"], labels)


if __name__ == "__main__":
    main()
