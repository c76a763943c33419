"""Names the text or the NER wrote wrong: a person's name cut in two, a capital a lower-cased
article's recasing put after an abbreviation, a misprint the story writes once.

- The NER ends a name early and starts another right after it: "President [Zine El Abidine]
  [Ben Ali]" are two PERSON mentions with nothing but a space between; they are one name.
- Some corpora lower-case their articles and capitalise each sentence's first word again,
  taking an abbreviation's full stop for a sentence's end: "claims that a product is of u.s.
  Origin", "the economic well-being of u.s. Households". The word after it is no name; the
  abbreviation before it is one when the story names it alone ("made in the u.s.").
- A spelling the story writes once, one letter from a name it writes more often ("Ban Ali"
  beside "Ben Ali", "Browsnville" beside "Brownsville"), is that name, unless the word that
  differs is itself a first name ("Mary Kelly" beside "Mark Kelly" is someone else).
- A name tagged a person that opens with the surname of someone the story names in full, and
  ends in a word the story writes alone as a body's or place's name, is the thing named for
  that person, as "the Obama administration" is an administration: a heading's "Obama White
  House" is the White House, not a person surnamed House whom the story's "the House" (of
  Representatives) would join. A first name is no such surname.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from rapidfuzz.distance import DamerauLevenshtein

from newsweave.model import Span
from newsweave.stages.article.annotate import is_lower_cased
from newsweave.stages.entities._first_names import givens_compatible, is_first_name
from newsweave.stages.entities._spelling import PERSON, Sighting, clean_form, fold, letters

_SPACES = re.compile(r"[ \t]+")
_POSSESSIVE = re.compile(r"['’]s?$")
# An abbreviation of two or more letters, each with its full stop ("u.s.", "d.c."), then a
# word in capitals (a recased "Origin"), the abbreviation not governed by "the" ("the u.s.
# Department" is the department's name).
_ABBREVIATION = r"(?:[a-z]\.){2,}"
_RECASED_AFTER = re.compile(rf"(?<![\w.])(?<!the ){_ABBREVIATION}[ \t]+$")
_RECASED_RUN_ON = re.compile(rf"({_ABBREVIATION})[ \t]+[A-Z][a-z]+")
# Letters of the whole name ("Ban Ali"); acronyms one letter apart are often two.
_MISPRINT_MIN_LETTERS = 6
_MISPRINT_WORD_MIN = 3  # letters of the word that differs


def joined_cut_people(sightings: list[Sighting], texts: dict[str, str]) -> list[Sighting]:
    """Two PERSON mentions of one article with only spaces between them, both capitalised,
    as one name: "Zine El Abidine" | "Ben Ali" is "Zine El Abidine Ben Ali"."""
    ordered = sorted(sightings, key=lambda s: (s.span.article_id, s.span.start))
    joined: list[Sighting] = []
    tails: dict[str, set[str]] = defaultdict(set)  # the second part -> the names it ends
    for sighting in ordered:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.label == sighting.label == PERSON
            and previous.span.article_id == sighting.span.article_id
            and previous.form[:1].isupper()
            and sighting.form[:1].isupper()
        ):
            text = texts[sighting.span.article_id]
            written = text[previous.span.start : previous.span.end]
            # "Nat Fleischer's" | "Ring Record Book" are a man and his book.
            if _SPACES.fullmatch(text[previous.span.end : sighting.span.start]) and not (
                _POSSESSIVE.search(written)
            ):
                span = Span(sighting.span.article_id, previous.span.start, sighting.span.end)
                joined[-1] = replace(
                    previous,
                    span=span,
                    form=clean_form(text[span.start : span.end], PERSON),
                    person_cue=previous.person_cue or sighting.person_cue,
                    age=previous.age if previous.age is not None else sighting.age,
                )
                tails[sighting.form].add(joined[-1].form)
                continue
        joined.append(sighting)
    # The NER cut the name where the story's short form starts ("Ben Ali", written alone
    # elsewhere): that form, of one cut name only, is the person so named.
    named = []
    for sighting in joined:
        full = tails.get(sighting.form) if sighting.label == PERSON else None
        if full is not None and len(full) == 1:
            sighting = replace(sighting, form=next(iter(full)))
        named.append(sighting)
    order = {(s.span.article_id, s.span.start): i for i, s in enumerate(sightings)}
    # Keep the story's order of sightings (article, then mention), which later steps read.
    return sorted(named, key=lambda s: order[(s.span.article_id, s.span.start)])


def without_recased_capitals(sightings: list[Sighting], texts: dict[str, str]) -> list[Sighting]:
    """In a lower-cased article, a word capitalised only because it follows an abbreviation's
    full stop is no name: a mention of that word alone is dropped, and one run on from the
    abbreviation into it ("u.s. Origin") is the abbreviation, as the story names it alone."""
    alone: dict[str, Counter[str]] = defaultdict(Counter)
    for sighting in sightings:
        alone[fold(sighting.form)][sighting.label] += 1
    lower_cased = {article: is_lower_cased(text) for article, text in texts.items()}
    kept = []
    for sighting in sightings:
        if sighting.label == PERSON or not lower_cased[sighting.span.article_id]:
            kept.append(sighting)
            continue
        text = texts[sighting.span.article_id]
        written = text[sighting.span.start : sighting.span.end]
        before = text[max(0, sighting.span.start - 20) : sighting.span.start]
        if " " not in written and written[:1].isupper() and _RECASED_AFTER.search(before):
            continue
        run_on = _RECASED_RUN_ON.fullmatch(written)
        labels = alone.get(fold(run_on.group(1))) if run_on else None
        if run_on and labels:
            abbreviation = run_on.group(1)
            start = sighting.span.start
            span = Span(sighting.span.article_id, start, start + len(abbreviation))
            sighting = replace(
                sighting,
                span=span,
                form=clean_form(abbreviation, sighting.label),
                label=labels.most_common(1)[0][0],
            )
        kept.append(sighting)
    return kept


def corrected_misprints(sightings: list[Sighting]) -> list[Sighting]:
    """A spelling written once, one letter changed or two swapped from a spelling of as many
    words the story writes more often, in one word that is no first name ("Ban" of "Ban Ali"
    beside "Ben Ali"), is that spelling, with its label. A people's name is left as it is."""
    counts = Counter(s.form for s in sightings)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for sighting in sightings:
        labels[sighting.form][sighting.label] += 1
    # A misprint keeps the words and their lengths: only spellings of one shape compare.
    by_shape: dict[tuple[int, int], list[str]] = defaultdict(list)
    for form in counts:
        by_shape[(len(form.split()), len(form))].append(form)
    corrections: dict[str, str] = {}
    for form, count in counts.items():
        if (
            count != 1
            or len(letters(form)) < _MISPRINT_MIN_LETTERS
            or "NORP" in labels[form]
        ):
            continue
        found = {
            other
            for other in by_shape[(len(form.split()), len(form))]
            if counts[other] > 1
            and "NORP" not in labels[other]
            and _misprint_of(form, other, _is_people(labels[form], labels[other]))
        }
        if len(found) == 1:
            corrections[form] = found.pop()
    corrected = []
    for sighting in sightings:
        right = corrections.get(sighting.form)
        if right is not None:
            label = labels[right].most_common(1)[0][0]
            sighting = replace(sighting, form=right, label=label)
        corrected.append(sighting)
    return corrected


def _is_people(labels: Counter[str], other_labels: Counter[str]) -> bool:
    return labels.most_common(1)[0][0] == other_labels.most_common(1)[0][0] == PERSON


def _misprint_of(form: str, other: str, is_person: bool) -> bool:
    """Whether `form` differs from `other` in one word of the same length, by one letter or
    two swapped, that word no first name and no shorter than three letters. Between two
    people's names, only a first name the people index would not match counts: a surname one
    letter off ("Blinkin") and a first name's variant ("Sergey") it merges already, keeping
    both spellings."""
    pairs = list(zip(form.split(), other.split(), strict=True))
    differing = [index for index, (a, b) in enumerate(pairs) if a != b]
    if len(differing) != 1:
        return False
    word, right = (fold(w) for w in pairs[differing[0]])
    if is_person and (differing[0] != 0 or len(pairs) < 2 or givens_compatible(word, right)):
        return False
    return (
        len(word) >= _MISPRINT_WORD_MIN
        and word.isalpha()
        and right.isalpha()
        and word[:1] == right[:1]
        and len(word) == len(right)  # not an ending: "Georgian" of "Georgia", "Democrats"
        and not is_first_name(word)
        and DamerauLevenshtein.distance(word, right) == 1
    )


def named_for_people(sightings: list[Sighting]) -> list[Sighting]:
    """Names tagged a person that open with another person's surname and end in a body's name
    ("Obama White House", beside "Barack Obama" and "the House") read as the organisation
    they name after the surname ("White House")."""
    surnames: dict[str, set[str]] = defaultdict(set)  # surname -> the full names ending in it
    for sighting in sightings:
        words = sighting.form.split()
        if sighting.label == PERSON and len(words) > 1:
            surnames[letters(words[-1])].add(sighting.form)

    def is_surname(word: str, form: str) -> bool:
        return bool(surnames.get(letters(word), set()) - {form})

    # Words the story writes alone as an organisation's or a place's name ("the House").
    bodies = {letters(s.form) for s in sightings if s.label != PERSON and " " not in s.form}

    named = []
    for sighting in sightings:
        words = sighting.form.split()
        if (
            sighting.label == PERSON
            and len(words) > 2
            and is_surname(words[0], sighting.form)
            and not is_first_name(letters(words[0]))
            and all(word[:1].isupper() for word in words[1:])
            and letters(words[-1]) in bodies
            # "Smith Jones" of "Ann Jones": two surnames, a double-barrelled name
            and not any(is_surname(word, sighting.form) for word in words[1:])
        ):
            sighting = replace(sighting, label="ORG", form=" ".join(words[1:]))
        named.append(sighting)
    return named
