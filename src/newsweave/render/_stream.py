"""Writing a report story by story, so no output needs every story in memory at once.

Each format has a writer over a text stream: `add(story)` as each story is built, then
`finish(rejections)`. A whole `Report` is rendered by the same writers (`render_with`), so the
streamed output and the rendered one are the same bytes. A report's opening (its totals, the table
of contents) needs every story, so Markdown and HTML keep the stories' text in a `spool` until the
end; a file is written beside its target and renamed onto it only when complete.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Self

from newsweave.model import Rejection, Report, Story

# Story text kept in memory up to this size, then on disk: a small report never touches the disk.
_SPOOL_MEMORY = 1 << 20


class StoryWriter(ABC):
    """One output format written as stories come: `add(story)` for each, then
    `finish(rejections)`. Used as a context manager, it drops its spool however the run ends."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._spool: IO[str] | None = None

    @abstractmethod
    def add(self, story: Story) -> None:
        """Write (or spool) one story, as soon as it is built."""

    @abstractmethod
    def finish(self, rejections: Sequence[Rejection]) -> None:
        """Write what needs every story (totals, rejections, the closing) after the last one."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *error: object) -> None:
        if self._spool is not None:
            self._spool.close()

    @property
    def spool(self) -> IO[str]:
        """Where story text waits for the report's opening: in memory while small, in a
        temporary file beyond (deleted when closed)."""
        if self._spool is None:
            # Closed (and its file deleted) on leaving the writer's block.
            self._spool = tempfile.SpooledTemporaryFile(  # type: ignore[assignment]  # noqa: SIM115
                _SPOOL_MEMORY, mode="w+", encoding="utf-8"
            )
        return self._spool  # type: ignore[return-value]

    def copy_spool(self) -> None:
        """Everything spooled so far, appended to the output."""
        if self._spool is not None:
            self._spool.seek(0)
            shutil.copyfileobj(self._spool, self._out)


def render_with(writer: Callable[[IO[str]], StoryWriter], report: Report) -> str:
    """The whole report as text, through the writer a streamed run uses."""
    out = io.StringIO()
    write_report(writer(out), report)
    return out.getvalue()


def write_with(writer: Callable[[IO[str]], StoryWriter], report: Report, path: str | Path) -> None:
    """The whole report written to `path` (complete, or not at all)."""
    with atomic_text_file(path) as out:
        write_report(writer(out), report)


def write_report(writer: StoryWriter, report: Report) -> None:
    with writer:
        for story in report.stories:
            writer.add(story)
        writer.finish(report.rejections)


@contextmanager
def atomic_text_file(path: str | Path) -> Iterator[IO[str]]:
    """A UTF-8 text file that appears at `path` only once the block has completed.

    It is written under a hidden name beside `path` and renamed onto it at the end, so a run that
    fails or is interrupted leaves the previous file (or none), never a half-written report.
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with partial.open("x", encoding="utf-8") as out:
            yield out
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
