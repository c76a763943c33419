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
import types
import typing
from typing import Any, TypeVar

import numpy as np

from newsweave.model import Article, Rejection

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
