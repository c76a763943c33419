"""What every benchmark needs: the shared data folder, and a machine/commit stamp for its output."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("NEWSWEAVE_SHARED_DATA", PROJECT.parent / "shared" / "data"))


def shared_data(relative: str) -> Path:
    """A path under ../shared/data, or exit with a clear message when it is not there."""
    path = SHARED_DATA / relative
    if not path.exists():
        sys.exit(
            f"benchmark data not found: {path}\n"
            "The benchmarks read the public data in ../shared/data beside the project "
            "(or NEWSWEAVE_SHARED_DATA); CI always has it."
        )
    return path


def stamp() -> dict[str, str]:
    """Where and on what the figures were measured."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {"commit": commit, "python": platform.python_version(), "cpus": str(os.cpu_count())}
