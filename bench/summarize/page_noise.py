"""Page noise of the benchmark corpora's own sites, cut by the benchmark's reader, not the product.

Multi-News scraped its articles from archived pages: the Internet Archive's crawl and collection
notes, one publisher's reprint line, and the player, credit and layout labels of a few
broadcasters and newspapers (NPR, the BBC, the New York Times, Politico, Gannett, ABC) are glued
into their prose. newsweave's cleaner keeps only patterns that hold for any site
(`newsweave.stages.article._noise`); these were mined from the benchmark's clusters, so they stay
here and are applied to a benchmark article's text before it is read (`datasets.py`).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
_NOTICE_PHRASES = (
    r"alexa internet has been donating",
    r"added to the wayback machine",
    r"crawls? of supported",
    r"(?:focused|these) crawls (?:are|were)\b",
    r"this crawl was run",
    r"the version that was live when the page was written",
    r"the internet archive hopes that references",
    r"fix all broken links on the web",
    r"the seed for wide\d+ was",
    r"crawl of outlinks from",
    r"web wide crawl with",
    r"new hq software for distributed crawling",
    r"the scope of the crawl was",
    r"crawl start date",
    r"archive-it (?:service|partner)",
    r"these files are currently not publicly accessible",
    r"for this collection, several things were done",
    r"did all the different wikis",
    r"the original runs were just against",
    r"the seed list was built from",
    r"this collection will be complete",
    r"dow jones reprints",
    r"this copy is for your personal,? non-commercial use",
    r"order presentation-ready copies",
    r"as an interest to stay up to date",
)
_NOTICE = re.compile(r"\b(?:" + "|".join(_NOTICE_PHRASES) + r")\b", _I)
_SENTENCE_END = re.compile(r"[.!?]+")
_LABELS = (
    # NPR: "enlarge this image toggle caption jim cole/ap jim cole/ap voters in ..."
    re.compile(r"\benlarge this image toggle caption (.{3,60}?) \1\b", _I),
    re.compile(r"\b(enlarge this image|toggle caption|hide caption)\b", _I),
    # The BBC's credit and caption labels.
    re.compile(
        r"\bimage copyright (?:[\w.&'-]+ ){0,5}?image caption\b|\b(?:image|media) caption\b|"
        r"\bmedia playback is unsupported on your device\b",
        _I,
    ),
    # The New York Times', Politico's and others' layout and player labels.
    re.compile(
        r"\b(?:advertisement )?continue reading the main story\b|"
        r"\bstory continued below\b|\btext size\s*-\s*\+(?:\s*reset\b)?|"
        r"\bplay (?:facebook )?(?:twitter )?(?:google plus )?embed\b|"
        r"\bclose get email notifications on [^.!?]{1,80}? daily!?",
        _I,
    ),
    # Gannett's "buy photo", ABC's "add interest", the BBC's credit without its caption.
    re.compile(
        r"\bbuy photo\b|\badd interest\b|\bimage copyright (?:getty images|afp|reuters|epa|ap|pa|"
        r"thinkstock|science photo library|alamy|bbc)\b",
        _I,
    ),
)


def strip_page_noise(text: str) -> str:
    """`text` without the benchmark sites' labels and without every sentence holding a notice."""
    for label in _LABELS:
        text = label.sub(" ", text)
    while notice := _NOTICE.search(text):
        start = max(text.rfind(mark, 0, notice.start()) for mark in ".!?") + 1
        end = _SENTENCE_END.search(text, notice.end())
        text = text[:start] + " " + text[end.end() if end else len(text) :]
    return re.sub(r"[ \t]{2,}", " ", text)
