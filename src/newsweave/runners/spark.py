"""The Spark engine: the batch steps in Spark tasks, Spark doing the shuffles (`newsweave[spark]`).

A map is `mapInArrow`: each task hands the step the rows of its Arrow batches and turns what it
yields back into batches, so a model loads once per Python worker and serves every batch of every
task that worker runs. A reduce is a shuffle by the key (`repartition`), a sort inside each
partition, then the same `mapInArrow` with the rows of each key handed over together: one Python
call per partition, not one per key. Tables that are read more than once are checkpointed on the
executors (`localCheckpoint`), which also cuts the plan of the iterated component rounds.

A map straight after another map (or after a reduce's step) runs in the same `mapInArrow`, the
Arrow batches handed from one step to the next inside the Python worker: two Python operators in
one Spark stage would each hold a Python worker per task, and every worker loads the models the
steps use (on `local[2]`, 6 workers of ~600 MB each instead of 2, and the story stage spread over
all of them, each loading spaCy's parser and the embedder).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.runners.engine import MapStep, ReduceStep, Row, column_names, parse_schema
from newsweave.runners.local import arrow_schema

_BATCH_ROWS = 1024  # rows per Arrow batch handed back to Spark
# ... and at most about this many bytes of text: a story's report can be tens of MB, and Spark
# turns a batch into rows on the JVM heap (1 GB by default on `local[*]`), so 1,024 reports
# in one batch ran a 50k-article batch out of heap.
_BATCH_BYTES = 16 * 1024 * 1024
_DEFAULT_CONFIG = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.execution.arrow.maxRecordsPerBatch": "1024",
    # Partitions are picked by newsweave (a digest of the key), not by AQE's coalescing.
    "spark.sql.adaptive.coalescePartitions.enabled": "false",
}


class SparkEngine:
    """Runs batch steps on a Spark cluster (or `local[N]`); `master=None` keeps spark-submit's."""

    name = "spark"

    def __init__(
        self,
        master: str | None = "local[*]",
        *,
        session: Any = None,
        config: dict[str, str] | None = None,
    ) -> None:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise NewsweaveError(
                "the Spark engine needs PySpark and a Java runtime: pip install 'newsweave[spark]'"
            ) from None
        # Executors must run this interpreter, where newsweave and its models are installed
        # (the system python3 may lack even pandas).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        self._owned = session is None
        if session is None:
            builder = SparkSession.builder.appName("newsweave batch")
            if master:
                builder = builder.master(master)
            for key, value in {**_DEFAULT_CONFIG, **(config or {})}.items():
                builder = builder.config(key, value)
            try:
                session = builder.getOrCreate()
            except Exception as error:  # py4j and the launcher raise several kinds
                raise NewsweaveError(f"cannot start Spark ({master}): {error}") from None
        self.spark = session
        if self._owned:  # spark-submit's default INFO lines would bury the stage lines
            session.sparkContext.setLogLevel("WARN")
        self.parallelism = max(1, int(session.sparkContext.defaultParallelism))
        if not session.sparkContext.getConf().contains("spark.sql.shuffle.partitions"):
            # Spark's default of 200 is one Python task per partition of every reduce (0.1-0.2
            # CPU-s each, whatever its size): on `local[2]` most of a batch went there. Two
            # partitions per core unless the user set it (`--conf` or spark-defaults).
            session.conf.set("spark.sql.shuffle.partitions", str(2 * self.parallelism))
        self.shuffle_partitions = int(session.conf.get("spark.sql.shuffle.partitions"))

    def from_rows(self, rows: Sequence[Row], schema: str) -> Any:
        names = column_names(schema)
        values = [tuple(row.get(name) for name in names) for row in rows]
        return self.spark.createDataFrame(values, schema).repartition(
            max(1, min(len(values), self.parallelism))
        )

    def map(self, table: Any, step: MapStep, schema: str) -> Any:
        return _map_in_arrow(table, _arrow_map(step, schema), schema)

    def reduce(self, table: Any, key: str, step: ReduceStep, schema: str) -> Any:
        grouped = table.repartition(self.shuffle_partitions, key).sortWithinPartitions(key)
        return _map_in_arrow(grouped, _arrow_map(_by_key(key, step), schema), schema)

    def join(self, left: Any, right: Any, on: str) -> Any:
        return left.join(right, on=on, how="inner")

    def union(self, first: Any, second: Any) -> Any:
        return first.unionByName(second)

    def where(self, table: Any, column: str, value: Any) -> Any:
        from pyspark.sql import functions as F

        return table.filter(F.col(column) == F.lit(value))

    def select(self, table: Any, schema: str) -> Any:
        from pyspark.sql import functions as F

        present = set(table.columns)
        return table.select(
            *(
                F.col(name) if name in present else F.lit(None).cast(kind).alias(name)
                for name, kind in parse_schema(schema)
            )
        )

    def rows(self, table: Any) -> list[Row]:
        return [row.asDict(recursive=True) for row in table.collect()]

    def count(self, table: Any) -> int:
        return int(table.count())

    def counts(self, table: Any, columns: Sequence[str]) -> dict[tuple[Any, ...], int]:
        found = table.groupBy(*columns).count().collect()
        return {tuple(row[c] for c in columns): int(row["count"]) for row in found}

    def write(self, table: Any, path: str, fmt: str, *, partition_by: str | None = None) -> None:
        writer = table.write.mode("overwrite")
        if partition_by:
            writer = writer.partitionBy(partition_by)
        if fmt == "parquet":
            writer.parquet(path)
        elif fmt == "text":
            writer.text(path)
        else:
            writer.json(path)

    def read(self, paths: Sequence[str], schema: str, fmt: str) -> Any:
        if not paths:
            return self.spark.createDataFrame([], schema)
        reader = self.spark.read.schema(schema)
        return reader.parquet(*paths) if fmt == "parquet" else reader.json(list(paths))

    def is_done(self, path: str) -> bool:
        # Through Hadoop's file system, so HDFS and object-store outputs are checked too.
        jvm = self.spark.sparkContext._jvm
        marker = jvm.org.apache.hadoop.fs.Path(f"{path}/_SUCCESS")
        conf = self.spark.sparkContext._jsc.hadoopConfiguration()
        return bool(marker.getFileSystem(conf).exists(marker))

    def persist(self, table: Any) -> Any:
        from pyspark import StorageLevel

        from pyspark.sql import DataFrame

        # On disk, not in the block manager's memory: the checkpoints stay for the whole batch,
        # and in memory they crowd the heap the later stages' rows and writers need.
        kept = table.localCheckpoint(eager=True, storageLevel=StorageLevel.DISK_ONLY)
        # A checkpoint keeps the size estimate of the plan it cut, and the estimate of a join is
        # the product of its sides': over the rounds of grouping's linking (a join of the last
        # round's checkpoints each round) it grew to numbers of millions of digits that took the
        # planner minutes and the driver's heap. The same rows with no estimate start afresh.
        fresh = self.spark._jsparkSession.createDataFrame(kept._jdf.javaRDD(), kept._jdf.schema())
        return DataFrame(fresh, self.spark)

    def stop(self) -> None:
        if self._owned:
            self.spark.stop()


ArrowStep = Callable[[Iterator[Any]], Iterator[Any]]
_STEP_OF = "_newsweave_arrow_step"  # set on a DataFrame made by `_map_in_arrow`: (input, step)


def _map_in_arrow(table: Any, step: ArrowStep, schema: str) -> Any:
    """`table.mapInArrow(step)`, or, when `table` is itself the output of one, that one's input
    with both steps run one after the other in a single `mapInArrow`."""
    made = getattr(table, _STEP_OF, None)
    if made is not None:
        source, first = made
        table, step = source, _then(first, step)
    out = table.mapInArrow(step, schema)
    setattr(out, _STEP_OF, (table, step))
    return out


def _then(first: ArrowStep, second: ArrowStep) -> ArrowStep:
    def run(batches: Iterator[Any]) -> Iterator[Any]:
        return second(first(batches))

    return run


def _arrow_map(step: MapStep, schema: str) -> Any:
    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        target = arrow_schema(schema)
        names = target.names
        rows = itertools.chain.from_iterable(batch.to_pylist() for batch in batches)
        for chunk in bounded_batches(step(rows)):
            columns = [[row.get(name) for row in chunk] for name in names]
            yield pa.RecordBatch.from_arrays(
                [
                    pa.array(column, type=field.type)
                    for column, field in zip(columns, target, strict=True)
                ],
                schema=target,
            )

    return run


def bounded_batches(
    rows: Iterable[Row], max_rows: int = _BATCH_ROWS, max_bytes: int = _BATCH_BYTES
) -> Iterator[list[Row]]:
    """`rows` in lists of at most `max_rows` rows and about `max_bytes` of text (a list closes
    once it reaches the limit; one row larger than it travels alone)."""
    chunk: list[Row] = []
    size = 0
    for row in rows:
        chunk.append(row)
        size += sum(len(value) for value in row.values() if isinstance(value, (str, bytes)))
        if len(chunk) >= max_rows or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _by_key(key: str, step: ReduceStep) -> MapStep:
    def run(rows: Iterator[Row]) -> Iterable[Row]:
        for value, group in itertools.groupby(rows, key=lambda row: row[key]):
            yield from step(value, list(group))

    return run
