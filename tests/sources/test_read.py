from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from newsweave.errors import Rejected
from newsweave.model import DateOrigin
from newsweave.sources.read import decode_bytes, input_files, read_inputs

PAGE = """<html><head><title>Minister visits Kestrel</title>
<meta property="article:published_time" content="2026-11-16T08:00:00+01:00"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Minister visits Kestrel</h1>
<p>The foreign minister of Valdoria arrived in Kestrel on Monday for two days of talks.</p>
<p>She met the prime minister and signed fourteen agreements on trade and energy.</p>
</article><footer>Contact us</footer></body></html>"""


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_read_text_file_takes_short_first_line_as_title(tmp_path: Path) -> None:
    _write(tmp_path, "herald.txt", "Minister visits Kestrel\n\nThe minister arrived on Monday.\n")
    [article], rejections = read_inputs([tmp_path])
    assert (article.id, article.title, article.source) == (
        "herald",
        "Minister visits Kestrel",
        "herald.txt",
    )
    assert article.raw_text == "The minister arrived on Monday."
    assert rejections == []


def test_read_text_file_without_title_keeps_first_sentence(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "The minister arrived on Monday.\nShe left on Tuesday.\n")
    [article], _ = read_inputs([tmp_path])
    assert article.title is None
    assert article.raw_text.startswith("The minister arrived")


def test_read_html_extracts_text_title_and_date(tmp_path: Path) -> None:
    _write(tmp_path, "page.html", PAGE)
    [article], _ = read_inputs([tmp_path / "page.html"])
    assert article.title == "Minister visits Kestrel"
    assert "fourteen agreements" in article.raw_text
    assert "Contact us" not in article.raw_text
    assert article.published is not None and article.published.date() == dt.date(2026, 11, 16)
    assert article.date_origin is DateOrigin.METADATA


def test_read_json_record_uses_given_fields_and_ignores_unknown(tmp_path: Path) -> None:
    record = {
        "id": "w1",
        "title": "T",
        "text": "Body text here.",
        "published": "2026-11-16T09:40:00Z",
        "source": "Wire",
        "url": "https://example.org/a",
        "likes": 3,
    }
    _write(tmp_path, "x.json", json.dumps(record))
    [article], _ = read_inputs([tmp_path])
    assert (article.id, article.source, article.url) == ("w1", "Wire", "https://example.org/a")
    assert article.published == dt.datetime(2026, 11, 16, 9, 40)


def test_read_jsonl_names_the_bad_line_and_keeps_the_rest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "One."}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"text": "Three."}),
    ]
    path = _write(tmp_path, "feed.jsonl", "\n".join(lines))
    articles, rejections = read_inputs([path])
    assert [a.id for a in articles] == ["a", "feed-4"]
    assert [(r.input, r.reason) for r in rejections] == [
        (f"{path}:2", "malformed_json"),
        (f"{path}:3", "missing_text"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", "empty"),
        ("blank.txt", "   \n\n ", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("broken.json", '{"text": "a",', "malformed_json"),
        ("noarticle.html", "<html><body><nav>Home</nav></body></html>", "no_article"),
        ("notes.docx", "whatever", "unsupported"),
    ],
)
def test_read_bad_input_is_rejected_with_a_reason(
    tmp_path: Path, name: str, content: str | bytes, reason: str
) -> None:
    path = _write(tmp_path, name, content)
    articles, [rejection] = read_inputs([path])
    assert articles == []
    assert (rejection.input, rejection.reason) == (str(path), reason)
    assert rejection.detail


def test_read_rejects_file_over_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", "word " * 1000)
    _, [rejection] = read_inputs([path], max_bytes=100)
    assert rejection.reason == "too_large" and "5,000 bytes" in rejection.detail


def test_read_missing_path_is_rejected(tmp_path: Path) -> None:
    _, [rejection] = read_inputs([tmp_path / "nope"])
    assert rejection.reason == "missing"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be"])
def test_read_detects_non_utf8_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Der Außenminister traf am Montag in Kestrel ein. Élodie Dupré begrüßte ihn herzlich."
    path = _write(tmp_path, "de.txt", text.encode(encoding))
    [article], _ = read_inputs([path])
    assert "Außenminister" in article.raw_text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Café in Zürich.", "latin-1"),
        ("Le café de la gare à Zürich était fermé lundi, a déclaré le maire.", "latin-1"),
        ("Señor Muñoz habló con el alcalde de Cádiz el miércoles por la mañana.", "latin-1"),
        ("The café “opened” on Monday — costs €5.", "cp1252"),
        ("Президент заявил в понедельник, что переговоры продолжатся на неделе.", "cp1251"),
        ("Президент заявил в понедельник, что переговоры продолжатся на неделе.", "koi8-r"),
        ("Prezydent powiedział w poniedziałek, że rozmowy będą kontynuowane.", "cp1250"),
        ("Ο πρόεδρος δήλωσε τη Δευτέρα ότι οι συνομιλίες θα συνεχιστούν.", "cp1253"),
        ("大統領は月曜日、協議は来週も続くと述べた。", "shift_jis"),
    ],
)
def test_read_decodes_short_legacy_text_in_its_encoding(text: str, encoding: str) -> None:
    # Short Latin-1 was read as the DOS code page cp775 ("Café" -> "Cafķ") without a word.
    assert decode_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe\xd8\x00\x00",  # a UTF-16 mark before a lone surrogate and an odd byte
        b"\xff\xfe" + bytes(range(128, 256)) * 3 + b"\x01",
        b"\xfe\xff\xdc\x00",
        b"\xff\xfe\x00\x00\x00\xd8\x00\x00",  # a UTF-32 mark before a surrogate
        b"\xef\xbb\xbf\xff\xfe Caf\xe9",
        b"\x00\x01\x02\x03" * 50,
    ],
)
def test_read_decoding_never_raises_anything_but_a_rejection(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except Rejected as error:
        assert error.reason == "binary" and error.detail
    else:
        assert isinstance(text, str)


def test_read_file_with_broken_byte_order_mark_is_one_rejection(tmp_path: Path) -> None:
    # A UTF-16 mark followed by invalid bytes raised UnicodeDecodeError out of the reader.
    bad = _write(tmp_path, "bad.txt", b"\xff\xfe\xd8\x00" + b"\x00" * 7)
    good = _write(tmp_path, "good.txt", "Rain fell on Monday in Kestrel.")
    articles, rejections = read_inputs([bad, good])
    assert [a.id for a in articles] == ["good"]
    assert [(r.input, r.reason) for r in rejections] == [(str(bad), "binary")]


def test_read_folder_skips_other_file_types_and_hidden_files(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Rain fell on Monday in Kestrel.")
    _write(tmp_path, "README.md", "# notes")
    (tmp_path / ".cache").mkdir()
    _write(tmp_path / ".cache", "b.txt", "Hidden.")
    articles, rejections = read_inputs([tmp_path])
    assert [a.id for a in articles] == ["a"] and rejections == []


def test_read_duplicate_ids_are_renamed_and_exact_repeats_rejected(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "one.jsonl",
        "\n".join(
            json.dumps(r)
            for r in [
                {"id": "x", "text": "First text."},
                {"id": "x", "text": "Other text."},
                {"id": "x", "text": "First text."},
            ]
        ),
    )
    articles, rejections = read_inputs([tmp_path])
    assert [a.id for a in articles] == ["x", "x-2"]
    assert [r.reason for r in rejections] == ["duplicate"]


def test_read_unparseable_published_date_is_dropped_not_fatal(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", json.dumps({"text": "Body.", "published": "sometime soon-ish"}))
    [article], _ = read_inputs([tmp_path])
    assert article.published is None and article.date_origin is DateOrigin.UNKNOWN


def test_read_text_front_matter_lines_give_date_source_title_and_url(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a.txt",
        "published: 2023-06-18\nSource: Herald\ntitle: Minister visits\nurl: https://h.example/1"
        "\n\nThe minister arrived on Sunday.\n",
    )
    [article], rejections = read_inputs([tmp_path])
    assert article.published == dt.datetime(2023, 6, 18)
    assert article.date_origin is DateOrigin.METADATA
    assert (article.source, article.title, article.url) == (
        "Herald",
        "Minister visits",
        "https://h.example/1",
    )
    assert article.raw_text == "The minister arrived on Sunday."
    assert rejections == []


@pytest.mark.parametrize(
    "first_line",
    [
        "https://www.herald.example/news/2023/06/18/minister-visits",
        # tokenized text spaces a web address's punctuation
        "https: / / www. herald. example / news / 2023 / 06 / 18 / minister - visits",
    ],
)
def test_read_text_opening_with_its_web_address_gives_url_outlet_and_title(
    tmp_path: Path, first_line: str
) -> None:
    _write(tmp_path, "a.txt", f"{first_line}\nMinister visits\nThe minister arrived on Sunday.\n")
    [article], _ = read_inputs([tmp_path])
    assert (article.url, article.source, article.title) == (
        "https://www.herald.example/news/2023/06/18/minister-visits",
        "herald.example",
        "Minister visits",
    )
    assert article.raw_text == "The minister arrived on Sunday."


def test_read_text_date_line_above_the_title_is_no_title_and_stays_in_the_text(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "a.txt", "TUESDAY, OCTOBER 11, 2011\nCable cut\nThe cable was cut.\n")
    [article], _ = read_inputs([tmp_path])
    assert article.title == "Cable cut"
    assert article.raw_text == "TUESDAY, OCTOBER 11, 2011\nThe cable was cut."
    _write(tmp_path, "a.txt", "October 11, 2011\nThe cable was cut on Saturday.\n")
    [article], _ = read_inputs([tmp_path])
    assert article.title is None and article.raw_text.startswith("October 11, 2011\n")


@pytest.mark.parametrize(
    "stamp",
    [
        "9 / 10 / 2010 @ 1: 19PM",
        "Sept. 10, 2010 @ 3:15 pm",
        "CAIRO | Wed Mar 2, 2011 7:54am EST",
        "Wednesday 27 April 2005 16.50 BST",
    ],
)
def test_read_text_a_page_time_stamp_above_the_title_is_no_title(
    tmp_path: Path, stamp: str
) -> None:
    _write(tmp_path, "a.txt", f"{stamp}\nCable cut\nThe cable was cut.\n")
    [article], _ = read_inputs([tmp_path])
    assert article.title == "Cable cut"
    _write(tmp_path, "a.txt", f"{stamp}\n\nThe cable was cut off the coast on Saturday.\n")
    [article], _ = read_inputs([tmp_path])
    assert article.title is None


def test_read_text_a_headline_giving_a_date_is_a_title(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Cable cut on March 2, 2011\nThe cable was cut off the coast.\n")
    [article], _ = read_inputs([tmp_path])
    assert article.title == "Cable cut on March 2, 2011"


def test_read_text_front_matter_outranks_the_web_address_line(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a.txt",
        "source: Herald\n\nhttps://mirror.example/p/1\nThe minister arrived on Sunday.\n",
    )
    [article], _ = read_inputs([tmp_path])
    assert (article.source, article.url) == ("Herald", "https://mirror.example/p/1")


def test_read_text_sentence_starting_with_an_address_is_text(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "https://herald.example says the minister arrived.\nMore text.\n")
    [article], _ = read_inputs([tmp_path])
    assert article.url is None and article.source == "a.txt"
    assert article.raw_text.startswith("https://herald.example says")


def test_read_text_front_matter_between_dashes(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "---\ndate: 2023-06-18\nsource: Herald\n---\nTalks began today.\n")
    [article], _ = read_inputs([tmp_path])
    assert (article.published, article.source) == (dt.datetime(2023, 6, 18), "Herald")
    assert article.raw_text == "Talks began today."


def test_read_text_opening_with_an_unknown_key_is_text_not_front_matter(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Note: the talks resumed.\nsource: officials\n\nMore text here.\n")
    [article], _ = read_inputs([tmp_path])
    assert article.published is None and article.source == "a.txt"
    assert article.raw_text.startswith("Note: the talks resumed.")


def test_read_text_front_matter_with_a_bad_date_is_rejected_by_name(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "published: someday soon\n\nTalks began today.\n")
    articles, [rejection] = read_inputs([tmp_path])
    assert articles == []
    assert rejection.reason == "bad_date" and "someday soon" in rejection.detail


def test_read_folder_skips_hidden_folders_without_listing_them(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Rain fell on Monday in Kestrel.")
    (tmp_path / ".git" / "objects").mkdir(parents=True)
    _write(tmp_path / ".git", "notes.txt", "Not an article.")
    assert list(input_files([tmp_path])) == [tmp_path / "a.txt"]


def test_read_unlistable_folder_is_named_not_skipped_silently(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Rain fell on Monday in Kestrel.")
    locked = tmp_path / "locked"
    locked.mkdir()
    _write(locked, "b.txt", "Hidden by permissions.")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("permissions do not bind this user (root)")
        articles, [rejection] = read_inputs([tmp_path])
    finally:
        locked.chmod(0o755)
    assert [a.id for a in articles] == ["a"]
    assert (rejection.input, rejection.reason) == (str(locked), "unreadable")


def test_read_file_that_cannot_be_read_is_one_rejection(tmp_path: Path) -> None:
    # A file that stats as regular but fails on read (here the kernel's own /proc/self/mem).
    if not Path("/proc/self/mem").exists():
        pytest.skip("needs /proc")
    link = tmp_path / "a.txt"
    link.symlink_to("/proc/self/mem")
    _, [rejection] = read_inputs([link])
    assert rejection.reason == "unreadable" and "cannot read file" in rejection.detail
