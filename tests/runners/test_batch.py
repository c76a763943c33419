"""`newsweave batch`: the local engine gives the stories and reports of `analyze`; the Spark engine
(a real `local[2]`) gives the local engine's output; both resume after the driver is killed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newsweave.errors import NewsweaveError
from newsweave.model import Article, DateOrigin, Mention, Removal, Span
from newsweave.pipeline import analyze
from newsweave.render.json import report_to_dict, validate_report
from newsweave.runners.batch import read_output, run_batch
from newsweave.runners.components import connected_components
from newsweave.runners.local import LocalEngine
from newsweave.runners.records import article_from_json, article_to_json, from_json, to_json
from newsweave.sources.read import read_inputs
from newsweave.stages._graph import connected_groups
from newsweave.stages.grouping.stories import Features, grouping_features

CORPUS = Path(__file__).parent.parent / "data" / "batch_corpus.jsonl"
WORDS = 60
SPARK_OPTIONS = [
    "--engine",
    "spark",
    "--master",
    "local[2]",
    "--conf",
    "spark.sql.shuffle.partitions=2",
    "--conf",
    "spark.ui.enabled=false",
]


@pytest.fixture(scope="session")
def local_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus through the local engine once, as Parquet in 4 partitions."""
    out = tmp_path_factory.mktemp("batch") / "local"
    run_batch(LocalEngine(), [CORPUS], out, partitions=4, summary_words=WORDS, log=lambda _: None)
    return out


def test_batch_local_gives_the_stories_and_reports_of_analyze(local_batch: Path) -> None:
    articles, rejections = read_inputs([CORPUS])
    expected = report_to_dict(analyze(articles, rejections=rejections, summary_words=WORDS))
    output = read_output(local_batch)
    got = {report["stories"][0]["id"]: report for report in output["reports"]}
    assert sorted(got) == sorted(story["id"] for story in expected["stories"])
    for story in expected["stories"]:
        validate_report(got[story["id"]])
        assert got[story["id"]]["stories"] == [story]
    assert sorted(row["article_ids"] for row in output["stories"]) == sorted(
        [a["id"] for a in story["articles"]] for story in expected["stories"]
    )


def test_batch_local_lists_each_rejected_input_with_its_reason(local_batch: Path) -> None:
    rejected = {
        (row["reason"], row["input"].rsplit(":", 1)[1])
        for row in read_output(local_batch)["rejected"]
    }
    assert rejected == {("empty", "8"), ("duplicate", "9"), ("malformed_json", "11")}
    articles = {row["id"]: row for row in read_output(local_batch)["articles"]}
    assert "budget-wire-2" in articles  # a reused id with other text is renamed, as analyze does
    assert "Subscribe" not in articles["quake-daily"]["text"]  # the source's learned boilerplate


def test_batch_spark_gives_the_local_engines_stories_and_reports(
    spark_engine: Any, local_batch: Path, tmp_path: Path
) -> None:
    # Other partition counts than the local run, and components in distributed rounds.
    log: list[str] = []
    run_batch(
        spark_engine,
        [CORPUS],
        tmp_path / "out",
        partitions=2,
        summary_words=WORDS,
        driver_edges=0,
        log=log.append,
    )
    assert read_output(tmp_path / "out") == read_output(local_batch)
    assert any("large/small-star rounds" in line for line in log)


@pytest.mark.parametrize("engine_name", ["local", "spark"])
def test_batch_resumes_after_the_driver_is_killed(
    engine_name: str, request: pytest.FixtureRequest, local_batch: Path, tmp_path: Path
) -> None:
    # The driver (and Spark's JVM with it) gets SIGKILL once one prepare partition is finished;
    # the re-run skips the finished partitions and ends with the output of a clean run.
    out = tmp_path / "out"
    options = SPARK_OPTIONS if engine_name == "spark" else []
    command = [sys.executable, "-m", "newsweave", "batch", str(CORPUS), "--out", str(out)]
    first_marker = _kill_after_first_marker(
        [*command, "--partitions", "4", "--summary-words", str(WORDS), *options], out
    )
    assert not (out / "stories" / "_SUCCESS").exists()
    finished = {p: p.stat().st_mtime_ns for p in (out / "_work" / "prepared").glob("p*/_SUCCESS")}
    assert first_marker in finished

    engine = request.getfixturevalue("spark_engine") if engine_name == "spark" else LocalEngine()
    log: list[str] = []
    run_batch(engine, [CORPUS], out, partitions=4, summary_words=WORDS, log=log.append)

    assert f"prepare: {len(finished)} of 4 partitions already done, skipped" in log
    assert {p: p.stat().st_mtime_ns for p in finished} == finished  # not redone
    assert read_output(out) == read_output(local_batch)


def test_batch_reads_parquet_as_it_reads_json_lines(local_batch: Path, tmp_path: Path) -> None:
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    records = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # Parquet has no malformed line
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "corpus.parquet")
    run_batch(
        LocalEngine(),
        [tmp_path / "corpus.parquet"],
        tmp_path / "out",
        partitions=4,
        summary_words=WORDS,
        log=lambda _: None,
    )
    got, expected = read_output(tmp_path / "out"), read_output(local_batch)
    assert got["stories"] == expected["stories"] and got["reports"] == expected["reports"]
    assert {row["reason"] for row in got["rejected"]} == {"empty", "duplicate"}


def test_batch_cli_links_in_rounds_with_the_same_output(local_batch: Path, tmp_path: Path) -> None:
    # `--link-articles 0`: every connected piece linked in rounds (runners/linking.py).
    command = [sys.executable, "-m", "newsweave", "batch", str(CORPUS), "--out", str(tmp_path)]
    done = subprocess.run(
        [*command, "--partitions", "4", "--summary-words", str(WORDS), "--link-articles", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr[-2000:]  # the corpus's 3 bad inputs are rejected
    assert read_output(tmp_path) == read_output(local_batch)
    negative = subprocess.run(
        [*command, "--link-articles", "-1"], capture_output=True, text=True, check=False
    )
    assert negative.returncode == 2
    assert negative.stderr.strip() == "error: --link-articles must be 0 or more, got -1"


def test_batch_refuses_an_output_folder_of_another_batch(local_batch: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.jsonl"
    other.write_text(CORPUS.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(NewsweaveError, match="holds a batch of other inputs or options"):
        run_batch(LocalEngine(), [other], local_batch, partitions=4, summary_words=WORDS)


def test_batch_cli_names_a_missing_input_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsweave",
            "batch",
            str(tmp_path / "nope.jsonl"),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"error: {tmp_path / 'nope.jsonl'}: no such file or folder"


def test_batch_spark_job_failure_is_one_line_not_a_java_trace(
    spark_engine: Any, tmp_path: Path
) -> None:
    # Python workers that cannot start fail the first Spark task mid-run, as an executor
    # out of memory or a lost driver would: one error line, no Python or Java stack trace.
    command = [sys.executable, "-m", "newsweave", "batch", str(CORPUS), "--out", str(tmp_path)]
    env = {**os.environ, "PYSPARK_PYTHON": str(tmp_path / "no-such-python")}
    done = subprocess.run(
        [*command, *SPARK_OPTIONS, "--quiet"], capture_output=True, text=True, check=False, env=env
    )
    assert done.returncode == 2, done.stderr[-2000:]
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "the Spark job failed" in errors[0] and "resume" in errors[0]
    assert "Traceback" not in done.stderr


def test_components_large_and_small_star_match_union_find() -> None:
    rng = random.Random(7)
    engine = LocalEngine()
    for _ in range(20):
        nodes = [f"n{i:03d}" for i in range(rng.randint(2, 60))]
        edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(1, 50))]
        edges = [(a, b) for a, b in edges if a != b]
        table = engine.from_rows([{"src": a, "dst": b} for a, b in edges], "src string, dst string")
        by_rounds, counted_in_rounds, _ = connected_components(engine, table, driver_edges=0)
        on_driver, counted, rounds = connected_components(engine, table)
        got = {row["id"]: row["comp"] for row in engine.rows(by_rounds)}
        assert rounds == 0 and {row["id"]: row["comp"] for row in engine.rows(on_driver)} == got
        assert counted_in_rounds == counted == len(set(edges))  # the edges given, both ways
        linked = sorted({n for edge in edges for n in edge})
        groups = connected_groups(linked, edges)
        smallest = {g: min(n for n in linked if groups[n] == g) for g in groups.values()}
        assert got == {n: smallest[groups[n]] for n in linked}


def test_records_round_trip_a_prepared_article_and_its_features() -> None:
    import datetime as dt

    article = Article(
        id="a",
        source="Wire",
        raw_text="Ana Brix spoke.",
        text="Ana Brix spoke.",
        published=dt.datetime(2026, 3, 2, 8),
        date_origin=DateOrigin.METADATA,
        removed=(Removal("a", "Home | World", "boilerplate"),),
        sentences=(Span("a", 0, 15),),
        mentions=(Mention(Span("a", 0, 8), "PERSON"),),
    )
    assert article_from_json(article_to_json(article)) == article
    features = grouping_features(article)
    back = from_json(to_json(features), Features)
    assert back.terms.dtype == features.terms.dtype
    assert back.terms.tolist() == features.terms.tolist() and back.day == features.day


def _kill_after_first_marker(command: list[str], out: Path) -> Path:
    # The driver is killed (SIGKILL: no clean-up) as soon as one prepare partition is finished.
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=os.environ.copy(),
    )
    deadline = time.monotonic() + 900  # a loaded machine starts Spark slowly
    try:
        while time.monotonic() < deadline and process.poll() is None:
            markers = sorted((out / "_work" / "prepared").glob("p*/_SUCCESS"))
            if markers:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return markers[0]
            time.sleep(0.02)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    raise AssertionError(f"no prepare partition finished (exit code {process.returncode})")
