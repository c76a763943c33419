"""The largest stories of a generated corpus through the story stage, one story per process:
report size, provenance links, sentence pairs aligned, CPU, wall time and peak memory.

`pick` groups the corpus once (as `analyze` does, bench/scale/stories.py) and writes the largest
stories' articles, prepared, as JSON lines (one story per line), so that two versions of the code
are timed on the same prepared articles. `run` builds each story in a fresh process (`build_story`
and the JSON report, as the batch's story step does, one BLAS thread) and prints one JSON line per
story. Run it once with each version's `src` on PYTHONPATH to compare them.

Usage:
  python bench/scale/big_stories.py pick --n 50000 --top 6 --out FILE
  python bench/scale/big_stories.py run FILE [--max-articles N] [--memory-gb G] [--timeout S]
  python bench/scale/big_stories.py copies FILE --before OLD_COPIES_PY

`copies` is a component figure: each story is dated and aligned once, then the copy stage of this
tree and an older `copies.py` (e.g. `git show b97f5a4:src/newsweave/stages/provenance/copies.py`)
run on the same alignments: links, independent sources, CPU and the provenance JSON's bytes.
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pick(n: int, top: int, out: Path) -> None:
    from stories import CACHE, group_corpus

    import newsweave.pipeline as pipeline
    from newsweave.model import Article
    from newsweave.runners.records import article_to_json

    profiles, groups = group_corpus(CACHE / f"corpus-{n}-13.jsonl")
    largest = sorted(groups.values(), key=len, reverse=True)[:top]
    with out.open("w", encoding="utf-8") as lines:
        for raw in largest:
            prepared = [
                a for a in pipeline.prepare_articles(raw, profiles) if isinstance(a, Article)
            ]
            lines.write(json.dumps([article_to_json(a) for a in prepared]) + "\n")
            print(f"story of {len(raw)} articles, {len(prepared)} prepared", file=sys.stderr)


def run_one(path: Path, line: int) -> None:
    """One story, in this process: what `run` prints for it."""
    from threadpoolctl import threadpool_limits

    import newsweave.pipeline as pipeline
    from newsweave.model import Report
    from newsweave.render.json import report_to_dict
    from newsweave.runners.records import article_from_json

    with path.open(encoding="utf-8") as lines:
        rows = json.loads(next(text for number, text in enumerate(lines) if number == line))
    articles = [article_from_json(row) for row in rows]
    pipeline.build_story(articles[:2])  # models loaded before the clock starts
    aligned: list[int] = []
    align = pipeline.STORY_STAGES[1]

    def counted(story):  # type: ignore[no-untyped-def]
        story = align(story)
        aligned.append(len(story.alignments))
        return story

    counted.__name__ = align.__name__
    pipeline.STORY_STAGES = (pipeline.STORY_STAGES[0], counted, *pipeline.STORY_STAGES[2:])
    rss_before = _rss_mb()
    cpu, wall = time.process_time(), time.monotonic()
    with threadpool_limits(limits=1, user_api="blas"):
        story = pipeline.build_story(articles)
        report = json.dumps(report_to_dict(Report(stories=(story,))), ensure_ascii=False)
    provenance = json.dumps(report_to_dict(Report(stories=(story,)))["stories"][0]["provenance"])
    print(
        json.dumps(
            {
                "articles": len(articles),
                "sentence_pairs_aligned": aligned[-1],
                "provenance_links": len(story.provenance),
                "independent_sources": story.independent_sources,
                "report_bytes": len(report.encode()),
                "provenance_bytes": len(provenance.encode()),
                "cpu_s": round(time.process_time() - cpu, 1),
                "wall_s": round(time.monotonic() - wall, 1),
                "rss_before_mb": rss_before,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            }
        )
    )


def run(path: Path, max_articles: int, memory_gb: float, timeout: int) -> None:
    with path.open(encoding="utf-8") as lines:
        sizes = [len(json.loads(text)) for text in lines]
    limit = int(memory_gb * 2**30)
    limit_memory = functools.partial(resource.setrlimit, resource.RLIMIT_AS, (limit, limit))
    for line, size in enumerate(sizes):
        if size > max_articles:
            print(json.dumps({"articles": size, "skipped": f"more than {max_articles} articles"}))
            continue
        command = [sys.executable, __file__, "one", str(path), str(line)]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout,
                preexec_fn=limit_memory,
            )
        except subprocess.TimeoutExpired:
            print(json.dumps({"articles": size, "failed": f"over {timeout} s"}))
            continue
        if done.returncode != 0:
            print(json.dumps({"articles": size, "failed": done.stderr.strip().splitlines()[-1:]}))
            continue
        print(done.stdout.strip().splitlines()[-1], flush=True)


def compare_copies(path: Path, before: Path) -> None:
    import importlib.util

    import newsweave.pipeline as pipeline
    from newsweave.model import Report, Story
    from newsweave.render.json import report_to_dict
    from newsweave.runners.records import article_from_json
    from newsweave.stages.provenance import copies

    spec = importlib.util.spec_from_file_location("copies_before", before)
    assert spec is not None and spec.loader is not None
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    with path.open(encoding="utf-8") as lines:
        for text in lines:
            articles = [article_from_json(row) for row in json.loads(text)]
            story = Story("s", "t", tuple(articles))
            for stage in pipeline.STORY_STAGES[:3]:  # dates, alignments, timeline
                story = stage(story)
            row: dict[str, object] = {
                "articles": len(articles),
                "sentence_pairs_aligned": len(story.alignments),
            }
            for name, module in (("before", old), ("after", copies)):
                cpu = time.process_time()
                found = module.find_copies(story)
                spent = time.process_time() - cpu
                data = report_to_dict(Report(stories=(found,)))["stories"][0]
                row[name] = {
                    "links": len(found.provenance),
                    "relations": dict(Counter(link.relation.value for link in found.provenance)),
                    "independent_sources": found.independent_sources,
                    "groups": len(set(copies.independent_groups(found).values())),
                    "cpu_s": round(spent, 2),
                    "provenance_bytes": len(json.dumps(data["provenance"]).encode()),
                }
            print(json.dumps(row), flush=True)


def _rss_mb() -> int:
    for text in Path("/proc/self/status").read_text().splitlines():
        if text.startswith("VmRSS:"):
            return int(text.split()[1]) // 1024
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    picking = commands.add_parser("pick")
    picking.add_argument("--n", type=int, default=50_000)
    picking.add_argument("--top", type=int, default=6)
    picking.add_argument("--out", type=Path, required=True)
    running = commands.add_parser("run")
    running.add_argument("stories", type=Path)
    running.add_argument("--max-articles", type=int, default=10**9)
    running.add_argument(
        "--memory-gb", type=float, default=6.0, help="address-space limit per story"
    )
    running.add_argument("--timeout", type=int, default=3600, help="seconds per story")
    comparing = commands.add_parser("copies")
    comparing.add_argument("stories", type=Path)
    comparing.add_argument("--before", type=Path, required=True, help="an older copies.py")
    one = commands.add_parser("one")
    one.add_argument("stories", type=Path)
    one.add_argument("line", type=int)
    args = parser.parse_args()
    if args.command == "pick":
        pick(args.n, args.top, args.out)
    elif args.command == "run":
        run(args.stories, args.max_articles, args.memory_gb, args.timeout)
    elif args.command == "copies":
        compare_copies(args.stories, args.before)
    else:
        run_one(args.stories, args.line)


if __name__ == "__main__":
    main()
