"""Time the analysis of one DUC 2004 cluster (10 articles): cold, warm, peak memory, per stage.

Usage: python bench/speed/run.py [--cold-runs N] [--warm-runs N] [--cluster INDEX]

- cold: a NEW process (`python -c ...`) that imports newsweave, reads the cluster and runs
  `analyze` once, timed from before the process starts to its exit: interpreter start, imports
  and model loads (spaCy, the ONNX embedder) included. Median of `--cold-runs` (default 3).
- warm: in this process, after one untimed call has loaded the models: the median of
  `--warm-runs` (default 9) calls of `analyze` (their fastest and slowest are printed too, and
  the CPU seconds the process spent per call, which the other programs on the machine disturb
  far less than the wall time). Before each call the result memos are emptied
  (the embedder's per-text vectors, bounded lru_caches) so that each call analyses the texts as
  new ones; the same calls with the memos kept are reported too ("same texts again").
- peak memory: `ru_maxrss` of the cold process (its largest run), and of this process.
- per stage: in the warm runs, each of clean (with learning source boilerplate), annotate,
  group, and every function in `newsweave.pipeline.STORY_STAGES` is timed by wrapping it in
  this process only; the source is not changed.
Both ways of running are measured: `one_story=True` (the cluster is one event: every story
stage sees all 10 articles, 45 article pairs to align; the figure held to the targets) and the
default call the CLI makes (`analyze(articles)`, which groups the articles into stories first).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import PROJECT, shared_data, stamp  # noqa: E402

COLD_TARGET_S = 10.0
MEMORY_TARGET_MIB = 1024.0
WARM_TARGET_S = 1.0

# Runs in the new process: everything from the first import on is part of the cold figure.
_CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from newsweave.pipeline import analyze
imported = time.perf_counter()
line = open(sys.argv[1], encoding="utf-8").readlines()[int(sys.argv[2])]
docs = json.loads(line)["documents"]
articles = [{"id": d["id"], "text": d["text"], "published": d.get("date"), "source": d.get("source")} for d in docs]
report = analyze(articles, one_story=sys.argv[3] == "one")
done = time.perf_counter()
print(json.dumps({"import_s": imported - started, "analyze_s": done - imported, "stories": len(report.stories),
                  "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--warm-runs", type=int, default=9)
    parser.add_argument("--cluster", type=int, default=0, help="line of duc2004/test.jsonl (default 0, the first)")
    args = parser.parse_args()

    path = shared_data("mds/duc2004/test.jsonl")
    cluster = json.loads(path.open(encoding="utf-8").readlines()[args.cluster])
    articles = [
        {"id": d["id"], "text": d["text"], "published": d.get("date"), "source": d.get("source")}
        for d in cluster["documents"]
    ]
    load = os.getloadavg()[0]

    cold = [_cold_run(path, args.cluster, one_story=True) for _ in range(args.cold_runs)]
    one, stages_one, stories_one = _warm_runs(articles, args.warm_runs, one_story=True)
    cli, stages_cli, stories_cli = _warm_runs(articles, args.warm_runs, one_story=False)
    again, _, _ = _warm_runs(articles, args.warm_runs, one_story=True, forget=False)
    warm_one, warm_cli, warm_again = (statistics.median(run.wall) for run in (one, cli, again))
    own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    cold_wall = statistics.median(run["wall_s"] for run in cold)
    cold_rss = max(run["maxrss_mib"] for run in cold)
    print(json.dumps({
        "benchmark": "speed", **stamp(), "cluster": cluster["id"], "articles": len(articles),
        "words": sum(len(a["text"].split()) for a in articles), "load_average_at_start": round(load, 1),
        "cold_s": round(cold_wall, 2), "cold_runs_s": [round(r["wall_s"], 2) for r in cold],
        "peak_rss_mib": round(cold_rss, 1), "warm_s": round(warm_one, 3), "warm_cli_s": round(warm_cli, 3),
        "warm_same_texts_again_s": round(warm_again, 3),
        "warm_runs_s": [round(t, 3) for t in one.wall], "warm_cpu_s": round(statistics.median(one.cpu), 3),
    }))
    print(f"\nOne DUC 2004 cluster: {cluster['id']}, {len(articles)} articles, "
          f"{sum(len(a['text'].split()) for a in articles)} words; load average {load:.1f} at start")
    print(f"  {'measure':<44} {'figure':>10} {'target':>10}  ")
    _row("cold: new process, imports + model loads", f"{cold_wall:.2f} s", f"< {COLD_TARGET_S:.0f} s", cold_wall < COLD_TARGET_S)
    print(f"  {'   of which: import newsweave':<44} {statistics.median(r['import_s'] for r in cold):>8.2f} s")
    print(f"  {'   of which: first analyze (loads models)':<44} {statistics.median(r['analyze_s'] for r in cold):>8.2f} s")
    _row("peak memory (ru_maxrss, cold process)", f"{cold_rss:.0f} MiB", f"< {MEMORY_TARGET_MIB:.0f} MiB", cold_rss < MEMORY_TARGET_MIB)
    _row("warm: analyze, one story (median)", f"{warm_one:.3f} s", f"< {WARM_TARGET_S:.0f} s", warm_one < WARM_TARGET_S)
    print(f"  {'   fastest / slowest run':<44} {min(one.wall):>5.3f} / {max(one.wall):.3f} s")
    print(f"  {'   CPU seconds per run (median, all threads)':<44} {statistics.median(one.cpu):>8.3f} s")
    _row(f"warm: analyze as the CLI does ({stories_cli} stories)", f"{warm_cli:.3f} s", "", None)
    _row("warm, same texts again (memos kept)", f"{warm_again:.3f} s", "", None)
    print(f"  {'peak memory of this process (all warm runs)':<44} {own_rss:>6.0f} MiB")

    print(f"\nWarm, per stage (median of {args.warm_runs} runs, seconds)")
    print(f"  {'stage':<22} {'one story':>10} {'as the CLI':>11}")
    for stage in list(dict.fromkeys([*stages_one, *stages_cli])):
        one = stages_one.get(stage)
        cli = stages_cli.get(stage)
        print(f"  {stage:<22} {_seconds(one):>10} {_seconds(cli):>11}")
    print(f"  {'(stories)':<22} {stories_one:>10} {stories_cli:>11}")


def _row(name: str, figure: str, target: str, met: bool | None) -> None:
    verdict = "" if met is None else ("met" if met else "MISSED")
    print(f"  {name:<44} {figure:>10} {target:>10}  {verdict}")


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _cold_run(path: Path, index: int, *, one_story: bool) -> dict:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(index), "one" if one_story else "groups"],
        capture_output=True, text=True, cwd=PROJECT, check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"the cold run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return {"wall_s": wall, **json.loads(done.stdout.strip().splitlines()[-1])}


@dataclass(frozen=True)
class _Runs:
    wall: list[float]  # seconds per call
    cpu: list[float]  # process CPU seconds per call, every thread


def _warm_runs(
    articles: list[dict], runs: int, *, one_story: bool, forget: bool = True
) -> tuple[_Runs, dict[str, float], int]:
    """(times of the `runs` warm calls, median seconds per stage, stories); with `forget`, what
    earlier calls remembered about these texts is dropped before each call."""
    from newsweave import pipeline

    pipeline.analyze(articles, one_story=one_story)  # loads the models; not timed
    spent: dict[str, float] = defaultdict(float)
    originals = _wrap(pipeline, spent)
    try:
        totals, cpu, per_stage = [], [], defaultdict(list)
        stories = 0
        for _ in range(runs):
            if forget:
                _forget_results()
            spent.clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            report = pipeline.analyze(articles, one_story=one_story)
            totals.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            stories = len(report.stories)
            for stage in _stage_names(pipeline):
                if stage in spent:  # a stage this way of calling never runs stays out
                    per_stage[stage].append(spent[stage])
            per_stage["(rest)"].append(totals[-1] - sum(spent.values()))
    finally:
        for name, value in originals.items():
            setattr(pipeline, name, value)
    return _Runs(totals, cpu), {k: statistics.median(v) for k, v in per_stage.items()}, stories


def _forget_results() -> None:
    """Empty the result memos of newsweave, keep its loaded models: the embedder's per-text vector
    cache and every bounded `functools.lru_cache` (the unbounded `@cache`s load models and
    rules). Without this, repeating a call on the same texts measures cache hits, not analysis."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("newsweave"):
            continue
        vectors = getattr(module, "_CACHE", None) if name == "newsweave.embed" else None
        if hasattr(vectors, "clear"):
            vectors.clear()
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if callable(parameters) and parameters().get("maxsize") is not None:
                value.cache_clear()


_TOP_LEVEL = ("learn_source_boilerplate", "clean_article", "annotate_articles", "group_stories")


def _stage_names(pipeline) -> list[str]:  # noqa: ANN001
    return ["clean", "annotate", "group", *(stage.__name__ for stage in pipeline.STORY_STAGES)]


def _wrap(pipeline, spent: dict[str, float]) -> dict[str, object]:  # noqa: ANN001
    """Replace the pipeline module's stage references by timed wrappers; returns the originals."""
    label = {"learn_source_boilerplate": "clean", "clean_article": "clean", "annotate_articles": "annotate",
             "group_stories": "group"}
    originals: dict[str, object] = {name: getattr(pipeline, name) for name in _TOP_LEVEL}
    originals["STORY_STAGES"] = pipeline.STORY_STAGES
    for name in _TOP_LEVEL:
        setattr(pipeline, name, _timed(getattr(pipeline, name), label[name], spent))
    pipeline.STORY_STAGES = tuple(_timed(stage, stage.__name__, spent) for stage in pipeline.STORY_STAGES)
    return originals


def _timed(function: Callable, name: str, spent: dict[str, float]) -> Callable:
    @functools.wraps(function)
    def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started

    return timed


if __name__ == "__main__":
    main()
