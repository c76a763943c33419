"""A story whose every field is hostile: script tags, event handlers, `javascript:` links.

Each payload sets `window.__pwned` (or opens an alert) if it ever runs, so a test in a real
browser can tell that none did.
"""

from __future__ import annotations

import datetime as dt

from newsweave.model import (
    Article,
    Claim,
    ClaimStatus,
    Conflict,
    CopyLink,
    Entity,
    FuzzyDate,
    Relation,
    Removal,
    Span,
    Story,
    SummaryItem,
    TimelineEvent,
)

EVIL_ID = 'x"><script>window.__pwned=1</script>'
EVIL_SOURCE = '<img src=x onerror="window.__pwned=2">Evil Outlet'
EVIL_TITLE = "<script>window.__pwned=3</script>Bridge <b onmouseover=alert(4)>opens</b>"
EVIL_URL = "javascript:window.__pwned=5"
SENTENCE = (
    "The bridge <script>window.__pwned=6</script>opened on Monday after "
    "<img src=x onerror=alert(7)> four years."
)
SECOND = 'Officials said <a href="javascript:window.__pwned=8">the toll</a> is 5 euros.'
OTHER_ID = "y' onmouseover='window.__pwned=9"
OTHER_SOURCE = "javascript:alert(10)"
OTHER_SENTENCE = "The bridge <svg onload=window.__pwned=11>opened on Monday after four years."
OTHER_SECOND = "Officials said the toll is 7 euros. </p><script>window.__pwned=12</script>"


def hostile_story() -> Story:
    first_text = f"{SENTENCE}\n{SECOND}"
    second_text = f"{OTHER_SENTENCE}\n{OTHER_SECOND}"
    first = Article(
        id=EVIL_ID,
        source=EVIL_SOURCE,
        raw_text=f"{first_text}\n<iframe src=javascript:alert(13)></iframe> Share this",
        text=first_text,
        title=EVIL_TITLE,
        url=EVIL_URL,
        published=dt.datetime(2026, 3, 2, 9, 0),
        removed=(
            Removal(
                EVIL_ID, "<iframe src=javascript:alert(13)></iframe> Share this", "boilerplate"
            ),
        ),
    )
    second = Article(
        id=OTHER_ID,
        source=OTHER_SOURCE,
        raw_text=second_text,
        text=second_text,
        title="<style>body{display:none}</style>Second",
        url="http://example.org/a?<script>",
        published=dt.datetime(2026, 3, 2, 11, 0),
    )
    s1 = Span(EVIL_ID, 0, len(SENTENCE))
    s2 = Span(EVIL_ID, len(SENTENCE) + 1, len(first_text))
    o1 = Span(OTHER_ID, 0, len(OTHER_SENTENCE))
    o2 = Span(OTHER_ID, len(OTHER_SENTENCE) + 1, len(second_text))
    return Story(
        id="hostile",
        title=EVIL_TITLE,
        articles=(first, second),
        entities=(
            Entity(
                "<script>window.__pwned=14</script>Mayor",
                "PERSON",
                ("Mayor <img src=x onerror=alert(15)>",),
                (s1, o1),
            ),
        ),
        timeline=(TimelineEvent(FuzzyDate(dt.date(2026, 3, 2)), SENTENCE, (s1, o1)),),
        summary=(SummaryItem(SENTENCE, (s1, o1)),),
        claims=(
            Claim(SENTENCE, ClaimStatus.CORROBORATED, (s1, o1), 2),
            Claim(SECOND, ClaimStatus.DISPUTED, (s2, o2), 1),
        ),
        conflicts=(Conflict("number", s2, o2, "<script>window.__pwned=16</script> 5 vs 7 euros"),),
        provenance=(CopyLink(EVIL_ID, OTHER_ID, Relation.REWRITE, 0.5, ((s1, o1),)),),
        independent_sources=1,
    )
