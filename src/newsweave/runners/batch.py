"""`newsweave batch`: a corpus in, stories and their reports out, on any engine, resumable.

    read       input files -> raw articles; repeated ids resolved        -> _work/raw/part=N
    profiles   reduce by source: what recurs on each outlet's pages       -> _work/profiles
    prepare    per partition: clean, annotate, grouping features          -> _work/prepared/pN
    group      blocks -> scored pairs -> components -> stories            -> _work/assigned
    stories    per partition of stories: build_story, its JSON report     -> _work/stories/pN
    output     articles/, stories/, reports/, rejected/ under --out

Every stage writes its result under `--out`/_work with a `_SUCCESS` marker written last. A re-run
with the same inputs and options skips every finished stage and every finished partition of the
two costly ones (prepare, stories), so a batch killed mid-run resumes where it stopped and ends
with the output of an uninterrupted run. Partitions come from a digest of the article id (or the
story key), never from an engine's own numbering, so they are the same on every run and engine.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave import __version__
from newsweave.errors import NewsweaveError
from newsweave.runners import grouping, steps
from newsweave.runners.components import DRIVER_EDGES
from newsweave.runners.engine import Engine, Row
from newsweave.runners.records import stable_bucket
from newsweave.sources.read import JSON_SUFFIXES, JSONL_SUFFIXES

FORMATS = ("parquet", "jsonl")
INPUT_SUFFIXES = JSONL_SUFFIXES | JSON_SUFFIXES | steps.PARQUET_SUFFIXES | steps.STORE_SUFFIXES
_BYTES_PER_PARTITION = 8 * 1024 * 1024  # about 3,000 news articles of JSON
_MAX_PARTITIONS = 4096
Log = Callable[[str], None]


@dataclass(slots=True)
class BatchResult:
    """What a batch wrote, stage by stage."""

    out: Path
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    rejected: int = 0  # rows of rejected/: inputs, articles and stories left out


def run_batch(
    engine: Engine,
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    fmt: str = "parquet",
    partitions: int | None = None,
    summary_words: int,
    driver_edges: int = DRIVER_EDGES,
    link_articles: int | None = None,
    log: Log = print,
) -> BatchResult:
    """Run the pipeline over `inputs` (JSONL/JSON, Parquet or store files, or folders of them)
    on `engine`, writing `articles/`, `stories/`, `reports/` and `rejected/` under `out`.

    Example:
        >>> run_batch(LocalEngine(), ["corpus/"], "batch-out", summary_words=120)
    """
    if fmt not in FORMATS:
        raise NewsweaveError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    files = expand_inputs(inputs)
    run = _Run(engine, Path(out).resolve(), fmt, log)
    run.driver_edges = driver_edges
    run.link_articles = grouping.LINK_ARTICLES if link_articles is None else link_articles
    count = partitions or _default_partitions(files, engine.parallelism)
    run.check_manifest(files, count, summary_words)
    run.read(files, count)
    profiles = run.profiles()
    run.prepare(profiles, count)
    run.group()
    run.stories(count, summary_words)
    run.output()
    return run.result


def expand_inputs(inputs: Sequence[str | Path]) -> list[Path]:
    """The input files, folders searched recursively (hidden files skipped), in a stable order."""
    files: list[Path] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in INPUT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise NewsweaveError(f"{path}: no .jsonl, .json, .parquet or store file in folder")
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in INPUT_SUFFIXES:
                expected = ", ".join(sorted(INPUT_SUFFIXES))
                raise NewsweaveError(f"{path}: unsupported input type; expected one of {expected}")
            files.append(path)
        else:
            raise NewsweaveError(f"{path}: no such file or folder")
    return [file.resolve() for file in files]


class _Run:
    def __init__(self, engine: Engine, out: Path, fmt: str, log: Log) -> None:
        self.engine, self.out, self.fmt, self.log = engine, out, fmt, log
        self.work = out / "_work"
        self.result = BatchResult(out)
        self.driver_edges = DRIVER_EDGES
        self.link_articles = grouping.LINK_ARTICLES

    # -- stages ---------------------------------------------------------------------------------

    def check_manifest(self, files: list[Path], partitions: int, summary_words: int) -> None:
        manifest = {
            "version": __version__,
            "inputs": [[str(f), f.stat().st_size, f.stat().st_mtime_ns] for f in files],
            "partitions": partitions,
            "summary_words": summary_words,
            "format": self.fmt,
        }
        path = self.work / "manifest.json"
        if path.is_file():
            if json.loads(path.read_text(encoding="utf-8")) != manifest:
                raise NewsweaveError(
                    f"{self.out} holds a batch of other inputs or options; "
                    "use another --out, or delete it to start over"
                )
            self.log(f"resuming the batch in {self.out}")
            return
        self.work.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")

    def read(self, files: list[Path], partitions: int) -> None:
        raw, rejected = self._path("raw"), self._path("read_rejected")
        if self._done("read", raw, rejected):
            return
        e = self.engine
        listing = e.from_rows(
            [{"path": str(f), "file": i} for i, f in enumerate(files)], steps.FILES
        )
        records = e.map(listing, steps.read_files, steps.RAW)
        articles = e.reduce(e.where(records, "kind", "article"), "id", steps.keep_first, steps.RAW)
        articles = e.persist(articles)
        parted = e.map(articles, _with_part("id", partitions), f"{steps.RAW}, part int")
        e.write(e.where(parted, "kind", "article"), raw, self.fmt, partition_by="part")
        failed = e.union(
            e.where(records, "kind", "rejected"), e.where(articles, "kind", "rejected")
        )
        e.write(e.select(failed, steps.REJECTED), rejected, self.fmt)
        self._summary("read", e.union(e.where(records, "kind", "rejected"), articles))

    def profiles(self) -> dict[str, Any]:
        path = self._path("profiles")
        e = self.engine
        if not self._done("profiles", path):
            raw = e.read([self._path("raw")], steps.RAW, self.fmt)
            e.write(e.reduce(raw, "source", steps.learn_profile, steps.PROFILES), path, self.fmt)
        profiles = steps.profiles_from_rows(e.rows(e.read([path], steps.PROFILES, self.fmt)))
        self.log(f"[profiles] {len(profiles)} sources with learned boilerplate")
        return profiles

    def prepare(self, profiles: dict[str, Any], partitions: int) -> None:
        step = steps.prepare(profiles)

        def work(part: int) -> None:
            source = self._part_path("raw", part, "part")
            e = self.engine
            table = e.read([source], steps.RAW, self.fmt) if Path(source).exists() else None
            rows = (
                e.from_rows([], steps.PREPARED)
                if table is None
                else e.map(table, step, steps.PREPARED)
            )
            e.write(rows, self._path(f"prepared/p{part:05d}"), self.fmt)

        self._partitioned("prepare", "prepared", partitions, work)
        self._summary("prepare", self._prepared())

    def group(self) -> None:
        path = self._path("assigned")
        e = self.engine
        if not self._done("group", path):
            articles = e.where(self._prepared(), "kind", "article")
            assigned, edges, rounds = grouping.assign_stories(
                e, articles, driver_edges=self.driver_edges, link_articles=self.link_articles
            )
            e.write(assigned, path, self.fmt)
            where = f"in {rounds} large/small-star rounds" if rounds else "on the driver"
            self.log(f"group: {edges} compared pairs, their components found {where}")
        sizes = e.counts(e.read([path], grouping.ASSIGNED, self.fmt), ["story"])
        self._log_stage("group", sum(sizes.values()), Counter(), f"{len(sizes)} stories out")

    def stories(self, partitions: int, summary_words: int) -> None:
        e = self.engine
        source = self._path("stories_in")
        if not self._done("stories input", source):
            articles = e.where(self._prepared(), "kind", "article")
            joined = e.join(
                articles, e.read([self._path("assigned")], grouping.ASSIGNED, self.fmt), "id"
            )
            e.write(
                e.map(joined, _story_part(partitions), _STORY_IN),
                source,
                self.fmt,
                partition_by="story_part",
            )
        step = steps.story_rows(summary_words)

        def work(part: int) -> None:
            given = self._part_path("stories_in", part, "story_part")
            table = e.read([given], _STORY_IN, self.fmt) if Path(given).exists() else None
            rows = (
                e.from_rows([], steps.STORY_OUT)
                if table is None
                else e.reduce(table, "story", step, steps.STORY_OUT)
            )
            e.write(rows, self._path(f"stories/p{part:05d}"), self.fmt)

        self._partitioned("stories", "stories", partitions, work)

    def output(self) -> None:
        e = self.engine
        built = e.persist(e.read(self._all_parts("stories"), steps.STORY_OUT, self.fmt))
        stories = e.where(built, "kind", "story")
        e.write(e.select(stories, steps.STORIES), str(self.out / "stories"), self.fmt)
        if self.fmt == "jsonl":  # one report per line, each exactly as `analyze --json` shapes it
            e.write(e.select(stories, "report string"), str(self.out / "reports"), "text")
        else:
            e.write(e.select(stories, steps.REPORTS), str(self.out / "reports"), self.fmt)
        e.write(
            e.select(e.where(built, "kind", "article"), steps.ARTICLES),
            str(self.out / "articles"),
            self.fmt,
        )
        failed = e.union(
            e.read([self._path("read_rejected")], steps.REJECTED, self.fmt),
            e.select(e.where(self._prepared(), "kind", "rejected"), steps.REJECTED),
        )
        failed = e.union(failed, e.select(e.where(built, "kind", "rejected"), steps.REJECTED))
        e.write(failed, str(self.out / "rejected"), self.fmt)
        self.result.rejected = sum(e.counts(failed, []).values())
        tally = self._summary("stories", built, out_kind="story", in_kind="article")
        self.log(f"wrote {tally} stories to {self.out} (articles/, stories/, reports/, rejected/)")

    # -- helpers --------------------------------------------------------------------------------

    def _partitioned(
        self, stage: str, folder: str, partitions: int, work: Callable[[int], None]
    ) -> None:
        todo = [
            p
            for p in range(partitions)
            if not self.engine.is_done(self._path(f"{folder}/p{p:05d}"))
        ]
        skipped = partitions - len(todo)
        if skipped:
            self.log(f"{stage}: {skipped} of {partitions} partitions already done, skipped")
        done = 0

        def run(part: int) -> None:
            nonlocal done
            work(part)
            done += 1
            self.log(f"{stage}: partition {part} done ({done + skipped}/{partitions})")

        # Partitions are independent jobs: an engine with several workers runs them side by side.
        with ThreadPoolExecutor(max_workers=max(1, self.engine.parallelism)) as pool:
            list(pool.map(run, todo))

    def _prepared(self) -> Any:
        return self.engine.read(self._all_parts("prepared"), steps.PREPARED, self.fmt)

    def _all_parts(self, folder: str) -> list[str]:
        return sorted(str(p) for p in (self.work / folder).glob("p*") if p.is_dir())

    def _done(self, stage: str, *paths: str) -> bool:
        if all(self.engine.is_done(path) for path in paths):
            self.log(f"{stage}: already done, skipped")
            return True
        return False

    def _path(self, name: str) -> str:
        return str(self.work / name)

    def _part_path(self, name: str, part: int, column: str) -> str:
        return str(self.work / name / f"{column}={part}")

    def _summary(
        self, stage: str, table: Any, *, out_kind: str = "article", in_kind: str = "article"
    ) -> int:
        """Log the stage's line from one pass over its rows; returns the rows of `out_kind`."""
        by_kind: Counter[str] = Counter()
        rejected: Counter[str] = Counter()
        for (kind, reason), n in self.engine.counts(table, ["kind", "reason"]).items():
            by_kind[kind] += n
            if kind == "rejected":
                rejected[reason] += n
        unit = "stories" if out_kind == "story" else "articles"
        self._log_stage(
            stage,
            by_kind[in_kind] + (0 if in_kind != out_kind else by_kind["rejected"]),
            rejected,
            f"{by_kind[out_kind]} {unit} out",
        )
        return by_kind[out_kind]

    def _log_stage(self, stage: str, count_in: int, rejected: Counter[str], out: str) -> None:
        self.result.stages[stage] = {"in": count_in, "rejected": dict(rejected), "out": out}
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(rejected.items()))
        shown = f"{sum(rejected.values())} rejected" + (f" ({reasons})" if reasons else "")
        self.log(f"[{stage}] {count_in} articles in, {shown}, {out}")


_STORY_IN = "story string, seq long, article string, story_part int"


def _default_partitions(files: list[Path], parallelism: int) -> int:
    size = sum(f.stat().st_size for f in files)
    return max(2 * parallelism, min(_MAX_PARTITIONS, math.ceil(size / _BYTES_PER_PARTITION)))


def _with_part(column: str, partitions: int) -> Callable[[Iterator[Row]], Iterator[Row]]:
    def step(rows: Iterator[Row]) -> Iterator[Row]:
        for row in rows:
            yield {**row, "part": stable_bucket(row[column], partitions) if row[column] else 0}

    return step


def _story_part(partitions: int) -> Callable[[Iterator[Row]], Iterator[Row]]:
    def step(rows: Iterator[Row]) -> Iterator[Row]:
        for row in rows:
            yield {
                "story": row["story"],
                "seq": row["seq"],
                "article": row["article"],
                "story_part": stable_bucket(row["story"], partitions),
            }

    return step


def read_output(out: str | Path) -> dict[str, list[dict[str, Any]]]:
    """A finished batch's outputs as rows, sorted: `articles`, `stories`, `reports` (parsed
    JSON), `rejected`. For checks and small corpora; read large outputs with pyarrow or Spark."""
    out = Path(out)
    fmt = json.loads((out / "_work" / "manifest.json").read_text(encoding="utf-8"))["format"]
    found: dict[str, list[dict[str, Any]]] = {}
    for name in ("articles", "stories", "reports", "rejected"):
        rows: list[dict[str, Any]] = []
        for part in sorted((out / name).glob("part-*")):
            if fmt == "parquet":
                import pyarrow.parquet as pq

                rows.extend(pq.read_table(part).to_pylist())
            else:
                with part.open(encoding="utf-8") as handle:
                    rows.extend(json.loads(line) for line in handle if line.strip())
        if name == "reports" and fmt == "parquet":
            rows = [json.loads(row["report"]) for row in rows]
        found[name] = sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))
    return found
