"""Patterns of page noise: share/follow/comment lines, captions, credit lines, date lines.

Line patterns are only applied to short lines by the cleaner; inline patterns are specific enough
to cut out of running text (the scraped pages of Multi-News glue captions into the prose).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from newsweave.vocabulary import TIME_ZONE

_I = re.IGNORECASE
SOCIAL_NETWORKS = (
    r"google news|twitter|x|facebook|instagram|telegram|whatsapp|linkedin|threads|bluesky|"
    r"youtube|tiktok|mastodon|reddit|pinterest|flipboard|email|e-mail"
)

BOILERPLATE_LINE = re.compile(
    "|".join(
        [
            r"^\(?\s*\d*\s*comments?\s*(\(\s*\d+\s*\))?\s*\)?$",
            r"^(view|show|read|leave|add|post|load|see)\s+(all\s+|more\s+)?(\d+\s+)?(a\s+)?comments?\b",
            r"^(comments? (are|is) (closed|disabled))",
            rf"\bfollow\b.{{0,60}}\bon\s+({SOCIAL_NETWORKS})\b",
            rf"^(share|tweet|email|print|save|pin|repost)(\s+(this|on|via|to))?(\s+(article|story|page|post|link))?(\s+(on\s+)?({SOCIAL_NETWORKS}))*\s*[:!.]?$",
            r"^share\s+(this|on)\b.{0,80}$",
            r"\bsign\s*up\b.{0,60}\b(newsletter|alerts?|updates|briefing)\b",
            r"\b(newsletter|newsletters)\b.{0,40}\b(sign\s*up|subscribe|inbox)\b",
            r"\bsubscribe\b.{0,40}\b(now|today|here|newsletter|to our|for (free|unlimited|full))\b",
            r"^subscribe\b",
            r"\bclick here\b",
            r"^(advertisement|advertising|sponsored( content)?|ad)$",
            r"^(read more|related|see also|more on this( story)?|recommended|most read|also read|read next|you may also like)\b",
            r"\ball rights reserved\b",
            r"^(©|\(c\)|copyright\b)",
            r"\b(accept|use) (all )?cookies\b",
            r"\benable javascript\b",
            r"^(log ?in|sign ?in|register)\b.{0,30}$",
            r"\bdownload (our|the) (free )?app\b",
            r"^(listen to|watch:?)\s+(this|the) (article|story)\b",
            r"^(back to top|skip to (main )?content|top stories)$",
        ]
    ),
    _I,
)

CAPTION_LINE = re.compile(
    "|".join(
        [
            r"\((?:l|r|c|l-r|r-l|left|right|cent(?:er|re)|top|bottom|front|back|far left|far right)\)",
            # "VIDEO: Minister visits Kestrel" is a headline; "Video: Ivar Lund / CPA" a credit
            r"^video\s*[:|/-]\s*(\S+\s*){1,6}$",
            r"^(photo(graph)?|picture|image|illustration|file photo|credit|photo credit|"
            r"image credit|image source|caption)s?\s*[:|/-]",
            r"\b(photo|image|picture|credit)s?\s*:\s*[^.!?]{2,80}$",
            r"\((ap|afp|reuters|getty|epa|ansa|xinhua)\s*photo\b",
            r"\bgetty images\s*\)?$|/\s*(afp|reuters|ap|epa|getty)( images)?\s*\)?$",
        ]
    ),
    _I,
)

URL_LINE = re.compile(r"^(https?\s*:\s*/\s*/|www\s*\.)\S*", _I)

# Strict (not vocabulary.MONTH_WORD): only month names and abbreviations, as a line matched
# here is cut from the article.
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\.?\s+{_MONTH}\s+\d{{4}})"
)
_TIME = r"(?:\d{1,2}\s*[:.h]\s*\d{2}(?:\s*[ap]\.?\s*m\.?)?(?:\s*[A-Z]{2,4}\b)?)"

# A date and time stamp stuck to the start of the prose: "16.11.2026 10:05Kestrel — ...".
# Either nothing or a dash separates it from the text, so a sentence that starts with a date
# ("November 16, 2026 was cold") is left alone.
GLUED_DATE_STAMP = re.compile(
    rf"^(?P<stamp>{_DATE}(?:[ ,T|]+{_TIME})?)(?:(?=[A-Z“\"])|\s*[—–|-]\s*(?=\S))", _I
)

# The date a caption line opens with or labels ("date 2023-06-18 ...", "Published Nov. 3, 2026").
CAPTION_DATE = re.compile(
    rf"(?:^\W*|\b(?:published|posted|updated|dated?)\b\W*(?:on\s+)?)(?P<stamp>{_DATE})", _I
)

# A page's own time stamp on a line of its own: a full date with its clock time ("Wed Mar 2,
# 2011 7:54am EST"), perhaps after the place filed from ("CAIRO | "). No headline reads so.
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_STAMP_TIME = (
    rf"\d{{1,2}}\s*[:.h]\s*\d{{2}}(?:\s*[ap]\.?(?:\s*m\b\.?)?)?(?:\s*(?-i:{TIME_ZONE})\b)?"
)
_PAGE_STAMP = re.compile(
    rf"(?:[^|\n]{{1,40}}\|\s*)?(?:{_WEEKDAY},?\s+)?{_DATE}\s*[,T|@]?\s*{_STAMP_TIME}\W*", _I
)


def is_page_stamp(line: str) -> bool:
    """True for a line that is a page's time stamp, with the place it was filed from or not."""
    return _PAGE_STAMP.fullmatch(line.strip()) is not None


# A page's time stamp opening the prose of its first line, with its label or the place filed
# from ("Last updated: 1 May, 2009 - 17:54 GMT Mexico shuts down ...", "Page last updated at
# 23:19 GMT, Tuesday, 19 January 2010 Born amid the ruins ...", "Friday 1 May 2009 22.47 BST It
# was ..."): a date with its clock time, in either order, the label perhaps between them ("8
# November 2011 Last updated at 06:28 ..."). What follows is the headline or the lede.
_STAMP_DATE = rf"(?:{_WEEKDAY},?\s+)?(?:{_DATE}|\d{{1,2}}\s+{_MONTH},\s+\d{{4}})"
_STAMP_LABEL = (
    r"(?:page\s+)?(?:(?:first|last)\s+)?(?:updated|published|posted|modified)\s*(?:at|on)?\s*:?\s*"
)
PAGE_STAMP_OPENING = re.compile(
    rf"(?:[^|\n]{{1,40}}\|\s*)?"
    rf"(?:{_STAMP_LABEL})?"
    rf"(?:{_STAMP_DATE}\s*[-,|@]?\s*(?:{_STAMP_LABEL})?{_STAMP_TIME}"
    rf"|{_STAMP_TIME}\s*,?\s*{_STAMP_DATE})\s*[-|,]?\s+"
    rf"(?=\S)",
    _I,
)


# A live report's entry opens with its clock time ("2332 Haiti's neighbours reacted ..."); only
# a text with several such lines (`LIVE_ENTRIES`) is read so.
LIVE_ENTRY_STAMP = re.compile(r"(?m)^[ \t]*((?:[01]\d|2[0-3])[0-5]\d)[ \t]+(?=\S)")
LIVE_ENTRIES = 3


# "MUNICH, Germany (AP) _ ": where and by whom a wire story was filed, glued before its prose.
AGENCY_DATELINE = re.compile(
    r"^(?P<stamp>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][\w.' -]{1,30})?\s*"
    r"\((?:AP|Reuters|AFP|UPI|dpa|DPA|Xinhua|Bloomberg|PA|ANSA|EFE|Kyodo|TASS|IANS|PTI)\)\s*[-_—–]+\s*)"
)
# The same in any case, spacing or agency, ending a page's first lines: "Paris (CNN) -- ",
# "Islamabad ( reuters ) - ", "LONDON, Aug 9 (Reuters) - ". The story starts after it; what stands
# before it on its line is what the page put above the story (a highlights box, a byline, the
# page's stamp, a photo's caption).
WIRE_DATELINE = re.compile(
    rf"(?P<stamp>(?<!\S)(?:(?!(?:{TIME_ZONE})\b)[A-Z][\w.'’/-]*(?:,?\s+[A-Z][\w.'’/-]*){{0,3}}"
    r"(?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?\s*)?"
    r"\(\s*[A-Za-z][A-Za-z.&']*(?:\s[A-Za-z.&']+){0,2}\s*\)\s*(?:—|–|--|-|_)\s+)(?=\S)"
)
# A page's stamp anywhere in what stood above the story ("By Maggie Fox WASHINGTON | Mon Mar 2,
# 2009 4:23 pm EST"): the article's date.
PAGE_STAMP_INSIDE = re.compile(rf"{_STAMP_DATE}\s*[-,|@]?\s*{_STAMP_TIME}", _I)
# The mark of any such dateline, wherever it stands and whatever its case or spacing ("( reuters )
# -", "(CNN) —"): what tells agency-style copy, in the text or in a cut `AGENCY_DATELINE`.
AGENCY_MARK = re.compile(r"\(\s*[A-Za-z][A-Za-z.&' ]{0,24}\)\s*(?:—|–|--|-|_)(?=\s|$)")

# What a site says about itself, not news: cookie banners, sign-in walls, subscription pitches,
# newsletter and notification prompts, video player notices, Twitter's location notice. Cut out
# as the whole sentence that holds it (`site_notice_sentence`). Notices of one site or archive
# found in a benchmark's pages (the Internet Archive's crawl notes, one publisher's reprint
# line) are the benchmark reader's business: bench/summarize/page_noise.py.
_SITE_NOTICE_PHRASES = (
    r"we use cookies",
    r"(?:this|our) (?:site|website) uses cookies",
    r"[\w-]{1,40}\.(?:com|org|net|co\.uk) uses cookies",
    r"consent to (?:the use of |these |our (?:use of )?)?cookies",
    r"(?:accept|disable|enable) cookies (?:in|to|on)\b",
    r"tweet with a location",
    r"location information to your tweets",
    r"twitter stores that location",
    r"add a location to your tweets",
    # "Learn more" is the notice's link: cut with it, the sentence runs to the next full stop.
    r"delete your (?:tweet )?location history\.?(?:\s*learn more)?",
    r"add this tweet to your website",
    r"proceed to legacy twitter",
    r"you are on twitter mobile because",
    r"breaking news emails",
    r"the news and stories that matter, delivered",
    r"rating is available when the video has been rented",
    r"this feature is not available right now",
    r"the interactive transcript could not be loaded",
    r"this material may not be published,? broadcast,? rewritten,? or redistributed",
    r"we have sent you a verification email",
    r"receive the verification message",
    r"click on the link to activate your (?:[\w.-]+ )?profile",
    r"get push notifications with news",
    r"there was a problem saving your notification",
    r"email notifications are only sent once a day",
    r"thank you for (?:signing up|subscribing)",
    r"get daily updates directly to your inbox",
    r"sign up for one of our (?:email )?newsletters",
    r"e-newsletter keeps you up to date",
    r"get what you need today in this early-morning email",
    r"click prev or next to continue viewing",
    r"free \d+ day free trial",
    r"digital access for only",
    r"we only request your email address",
    r"we do not capture any email address",
    r"thank you for your interest in spreading the word",
    r"by clicking \W{0,2}i agree\W{0,2} below",
    r"we may use this data for analytics",
    r"if you(?:'|’| a)?re already a (?:digital )?subscriber",
    r"unable to view this photo gallery",
    r"this article is (?:over|more than) (?:a|an|\d+) (?:months?|years?) old",
    r"you must (?:be )?log(?:ged)? ?in\b",
    r"sign up for facebook today",
    r"become a subscriber",
    r"current [\w-]{1,20} subscriber",
    r"start a new subscription",
    r"support our journalism",
    r"this will (?:not )?appear (?:next to all of your comments|anywhere on)",
    r"javascript is disabled",
    r"enable javascript or",
    # A page that failed to load says so in the words every site uses: what is left is the
    # notice, and a page of nothing else is no article (issue 16: such pages, one notice
    # repeated, were grouped as one story).
    r"please try again later",
    r"(?:the )?page you(?: ?['’] ?re| are) looking for",
    r"(?:error )?404 (?:error|not found|page)",
    r"page (?:was )?not found",
    r"(?:is|are) (?:currently |temporarily )?unavailable due to technical difficulties",
    r"this video is (?:no longer |currently )?(?:unavailable|not available)",
    # What a media player shows in place of its clip, not news: a geographic block, a player
    # that cannot start.
    r"(?:media|content|video|clip|programme|program|audio) is (?:not|no longer) available in "
    r"your (?:territory|country|region|location)",
    r"(?:can ?not|unable to) play (?:this )?(?:media|video|audio)",
    r"to play this (?:content|media|video|audio),? (?:you need|javascript must)",
    r"(?:the )?style ?sheets? (?:didn ?['’] ?t|did not|failed to) load",
)
# An editor's correction of the article itself ("This article misstated the first name of ...",
# "An earlier version of this story ...", "Correction: ..."): about the page, not the news.
CORRECTION_LINE = re.compile(
    r"^(?:correction|clarification)s?\s*[:—–-]|"
    r"^(?:an? )?(?:earlier|previous|original) version of this (?:article|story|report|post)\b|"
    r"^this (?:article|story|report|post) (?:has been |was )?(?:misstated|misspelled|misidentified|"
    r"misquoted|incorrectly|corrected|amended|updated to correct)\b",
    _I,
)

# Who reported, wrote or edited the article, where a version of it was printed and whose views a
# column gives: about the page, not the news ("(Reporting by Jane Doe; Editing by John Roe)", "A
# version of this article appears in print on Page A1"). Two wires' credits name two people where
# no one disagrees. (A contributor's sentence, "Jane Doe contributed to this report.", is cut
# where it stands: INLINE_NOISE.)
CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(?:additional |further )?(?:reporting|writing|editing|compiled|research) by"
    r"\s+(?-i:[A-Z])|"
    r"^(?:a version(?: of this (?:article|story|review|report|column))?|this (?:article|story)) "
    r"(?:first )?appear(?:s|ed) (?:in print )?on (?:p(?:age)?\s*[a-z]?\d+|[a-z]+ \d)|"
    # whose opinion a column is: "The opinions expressed in this commentary are solely those of"
    r"^the (?:views|opinions) expressed (?:in this (?:[a-z]+ ){0,2}|here )?(?:are|is|do)\b",
    _I,
)
SITE_NOTICE = re.compile(r"\b(?:" + "|".join(_SITE_NOTICE_PHRASES) + r")\b", _I)
_SENTENCE_END = re.compile(r"[.!?]+")


def site_notice_sentence(text: str) -> tuple[int, int] | None:
    """Where the first sentence of `text` that is a site notice (`SITE_NOTICE`) starts and ends."""
    # The phrase is found first and its sentence's bounds after: a pattern spanning the whole
    # sentence would backtrack over every character of a long unpunctuated line.
    notice = SITE_NOTICE.search(text)
    if notice is None:
        return None
    start = max(text.rfind(mark, 0, notice.start()) for mark in ".!?") + 1
    end = _SENTENCE_END.search(text, notice.end())
    return start, end.end() if end else len(text)


INLINE_NOISE: tuple[tuple[re.Pattern[str], str], ...] = (
    # Notices glued before the prose: "Please enable javascript to watch this video a 20-year-old
    # ..." keeps the prose.
    (
        re.compile(
            r"\bplease enable javascript to (?:watch|view) (?:this|the) (?:video|comments)"
            r"(?: powered by disqus)?\.?",
            _I,
        ),
        "boilerplate",
    ),
    (
        re.compile(
            r"\byour browser does not support (?:the )?(?:html5 video tag|iframes|"
            r"audio element|video element|video tag|audio|video)\.?",
            _I,
        ),
        "boilerplate",
    ),
    (re.compile(r"\bsubscribe for more breaking news:\s*\S+", _I), "boilerplate"),
    (re.compile(r"\(\s*(photo|image|picture)s?\s*:[^()]{1,100}\)", _I), "caption"),
    # Agency credits scraped pages glue into the prose: "( associated press )" after a caption.
    (re.compile(r"\(\s*associated press\s*\)", _I), "caption"),
    (re.compile(r"\(\s*(?:ap|afp|reuters|epa|getty)\s+photos?\s*/[^()]{1,80}\)", _I), "caption"),
    # A photographer credited with a picture agency after a slash: "( mark wilson/getty images )",
    # "( rouzbeh jadidoleslam/ap )".
    (
        re.compile(
            r"\(\s*[^()]{1,60}/\s*(?:getty images|afp|ap|reuters|epa|zuma(?: press)?|"
            r"rex(?: features)?|shutterstock|corbis|ap photo)\s*\)",
            _I,
        ),
        "caption",
    ),
    (re.compile(rf"\bshare this (article|story)(\s+({SOCIAL_NETWORKS}))+\b", _I), "boilerplate"),
    # A wire editor's insert note ending a paragraph: where the next one goes in the story's
    # earlier version ("Mitch _ once, 2nd graf pvs", "The men, pickup 9th pvs", "The vote,
    # 3rd graf prv", "No member, 5th graf, 1st Ld-Writethru").
    (
        re.compile(
            r"(?:^|(?<=[.!?'\"”’]))\s*(?:``|[\"“‘'])?[A-Z][^.!?\n]{0,40}?,\s*(?:pickup\s+)?"
            r"(?:\d+(?:st|nd|rd|th)\s+graf|graf\s+\d+|\d+(?:st|nd|rd|th)(?=\s+p[rv]v?s?\b))"
            r"(?:\s*,?\s*(?:pvs|prv|\d+(?:st|nd|rd|th)\s+ld-writethru))*\s*$",
            _I,
        ),
        "boilerplate",
    ),
    # A wire credit in parentheses glued to the last paragraph ("... on Saturday. ( reporting by
    # joan gralla; editing by jan paschal )"), or the sentence crediting a contributor.
    (
        re.compile(
            r"\(\s*(?:additional |further )?(?:reporting|writing|editing) by\b[^()]{1,160}(?:\)|$)|"
            r"(?:^|(?<=[.!?\"”’]))\s*[^.!?\"”]{1,80}\bcontributed "
            r"(?:reporting|to this report)\.?\s*$",
            _I,
        ),
        "credit",
    ),
    # A doubled advertisement label; a video page's upload date before its description.
    (
        re.compile(
            r"\badvertisement advertisement\b|"
            rf"^(?:published|uploaded) on {_MONTH} \d{{1,2}}, \d{{4}}\b",
            _I,
        ),
        "boilerplate",
    ),
)

# Anywhere in the line: a stamp may give its date first ("9 September 2013 Last updated at 14:39").
_LABEL = re.compile(
    r"(?:^|(?<=\s))((?:this\s+)?(?:article|story|post|page|entry)\s+(?:was\s+)?)?"
    r"(first\s+|last\s+)?(published|posted|updated|modified|created|date|dated|"
    r"released|issued)\b\s*(on|at)?\s*[:|-]?\s*",
    _I,
)
_DATE_TOKEN = re.compile(
    rf"^(?:{_MONTH}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\d+(?:st|nd|rd|th)?|"
    r"[ap]\.?|m\.?|am|pm|at|on|utc|gmt|[a-z]?[ecmp][sd]?t|cet|cest|bst|ist|jst|hkt|"
    r"[,./:|@–—-]+|[+-]?\d{1,2}:?\d{2})$",
    _I,
)


def is_dateline(line: str) -> bool:
    """True for a line that is nothing but a date or time, with an optional label."""
    rest = _LABEL.sub(" ", line.strip())
    tokens = re.findall(r"\d+|[^\W\d_]+\.?|[^\w\s]+", rest)
    if not tokens or not any(token.isdigit() for token in tokens):
        return False
    return all(_DATE_TOKEN.match(token) for token in tokens)


def dateline_datetime(line: str) -> dt.datetime | None:
    """The date a date line gives, or None when it gives only a time or nothing parseable."""
    rest = _LABEL.sub(" ", line.strip()).strip()
    rest = re.sub(r"(\d)\s*:\s*(\d)", r"\1:\2", rest)  # "4: 59 PM" in tokenized crawls
    # "08. 07. 2012" in tokenized crawls; dotted is day first. Slashed days are left to the dates
    # stage, which reads them month first ("9 / 10 / 2010" is September 10).
    rest = re.sub(r"(?<=\d)\.\s+(?=\d)", ".", rest)
    has_day = re.search(rf"{_MONTH}|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}", rest, _I)
    # A day without its year is no date here: the parser would give it the reader's year.
    has_year = re.search(r"\b(?:1[89]|20)\d\d\b|\d[./-]\d{1,2}[./-]\d\d\b", rest)
    if not (has_day and has_year):
        return None
    parsed = _dateparser().parse(
        rest.replace("|", " "),
        settings={
            "DATE_ORDER": "DMY",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
    return parsed.replace(tzinfo=None) if parsed else None


@cache
def _dateparser():  # type: ignore[no-untyped-def]
    import dateparser  # slow to import; only needed when a date line is found

    return dateparser
