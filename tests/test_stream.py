"""`analyze` story by story: each story is written and dropped before the next is built, the
streamed outputs are those of the whole report, and an interrupted run leaves no half a file."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

import newsweave
from newsweave import pipeline
from newsweave.cli import main
from newsweave.model import Rejection, Report, Story
from newsweave.render._stream import atomic_text_file
from newsweave.render.json import render_json, report_to_dict

DEMO = Path(__file__).parents[1] / "src" / "newsweave" / "demo" / "articles"


@pytest.fixture(scope="module")
def demo_report() -> Report:
    articles, _ = newsweave.read_inputs([DEMO])
    report = pipeline.analyze(articles)
    assert len(report.stories) == 2
    return report


def _live_stories() -> int:
    gc.collect()
    return sum(isinstance(thing, Story) for thing in gc.get_objects())


def test_analyze_iter_hands_out_each_story_before_building_the_next() -> None:
    articles, _ = newsweave.read_inputs([DEMO])
    built: list[int] = []
    seen: list[tuple[int, int]] = []  # (stories built, stories alive) as each story comes out

    def progress(step: str, done: int, total: int) -> None:
        if step == "analyze stories":
            built.append(done)

    for item in pipeline.analyze_iter(articles, progress=progress):
        if isinstance(item, Story):
            seen.append((len(built), _live_stories()))
        del item  # as a writer does: nothing but the pipeline may hold a written story
    # Story k comes out when k - 1 stories have been built, and it is then the only one alive.
    assert seen == [(0, 1), (1, 1)]
    assert built == [1, 2]


def test_analyze_iter_gives_what_analyze_reports_in_its_order(demo_report: Report) -> None:
    articles, _ = newsweave.read_inputs([DEMO])
    items = list(pipeline.analyze_iter([*articles, {"text": ""}]))
    assert [item.id for item in items if isinstance(item, Story)] == [
        story.id for story in demo_report.stories
    ]
    assert [item.reason for item in items if isinstance(item, Rejection)] == ["empty"]


def test_json_written_story_by_story_is_the_text_of_the_whole_report(
    demo_report: Report,
) -> None:
    rejected = (Rejection("x.txt", "empty", "no text left", stage="read", articles=("x",)),)
    for report in (
        demo_report,
        Report(demo_report.stories, rejected),
        Report(demo_report.stories[:1], rejected),
        Report((), rejected),
        Report(()),
    ):
        whole = json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
        assert render_json(report) == whole


def test_a_file_written_in_part_never_appears(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("the previous report", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_text_file(target) as out:
        out.write('{"stories": [')
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "the previous report"
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]
    with atomic_text_file(target) as out:
        out.write("new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]


def test_analyze_interrupted_after_its_first_story_leaves_no_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []

    def interrupt_the_second_story(story: Story) -> Story:
        built.append(story.id)
        if len(built) == 2:
            raise KeyboardInterrupt  # as Ctrl-C while the second story is being built
        return story

    monkeypatch.setattr(
        pipeline, "STORY_STAGES", (*pipeline.STORY_STAGES, interrupt_the_second_story)
    )
    monkeypatch.setattr(interrupt_the_second_story, "__name__", "interrupt")
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("kept", encoding="utf-8")
    outputs = ["--json", str(out / "report.json"), "--md", str(out / "report.md")]
    code = main(["analyze", str(DEMO), *outputs, "--html", str(out / "report.html"), "--quiet"])
    assert code == 130 and len(built) == 2
    assert sorted(path.name for path in out.iterdir()) == ["report.md"]
    assert (out / "report.md").read_text(encoding="utf-8") == "kept"
