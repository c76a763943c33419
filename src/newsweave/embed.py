"""Sentence embeddings, offline: all-MiniLM-L6-v2 as an int8 ONNX model run by onnxruntime.

The model files ship inside the package (`newsweave/models/minilm-l6-v2-int8/`, built by
`tools/build_embedding_model.py`), so nothing is downloaded and torch is not needed at run time.
Rows come back L2-normalised, so the cosine of two texts is the dot product of their rows.

Each text runs through the encoder on its own: the int8 model quantises activations with one
scale per encoder run, so a text padded into a batch with others would get a vector that depends
on its batch mates (cosine 0.985 to 1.0 to its solo vector; on 500 DUC 2004 sentences, 18 of the
85 pairs above 0.6 crossed that line when the batching changed). The packaged model loops over the
texts inside one call (`tools/build_embedding_model.py`), so a text's vector never depends on what
else is embedded with it, and a call holds the GIL only while it starts and ends.

Example:
    >>> from newsweave.embed import embed
    >>> vectors = embed(["The central bank cut rates.", "Rates were lowered by the central bank."])
    >>> vectors.shape
    (2, 384)
    >>> bool(vectors[0] @ vectors[1] > 0.8)
    True
"""

from __future__ import annotations

import functools
import itertools
import os
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from newsweave.errors import NewsweaveError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MODEL_DIR = Path(__file__).parent / "models" / "minilm-l6-v2-int8"
DIMENSIONS = 384
# sentence-transformers' max_seq_length for this model; longer texts are cut, as it does.
MAX_TOKENS = 256
_PARALLEL_MIN_TEXTS = 8
_TEXTS_PER_RUN = 256  # bounds one call's time and memory; any split gives the same vectors
_CACHE_SIZE = 20_000  # vectors (1.5 KB each)
_CACHE: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()

__all__ = ["DIMENSIONS", "MAX_TOKENS", "MODEL_DIR", "embed"]


@dataclass(frozen=True, slots=True)
class _Model:
    """An open ONNX session and the tokenizer that goes with it."""

    session: Any  # onnxruntime.InferenceSession; onnxruntime ships no type hints
    tokenizer: Tokenizer
    shards: tuple[_Model, ...] = ()  # more sessions of the same model, run in parallel


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Embed texts as L2-normalised float32 rows of shape `(len(texts), 384)`.

    Texts longer than 256 tokens are truncated. The model loads on the first call and stays loaded
    for the life of the process. Vectors are kept (at most 20,000, least recent dropped first): the
    stages of one analysis, and a story analysed again as it grows, embed the same sentences.

    Example:
        >>> embed([]).shape
        (0, 384)

    Raises:
        NewsweaveError: `texts` is a bare string or holds a non-string, or the model files are
            missing or unreadable.
    """
    if isinstance(texts, str):
        raise NewsweaveError("embed() takes a sequence of strings, got one str; pass [text]")
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise NewsweaveError(f"embed() needs strings, got {type(text).__name__} at index {i}")
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    missing = list(dict.fromkeys(text for text in texts if text not in _CACHE))
    # Each row copied out of its batch: a cached row that viewed the batch would keep the whole
    # batch's matrix alive for as long as the row stays cached.
    fresh = (
        {
            text: row.copy()
            for text, row in zip(missing, _encode(_load_model(MODEL_DIR), missing), strict=True)
        }
        if missing
        else {}
    )
    vectors = np.stack([fresh[text] if text in fresh else _CACHE[text] for text in texts])
    # Only now, with every row in hand, is the cache refreshed and trimmed (least recent first).
    for text in texts:
        if text in _CACHE:
            _CACHE.move_to_end(text)
    _CACHE.update(fresh)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return vectors


@functools.cache
def _load_model(model_dir: Path) -> _Model:
    """Open the model in `model_dir` once per process."""
    model_path, tokenizer_path = model_dir / "model.onnx", model_dir / "tokenizer.json"
    missing = [p.name for p in (model_path, tokenizer_path) if not p.is_file()]
    if missing:
        raise NewsweaveError(
            f"embedding model files missing in {model_dir}: {', '.join(missing)}; reinstall "
            "newsweave, or in a source checkout run `python tools/build_embedding_model.py`"
        )
    # One single-threaded session per CPU, each given a share of the texts: one sentence per
    # encoder run is too small a job to split across threads, so this is about 25% faster than
    # one session with two threads, with the same vectors.
    shards = tuple(
        _open_model(model_path, tokenizer_path, threads=1) for _ in range(min(2, _cpu_count()))
    )
    return replace(shards[0], shards=shards[1:])


def _open_model(model_path: Path, tokenizer_path: Path, *, threads: int | None = None) -> _Model:
    """Open an ONNX session tuned for a small, possibly shared CPU, and the tokenizer."""
    # Imported here so that importing newsweave stays cheap for runs that never embed.
    import onnxruntime as ort  # type: ignore[import-untyped]
    from tokenizers import Tokenizer

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or min(2, _cpu_count())
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Busy-waiting threads made runs 10-50x slower on an oversubscribed machine: never spin.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    options.log_severity_level = 3
    try:
        session = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
    except Exception as exc:  # onnxruntime raises its own untyped errors
        raise NewsweaveError(
            f"cannot load the embedding model from {model_path.parent}: {exc}; reinstall newsweave"
        ) from exc
    # The upstream tokenizer.json pads and truncates to 128; sentence-transformers uses 256.
    # Texts go to the model end to end, unpadded.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    inputs = {i.name for i in session.get_inputs()}
    if inputs != {"token_ids", "offsets"}:
        raise NewsweaveError(
            f"{model_path} is not newsweave's per-sentence embedding model (inputs: "
            f"{', '.join(sorted(inputs))}); reinstall newsweave"
        )
    return _Model(session=session, tokenizer=tokenizer)


def _encode(model: _Model, texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Embed on every session at once, each taking every n-th text (a fair share of lengths)."""
    models = (model, *model.shards)
    if len(models) == 1 or len(texts) < _PARALLEL_MIN_TEXTS:
        return _encode_on(model, texts)
    out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    pool = _pool(len(models), os.getpid())  # onnxruntime releases the GIL while it runs
    jobs = [
        (index, pool.submit(_encode_on, shard, texts[index :: len(models)]))
        for index, shard in enumerate(models)
    ]
    for index, job in jobs:
        out[index :: len(models)] = job.result()
    return out


@functools.cache
def _pool(workers: int, pid: int) -> ThreadPoolExecutor:
    """The threads that run the sessions side by side, started once (an analysis embeds
    thousands of times). Keyed by process: a forked worker has none of its parent's threads."""
    return ThreadPoolExecutor(workers, thread_name_prefix="newsweave-embed")


def _encode_on(model: _Model, texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Mean-pooled vectors (the model loops over the texts, one encoder run each), L2-normalised."""
    out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(texts), _TEXTS_PER_RUN):
        # encode(), not encode_batch(): no Rust thread pool to oversubscribe 2 cores or to fork.
        ids = [model.tokenizer.encode(text).ids for text in texts[start : start + _TEXTS_PER_RUN]]
        feeds = {
            "token_ids": np.fromiter(itertools.chain.from_iterable(ids), dtype=np.int64),
            "offsets": np.cumsum([0, *map(len, ids)], dtype=np.int64),
        }
        (pooled,) = model.session.run(["pooled"], feeds)
        vectors = pooled[:, 0, :]
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        out[start : start + len(ids)] = vectors / np.clip(norms, 1e-12, None)
    return out


def _cpu_count() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
