"""Every input parser on generated input: it returns articles or one-line rejections and raises
nothing else (txt, html, json, jsonl, RSS/Atom feeds, the watch config).

The suite runs a few dozen examples per parser; `bench/fuzz/run.py` runs the same properties on
10,000+ inputs each (coverage-guided with atheris when it is installed).
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.errors import NewsweaveError
from newsweave.model import Article, Rejection
from newsweave.sources.fetch import articles_from_feed
from newsweave.sources.read import read_file
from newsweave.watch import load_config

# No single input may take longer, in CPU seconds: on a shared machine the wall clock also
# counts other jobs. (The first input to reach dateparser takes about 3 s loading its locales.)
MAX_SECONDS = 10.0
_SLUG = re.compile(r"[a-z][a-z0-9_]*")
_FOLDER = Path(tempfile.mkdtemp(prefix="newsweave-fuzz-"))

# --- strategies: structure a parser expects, filled with hostile pieces --------------------------

_PIECES = (
    "the minister said on Monday 14 agreements Kestrel — “quoted” \x00 \x1b[2J \u202e é 漢字 "
    "&amp; &lol; <b> ]]> \r\n \t 1e308 NaN -0 2026-13-45 Tue, 32 Foo 2026 \\u0000"
)
WORDS = st.sampled_from(_PIECES.split(" "))
TEXT = st.one_of(
    st.lists(WORDS, max_size=60).map(" ".join),
    st.text(max_size=300),
)
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "latin-1", "cp1252", "utf-8-sig"])


def _encoded(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.tuples(text, ENCODINGS).map(lambda pair: pair[0].encode(pair[1], errors="replace"))


def _mangled(data: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Well-formed bytes, or the same cut short, or with a byte order mark put in front."""
    cut = st.tuples(data, st.integers(0, 400)).map(lambda pair: pair[0][: pair[1]])
    marked = st.tuples(st.sampled_from([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"]), data).map(
        b"".join
    )
    return st.one_of(data, cut, marked, st.binary(max_size=600))


FRONT_KEYS = st.sampled_from(["title", "source", "published", "date", "url", "language", "Note"])
TXT = _mangled(
    _encoded(
        st.tuples(
            st.booleans(),
            st.lists(st.tuples(FRONT_KEYS, TEXT), max_size=4),
            TEXT,
            st.lists(TEXT, max_size=4),
        ).map(
            lambda parts: (
                ("---\n" if parts[0] else "")
                + "".join(f"{key}: {value}\n" for key, value in parts[1])
                + ("---\n" if parts[0] else "\n")
                + parts[2]
                + "\n\n"
                + "\n\n".join(parts[3])
            )
        )
    )
)

TAGS = st.sampled_from(
    ["p", "div", "article", "h1", "script", "style", "nav", "time", "a", "table", "meta", "svg"]
)
HTML_NODE = st.recursive(
    TEXT.map(lambda text: text.replace("<", "&lt;")),
    lambda children: st.tuples(TAGS, TEXT, st.lists(children, max_size=4)).map(
        lambda node: f'<{node[0]} title="{node[1]}">' + "".join(node[2]) + f"</{node[0]}>"
    ),
    max_leaves=25,
)
HTML = _mangled(
    _encoded(
        st.tuples(TEXT, st.lists(HTML_NODE, max_size=5)).map(
            lambda parts: (
                f"<html><head><title>{parts[0]}</title>"
                f'<meta property="article:published_time" content="{parts[0][:25]}"></head>'
                f"<body>{''.join(parts[1])}</body></html>"
            )
        )
    )
)

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT)
JSON_VALUE = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4)
    ),
    max_leaves=20,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={
        "id": SCALARS,
        "text": st.one_of(TEXT, JSON_VALUE),
        "title": SCALARS,
        "published": st.one_of(TEXT, SCALARS),
        "date": TEXT,
        "source": SCALARS,
        "url": SCALARS,
        "language": SCALARS,
    },
)
JSON = _mangled(
    _encoded(st.one_of(RECORD, st.lists(RECORD, max_size=4), JSON_VALUE).map(json.dumps))
)
JSONL = _mangled(
    _encoded(
        st.lists(
            st.one_of(RECORD.map(json.dumps), TEXT, JSON_VALUE.map(json.dumps)), max_size=6
        ).map("\n".join)
    )
)

ENTRY = st.tuples(TEXT, TEXT, TEXT, TEXT).map(
    lambda e: (
        f"<item><title>{e[0]}</title><link>{e[1]}</link><pubDate>{e[2]}</pubDate>"
        f"<description>{e[3]}</description></item>"
    )
)
ATOM_ENTRY = st.tuples(TEXT, TEXT, TEXT).map(
    lambda e: (
        f'<entry><title>{e[0]}</title><link href="{e[1]}"/><updated>{e[2]}</updated>'
        f'<content type="html">{e[0]} {e[2]}</content></entry>'
    )
)
DOCTYPE = st.sampled_from(
    [
        "",
        '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ]
)
FEED = _mangled(
    _encoded(
        st.one_of(
            st.tuples(DOCTYPE, TEXT, st.lists(ENTRY, max_size=5)).map(
                lambda f: (
                    f'<?xml version="1.0"?>{f[0]}<rss version="2.0"><channel>'
                    f"<title>{f[1]}</title>{''.join(f[2])}</channel></rss>"
                )
            ),
            st.tuples(TEXT, st.lists(ATOM_ENTRY, max_size=5)).map(
                lambda f: (
                    '<feed xmlns="http://www.w3.org/2005/Atom">'
                    f"<title>{f[0]}</title>{''.join(f[1])}</feed>"
                )
            ),
        )
    )
)

TOML_VALUES = st.one_of(
    st.integers(-(2**63), 2**63 - 1).map(str),
    st.floats().map(lambda x: "nan" if x != x else ("inf" if x > 1e308 else repr(x))),
    st.sampled_from(["true", "false", "[]", "{}", '"abc"', "1979-05-27T07:32:00Z", "[1, 2]"]),
    TEXT.map(json.dumps),
)
TOML_KEYS = st.sampled_from(["interval_s", "timeout_s", "allow_private", "feeds", "url", "x"])
WATCH_CONFIG = st.one_of(
    st.tuples(
        st.lists(st.tuples(TOML_KEYS, TOML_VALUES), max_size=4),
        st.lists(st.lists(st.tuples(TOML_KEYS, TOML_VALUES), max_size=3), max_size=3),
    )
    .map(
        lambda c: (
            "".join(f"{k} = {v}\n" for k, v in c[0])
            + "".join("[[feeds]]\n" + "".join(f"{k} = {v}\n" for k, v in feed) for feed in c[1])
        )
    )
    .map(str.encode),
    st.binary(max_size=300),
)

# --- properties --------------------------------------------------------------------------------


def _file(name: str, data: bytes) -> Path:
    path = _FOLDER / name
    path.write_bytes(data)
    return path


def _check_items(items: list[Article | Rejection]) -> None:
    for item in items:
        if isinstance(item, Rejection):
            assert _SLUG.fullmatch(item.reason), item
            assert item.detail.strip() and "\n" not in item.detail, item
        else:
            assert isinstance(item, Article) and item.raw_text.strip(), item


def _timed(check: Callable[[bytes], None]) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        started = time.process_time()
        check(data)
        took = time.process_time() - started
        assert took < MAX_SECONDS, f"{took:.1f} CPU s on one input of {len(data):,} bytes"

    return run


def _reads(suffix: str) -> Callable[[bytes], None]:
    return _timed(lambda data: _check_items(list(read_file(_file(f"input{suffix}", data)))))


def check_feed(data: bytes) -> None:
    _check_items(list(articles_from_feed(data, origin="fuzz.xml")))


def check_watch_config(data: bytes) -> None:
    try:
        config = load_config(_file("feeds.toml", data))
    except NewsweaveError as error:
        assert str(error).strip() and "\n" not in str(error).strip(), error
        return
    assert config.feeds and config.timeout_s > 0
    assert all(feed.url.startswith("http") and feed.interval_s >= 1 for feed in config.feeds)


TARGETS: dict[str, tuple[st.SearchStrategy[bytes], Callable[[bytes], None]]] = {
    "txt": (TXT, _reads(".txt")),
    "html": (HTML, _reads(".html")),
    "json": (JSON, _reads(".json")),
    "jsonl": (JSONL, _reads(".jsonl")),
    "feed": (FEED, _timed(check_feed)),
    "watch_config": (WATCH_CONFIG, _timed(check_watch_config)),
}


def property_test(name: str, examples: int) -> Any:
    """The hypothesis test of one target, for the suite and for the long fuzz run."""
    strategy, check = TARGETS[name]
    return settings(
        max_examples=examples,
        deadline=None,  # timed by `_timed` instead: the suite shares a loaded machine
        database=None,
        derandomize=examples <= 100,  # the suite sees the same inputs on every run
        suppress_health_check=list(HealthCheck),
    )(given(strategy)(check))


SUITE_EXAMPLES = {"txt": 40, "html": 25, "json": 40, "jsonl": 40, "feed": 40, "watch_config": 60}
test_fuzz_txt = property_test("txt", SUITE_EXAMPLES["txt"])
test_fuzz_html = property_test("html", SUITE_EXAMPLES["html"])
test_fuzz_json = property_test("json", SUITE_EXAMPLES["json"])
test_fuzz_jsonl = property_test("jsonl", SUITE_EXAMPLES["jsonl"])
test_fuzz_feed = property_test("feed", SUITE_EXAMPLES["feed"])
test_fuzz_watch_config = property_test("watch_config", SUITE_EXAMPLES["watch_config"])
