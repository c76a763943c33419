"""The people, organisations and places of a story, merged across articles and spellings.

The NER stage labels mentions article by article; this stage decides which mentions name
something, and which name the same thing. In the order it runs:

1. Page furniture is not a name. A mention with punctuation inside a word ("W]e"), an interface
   word or a site's legal link ("Privacy Policy"), a byline or photo credit, a clock time's zone
   ("1100 hrs IST") is dropped (a handle is kept apart for step 5), as is the "-ly" adverb that
   opens a sentence ("Luckily Edgar"); a platform tagged PERSON is an organisation, and a ship
   ("INS Mysore", "Warship Sukanya", "INS" before the mention "Sukanya", its name alone too) is
   typed PRODUCT. A mention in a heading or a title-case line counts only for the part of it
   the body of the story also names ("Biden Hopes" -> "Biden"; "Hopes for Warmer Relations" ->
   nothing), or, one word the body never writes, for the one longer name
   of the body it clips ("MVC", "Valley" of "the Missouri Valley Conference"). Names written
   wrong (`_misread`): a capital a lower-cased article's recasing put after an abbreviation
   ("u.s. Origin") is dropped, a person's name the NER cut in two ("Zine El Abidine" | "Ben
   Ali") joined, a misprint written once ("Ban Ali") read as the name the story writes more
   often.
   A name's type follows what the words around its mentions say it is (`_kinds`): a body
   ("cable operator X", "X, a telephone company", "X's partner network", "the X cable", a name
   ending in a unit's word, a plural tagged a person after "the"), a place ("X (Egypt)", "X,
   Michigan,", "the city of X"). Members of one list are of one kind (`_lists`): "Leogane,
   Gressier, Petit-Goave and the coastal town of Jacmel" are four towns. A "The" that only
   opens a sentence is not the name's.
2. People (`_people`): full names grouped on spelling skeletons, then names one letter
   apart merged on evidence (same role, same company), then bare surnames resolved to them.
   A mention the NER ran on into a full name the story writes alone is that name ("Colts QB
   Andrew Luck", "Wylie AGAIN"); one run on into a measure is the name before it ("the Indy
   27 - yd line").
3. spaCy mislabels: a name the story gives a person counts as that person when the words around
   it say so ("X said"), as does a known first name alone tagged a place the text never treats
   as one ("the issue involving Vincent"; a name no table knows when written after the full name
   in its article: "a perfect shot for Tyler"), as is a surname tagged ORG written only after
   its person's one full name and never called a body ("James Carville ... Carville appeared"),
   and a lone word tagged PERSON that the story tags or treats as a place ("the port of X") is
   a place.
4. Organisations and places (`_groups`): merged on the spelling skeleton without a
   leading "the" and without spaces, acronyms to their long forms (a name the NER cut at
   "in" or "of" read whole when an acronym spells it, `_cut_names`); a short name the text
   treats as a place (a NORP adjective derived from it, "flew back to X") is typed GPE; a
   place named by its kind ("the gulf") is the place of that kind the story names most; a place
   spelled by a "University of X" acronym and never written as a place is that university
   (`_universities`: "UNC", "North Carolina"). A longer name adding a unit of its own name
   or an edition ("McAfee Avert Labs", "XP Professional") is another body than the one it opens.
   A party's short name joins its members ("GOP", "Republicans"; `_parties`), and a party's
   members are typed a party, not a people.
5. Names the text says are one (`_stated`): "X, who is also known as Y" joins their entities;
   a social-media handle joins its owner's ("jimmy butler ( @jimmybutler )"); a place named
   for the side it fields in a contest (`_sides`: "Kansas City emerged", where "the Kansas
   City Chiefs" are a side) joins that side, mention by mention, as does a place not written as
   one that opens a team's plural nickname the story writes alone ("rare for Boston to extend
   contracts", beside "the Boston Red Sox" and "the Sox").

An entity's `name` is its most complete spelling (a full name, not an acronym), the one most
independent sources use (a copy or rewrite counts with its source), accented where some
articles dropped the accents; `variants` are the other forms as written, minus titles,
possessive "'s" and surrounding punctuation. DATE, MONEY, CARDINAL and the other numeric labels
are not entities here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace

from newsweave.model import Article, Span, Story
from newsweave.stages.article.annotate import is_lower_cased
from newsweave.stages.entities._cut_names import rejoined_names
from newsweave.stages.entities._evidence import (
    MEASURE,
    PLATFORMS,
    VESSEL,
    VESSEL_LABEL,
    ArticleLayout,
    after_ship_words,
    is_debris,
    is_time_zone,
    ship_name,
)
from newsweave.stages.entities._groups import (
    ENTITY_LABELS,
    demonym_stem,
    entity_type,
    group_others,
    is_acronym,
    make_entity,
    name_initials,
    members_as_party,
    norp_stems,
    other_key,
)
from newsweave.stages.entities._first_names import is_first_name
from newsweave.stages.entities._kinds import typed_by_evidence
from newsweave.stages.entities._lists import typed_by_list
from newsweave.lexicon import english_adverbs
from newsweave.stages.entities._misread import (
    corrected_misprints,
    joined_cut_people,
    named_for_people,
    without_recased_capitals,
)
from newsweave.stages.entities._people import PersonIndex, is_bare_name
from newsweave.stages.entities._sides import homes_for_teams, sides_for_places
from newsweave.stages.entities._spelling import (
    PERSON,
    TITLE_WORDS,
    Sighting,
    clean_form,
    fold,
    strip_titles,
)
from newsweave.stages.entities._stated import (
    handle_owners,
    handles_of,
    is_handle,
    join_stated,
    stated_aliases,
)
from newsweave.stages.provenance.copies import independent_groups
from newsweave.vocabulary import COURTESY_TITLES

__all__ = ["ENTITY_LABELS", "add_entities"]

_ROLE_WORDS_BEFORE = 4  # "Chinese Foreign Minister Qin Gang": the role words just before a name
_LOWER_WORD = re.compile(r"(?<![\w.])[a-z]{3,}\b")
_OPENING_ADVERB = re.compile(r"([A-Z][a-z]+ly),?\s+(?=[A-Z])")  # "Luckily Edgar recovered"
# What may stand between a sentence's end (or a line's start) and its first word.
_SENTENCE_OPENING = re.compile(r"""(?:^|\n|[.!?:]['"”’`]*\s+)[\s"“‘'`_(\[-]*$""")
_CUT_NAME_WORDS = 3  # "Palestinian" + "authority": the words a cut name may have lost
_CUT_NAME_CHARS = 60
_NEXT_WORDS = re.compile(rf"(?:[ \t]+[\w'’-]+){{1,{_CUT_NAME_WORDS}}}")
_HYPHENATED = re.compile(r"-[\w'’]+")  # "Ibero" + "-American"
_POSSESSIVE = re.compile(r"['’]s$")  # "the Communist Refounding's deputies"
# Labels the NER gives the first words of a longer name it cut: a people's adjective ("the
# Palestinian authority"), a place ("California" of "California Highway Patrol Officer X").
_CUT_FROM_NAMES = frozenset({"NORP", "GPE", "LOC"})
_PLACE_OR_GROUP = frozenset({"GPE", "LOC", "ORG", "FAC"})
_COMPANY_WINDOW = 150  # characters either side of a mention in which other names are its company


def add_entities(story: Story) -> Story:
    """The story with `entities` filled from its articles' NER mentions, most mentioned first."""
    texts = {article.id: article.text for article in story.articles}
    found, handles = _collect_sightings(story, texts)
    sightings = typed_by_list(typed_by_evidence(_typed_by_majority(found), texts), texts)
    joins, moves = stated_aliases(sightings, texts)
    moves += handle_owners(handles, sightings, texts)
    moves += sides_for_places(sightings, texts)
    moved = {span for span, _ in moves}
    moves += [
        move
        for move in homes_for_teams(sightings, texts, _lower_case_words(story.articles))
        if move[0] not in moved  # a side in a contest, moved already
    ]
    people = PersonIndex()
    named = _with_story_particles([s for s in sightings if s.label == PERSON])
    named = _without_words_run_on(named, sightings, _lower_case_words(story.articles))
    people.add_full_names(
        [s for s in named if not is_bare_name(s.form)], [s for s in named if is_bare_name(s.form)]
    )
    people.merge_on_evidence(_company(sightings))
    people.add_bare_names([s for s in named if is_bare_name(s.form)])
    others = people.claim_mislabelled([s for s in sightings if s.label != PERSON])
    others += people.release_lone_words(others)
    others += people.release_institutions(others)

    groups = [(p.sightings, PERSON) for p in people]
    others = rejoined_names(members_as_party(_completed_adjectives(others, texts)), texts)
    stems = norp_stems(others)
    for group in group_others(others, texts, _lower_case_words(story.articles)):
        groups.append((group, entity_type(group, stems)))
    entities = [
        make_entity(group, type_, _complete_name(type_))
        for group, type_ in join_stated(groups, joins, moves, handles)
    ]
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return replace(story, entities=tuple(entities))


def _complete_name(type_: str) -> Callable[[str], bool]:
    """Which forms may name an entity: a full name, not a bare surname, an acronym or a
    handle; a ship with its prefix."""
    if type_ == PERSON:
        return lambda form: not is_bare_name(form) and not is_handle(form)
    if type_ == VESSEL_LABEL:
        return lambda form: VESSEL.match(re.sub(r"^the ", "", form, flags=re.I)) is not None
    return lambda form: not is_acronym(form) and not is_handle(form)


def _typed_by_majority(sightings: list[Sighting]) -> list[Sighting]:
    """A name of several words that spaCy tags PERSON in some mentions and an organisation or
    place in more others (its words, "the" and spacing aside, the same), and that
    no mention gives a role or has speak, is that organisation or place: "U. S. Geological
    Survey" (PERSON) beside "the U. S. Geological Survey" and "The US Geological Survey".
    Likewise a plural tagged PERSON whose stem is a people's of the story ("angry Greeks" beside
    "the Greek police") is that people."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    cued: set[str] = set()
    for sighting in sightings:
        key = other_key(sighting.form)
        labels[key][sighting.label] += 1
        if sighting.person_cue or sighting.role:
            cued.add(key)
    peoples = {demonym_stem(key) for key, counts in labels.items() if counts["NORP"]}
    typed = []
    for sighting in sightings:
        key = other_key(sighting.form)
        counts = labels[key]
        others = Counter({label: n for label, n in counts.items() if label != PERSON})
        if (
            sighting.label == PERSON
            and " " in sighting.form
            and key not in cued
            and others.total() > counts[PERSON]  # a tie goes to the person, as in claiming
        ):
            sighting = replace(sighting, label=others.most_common(1)[0][0])
        elif (
            sighting.label == PERSON
            and " " not in sighting.form
            and sighting.form.endswith("s")
            and key not in cued
            and demonym_stem(key[:-1]) in peoples  # not "Russ" beside "Russians"
        ):
            sighting = replace(sighting, label="NORP")
        elif (
            sighting.label in _PLACE_OR_GROUP
            and sighting.form.endswith("s")
            and counts["NORP"] > counts[sighting.label]
        ):
            sighting = replace(sighting, label="NORP")  # "the North Koreans" tagged LOC once
        typed.append(sighting)
    return typed


def _with_story_particles(sightings: list[Sighting]) -> list[Sighting]:
    """A capitalised first word that the story writes in lower case before the same surname
    in a full name is that surname's particle: "De Kock" (opening a sentence) is the surname of
    "Eugene de Kock", not a man called De. Written in lower case, the name is a bare surname."""
    particles = {
        (word, words[index + 1])
        for words in (s.form.split() for s in sightings)
        for index, word in enumerate(words[1:-1], start=1)
        if word.islower() and word.isalpha() and words[index + 1][:1].isupper()
    }
    changed = []
    for sighting in sightings:
        first, _, rest = sighting.form.partition(" ")
        if first[:1].isupper() and (first.lower(), rest.split(" ")[0]) in particles:
            sighting = replace(sighting, form=f"{first.lower()} {rest}")
        changed.append(sighting)
    return changed


def _without_words_run_on(
    named: list[Sighting], sightings: list[Sighting], common_words: frozenset[str]
) -> list[Sighting]:
    """A person's mention the NER ran on from other words into a full name the story writes
    alone, read as that name: a role or a team before it ("Colts QB Andrew Luck": a word in
    capitals, a name of another kind, a word the story writes in lower case or a title), a word
    in capitals after it ("Wylie AGAIN", where the story writes "Devon Wylie"). A first name is
    never such a word ("Mary Ann Smith" beside "Ann Smith" is another woman)."""
    written = {s.form for s in named}
    others = {fold(word) for s in sightings if s.label != PERSON for word in s.form.split()}

    def is_run_on(word: str) -> bool:
        plain = fold(word)
        return not is_first_name(plain) and (
            word.isupper() or plain in others or plain in common_words or plain in TITLE_WORDS
        )

    changed = []
    for sighting in named:
        words = sighting.form.split()
        for cut in range(1, len(words) - 1):
            rest = " ".join(words[cut:])
            if rest in written and all(is_run_on(word) for word in words[:cut]):
                sighting = replace(sighting, form=rest)
                break
        else:
            if (
                len(words) > 1
                and words[-1].isupper()
                and len(words[-1]) > 1
                and not any(word.isupper() for word in words[:-1])
                and any(s.form.endswith(" " + " ".join(words[:-1])) for s in named)
            ):
                sighting = replace(sighting, form=" ".join(words[:-1]))
        changed.append(sighting)
    return changed


def _completed_adjectives(sightings: list[Sighting], texts: dict[str, str]) -> list[Sighting]:
    """A people's adjective that the NER cut from the name it opens is that name: in "the
    Palestinian authority" spaCy tags "Palestinian" NORP, and the story names the "Palestinian
    Authority" elsewhere. Only the words right after the adjective count, and only a name the
    story writes as one mention; "Palestinian officials" stays the people. The NER also cuts
    a hyphenated name ("Ibero" of "Ibero-American", named whole elsewhere), and a place's name
    from the organisation or place it opens ("California" | "Highway Patrol Officer X", where the
    story names "the California Highway Patrol")."""
    names: dict[str, Sighting] = {}
    for s in sightings:
        # A name as the story writes it, and as completed ("Communist Refounding", a person's
        # name to spaCy, is "the Communist Refounding Party" once `release_institutions` ran).
        written = clean_form(texts[s.span.article_id][s.span.start : s.span.end], s.label)
        for form in (s.form, written):
            if (s.label != "NORP" and " " in form) or "-" in form:
                names.setdefault(fold(re.sub(r"^the ", "", form, flags=re.IGNORECASE)), s)
    completed = []
    for sighting in sightings:
        if sighting.label in _CUT_FROM_NAMES:
            after = texts[sighting.span.article_id][sighting.span.end :][:_CUT_NAME_CHARS]
            following = _NEXT_WORDS.match(after)
            words = following.group(0).split() if following else []
            cuts = [" ".join([sighting.form, *words[:count]]) for count in range(len(words), 0, -1)]
            hyphenated = _HYPHENATED.match(after)
            for cut in [sighting.form + hyphenated.group(0)] if hyphenated else cuts:
                named = names.get(fold(_POSSESSIVE.sub("", cut)))
                # A place's name goes on only into a name ("California Highway Patrol"), not
                # into the kind of place it is ("Qeshm island" is Qeshm).
                if named is not None and (
                    sighting.label == "NORP"
                    or (named.label != PERSON and cut.split()[-1][:1].isupper())
                ):
                    sighting = replace(sighting, label=named.label, form=named.form)
                    break
        completed.append(sighting)
    return completed


# --- Reading mentions -----------------------------------------------------------------------------


def _collect_sightings(
    story: Story, texts: dict[str, str]
) -> tuple[list[Sighting], list[Sighting]]:
    """The story's usable mentions, and apart from them its social-media handles (`texts`: each
    article's text by id)."""
    source_group = independent_groups(story)
    body: list[Sighting] = []
    in_headings: list[Sighting] = []
    handles: list[Sighting] = []
    for order, article in enumerate(story.articles):
        handles += handles_of(article, order, source_group.get(article.id, order))
        layout = ArticleLayout(article)
        after_byline = False
        for mention in article.mentions:
            if mention.label not in ENTITY_LABELS:
                continue
            span, written = _first_paragraph(mention.span, article.quote(mention.span))
            span, written = _before_measure(span, written)
            if mention.label == PERSON:
                span, written = _without_opening_adverb(span, written, article.text)
            form = _without_opening_article(
                clean_form(written, mention.label), mention.label, article.text, span.start
            )
            if (
                not any(char.isalpha() for char in form)
                or is_debris(form, layout.before_name(span))
                or is_time_zone(form, article.text, span.start)
            ):
                after_byline = False
                continue
            after_byline = layout.in_byline(span, after_byline)
            if after_byline:
                continue
            label = mention.label
            if label == PERSON and form.casefold() in PLATFORMS:
                label = "ORG"  # "said on Twitter": a platform, which spaCy often calls a person
            sighting = Sighting(
                span,
                label,
                form,
                order,
                source_group.get(article.id, order),
                _role(layout, span, written) if label == PERSON else frozenset(),
                layout.place_cue(span),
                layout.person_cue(span),
                label == PERSON and (_after_of(layout, span) or layout.names_a_period(span)),
                layout.opponent_cue(span),
                layout.venue_cue(span),
                layout.age(span) if label == PERSON else None,
                layout.organisation_cue(span),
            )
            (in_headings if layout.in_heading(span) else body).append(sighting)
    body = joined_cut_people(corrected_misprints(without_recased_capitals(body, texts)), texts)
    body = named_for_people(body)
    body = _vessels(_without_capitalised_words(body, story.articles), texts)
    return body + _names_in_headings(in_headings, body, texts), handles


def _vessels(sightings: list[Sighting], texts: dict[str, str]) -> list[Sighting]:
    """Ships typed as OntoNotes types them, PRODUCT: a name after a ship prefix or ship words
    ("INS Mysore", "MV Gibe", "Warship Sukanya", "Indian Naval Ship Sukanya"), which spaCy
    calls a person, an organisation or a place, the name the prefix stands before in the text
    ("INS" of "INS Sukanya", left out of the mention), and that name written alone."""
    names = {fold(name) for s in sightings if (name := ship_name(s.form))}
    names |= {
        fold(s.form)
        for s in sightings
        if " " not in s.form
        and not s.form.isupper()  # "warship INS": the prefix itself, or a navy's acronym
        and after_ship_words(texts[s.span.article_id], s.span.start)
    }
    return [
        replace(s, label=VESSEL_LABEL) if ship_name(s.form) or fold(s.form) in names else s
        for s in sightings
    ]


def _without_opening_article(form: str, label: str, text: str, start: int) -> str:
    """A name's "The" capitalised only because it opens a sentence or a line is the sentence's
    ("The European Union said" is the European Union); mid-sentence it is the name's own ("in
    The Hague")."""
    if label == PERSON or not form.startswith("The ") or len(form) < len("The X"):
        return form
    opens = _SENTENCE_OPENING.search(text, max(0, start - 80), start) is not None
    return form.removeprefix("The ") if opens else form


def _without_opening_adverb(span: Span, written: str, text: str) -> tuple[Span, str]:
    """A person's mention without the "-ly" adverb opening its sentence, which the NER ran into
    the name ("Luckily Edgar recovered"): an English adverb that is no first name ("Kelly")."""
    found = _OPENING_ADVERB.match(written)
    if (
        found is None
        or found[1].casefold() not in english_adverbs()
        or is_first_name(found[1].casefold())
        or _SENTENCE_OPENING.search(text, max(0, span.start - 80), span.start) is None
    ):
        return span, written
    return Span(span.article_id, span.start + found.end(), span.end), written[found.end() :]


def _first_paragraph(span: Span, written: str) -> tuple[Span, str]:
    """A mention cut at a blank line: no name runs from one paragraph into the next
    ("Teixeira\n\nHere's")."""
    end = written.find("\n\n")
    if end <= 0:
        return span, written
    return Span(span.article_id, span.start, span.start + end), written[:end]


def _before_measure(span: Span, written: str) -> tuple[Span, str]:
    """A mention the NER ran on into a measure, cut to the name before it: "the Indy 27 - yd
    line" is "the Indy", "Charles ’ 80 - yard" is "Charles ’"."""
    found = MEASURE.search(written)
    if found is None or not any(char.isalpha() for char in written[: found.start()]):
        return span, written
    return Span(span.article_id, span.start, span.start + found.start()), written[: found.start()]


def _lower_case_words(articles: tuple[Article, ...]) -> frozenset[str]:
    """Words the story writes in lower case, in its articles that are not all lower case."""
    cased = [a.text for a in articles if not is_lower_cased(a.text)]
    return frozenset(word for text in cased for word in _LOWER_WORD.findall(text))


def _without_capitalised_words(
    sightings: list[Sighting], articles: tuple[Article, ...]
) -> list[Sighting]:
    """Drop one-word mentions that are a common word capitalised to open a sentence.

    The NER model tags "Finalist cities ..." as a name; the story writes "finalist" in lower
    case elsewhere and never mid-sentence with a capital, nor as part of a longer name.
    """
    common = _lower_case_words(articles)
    texts = {a.id: a.text for a in articles if not is_lower_cased(a.text)}
    in_longer = {fold(word) for s in sightings if " " in s.form for word in s.form.split()}
    opening: dict[str, bool] = {}
    for sighting in sightings:
        text = texts.get(sighting.span.article_id)
        if text is None or " " in sighting.form:
            continue
        before = text[max(0, sighting.span.start - 80) : sighting.span.start]
        opens = _SENTENCE_OPENING.search(before) is not None
        opening[sighting.form] = opening.get(sighting.form, True) and opens

    def is_common(sighting: Sighting) -> bool:
        word = sighting.form
        return opening.get(word, False) and word.lower() in common and fold(word) not in in_longer

    return [s for s in sightings if not is_common(s)]


def _role(layout: ArticleLayout, span: Span, written: str) -> frozenset[str]:
    """The role words of a person's mention: its own titles and those just before it."""
    words = written.split()
    kept = strip_titles(words)
    own = words[: words.index(kept[0])] if kept else []
    before: list[str] = []
    for word in reversed(layout.words_before(span, _ROLE_WORDS_BEFORE)):
        if word.rstrip(".,").casefold() not in TITLE_WORDS:
            break
        before.append(word)
    role = {word.rstrip(".,").casefold() for word in own + before}
    return frozenset((role & TITLE_WORDS) - COURTESY_TITLES)


def _after_of(layout: ArticleLayout, span: Span) -> bool:
    """Whether the name is the object of "of", past its titles and their lower-case
    modifiers: "the son of police commissioner X", "a friend of X"; or a relative's, set
    after the kin word: "his late father, Hafez al-Assad". Either describes someone else."""
    before = layout.words_before(span, _ROLE_WORDS_BEFORE + 1)
    if before and before[-1].endswith(",") and before[-1].rstrip(",").casefold() in _KIN:
        return True
    for word in reversed(before):
        plain = word.rstrip(".,").casefold()
        if plain == "of":
            return not word.endswith(",")
        if word.endswith((",", ".")) or (plain not in TITLE_WORDS and not word.islower()):
            return False
    return False


_KIN = frozenset(
    """father mother son daughter brother sister husband wife uncle aunt nephew niece cousin
    grandfather grandmother grandson granddaughter stepfather stepmother stepson stepdaughter
    father-in-law mother-in-law son-in-law daughter-in-law brother-in-law sister-in-law""".split()
)


def _names_in_headings(
    in_headings: list[Sighting], body: list[Sighting], texts: dict[str, str]
) -> list[Sighting]:
    """The part of each heading mention that the body also names, as its own sighting.

    A sub-heading's capitalised words look like a name to the NER model ("Xi Soon", "Biden
    Hopes", "Hopes for Warmer Relations"); only words the story names in its prose count.
    """
    known = {fold(s.form) for s in body}
    known |= {fold(word) for s in body if s.label == PERSON for word in s.form.split()}
    # A people's adjective opening a longer name is that name's word ("Greek Sky TV"), not the
    # people: a piece the body names only as a people counts only from a people's mention.
    peoples = {fold(s.form) for s in body if s.label == "NORP"}
    peoples -= {fold(s.form) for s in body if s.label != "NORP"}
    # The body's names of several words, of organisations and places: a heading's acronym or
    # one word of one of them is that name ("MVC", "Valley" of "the Missouri Valley
    # Conference").
    longer = [s for s in body if " " in s.form and s.label in _PLACE_OR_GROUP]
    kept = []
    for sighting in in_headings:
        words = sighting.form.split()
        pieces = (
            " ".join(words[start : start + size])
            for size in range(len(words), 0, -1)
            for start in range(len(words) - size + 1)
        )
        piece = next(
            (
                p
                for p in pieces
                if fold(p) in known and (sighting.label == "NORP" or fold(p) not in peoples)
            ),
            None,
        )
        if piece is None:
            kept.extend(_short_form_in_heading(sighting, longer))
            continue
        span = sighting.span
        found = texts[span.article_id].find(piece, span.start, span.end)
        if found >= 0:
            piece_span = Span(span.article_id, found, found + len(piece))
            kept.append(replace(sighting, span=piece_span, form=piece))
    return kept


def _short_form_in_heading(sighting: Sighting, longer: list[Sighting]) -> list[Sighting]:
    """A heading's one-word mention the body does not write, read as the one longer name of
    the body it is short for: an acronym its capitals spell ("MVC"), or a capitalised word of
    it, neither its first nor "the" ("Valley" of "the Missouri Valley Conference"); a word of
    two names ("House": "the White House", "the House of Lords") or the first word ("Missouri",
    a place of its own) is none. Headings clip names: "in Valley tournament"."""
    form = sighting.form
    if " " in form or not form[:1].isupper():
        return []
    if is_acronym(form):
        letters_ = form.replace(".", "")
        matches = {other_key(s.form) for s in longer if letters_ in name_initials(s.form)}
    else:
        matches = {
            other_key(s.form) for s in longer if fold(form) in map(fold, _name_words(s.form))
        }
    if len(matches) != 1:
        return []
    key = matches.pop()
    target = next(s for s in longer if other_key(s.form) == key)
    if not is_acronym(form) and fold(_name_words(target.form)[0]) == fold(form):
        return []
    return [replace(sighting, label=target.label, form=target.form)]


def _name_words(form: str) -> list[str]:
    """A name's capitalised words, "the" aside: "Missouri", "Valley", "Conference" of "the
    Missouri Valley Conference"."""
    return [word for word in form.split() if word.casefold() != "the" and word[:1].isupper()]


def _company(sightings: list[Sighting]) -> dict[Sighting, set[str]]:
    """For each sighting of a person, the other names written near it (its company)."""
    by_article: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        by_article[sighting.span.article_id].append(sighting)
    company: dict[Sighting, set[str]] = {}
    for group in by_article.values():
        # In text order, the names near a mention are a run of the list, found by bisection:
        # comparing every person with every name made a long article quadratic.
        ordered = sorted(group, key=lambda sighting: sighting.span.start)
        starts = [sighting.span.start for sighting in ordered]
        for sighting in group:
            if sighting.label != PERSON:
                continue
            here = sighting.span.start
            first = bisect_left(starts, here - _COMPANY_WINDOW)
            near = ordered[first : bisect_right(starts, here + _COMPANY_WINDOW)]
            company[sighting] = {
                other_key(other.form)
                for other in near
                if other is not sighting and fold(other.form) != fold(sighting.form)
            }
    return company
