"""The local engine: every step in this process, over Python lists. The default of `batch`.

Partitions are only a unit of resumable work here: a map sees all rows at once, a reduce groups
them with a dict. Output folders have the same layout as Spark's (`part-00000.<fmt>` files and a
`_SUCCESS` marker), so either engine can read or resume the other's intermediate results.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.runners.engine import MapStep, ReduceStep, Row, column_names, parse_schema

SUCCESS = "_SUCCESS"


@dataclass(slots=True)
class LocalTable:
    rows: list[Row]
    schema: str


class LocalEngine:
    """Runs batch steps in this process."""

    name = "local"
    parallelism = 1

    def from_rows(self, rows: Sequence[Row], schema: str) -> LocalTable:
        return LocalTable(_conform(rows, schema), schema)

    def map(self, table: LocalTable, step: MapStep, schema: str) -> LocalTable:
        return LocalTable(_conform(step(iter(table.rows)), schema), schema)

    def reduce(self, table: LocalTable, key: str, step: ReduceStep, schema: str) -> LocalTable:
        groups: dict[Any, list[Row]] = {}
        for row in table.rows:
            groups.setdefault(row[key], []).append(row)
        out: list[Row] = []
        for value in sorted(groups, key=_sort_key):
            out.extend(step(value, groups[value]))
        return LocalTable(_conform(out, schema), schema)

    def join(self, left: LocalTable, right: LocalTable, on: str) -> LocalTable:
        index: dict[Any, list[Row]] = {}
        for row in right.rows:
            index.setdefault(row[on], []).append(row)
        joined = [{**row, **match} for row in left.rows for match in index.get(row[on], ())]
        others = [c for c in right.schema.split(",") if c.strip().partition(" ")[0] != on]
        return LocalTable(joined, ",".join([left.schema, *others]))

    def union(self, first: LocalTable, second: LocalTable) -> LocalTable:
        return LocalTable(first.rows + second.rows, first.schema)

    def where(self, table: LocalTable, column: str, value: Any) -> LocalTable:
        return LocalTable([row for row in table.rows if row.get(column) == value], table.schema)

    def select(self, table: LocalTable, schema: str) -> LocalTable:
        return LocalTable(_conform(table.rows, schema), schema)

    def rows(self, table: LocalTable) -> list[Row]:
        return list(table.rows)

    def count(self, table: LocalTable) -> int:
        return len(table.rows)

    def counts(self, table: LocalTable, columns: Sequence[str]) -> dict[tuple[Any, ...], int]:
        return dict(Counter(tuple(row.get(c) for c in columns) for row in table.rows))

    def write(
        self, table: LocalTable, path: str, fmt: str, *, partition_by: str | None = None
    ) -> None:
        folder = Path(path)
        # Written beside the target, then swapped in: a crash leaves the old folder or none.
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        try:
            if partition_by is None:
                _write_part(table.rows, table.schema, staging, fmt)
            else:
                schema = ",".join(
                    c
                    for c in table.schema.split(",")
                    if c.strip().partition(" ")[0] != partition_by
                )
                groups: dict[Any, list[Row]] = {}
                for row in table.rows:
                    groups.setdefault(row[partition_by], []).append(row)
                for value, rows in groups.items():
                    _write_part(rows, schema, staging / f"{partition_by}={value}", fmt)
            (staging / SUCCESS).touch()
            if folder.exists():
                shutil.rmtree(folder)
            os.replace(staging, folder)
        finally:
            if staging.exists():
                shutil.rmtree(staging)

    def read(self, paths: Sequence[str], schema: str, fmt: str) -> LocalTable:
        rows: list[Row] = []
        for path in paths:
            # Partitioned writes hold their part files in `column=value` sub-folders.
            for part in sorted(Path(path).rglob("part-*")):
                if fmt == "parquet":
                    rows.extend(_read_parquet(part))
                else:
                    with part.open(encoding="utf-8") as handle:
                        rows.extend(json.loads(line) for line in handle if line.strip())
        return LocalTable(_conform(rows, schema), schema)

    def is_done(self, path: str) -> bool:
        return (Path(path) / SUCCESS).is_file()

    def persist(self, table: LocalTable) -> LocalTable:
        return table

    def stop(self) -> None:
        return None


def _conform(rows: Any, schema: str) -> list[Row]:
    # Every row gets exactly the schema's columns (absent ones null), as a DataFrame would.
    names = column_names(schema)
    return [{name: row.get(name) for name in names} for row in rows]


def _sort_key(value: Any) -> tuple[bool, Any]:
    return (value is None, value if value is not None else 0)


def arrow_schema(schema: str) -> Any:
    """The pyarrow schema of a DDL schema string (for Parquet files and Spark's Arrow batches)."""
    pa = _pyarrow()
    types = {
        "string": pa.string(),
        "long": pa.int64(),
        "int": pa.int32(),
        "double": pa.float64(),
        "binary": pa.binary(),
        "array<string>": pa.list_(pa.string()),
    }
    return pa.schema([(name, types[kind]) for name, kind in parse_schema(schema)])


def _write_part(rows: list[Row], schema: str, folder: Path, fmt: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    names = column_names(schema)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pa = _pyarrow()
        table = pa.Table.from_pylist(_conform(rows, schema), schema=arrow_schema(schema))
        pq.write_table(table, folder / "part-00000.parquet")
        return
    with (folder / f"part-00000.{'txt' if fmt == 'text' else 'json'}").open(
        "w", encoding="utf-8"
    ) as handle:
        for row in rows:
            if fmt == "text":  # one column, written as is: each line is that column's text
                handle.write(f"{row[names[0]]}\n")
            else:  # as Spark writes JSON lines: null columns left out
                data = {name: row.get(name) for name in names if row.get(name) is not None}
                handle.write(json.dumps(data, ensure_ascii=False) + "\n")


def _read_parquet(path: Path) -> list[Row]:
    import pyarrow.parquet as pq

    _pyarrow()
    rows: list[Row] = pq.read_table(path).to_pylist()
    return rows


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise NewsweaveError(
            "Parquet needs pyarrow: pip install 'newsweave[parquet]' (or use --format jsonl)"
        ) from None
    return pyarrow
