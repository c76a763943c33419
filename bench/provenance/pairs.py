"""Labelled provenance cases built from real newswire text (DUC 2004, Multi-News), seeded.

Every case is a handful of articles and the relation expected between them:
- `duplicate`: the same article with whitespace and punctuation changes only;
- `copy`: verbatim reuse with small edits (about 1 sentence in 8 dropped, a few words changed or
  deleted, a page-noise line added);
- `rewrite`: a SYNTHETIC sentence-level paraphrase made by deterministic transformations (a
  synonym table, attribution moves, clause reordering, number spelling, sentence merging and
  splitting, about 15% of the sentences dropped) — not a human rewrite;
- `independent`: two different articles of one DUC 2004 cluster, one from AP (APW), one from the
  New York Times (NYT): same topic, written apart;
- `common-source`: a copy and a rewrite of an original that is not given, plus an independent
  article of the same cluster from the other agency.

The texts are read from ../shared/data at run time and never stored in the project.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

RELATIONS = ("duplicate", "copy", "rewrite", "independent")
MIN_WORDS = 150
MIN_SENTENCES = 6


@dataclass(frozen=True, slots=True)
class Original:
    """One real article a case is built from."""

    doc_id: str
    text: str
    corpus: str  # "duc2004" or "multinews"
    cluster: str
    agency: str  # "APW", "NYT" or "" (Multi-News gives no outlet)
    date: str | None


@dataclass(frozen=True, slots=True)
class Case:
    """Articles given to newsweave together, with what is expected between them.

    `original` is the id of the article the others derive from, when it is given (`None` for
    independent articles and for the common-source case). `derived` are the ids expected to be
    linked to it, or to each other for `common-source`; `unrelated` are ids expected unlinked.
    """

    case_id: str
    relation: str
    articles: tuple[dict, ...]
    original: str | None = None
    derived: tuple[str, ...] = ()
    unrelated: tuple[str, ...] = ()
    timed: bool = False
    corpus: str = ""
    edit_stats: dict = field(default_factory=dict)


def load_originals(duc_path: Path, multinews_path: Path) -> tuple[list[Original], list[Original]]:
    """(DUC 2004 articles, Multi-News articles) long enough to be copied and rewritten."""
    duc: list[Original] = []
    for line in duc_path.open(encoding="utf-8"):
        cluster = json.loads(line)
        for doc in cluster["documents"]:
            duc.append(Original(doc["id"], doc["text"], "duc2004", cluster["id"], doc["id"][:3], doc.get("date")))
    multinews: list[Original] = []
    for line in multinews_path.open(encoding="utf-8"):
        cluster = json.loads(line)
        for doc in cluster["documents"]:
            multinews.append(Original(doc["id"], doc["text"], "multinews", cluster["id"], "", None))
    usable = lambda o: len(o.text.split()) >= MIN_WORDS and len(split_sentences(o.text)) >= MIN_SENTENCES  # noqa: E731
    return [o for o in duc if usable(o)], [o for o in multinews if usable(o)]


def build_cases(duc: list[Original], multinews: list[Original], per_relation: int, seed: int) -> list[Case]:
    """`per_relation` cases of each relation and half as many common-source cases; deterministic."""
    picker = random.Random(seed)
    cases: list[Case] = []
    for relation, transform in (("duplicate", duplicate_of), ("copy", copy_of), ("rewrite", rewrite_of)):
        half = per_relation // 2
        sources = picker.sample(duc, half) + picker.sample(multinews, per_relation - half)
        for n, original in enumerate(sources):
            rng = random.Random(f"{seed}-{relation}-{n}")
            text, stats = transform(original.text, rng)
            cases.append(_pair_case(f"{relation}-{n}", relation, original, text, rng, timed=n % 2 == 0, stats=stats))
    for n, (first, second) in enumerate(_independent_pairs(duc, per_relation, picker)):
        rng = random.Random(f"{seed}-independent-{n}")
        cases.append(_independent_case(f"independent-{n}", first, second, rng, timed=n % 2 == 0))
    for n, (original, other) in enumerate(_independent_pairs(duc, max(1, per_relation // 2), random.Random(seed + 1))):
        rng = random.Random(f"{seed}-common-{n}")
        cases.append(_common_source_case(f"common-source-{n}", original, other, rng, timed=n % 2 == 0))
    return cases


# --- cases -----------------------------------------------------------------------------------


def _times(rng: random.Random, date: str | None, count: int) -> list[str]:
    """`count` increasing publication times on one day, hours apart."""
    day = date or "2015-06-0" + str(rng.randint(1, 9))
    hours = sorted(rng.sample(range(6, 22), count))
    return [f"{day}T{h:02d}:{rng.randint(0, 59):02d}:00" for h in hours]


def _ids(case_id: str, count: int, rng: random.Random) -> list[str]:
    # Shuffled letters, so the pipeline's id order says nothing about which text is the original.
    letters = list("abcdefgh"[:count])
    rng.shuffle(letters)
    return [f"{case_id}-{letter}" for letter in letters]


def _article(article_id: str, text: str, source: str, published: str | None) -> dict:
    return {"id": article_id, "title": "", "text": text, "source": source, "published": published}


def _pair_case(case_id: str, relation: str, original: Original, derived_text: str, rng: random.Random,
               *, timed: bool, stats: dict) -> Case:
    source_id, derived_id = _ids(case_id, 2, rng)
    early, late = _times(rng, original.date, 2) if timed else (None, None)
    articles = [
        _article(source_id, original.text, "Outlet One", early),
        _article(derived_id, derived_text, "Outlet Two", late),
    ]
    rng.shuffle(articles)
    return Case(case_id, relation, tuple(articles), original=source_id, derived=(derived_id,), timed=timed,
                corpus=original.corpus, edit_stats=stats)


def _independent_case(case_id: str, first: Original, second: Original, rng: random.Random, *, timed: bool) -> Case:
    a, b = _ids(case_id, 2, rng)
    t1, t2 = _times(rng, first.date, 2) if timed else (None, None)
    articles = (_article(a, first.text, first.agency, t1), _article(b, second.text, second.agency, t2))
    return Case(case_id, "independent", articles, unrelated=(a, b), timed=timed, corpus="duc2004")


def _common_source_case(case_id: str, original: Original, other: Original, rng: random.Random, *, timed: bool) -> Case:
    copy_id, rewrite_id, other_id = _ids(case_id, 3, rng)
    copy_text, _ = copy_of(original.text, rng)
    rewrite_text, stats = rewrite_of(original.text, rng)
    times = _times(rng, original.date, 3) if timed else [None] * 3
    rng.shuffle(times)
    articles = (
        _article(copy_id, copy_text, "Outlet One", times[0]),
        _article(rewrite_id, rewrite_text, "Outlet Two", times[1]),
        _article(other_id, other.text, other.agency, times[2]),
    )
    return Case(case_id, "common-source", articles, derived=(copy_id, rewrite_id), unrelated=(other_id,),
                timed=timed, corpus="duc2004", edit_stats=stats)


def _independent_pairs(duc: list[Original], count: int, rng: random.Random) -> list[tuple[Original, Original]]:
    """(APW article, NYT article) of one cluster, `count` distinct pairs spread over the clusters."""
    by_cluster: dict[str, dict[str, list[Original]]] = {}
    for o in duc:
        by_cluster.setdefault(o.cluster, {}).setdefault(o.agency, []).append(o)
    pairs = [
        (apw, nyt)
        for agencies in by_cluster.values()
        for apw in agencies.get("APW", [])
        for nyt in agencies.get("NYT", [])
    ]
    rng.shuffle(pairs)
    chosen = pairs[:count]
    return [(a, b) if rng.random() < 0.5 else (b, a) for a, b in chosen]


# --- sentences ---------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "st", "jr", "sr", "co",
    "corp", "inc", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
    "u.s", "u.n", "u.k", "mt", "ft", "prof", "rev", "gov", "maj", "adm", "cmdr", "pres", "sec", "dept",
}
_BOUNDARY = re.compile(r"""(?<=[.!?])(''|"|”)?\s+(?=(?:``|"|“)?[A-Z0-9])""")


def split_sentences(text: str) -> list[str]:
    """A plain newswire sentence splitter: enough for making variants, not newsweave's own."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        head = text[start:match.start()]
        last = head.rsplit(None, 1)[-1].rstrip(".").casefold() if head.split() else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last):
            continue
        cut = match.start() + len(match[1] or "")
        sentences.append(text[start:cut].strip())
        start = cut
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    """Sentences joined into paragraphs of 1-4 sentences."""
    out, paragraph = [], []
    for sentence in sentences:
        paragraph.append(sentence)
        if rng.random() < 0.35:
            out.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        out.append(" ".join(paragraph))
    return "\n\n".join(out)


def _drop(sentences: list[str], share: float, rng: random.Random) -> list[str]:
    """About `share` of the sentences dropped, never the first (the lead)."""
    count = round(len(sentences) * share)
    gone = set(rng.sample(range(1, len(sentences)), min(count, len(sentences) - 1)))
    return [s for i, s in enumerate(sentences) if i not in gone]


# --- duplicate -----------------------------------------------------------------------------------


def duplicate_of(text: str, rng: random.Random) -> tuple[str, dict]:
    """The same words: quote style, dashes, spacing around punctuation and paragraphs change."""
    out = text
    if "``" in out or "''" in out:
        out = out.replace("``", "“").replace("''", "”")
    else:
        out = re.sub(r'"(\S)', r"“\1", out).replace('"', "”")
    out = out.replace(" -- ", " — ") if " -- " in out else out.replace(" — ", " -- ")
    out = re.sub(r" ([,;:%)])", r"\1", out)  # tokenised Multi-News text: "8.2 %" -> "8.2%"
    out = re.sub(r"\( ", "(", out)
    sentences = split_sentences(out)
    joined = _paragraphs(sentences, rng)
    joined = re.sub(r"(?<=[.!?]) (?=[A-Z])", lambda m: "  " if rng.random() < 0.3 else " ", joined)
    return joined + "\n", {}


# --- copy --------------------------------------------------------------------------------------------

PAGE_NOISE = (
    "Share this article: Facebook Twitter Email",
    "Advertisement",
    "Subscribe to our newsletter for the latest headlines.",
    "Click here to read more stories like this.",
    "Follow us on Twitter and Facebook.",
    "Copyright 2015 Outlet Two. All rights reserved.",
    "Related: More news from around the world",
)


def copy_of(text: str, rng: random.Random) -> tuple[str, dict]:
    """Verbatim reuse: ~1 sentence in 8 dropped, 3-6 words substituted or deleted, a noise line."""
    sentences = _drop(split_sentences(text), 1 / 8, rng)
    edits = 0
    for _ in range(rng.randint(3, 6)):
        i = rng.randrange(len(sentences))
        words = sentences[i].split(" ")
        candidates = [k for k, w in enumerate(words) if k > 0 and w.isalpha() and w.islower() and len(w) > 3]
        if not candidates:
            continue
        k = rng.choice(candidates)
        swap = _SYNONYMS.get(words[k])
        if swap and rng.random() < 0.6:
            words[k] = swap
        else:
            del words[k]
        sentences[i] = " ".join(words)
        edits += 1
    body = _paragraphs(sentences, rng).split("\n\n")
    body.insert(rng.randint(0, len(body)), rng.choice(PAGE_NOISE))
    return "\n\n".join(body) + "\n", {"word_edits": edits}


# --- rewrite -----------------------------------------------------------------------------------------

# (word, replacement); pairs marked both-ways in _TWO_WAY are also applied right to left.
_SYNONYM_PAIRS = (
    ("said", "stated"), ("says", "states"), ("told", "informed"), ("announced", "declared"),
    ("officials", "authorities"), ("official", "representative"), ("government", "administration"),
    ("people", "individuals"), ("killed", "slain"), ("police", "officers"), ("also", "additionally"),
    ("however", "nevertheless"), ("because", "since"), ("after", "following"), ("before", "prior to"),
    ("about", "around"), ("more than", "over"), ("country", "nation"), ("countries", "nations"),
    ("big", "large"), ("help", "assist"), ("helped", "assisted"), ("began", "started"), ("begin", "commence"),
    ("shows", "indicates"), ("showed", "indicated"), ("meeting", "session"), ("meetings", "sessions"),
    ("talks", "negotiations"), ("agreement", "accord"), ("deal", "pact"), ("plan", "proposal"),
    ("plans", "proposals"), ("leader", "chief"), ("leaders", "chiefs"), ("attack", "assault"),
    ("attacks", "assaults"), ("fighting", "combat"), ("war", "conflict"), ("troops", "soldiers"),
    ("army", "military"), ("election", "vote"), ("elections", "polls"), ("problem", "issue"),
    ("problems", "issues"), ("important", "significant"), ("major", "key"), ("small", "minor"),
    ("many", "numerous"), ("several", "a number of"), ("often", "frequently"), ("only", "just"),
    ("very", "highly"), ("quickly", "rapidly"), ("later", "subsequently"), ("recently", "lately"),
    ("now", "currently"), ("again", "once more"), ("nearly", "almost"), ("increase", "rise"),
    ("increased", "boosted"), ("decision", "ruling"), ("decided", "chose"), ("expected", "anticipated"),
    ("need", "require"), ("needed", "required"), ("wanted", "sought"), ("try", "attempt"),
    ("tried", "attempted"), ("trying", "attempting"), ("continue", "carry on"), ("continued", "went on"),
    ("report", "account"), ("reports", "accounts"), ("statement", "communique"),
    ("spokesman", "spokesperson"), ("spokeswoman", "spokesperson"), ("company", "firm"),
    ("companies", "firms"), ("market", "marketplace"), ("markets", "exchanges"), ("price", "cost"),
    ("prices", "costs"), ("money", "funds"), ("percent", "per cent"), ("home", "residence"),
    ("homes", "residences"), ("house", "dwelling"), ("building", "structure"), ("buildings", "structures"),
    ("area", "region"), ("areas", "regions"), ("children", "kids"), ("hospital", "medical center"),
    ("injured", "wounded"), ("died", "perished"), ("deaths", "fatalities"), ("victims", "casualties"),
    ("claimed", "asserted"), ("denied", "disputed"), ("rejected", "dismissed"), ("accused", "charged"),
    ("arrested", "detained"), ("charges", "accusations"), ("court", "tribunal"), ("law", "legislation"),
    ("laws", "statutes"), ("support", "backing"), ("supported", "backed"), ("protest", "demonstration"),
    ("protests", "demonstrations"), ("crisis", "emergency"), ("ended", "concluded"), ("first", "initial"),
    ("main", "principal"), ("enough", "sufficient"), ("although", "though"), ("despite", "in spite of"),
    ("during", "throughout"), ("near", "close to"), ("explosion", "blast"), ("damage", "destruction"),
    ("damaged", "wrecked"), ("destroyed", "ruined"), ("residents", "inhabitants"), ("workers", "employees"),
    ("group", "organization"), ("groups", "organizations"), ("team", "squad"), ("game", "match"),
    ("games", "matches"), ("players", "athletes"), ("player", "athlete"), ("won", "secured"),
    ("economic", "financial"), ("doctors", "physicians"), ("disease", "illness"), ("drug", "medication"),
    ("drugs", "medications"), ("scientists", "researchers"), ("program", "scheme"), ("programs", "schemes"),
    ("efforts", "endeavors"), ("chance", "opportunity"), ("believe", "think"), ("believed", "thought"),
    ("asked", "requested"), ("allowed", "permitted"), ("allow", "permit"), ("refused", "declined"),
    ("received", "got"), ("gave", "provided"), ("likely", "probably"), ("clear", "evident"),
    ("difficult", "hard"), ("serious", "grave"), ("strong", "powerful"), ("huge", "enormous"),
    ("top", "senior"), ("former", "previous"), ("current", "present"), ("foreign", "overseas"),
    ("international", "global"), ("immediately", "at once"), ("earlier", "previously"), ("soon", "shortly"),
    ("finally", "eventually"), ("largely", "mostly"), ("mainly", "chiefly"), ("particularly", "especially"),
    ("completely", "entirely"), ("rescuers", "rescue workers"), ("but", "yet"), ("which", "that"),
    ("last", "past"), ("new", "fresh"), ("president", "head of state"), ("party", "faction"),
    ("made", "produced"), ("should", "ought to"), ("whether", "if"), ("case", "matter"),
    ("called for", "urged"), ("may", "might"), ("trial", "court case"), ("through", "via"),
    ("including", "such as"), ("part", "portion"), ("saying", "stating"), ("get", "obtain"),
    ("way", "manner"), ("while", "whereas"), ("power", "authority"), ("security", "safety"),
    ("night", "evening"), ("system", "network"), ("another", "one more"), ("work", "labor"),
    ("added", "went on to say"), ("ago", "earlier"), ("among", "amid"), ("business", "commerce"),
    ("held", "staged"), ("at least", "no fewer than"), ("never", "not once"), ("want", "wish"),
    ("world", "globe"), ("found", "discovered"), ("national", "nationwide"), ("might", "could"),
    ("until", "till"), ("around", "roughly"), ("control", "command"), ("without", "lacking"),
    ("outside", "beyond"), ("already", "by now"), ("know", "realize"), ("man", "individual"),
    ("use", "utilize"), ("family", "relatives"), ("took place", "happened"), ("arrest", "detention"),
    ("too", "as well"), ("evidence", "proof"), ("good", "fine"), ("race", "contest"),
    ("budget", "spending plan"), ("give up", "abandon"), ("give", "provide"), ("issue", "matter"), ("rebels", "insurgents"),
    ("recent", "latest"), ("together", "jointly"), ("sent", "dispatched"), ("agreed", "consented"),
    ("crimes", "offenses"), ("according to", "as reported by"), ("campaign", "drive"),
    ("killing", "slaying"), ("newspaper", "paper"), ("met", "conferred"), ("possible", "feasible"),
    ("site", "location"), ("legal", "judicial"), ("high", "elevated"), ("led to", "resulted in"), ("move", "step"),
    ("process", "procedure"), ("final", "last"), ("spending", "expenditure"), ("forces", "units"),
    ("aid", "assistance"), ("agency", "bureau"), ("number", "figure"), ("every", "each"),
    ("situation", "circumstances"), ("almost", "nearly"), ("cut", "reduced"), ("committee", "panel"),
    ("chairman", "chair"), ("large", "big"), ("prison", "jail"), ("because of", "owing to"),
    ("reporters", "journalists"), ("leading", "foremost"), ("given", "provided"), ("director", "head"),
    ("trip", "journey"), ("keep", "retain"), ("television", "TV"), ("bombing", "bomb attack"),
    ("released", "freed"), ("violence", "unrest"), ("provide", "supply"), ("votes", "ballots"),
    ("meet", "confer"), ("forced", "compelled"), ("quoted", "cited"), ("media", "press"),
    ("said that", "said"), ("did not", "didn't"), ("do not", "don't"), ("does not", "doesn't"),
    ("is not", "isn't"), ("was not", "wasn't"), ("could not", "couldn't"), ("will not", "won't"),
    ("would not", "wouldn't"), ("it is", "it's"), ("has not", "hasn't"), ("have not", "haven't"),
)
_TWO_WAY = {"authorities", "administration", "nation", "nations", "soldiers", "military", "significant",
            "numerous", "frequently", "rapidly", "subsequently", "negotiations", "firm", "firms", "region",
            "regions", "wounded", "inhabitants", "employees", "physicians", "researchers", "especially",
            "entirely", "mostly", "probably", "evident", "enormous", "overseas", "global", "legislation",
            "didn't", "don't", "doesn't", "isn't", "wasn't", "couldn't", "won't", "wouldn't", "it's", "hasn't",
            "haven't", "insurgents", "journalists", "jail", "proof", "assistance", "unrest"}
_SYNONYMS: dict[str, str] = {}
for _word, _other in _SYNONYM_PAIRS:
    _SYNONYMS.setdefault(_word, _other)
    if _other in _TWO_WAY:
        _SYNONYMS.setdefault(_other, _word)
_SWAPPED_WORDS = {w.split()[0] for pair in _SYNONYM_PAIRS for w in pair}
# Whole words only, and not inside hyphenated compounds ("nation-builder").
_SYNONYM_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _SYNONYMS), key=len, reverse=True))
                         + r")(?![\w-])", re.IGNORECASE)

_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                 "fifteen sixteen seventeen eighteen nineteen twenty").split()
_NUMBER_RE = re.compile(
    r"(?<![\d$.,:/-])\b\d{1,2}\b(?![.,:/-]\d|\d)|(?<![\w-])(?:" + "|".join(_NUMBER_WORDS[2:]) + r")(?![\w-])"
)
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? $")
_NAME = r"[A-Z][\w.'-]*(?: (?:[A-Z][\w.'-]*|de|van|von|al-\w+)){0,3}"
_LEADING_CLAUSE = re.compile(
    r"^(When|After|Although|While|Because|If|As|Since|Before|Despite|Following|Though|Unless|Until|Once)\b"
    r"([^,]{3,90}), (.{20,})([.!?])$"
)
_TRAILING_CLAUSE = re.compile(r"^(.{20,}), (according to|despite|after|while|because|citing|including) ([^,]{3,90})([.!?])$")
_COMMON_STARTS = {"The", "A", "An", "He", "She", "It", "They", "We", "His", "Her", "Their", "Its", "This", "That",
                  "These", "Those", "Officials", "Police", "Some", "Many", "But", "And", "In", "On", "At", "For"}
_WHEN = (r"(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|last (?:week|month|year|night)"
         r"|this (?:week|month|year)|yesterday|today|earlier this (?:week|month|year))")
_TIME_PHRASE = re.compile(rf"^([A-Z][^,;:]{{10,}}?) ({_WHEN})(?=[ ,.])(.*[.!?])$")


def rewrite_of(text: str, rng: random.Random) -> tuple[str, dict]:
    """A synthetic paraphrase, sentence by sentence; returns the text and what was done."""
    stats = {"sentences": 0, "dropped": 0, "synonyms": 0, "attributions": 0, "clauses": 0, "numbers": 0,
             "merged": 0, "split": 0, "times": 0}
    sentences = split_sentences(text)
    kept = _drop(sentences, 0.15, rng)
    stats["sentences"], stats["dropped"] = len(sentences), len(sentences) - len(kept)
    out: list[str] = []
    for sentence in kept:
        sentence = _move_attribution(sentence, rng, stats)
        sentence = _reorder_clauses(sentence, rng, stats)
        sentence = _front_time(sentence, rng, stats)
        sentence = _respell_numbers(sentence, rng, stats)
        sentence = _swap_synonyms(sentence, rng, stats)
        out.extend(_split(sentence, rng, stats))
    text = _paragraphs(_merge(out, rng, stats), rng)
    return re.sub(r"\b([Aa])n? (?=([a-z]+))", _article_for, text) + "\n", stats


def _article_for(m: re.Match[str]) -> str:
    """"a"/"an" fixed before a word a synonym put there."""
    if m[2] not in _SWAPPED_WORDS:
        return m[0]
    return f"{m[1]}n " if m[2][0] in "aeiou" else f"{m[1]} "


def _count(stats: dict, key: str) -> Callable[[str], str]:
    def note(value: str) -> str:
        stats[key] += 1
        return value
    return note


def _move_attribution(sentence: str, rng: random.Random, stats: dict) -> str:
    """"..., X said." <-> "..., said X."; "X said (that) ..." -> "..., X said."."""
    if rng.random() > 0.8:
        return sentence
    note = _count(stats, "attributions")
    moved = re.sub(rf", ({_NAME}) said([.!?,])", lambda m: note(f", said {m[1]}{m[2]}"), sentence, count=1)
    if moved != sentence:
        return moved
    moved = re.sub(rf", said ({_NAME})([.!?,])", lambda m: note(f", {m[1]} said{m[2]}"), sentence, count=1)
    if moved != sentence:
        return moved
    m = re.match(rf"^({_NAME}) said(?: that)? ([a-z].{{20,}})([.!?])$", sentence)
    if m and not m[2].startswith(("``", '"', "“")):
        return note(f"{m[2][0].upper()}{m[2][1:]}, {m[1]} said{m[3]}")
    return sentence


def _reorder_clauses(sentence: str, rng: random.Random, stats: dict) -> str:
    """A leading subordinate clause moves to the end, or a trailing one to the front."""
    if rng.random() > 0.8:
        return sentence
    m = _LEADING_CLAUSE.match(sentence)
    if m:
        stats["clauses"] += 1
        return f"{_upper_first(m[3])} {m[1].lower()}{m[2]}{m[4]}"
    m = _TRAILING_CLAUSE.match(sentence)
    if m and not m[1].startswith(("``", '"', "“")):
        stats["clauses"] += 1
        return f"{_upper_first(m[2])} {m[3]}, {_lower_first(m[1])}{m[4]}"
    return sentence


def _front_time(sentence: str, rng: random.Random, stats: dict) -> str:
    """"Hun Sen on Friday rejected ..." -> "On Friday, Hun Sen rejected ..."."""
    m = _TIME_PHRASE.match(sentence)
    if not m or rng.random() > 0.8 or re.search(r"``|\"|“", m[1]):
        return sentence
    stats["times"] += 1
    return f"{_upper_first(m[2])}, {_lower_first(m[1])}{m[3]}"


def _respell_numbers(sentence: str, rng: random.Random, stats: dict) -> str:
    """"14" <-> "fourteen" for numbers up to twenty (not inside amounts, decimals or dates)."""
    note = _count(stats, "numbers")

    def respell(m: re.Match[str]) -> str:
        if rng.random() > 0.9 or _MONTH_BEFORE.search(m.string, 0, m.start()):
            return m[0]
        if m[0].isdigit():
            value = int(m[0])
            return note(_NUMBER_WORDS[value]) if value <= 20 else m[0]
        return note(str(_NUMBER_WORDS.index(m[0].lower())))

    return _NUMBER_RE.sub(respell, sentence)


def _swap_synonyms(sentence: str, rng: random.Random, stats: dict) -> str:
    def swap(m: re.Match[str]) -> str:
        word = m[0]
        replacement = _SYNONYMS.get(word.lower())
        if replacement is None or rng.random() > 0.95:
            return word
        if word[0].isupper():
            if m.start() > 0:  # a capitalised word inside a sentence is a name: leave it
                return word
            replacement = _upper_first(replacement)
        stats["synonyms"] += 1
        return replacement

    return _SYNONYM_RE.sub(swap, sentence)


def _split(sentence: str, rng: random.Random, stats: dict) -> list[str]:
    """"A, and B." -> "A. B." (or at a semicolon) when both halves are long enough."""
    m = re.match(r"^(.{40,}?)(?:, and |; )([a-z].{30,})$", sentence)
    if m and rng.random() < 0.6 and not re.search(r"``|\"|“", sentence):
        stats["split"] += 1
        return [m[1].rstrip(",;") + ".", _upper_first(m[2])]
    return [sentence]


def _merge(sentences: list[str], rng: random.Random, stats: dict) -> list[str]:
    """Two short neighbouring sentences become one: "A. B." -> "A, and b."."""
    out: list[str] = []
    i = 0
    while i < len(sentences):
        first = sentences[i]
        if (i + 1 < len(sentences) and rng.random() < 0.25 and first.endswith(".")
                and len(first.split()) < 20 and len(sentences[i + 1].split()) < 20
                and not re.search(r"``|''|\"|“|”", first + sentences[i + 1])):
            second = sentences[i + 1]
            second = _lower_first(second)
            out.append(f"{first[:-1]}, and {second}")
            stats["merged"] += 1
            i += 2
            continue
        out.append(first)
        i += 1
    return out


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """Lower-cased first letter, unless the first word may be a name."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first in _COMMON_STARTS else text


def shingles(text: str, size: int = 5) -> set[str]:
    """Word `size`-shingles of the lower-cased words, as MinHash-LSH dedup usually takes them."""
    words = re.findall(r"\w+", text.casefold())
    if len(words) < size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(first: str, second: str) -> float:
    a, b = shingles(first), shingles(second)
    return len(a & b) / max(1, len(a | b))


def iter_texts(case: Case) -> Iterator[tuple[str, str]]:
    for article in case.articles:
        yield article["id"], article["text"]
