"""What a batch engine does: move rows between partitions. It never looks inside a step.

A step is a plain function over rows (dicts): a *map* takes the rows of one partition and yields
rows; a *reduce* takes one key and all the rows that share it and yields rows. `runners/steps.py`
and `runners/grouping.py` hold every step; `LocalEngine` runs them in this process and
`SparkEngine` runs the very same functions in Spark tasks (`mapInArrow`), with Spark doing the
shuffles. So the two engines cannot drift: each relational step is written once.

Every table has a declared schema, a Spark DDL string such as `"id string, seq long"`; the
column types used are `string`, `long`, `int`, `double`, `binary` (bytes: grouping's packed
vectors, which stay inside a batch) and `array<string>`. Rows may leave a column out: it is null.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

Row = dict[str, Any]
MapStep = Callable[[Iterator[Row]], Iterable[Row]]
ReduceStep = Callable[[Any, list[Row]], Iterable[Row]]

COLUMN_TYPES = ("string", "long", "int", "double", "binary", "array<string>")


def parse_schema(schema: str) -> list[tuple[str, str]]:
    """The (name, type) columns of a DDL schema string.

    Example:
        >>> parse_schema("id string, seq long, ids array<string>")
        [('id', 'string'), ('seq', 'long'), ('ids', 'array<string>')]
    """
    columns = []
    for part in schema.split(","):
        name, _, kind = part.strip().partition(" ")
        kind = kind.strip()
        if kind not in COLUMN_TYPES:
            raise ValueError(f"column {name!r} has type {kind!r}; expected one of {COLUMN_TYPES}")
        columns.append((name, kind))
    return columns


def column_names(schema: str) -> list[str]:
    return [name for name, _ in parse_schema(schema)]


class Table(Protocol):
    """An engine's handle on a set of rows (a list locally, a DataFrame on Spark)."""


class Engine(Protocol):
    """The operations a batch needs from an engine; steps are passed in, never written here."""

    name: str
    parallelism: int

    def from_rows(self, rows: Sequence[Row], schema: str) -> Any: ...

    def map(self, table: Any, step: MapStep, schema: str) -> Any:
        """`step` over the rows of each partition."""

    def reduce(self, table: Any, key: str, step: ReduceStep, schema: str) -> Any:
        """`step(key_value, rows)` once per distinct value of column `key`."""

    def join(self, left: Any, right: Any, on: str) -> Any:
        """Inner join on column `on`; the other column names of both sides must differ."""

    def union(self, first: Any, second: Any) -> Any:
        """Rows of both tables, which have the same schema."""

    def where(self, table: Any, column: str, value: Any) -> Any:
        """Rows whose `column` equals `value`."""

    def select(self, table: Any, schema: str) -> Any:
        """The columns of `schema`, in its order."""

    def rows(self, table: Any) -> list[Row]:
        """Every row, on the driver (small tables only)."""

    def count(self, table: Any) -> int: ...

    def counts(self, table: Any, columns: Sequence[str]) -> dict[tuple[Any, ...], int]:
        """How many rows have each combination of values in `columns` (one pass)."""

    def write(self, table: Any, path: str, fmt: str) -> None:
        """Replace the folder `path` with the table as `fmt` (parquet or jsonl) part files, then
        a `_SUCCESS` marker, written last: a folder without it is an unfinished write."""

    def read(self, path: str, schema: str, fmt: str) -> Any: ...

    def is_done(self, path: str) -> bool:
        """Whether `path` holds a finished write (its `_SUCCESS` marker)."""

    def persist(self, table: Any) -> Any:
        """The table, kept (in memory or on local disk) because it is used more than once."""

    def stop(self) -> None: ...
