"""Where `newsweave analyze`'s memory goes, step by step, and how much of it grows per article.

`newsweave analyze FILE --json OUT --quiet` runs in this process (the CLI's own code, no flag
changed) on the first N articles of Multi-News test.jsonl, for each N given, each in a new
process. At each step boundary it records the resident set (RSS), what the allocator has handed
out (glibc `mallinfo2`: in use, and free but still held), and with `--trace` what Python code
allocated and still holds (`tracemalloc`: `--trace grouping` over the grouping step alone, its
peak being the grouping's working memory; `--trace stories` from there to the end), with the
peak of each step:

    read       the inputs read, before cleaning
    prepared   every article cleaned and annotated (what grouping is given)
    grouped    the stories grouped (the step's peak is the grouping's working memory)
    25% ...    after a quarter, half, ... of the stories were built and written
    end        the report complete

`--steps` also records, around each step of grouping (`group_labels`' and `link_components`'
calls), the RSS after it and its own high-water mark (`/proc/self/clear_refs` resets the mark
before each step; "before X" is the stretch since the previous step). `--until grouped` stops
each run once its stories are grouped (no story built, no report): the grouping step's peak on
top of the prepared articles, for a fifth of a whole run's CPU.

Then, for two sizes or more, the slope of each figure in KB per article between the smallest and
the largest size (the baseline is the smallest run of the same invocation), and with `--trace`
the allocation sites (first newsweave frame of the traceback) whose live memory grows most per
article. `--trim` calls `malloc_trim(0)` at each boundary and records the RSS after it, which
tells memory the allocator keeps from memory still in use.

    NEWSWEAVE_SHARED_DATA=../shared/data nice -n 10 .venv/bin/python \\
        bench/reliability/memory_profile.py --sizes 2000,8000 [--trim] [--json OUT] \\
        [--trace grouping|stories] [--until grouped] [--steps]
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import PROJECT, stamp
from multinews import articles as multinews_articles

KB = 1024
MB = 1024 * 1024
_TOP_SITES = 15
# Figures in MB, then counts, as each step prints them.
_MEMORY = (
    "rss_mb",
    "hwm_mb",
    "heap_used_mb",
    "heap_free_mb",
    "small_arenas_mb",
    "small_used_mb",
    "traced_mb",
    "traced_peak_mb",
    "rss_trimmed_mb",
)
_COUNTS = (
    "articles",
    "spans",
    "mentions",
    "gc_objects",
    "cache_entries",
    "story_cache_entries",
    "annotate_lexemes",
    "annotate_strings",
    "parser_lexemes",
    "parser_strings",
)


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


_LIBC = ctypes.CDLL("libc.so.6")
_LIBC.mallinfo2.restype = _MallInfo2


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _site(traceback: tracemalloc.Traceback) -> str:
    """The innermost newsweave frame of an allocation, else its innermost frame."""
    for frame in reversed(traceback):  # most recent call last in tracemalloc's order
        if "/newsweave/" in frame.filename:
            return f"{frame.filename.split('/newsweave/', 1)[1]}:{frame.lineno}"
    frame = traceback[-1]
    return f"{Path(frame.filename).name}:{frame.lineno}"


def _held() -> dict[str, Any]:
    """What known holders keep: live articles and spans, cache entries, spaCy vocabularies."""
    import gc

    from newsweave import embed
    from newsweave._caches import story_cache_entries
    from newsweave.model import Article, Mention, Span

    counts: dict[type, int] = defaultdict(int)
    for item in gc.get_objects():
        counts[type(item)] += 1
    caches: dict[str, int] = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("newsweave"):
            for attribute, value in vars(module).items():
                info = getattr(value, "cache_info", None)
                if callable(info) and getattr(value, "__module__", "") == name:
                    caches[f"{name.removeprefix('newsweave.')}.{attribute}"] = info().currsize
    held: dict[str, Any] = {
        **_small_objects(),
        "articles": counts[Article],
        "spans": counts[Span],
        "mentions": counts[Mention],
        "gc_objects": sum(counts.values()),
        "cache_entries": sum(caches.values()) + len(embed._CACHE),
        "story_cache_entries": story_cache_entries(),
        "caches": {**caches, "embed._CACHE": len(embed._CACHE)},
    }
    for label, module, loader in (
        ("annotate", "newsweave.stages.article.annotate", "load_nlp"),
        ("parser", "newsweave.stages.claims.conflicts._syntax", "_parser"),
    ):
        load = getattr(sys.modules.get(module), loader, None)
        if load is not None and load.cache_info().currsize:
            vocab = load().vocab
            held[f"{label}_lexemes"] = len(vocab)
            held[f"{label}_strings"] = len(vocab.strings)
    return held


def _small_objects() -> dict[str, float]:
    """Python's own allocator for objects up to 512 bytes (outside `mallinfo2`): its arenas, and
    the bytes of blocks in use in them."""
    import re

    with tempfile.TemporaryFile("w+") as report:
        saved = os.dup(2)
        os.dup2(report.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        report.seek(0)
        text = report.read()

    def figure(label: str) -> float:
        found = re.search(rf"# {label}\s*=\s*([\d,]+)", text)
        return int(found.group(1).replace(",", "")) if found else 0

    return {
        "small_arenas_mb": figure("arenas allocated current") * (1 << 20) / MB,
        "small_used_mb": figure("bytes in allocated blocks") / MB,
    }


class _Stopped(BaseException):
    """Raised at the `--until` step to end the run there."""


class Probe:
    def __init__(self, trace: str | None, trim: bool, until: str | None = None) -> None:
        self.trace = trace
        self.trim = trim
        self.until = until
        self.points: list[dict[str, Any]] = []

    def mark(self, name: str) -> None:
        point = _step_point(name)
        point.update(_held())
        starts = {"grouping": "prepared", "stories": "grouped"}
        if tracemalloc.is_tracing():
            current, peak = tracemalloc.get_traced_memory()
            point["traced_mb"] = current / MB
            point["traced_peak_mb"] = peak / MB
            sites: dict[str, int] = defaultdict(int)
            for stat in tracemalloc.take_snapshot().statistics("traceback"):
                sites[_site(stat.traceback)] += stat.size
            point["sites"] = dict(sites)
            tracemalloc.reset_peak()
            if self.trace == "grouping":
                tracemalloc.stop()  # the story loop untraced: its figures stay comparable
        if starts.get(self.trace or "") == name:
            tracemalloc.start(4)
        if self.trim:
            _LIBC.malloc_trim(0)
            point["rss_trimmed_mb"] = _status_kb("VmRSS") / KB
        self.points.append(point)
        if name == self.until:
            raise _Stopped(name)


def _reset_high_water() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def _step_point(name: str) -> dict[str, Any]:
    info = _LIBC.mallinfo2()
    return {
        "step": name,
        "rss_mb": _status_kb("VmRSS") / KB,
        "hwm_mb": _status_kb("VmHWM") / KB,
        "heap_used_mb": (info.uordblks + info.hblkhd) / MB,
        "heap_free_mb": info.fordblks / MB,
        "cpu_s": sum(os.times()[:2]),
    }


def _instrument_grouping(probe: Probe) -> None:
    """A light mark (no object count) before and after each grouping step, each with the
    high-water mark of its own stretch."""
    from newsweave.stages.grouping import components, stories

    def marked(module: Any, name: str) -> None:
        step = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            probe.points.append(_step_point(f"before {name}"))
            _reset_high_water()
            result = step(*args, **kwargs)
            probe.points.append(_step_point(name))
            _reset_high_water()
            return result

        setattr(module, name, wrapper)

    for name in ("count_terms", "candidate_pairs", "vector_matrix", "score_pairs"):
        marked(stories, name)
    marked(stories, "strongest_pairs")
    for name in (
        "neighbourhood_graph",
        "average_linkage",
        "fixed_rows",
        "join_by_centroids",
        "attach_singletons",
    ):
        marked(components, name)


def _instrument(probe: Probe) -> None:
    """Marks at the pipeline's step boundaries, around the functions `analyze_iter` calls."""
    from newsweave import pipeline

    prepare_each, group_articles, build_story = (
        pipeline._prepare_each,
        pipeline.group_articles,
        pipeline.build_story,
    )
    built = {"done": 0, "total": 0, "next": 1}

    def marked_prepare(*args: Any, **kwargs: Any) -> Any:
        probe.mark("read")
        yield from prepare_each(*args, **kwargs)

    def marked_group(articles: Any) -> Any:
        probe.mark("prepared")
        groups = group_articles(articles)
        probe.mark("grouped")
        built["total"] = len(groups)
        return groups

    def marked_build(*args: Any, **kwargs: Any) -> Any:
        story = build_story(*args, **kwargs)
        built["done"] += 1
        quarter = built["next"]
        if quarter <= 4 and built["done"] >= built["total"] * quarter / 4:
            probe.mark(f"{25 * quarter}%")
            built["next"] += 1
        return story

    pipeline._prepare_each = marked_prepare
    pipeline.group_articles = marked_group
    pipeline.build_story = marked_build


def measure(
    count: int, trace: str | None, trim: bool, until: str | None, steps: bool
) -> dict[str, Any]:
    """One size, in this process: the CLI run with marks at each step (to `until`, if given)."""
    probe = Probe(trace, trim, until)
    probe.mark("start")
    from newsweave.cli import main

    _instrument(probe)
    if steps:
        _instrument_grouping(probe)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"multinews-{count}.jsonl"
        chosen = multinews_articles()[:count]
        path.write_text("".join(json.dumps(article) + "\n" for article in chosen))
        del chosen
        started = time.monotonic()
        try:
            code = main(["analyze", str(path), "--json", str(Path(folder) / "out.json"), "--quiet"])
        except _Stopped:
            code = None
        wall = time.monotonic() - started
    if until is None:
        probe.mark("end")
    return {"articles": count, "exit": code, "wall_s": wall, "points": probe.points}


def _child(
    count: int, trace: str | None, trim: bool, until: str | None, steps: bool
) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(count)] + ["--steps"] * steps
    command += (["--trace", trace] if trace else []) + ["--trim"] * trim
    command += ["--until", until] if until else []
    load = os.getloadavg()[0]
    done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"the run of {count} articles failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    result["load"] = f"{load:.1f}-{os.getloadavg()[0]:.1f}"
    return result


def _print_run(run: dict[str, Any]) -> None:
    print(
        f"\n{run['articles']} articles: exit {run['exit']}, wall {run['wall_s']:.0f} s, "
        f"load {run['load']}"
    )
    columns = [*_MEMORY, "cpu_s", *_COUNTS]
    shown = [c for c in columns if any(c in point for point in run["points"])]
    print(f"{'step':>9} " + " ".join(f"{c.removesuffix('_mb'):>12}" for c in shown))
    for point in run["points"]:
        print(f"{point['step']:>9} " + " ".join(f"{point.get(c, 0):>12.1f}" for c in shown))
    last = run["points"][-1]["caches"]
    print(
        "  cache entries at the end:",
        ", ".join(
            f"{name} {size}"
            for name, size in sorted(last.items(), key=lambda item: -item[1])
            if size > 16
        ),
    )


def _unit(figure: str) -> float:
    """Per-article slopes in KB for the megabyte figures, in counts for the others."""
    return KB if figure.endswith("_mb") else 1


def _print_slopes(small: dict[str, Any], large: dict[str, Any]) -> None:
    added = large["articles"] - small["articles"]
    print(
        f"\nKB per added article, {small['articles']} -> {large['articles']} articles "
        "(baseline: the smaller run)"
    )
    by_step = {p["step"]: p for p in small["points"]}
    figures = [
        c
        for c in (*_MEMORY, "gc_objects", "cache_entries")
        if any(c in point for point in large["points"])
    ]
    print(f"{'step':>9} " + " ".join(f"{c.removesuffix('_mb'):>12}" for c in figures))
    for point in large["points"]:
        before = by_step.get(point["step"])
        if before:
            print(
                f"{point['step']:>9} "
                + " ".join(
                    f"{(point.get(c, 0) - before.get(c, 0)) * _unit(c) / added:>12.2f}"
                    for c in figures
                )
            )
    if not any("sites" in point for point in large["points"]):
        return
    for point in large["points"]:
        before = by_step.get(point["step"])
        if not before or "sites" not in point or point["step"] not in ("grouped", "50%", "100%"):
            continue
        growth = {
            site: (size - before["sites"].get(site, 0)) / KB / added
            for site, size in point["sites"].items()
        }
        print(
            f"\n  at {point['step']}: live memory by allocation site, KB per added article "
            f"(MB at {large['articles']})"
        )
        for site, slope in sorted(growth.items(), key=lambda item: -item[1])[:_TOP_SITES]:
            print(f"    {slope:8.2f}  {point['sites'][site] / MB:8.1f}  {site}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,8000", help="article counts, in order")
    parser.add_argument(
        "--trace",
        choices=["grouping", "stories"],
        help="tracemalloc over grouping alone, or from grouping to the end (several times slower)",
    )
    parser.add_argument("--trim", action="store_true", help="malloc_trim at each step")
    parser.add_argument("--until", choices=["prepared", "grouped"], help="stop after this step")
    parser.add_argument("--steps", action="store_true", help="mark each step of grouping too")
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = measure(args.child, args.trace, args.trim, args.until, args.steps)
        print(json.dumps(result))
        return
    settings = {"sizes": args.sizes, "trace": args.trace, "trim": args.trim, "until": args.until}
    settings["steps"] = args.steps
    print(json.dumps({**stamp(), **settings}))
    runs = []
    for count in (int(size) for size in args.sizes.split(",")):
        runs.append(_child(count, args.trace, args.trim, args.until, args.steps))
        _print_run(runs[-1])
        if args.json:
            args.json.write_text(json.dumps(runs))
    if len(runs) > 1:
        _print_slopes(runs[0], runs[-1])


if __name__ == "__main__":
    main()
