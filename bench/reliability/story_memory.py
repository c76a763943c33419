"""Working memory of each stage of one large story, and the size of what each stage adds.

`newsweave analyze` holds one story's working memory at a time on top of the grouped corpus, so
the whole file's peak is set by its largest story (docs/reliability.md). This builds one story
the way `build_story` does (the same stages in the same order, each a function of the story so
far) and marks each stage: CPU seconds, the resident high-water mark during the stage alone
(`/proc/self/clear_refs` resets it before each), with `--trace` Python's traced peak
(`tracemalloc`, slower), and the count of each part the stage filled (alignments, copy links,
claims, ...). The story's report is hashed (JSON under the same `PYTHONHASHSEED`) so two commits
can be shown to give the same result.

`--pick N` first groups all of Multi-News test (features from the raw texts, as
`grouping_memory.py` does) and writes the articles of its N largest stories, one JSONL file
each, into `--out` (the 375-, 237- and 218-article stories of the whole-file run).

    NEWSWEAVE_SHARED_DATA=../shared/data nice -n 19 .venv/bin/python \\
        bench/reliability/story_memory.py --pick 3 --out /tmp/stories
    PYTHONHASHSEED=0 nice -n 19 .venv/bin/python bench/reliability/story_memory.py \\
        /tmp/stories/story-375.jsonl [--trace]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import stamp
from grouping_memory import _status_mb
from multinews import articles as multinews_articles

from newsweave._caches import clear_story_caches
from newsweave.embed import embed
from newsweave.model import Article, Report, Story
from newsweave.pipeline import (
    STORY_STAGES,
    _story_id,
    _story_title,
    learn_source_profiles,
    prepare_articles,
)
from newsweave.render.json import JsonWriter, report_to_dict
from newsweave.runners.records import article_from_json
from newsweave.stages.claims import attribute_summary
from newsweave.stages.claims.conflicts._syntax import _parser
from newsweave.stages.grouping.features import grouping_features
from newsweave.stages.grouping.stories import group_labels
from newsweave.stages.summary import summarize_story

MB = 1 << 20
_PARTS = (
    "dated_mentions",
    "alignments",
    "timeline",
    "provenance",
    "entities",
    "conflicts",
    "claims",
    "summary",
)


def _reset_high_water() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def pick(count: int, out: Path) -> None:
    everything = multinews_articles()
    features = [
        grouping_features(Article(id=a["id"], source=a["source"], raw_text=a["text"]))
        for a in everything
    ]
    groups: dict[int, list[dict[str, str]]] = defaultdict(list)
    for article, label in zip(everything, group_labels(features), strict=True):
        groups[label].append(article)
    out.mkdir(parents=True, exist_ok=True)
    for items in sorted(groups.values(), key=len, reverse=True)[:count]:
        path = out / f"story-{len(items)}.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in items), encoding="utf-8")
        print(f"{path}: {len(items)} articles, {sum(len(a['text']) for a in items)} characters")


def _prepared(path: Path, line: int) -> list[Article]:
    """The story's articles: a JSONL of raw articles (`id`, `source`, `text`) cleaned and
    annotated here, or line `line` of a file of prepared stories (one JSON list of
    `article_to_json` rows per line, as bench/scale/big_stories.py writes them)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if isinstance(json.loads(lines[0]), list):
        return [article_from_json(row) for row in json.loads(lines[line])]
    records = [json.loads(text) for text in lines]
    usable = [Article(id=r["id"], source=r["source"], raw_text=r["text"]) for r in records]
    return [
        a for a in prepare_articles(usable, learn_source_profiles(usable)) if isinstance(a, Article)
    ]


def profile(path: Path, trace: bool, line: int = 0) -> None:
    prepared = _prepared(path, line)
    ordered = sorted(prepared, key=lambda a: (a.published is None, a.published or 0, a.id))
    story = Story(id=_story_id(ordered), title=_story_title(ordered), articles=tuple(ordered))
    sentences = sum(len(a.sentences) for a in ordered)
    print(
        json.dumps(
            {**stamp(), "input": str(path), "articles": len(ordered), "sentences": sentences}
        )
    )
    stages = (*STORY_STAGES, summarize_story, attribute_summary)
    # The models load once per process, before the first story of a run: not a stage's memory.
    embed(["The models are loaded before the first story."])
    _parser()
    if trace:
        tracemalloc.start(1)
    print(
        f"{'stage':>18} {'CPU s':>6} {'RSS MB':>7} {'stage high-water MB':>19} "
        f"{'traced peak MB':>14}  filled"
    )
    before = {part: len(getattr(story, part) or ()) for part in _PARTS}
    for stage in stages:
        _reset_high_water()
        if trace:
            tracemalloc.reset_peak()
        started = time.process_time()
        story = stage(story)
        cpu = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1] / MB if trace else float("nan")
        after = {part: len(getattr(story, part) or ()) for part in _PARTS}
        filled = ", ".join(f"{p} {after[p]}" for p in _PARTS if after[p] != before[p])
        before = after
        print(
            f"{stage.__name__:>18} {cpu:6.1f} {_status_mb('VmRSS'):7.0f} "
            f"{_status_mb('VmHWM'):19.0f} {peak:14.1f}  {filled}",
            flush=True,
        )
    clear_story_caches()
    # The story written as `analyze --json` writes it (render/json's streamed writer).
    _reset_high_water()
    if trace:
        tracemalloc.reset_peak()
    started = time.process_time()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, JsonWriter(out) as writer:
        writer.add(story)
        written = out.tell()
    peak = tracemalloc.get_traced_memory()[1] / MB if trace else float("nan")
    print(
        f"{'JSON written':>18} {time.process_time() - started:6.1f} {_status_mb('VmRSS'):7.0f} "
        f"{_status_mb('VmHWM'):19.0f} {peak:14.1f}  {written} characters"
    )
    text = json.dumps(report_to_dict(Report(stories=(story,))), sort_keys=True)
    print("report sha1", hashlib.sha1(text.encode()).hexdigest()[:12])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("story", type=Path, nargs="?", help="a JSONL file of one story's articles")
    parser.add_argument("--pick", type=int, help="write the N largest Multi-News test stories")
    parser.add_argument("--out", type=Path, default=Path("stories"))
    parser.add_argument("--line", type=int, default=0, help="story of a prepared-stories file")
    parser.add_argument("--trace", action="store_true", help="Python's traced peak per stage")
    args = parser.parse_args()
    if args.pick:
        pick(args.pick, args.out)
    if args.story:
        profile(args.story, args.trace, args.line)


if __name__ == "__main__":
    main()
