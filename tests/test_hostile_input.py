"""Careless and hostile inputs to `ingest` and `watch`: one clear line each, never a traceback,
and an exit code that says whether anything was usable."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.cli import main
from newsweave.store.sqlite import Store

ARTICLE = "Rescuers reached the flooded town of Brenna on Monday after the river rose overnight.\n"
ENTRY = "<item><title>{title}</title><description>{text}</description></item>"
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>x</title><description>&lol9;</description></item></channel></rss>"""


def _feed(*entries: tuple[str, str]) -> str:
    items = "".join(ENTRY.format(title=title, text=text) for title, text in entries)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    )


def _ingest(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str]:
    code = main(["ingest", "--db", str(db), *args])
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err
    return code, printed.err


def _stored(db: Path) -> int:
    with Store(db) as store:
        return store.article_count()


def test_hostile_unreadable_feed_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/proc/self/mem").exists():
        pytest.skip("needs /proc")
    (tmp_path / "feed.xml").symlink_to("/proc/self/mem")  # a regular file that cannot be read
    code, err = _ingest(capsys, tmp_path / "n.db", str(tmp_path / "feed.xml"))
    assert code == 2 and "unreadable" in err and "feed.xml" in err


def test_hostile_feed_files_obey_max_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "big.xml"
    feed.write_text(_feed(("Flood", ARTICLE * 50)), encoding="utf-8")
    code, err = _ingest(capsys, tmp_path / "n.db", str(feed), "--max-bytes", "1000")
    assert code == 2 and "over the 1,000-byte limit" in err


def test_hostile_billion_laughs_and_one_word_entries_are_not_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "laughs.xml").write_text(LAUGHS, encoding="utf-8")
    (tmp_path / "short.xml").write_text(_feed(("Flood", "Breaking"), ("Rain", ARTICLE)))
    db = tmp_path / "n.db"
    code, err = _ingest(capsys, db, str(tmp_path / "laughs.xml"), str(tmp_path / "short.xml"))
    assert code == 1 and err.count("word(s) of text") == 2
    assert _stored(db) == 1


def test_hostile_ingest_skips_hidden_folders_and_says_when_nothing_was_usable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in" / ".git").mkdir(parents=True)
    (tmp_path / "in" / ".git" / "notes.txt").write_text(ARTICLE.replace("Monday", "Sunday"))
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    db = tmp_path / "n.db"
    assert _ingest(capsys, db, str(tmp_path / "in"))[0] == 0
    assert _stored(db) == 1
    (tmp_path / "empty.txt").write_text("   \n")
    code, err = _ingest(capsys, db, str(tmp_path / "empty.txt"))
    assert code == 2 and "empty.txt" in err  # nothing usable: 2, not 1


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        ('interval_s = "abc"\n[[feeds]]\nurl = "http://127.0.0.1:9/rss"\n', "interval_s"),
        ("feeds = 5\n", "feeds must be a list"),
        ('timeout_s = -1\n[[feeds]]\nurl = "http://127.0.0.1:9/rss"\n', "timeout_s"),
        ('allow_private = "yes"\n[[feeds]]\nurl = "http://127.0.0.1:9/rss"\n', "allow_private"),
        ('[[feeds]]\nurl = "http://127.0.0.1:9/rss"\ninterval_s = nan\n', "interval_s"),
        ("[[feeds]]\nurl = 7\n", "needs a url"),
        ('[[feeds]]\nurl = "file:///etc/passwd"\n', "needs a url"),
    ],
)
def test_hostile_watch_config_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, problem: str
) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(config, encoding="utf-8")
    assert main(["watch", str(path), "--db", str(tmp_path / "n.db"), "--rounds", "1"]) == 2
    err = capsys.readouterr().err
    assert problem in err and str(path) in err and len(err.strip().splitlines()) == 1
