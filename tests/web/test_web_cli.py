"""`newsweave serve` as a user runs it: a real process on 127.0.0.1, clear errors otherwise."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}


def newsweave(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsweave", *args]
    return subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=120)


def test_serve_prints_its_address_and_token_and_answers(web_db: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "newsweave", "serve", "--db", str(web_db), "--port", str(port)]
    server = subprocess.Popen(
        command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/stories", timeout=5) as page:
                    assert page.status == 200 and b"Kestrel" in page.read()
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.3)
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out
    assert "write token" in out


def test_serve_errors_are_one_line(web_db: Path, tmp_path: Path) -> None:
    missing = newsweave("serve", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    assert "no store at" in missing.stderr and "Traceback" not in missing.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = newsweave("serve", "--db", str(web_db), "--port", str(taken.getsockname()[1]))
    assert busy.returncode == 2 and "cannot listen on 127.0.0.1" in busy.stderr
    assert busy.stdout == ""  # no address or token printed for a server that never started
