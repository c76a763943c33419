"""The bundled int8 MiniLM embedder, run for real (no mocks)."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import numpy as np
import pytest

from newsweave import embed as embed_module
from newsweave.embed import DIMENSIONS, MODEL_DIR, embed
from newsweave.errors import NewsweaveError

LEAD = "Prime Minister Hun Sen met opposition leader Sam Rainsy in Phnom Penh on Friday."
PARAPHRASE = "On Friday Hun Sen held talks with the opposition leader, Sam Rainsy, in Phnom Penh."
SAME_PEOPLE_OTHER_FACT = "Hun Sen accused Sam Rainsy of plotting a coup and ordered his arrest."
UNRELATED = "Heavy snow closed mountain passes and stranded hundreds of skiers."
MIXED = [
    "Shares rose.",
    "Rescue teams searched collapsed buildings after the earthquake struck the coastal city "
    "early on Sunday, officials said, adding that the death toll was likely to rise.",
    "",
    "Talks resumed.",
    "The prime minister met the visiting president in the capital to discuss trade.",
]


def test_embed_paraphrase_beats_unrelated_and_same_people_other_fact() -> None:
    lead, paraphrase, other_fact, unrelated = embed(
        [LEAD, PARAPHRASE, SAME_PEOPLE_OTHER_FACT, UNRELATED]
    )
    # Measured: 0.85, 0.66 and -0.04 (fp32 sentence-transformers: 0.86, 0.66, -0.05).
    assert lead @ paraphrase > 0.75
    assert lead @ paraphrase > lead @ other_fact + 0.1
    assert lead @ paraphrase > lead @ unrelated + 0.5


def test_embed_shape_dtype_and_unit_rows() -> None:
    vectors = embed(MIXED)
    assert vectors.shape == (len(MIXED), DIMENSIONS)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("texts", [[], ()])
def test_embed_empty_input(texts: list[str] | tuple[str, ...]) -> None:
    vectors = embed(texts)
    assert vectors.shape == (0, DIMENSIONS)
    assert vectors.dtype == np.float32


def test_embed_rows_do_not_depend_on_the_other_texts_or_their_order() -> None:
    embed_module._CACHE.clear()
    together = embed(MIXED)
    embed_module._CACHE.clear()
    alone = np.vstack([embed([text]) for text in MIXED])
    embed_module._CACHE.clear()
    # Many texts cross the per-run and the per-session splits; each is still run on its own.
    many = [f"{text} ({n})" for n in range(300) for text in MIXED[:2]]
    crowd = embed([*many, *MIXED[::-1]])
    embed_module._CACHE.clear()
    assert np.array_equal(together, alone)
    assert np.array_equal(crowd[len(many) :], alone[::-1])
    assert np.array_equal(crowd[:2], embed(many[:2]))


def test_embed_is_deterministic_and_independent_of_other_texts() -> None:
    first = embed(MIXED)
    assert np.array_equal(first, embed(MIXED))
    assert np.array_equal(first[1], embed([MIXED[1]])[0])
    assert np.array_equal(first[::-1], embed(MIXED[::-1]))


def test_embed_truncates_at_256_tokens() -> None:
    long_text = " ".join(["word"] * 300)
    head, longer = embed([long_text, long_text + " and a different ending about tax policy"])
    assert np.array_equal(head, longer)


def test_embed_missing_model_files_raise_newsweave_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(embed_module, "MODEL_DIR", tmp_path)
    with pytest.raises(NewsweaveError, match=r"missing in .*: model\.onnx"):
        embed(["anything"])


def test_embed_unreadable_model_raises_newsweave_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "model.onnx").write_bytes(b"version https://git-lfs.github.com/spec/v1\n")
    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(embed_module, "MODEL_DIR", tmp_path)
    with pytest.raises(NewsweaveError, match="cannot load the embedding model"):
        embed(["anything"])


@pytest.mark.parametrize(
    ("texts", "message"),
    [("one string", "got one str"), (["fine", 3], "got int at index 1")],
)
def test_embed_misuse_raises_newsweave_error(texts: object, message: str) -> None:
    with pytest.raises(NewsweaveError, match=message):
        embed(texts)  # type: ignore[arg-type]


def test_embed_model_files_match_build_record() -> None:
    record = json.loads((MODEL_DIR / "BUILD.json").read_text(encoding="utf-8"))
    for name, expected in record["outputs"].items():
        data = (MODEL_DIR / name).read_bytes()
        assert len(data) == expected["bytes"], name
        assert hashlib.sha256(data).hexdigest() == expected["sha256"], name
    for name in ("LICENSE", "NOTICE"):
        assert (MODEL_DIR / name).is_file()


def test_embed_cache_overflow_keeps_every_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a text found in the cache could be evicted before the rows were stacked."""
    import newsweave.embed as module

    monkeypatch.setattr(module, "_CACHE_SIZE", 3)
    module._CACHE.clear()
    first = embed(["alpha beta", "gamma delta"])
    rows = embed(["alpha beta", "one more", "and another", "yet another text", "gamma delta"])
    assert rows.shape == (5, 384)
    assert np.allclose(rows[0], first[0]) and np.allclose(rows[4], first[1])
    assert len(module._CACHE) == 3


def test_embed_runs_its_sessions_on_threads_started_once() -> None:
    if not embed_module._load_model(MODEL_DIR).shards:
        pytest.skip("one CPU: one session, run on the calling thread")

    def pool_threads() -> set[int | None]:
        return {t.ident for t in threading.enumerate() if t.name.startswith("newsweave-embed")}

    embed([f"Ferry number {i} left the harbour of Grenhavn late." for i in range(16)])
    first = pool_threads()
    embed([f"Bus number {i} reached the depot of Kestrel early." for i in range(16)])
    assert first and pool_threads() == first


def test_embed_cache_rows_own_their_memory() -> None:
    """Regression: a cached row that viewed its batch's matrix kept the whole batch alive."""
    embed_module._CACHE.clear()
    embed([f"sentence number {n} of a batch" for n in range(12)])
    assert len(embed_module._CACHE) == 12
    assert all(
        row.base is None and row.nbytes == 4 * DIMENSIONS for row in embed_module._CACHE.values()
    )
    embed_module._CACHE.clear()
