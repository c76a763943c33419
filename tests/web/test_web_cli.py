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


def test_browsing_loads_no_analysis_model(web_db: Path) -> None:
    # Pages read stored analyses: serving every kind of page imports neither spaCy nor the embedder.
    script = f"""
import asyncio, sys, httpx
from newsweave.web.app import create_app
app = create_app({str(web_db)!r})
async def main():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        listing = (await client.get("/api/stories")).json()["stories"]
        for story in listing:
            assert (await client.get("/stories/" + story["id"])).status_code == 200
        for url in ["/stories?q=ferry&sort=conflicts", "/outlets", "/outlets/Norland%20Herald"]:
            assert (await client.get(url)).status_code == 200
asyncio.run(main())
print(sorted(m for m in ("spacy", "onnxruntime", "thinc") if m in sys.modules))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], env=ENV, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
