"""`newsweave batch --engine spark` on a real Spark `local[2]`: the local engine's output, resumable.

`local_batch` (the corpus through the local engine) comes from test_batch_local.py's fixture.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from newsweave.runners.batch import read_output, run_batch

from test_batch_local import CORPUS, WORDS, _kill_after_first_marker, local_batch  # noqa: F401

SPARK_OPTIONS = ["--engine", "spark", "--master", "local[2]",
                 "--conf", "spark.sql.shuffle.partitions=2", "--conf", "spark.ui.enabled=false"]


def test_batch_spark_gives_the_local_engines_stories_and_reports(
    spark_engine: Any, local_batch: Path, tmp_path: Path
) -> None:
    # Other partition counts than the local run, and components in distributed rounds.
    log: list[str] = []
    run_batch(spark_engine, [CORPUS], tmp_path / "out", partitions=2, summary_words=WORDS,
              driver_edges=0, log=log.append)
    assert read_output(tmp_path / "out") == read_output(local_batch)
    assert any("large/small-star rounds" in line for line in log)


def test_batch_spark_resumes_after_the_driver_is_killed(
    spark_engine: Any, local_batch: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "newsweave", "batch", str(CORPUS), "--out", str(out),
               "--partitions", "4", "--summary-words", str(WORDS), *SPARK_OPTIONS]
    _kill_after_first_marker(command, out)
    assert not (out / "stories" / "_SUCCESS").exists()
    finished = {p: p.stat().st_mtime_ns for p in (out / "_work" / "prepared").glob("p*/_SUCCESS")}

    log: list[str] = []
    run_batch(spark_engine, [CORPUS], out, partitions=4, summary_words=WORDS, log=log.append)

    assert f"prepare: {len(finished)} of 4 partitions already done, skipped" in log
    assert {p: p.stat().st_mtime_ns for p in finished} == finished
    assert read_output(out) == read_output(local_batch)
