"""Model objects as plain JSON rows, so prepared articles can travel between batch stages.

A prepared `Article` carries spans into its cleaned text (sentences, mentions, headings): the
batch runners store it between stages as one JSON string, and the story stage rebuilds the exact
same object. The codec follows the dataclass fields and their type hints, so a field added to the
model travels without a change here. Dataclasses become lists of their field values in field order
(a sentence span is `["a1", 0, 42]`), which keeps a long article's row small.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import math
import struct
import types
import typing
from typing import Any, TypeVar

import numpy as np

from newsweave.model import Article, Rejection
from newsweave.stages.grouping.features import ArticleVector

T = TypeVar("T")


def article_to_json(article: Article) -> str:
    """The article as one compact JSON string (see `article_from_json`)."""
    return to_json(article)


def article_from_json(text: str) -> Article:
    """The exact `Article` that `article_to_json` encoded.

    Example:
        >>> a = Article(id="a", source="Wire", raw_text="Rain.", text="Rain.")
        >>> article_from_json(article_to_json(a)) == a
        True
    """
    return from_json(text, Article)


def to_json(value: Any) -> str:
    """Any model value (dataclasses, tuples, enums, datetimes, numpy arrays) as compact JSON."""
    return json.dumps(encode_value(value), ensure_ascii=False, separators=(",", ":"))


def from_json(text: str, hint: type[T]) -> T:
    """The value of type `hint` that `to_json` encoded."""
    return typing.cast(T, decode_value(json.loads(text), hint))


# A packed vector: day (NaN when undated), term count, key count; then the terms (uint32), their
# weights (float32), the keys (uint32) and the terms' families (uint8), little-endian.
_VECTOR_HEADER = struct.Struct("<dII")


def pack_vector(vector: ArticleVector) -> bytes:
    """An article's grouping vector as compact bytes (its id travels in the row beside it).

    Grouping's block shuffle carries each vector once per blocking key: packed it is ~2.7x
    smaller than its JSON and is read back with `np.frombuffer`, not parsed. The weights are
    the vector's own float32 values, so `unpack_vector` gives back the exact same vector.

    Example:
        >>> v = ArticleVector("a", 20.5, np.array([3, 9], np.uint32),
        ...                   np.array([0.25, 0.5], np.float32), (9,), np.array([1, 0], np.uint8))
        >>> w = unpack_vector(pack_vector(v), "a")
        >>> (w.day, w.terms.tolist(), w.weights.tolist(), w.keys, w.families.tolist())
        (20.5, [3, 9], [0.25, 0.5], (9,), [1, 0])
    """
    day = math.nan if vector.day is None else vector.day
    return b"".join(
        (
            _VECTOR_HEADER.pack(day, len(vector.terms), len(vector.keys)),
            np.asarray(vector.terms, dtype="<u4").tobytes(),
            np.asarray(vector.weights, dtype="<f4").tobytes(),
            np.asarray(vector.keys, dtype="<u4").tobytes(),
            np.asarray(vector.families, dtype=np.uint8).tobytes(),
        )
    )


def unpack_vector(data: bytes, article_id: str) -> ArticleVector:
    """The `ArticleVector` that `pack_vector` packed."""
    day, terms, keys = _VECTOR_HEADER.unpack_from(data)
    at = _VECTOR_HEADER.size
    term_bytes, key_bytes = 4 * terms, 4 * keys
    return ArticleVector(
        article_id,
        None if math.isnan(day) else day,
        np.frombuffer(data, "<u4", terms, at).astype(np.uint32),
        np.frombuffer(data, "<f4", terms, at + term_bytes).astype(np.float32),
        tuple(np.frombuffer(data, "<u4", keys, at + 2 * term_bytes).tolist()),
        np.frombuffer(data, np.uint8, terms, at + 2 * term_bytes + key_bytes).copy(),
    )


def packed_keys(data: bytes) -> list[int]:
    """The blocking keys of a packed vector, without unpacking the rest."""
    _, terms, keys = _VECTOR_HEADER.unpack_from(data)
    return np.frombuffer(data, "<u4", keys, _VECTOR_HEADER.size + 8 * terms).tolist()


def rejection_row(rejection: Rejection, stage: str) -> dict[str, str]:
    """A rejection as a row of the batch's `rejected/` output."""
    return {
        "input": rejection.input,
        "stage": stage,
        "reason": rejection.reason,
        "detail": rejection.detail,
    }


def stable_bucket(key: str, buckets: int) -> int:
    """A bucket in [0, buckets) for `key`, the same in every process and on every machine.

    Python's `hash()` is salted per process, so it would put one key in different buckets on
    two executors (or on a re-run): partitions are chosen by a real digest instead.
    """
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % buckets


def encode_value(value: Any) -> Any:
    """Plain JSON data for a model value; `decode_value` turns it back, given the type."""
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return [encode_value(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, tuple | list):
        return [encode_value(item) for item in value]
    if isinstance(value, frozenset | set):
        return sorted(encode_value(item) for item in value)
    if isinstance(value, dict):
        return {str(key): encode_value(item) for key, item in value.items()}
    raise TypeError(f"cannot encode a {type(value).__name__} in a batch row")


def decode_value(data: Any, hint: Any) -> Any:
    """The value of type `hint` whose `encode_value` is `data`."""
    if data is None:
        return None
    origin = typing.get_origin(hint)
    if origin is np.ndarray:
        # NDArray[np.uint32] is ndarray[Any, dtype[uint32]]: the scalar type is two levels in.
        (scalar,) = typing.get_args(typing.get_args(hint)[1])
        return np.array(data, dtype=scalar)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return decode_value(data, options[0]) if len(options) == 1 else data
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode_value(item, args[0]) for item in data)
        return tuple(decode_value(item, arg) for item, arg in zip(data, args, strict=True))
    if origin in (frozenset, set, list):
        (arg,) = typing.get_args(hint)
        return origin(decode_value(item, arg) for item in data)
    if origin is dict:
        _, arg = typing.get_args(hint)
        return {key: decode_value(item, arg) for key, item in data.items()}
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            hints = _hints(hint)
            fields = dataclasses.fields(hint)
            return hint(
                *(decode_value(v, hints[f.name]) for f, v in zip(fields, data, strict=True))
            )
        if issubclass(hint, enum.Enum):
            return hint(data)
        if hint is dt.datetime:
            return dt.datetime.fromisoformat(data)
        if hint is dt.date:
            return dt.date.fromisoformat(data)
    return data


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    # Resolved once per class: the model uses `from __future__ import annotations`.
    return typing.get_type_hints(cls)
