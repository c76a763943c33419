"""Names the NER cut in two at a joining word, read whole again.

spaCy ends "the Organization for Security and Cooperation in Europe" at "in" and tags
"Europe" a place. When the story writes an acronym that the whole name's initials spell
("OSCE") and the cut name's alone do not, both mentions are that one name; without such an
acronym "the Bank of Canada in Ottawa" stays a bank and a city.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from newsweave.stages.entities._groups import is_acronym, name_initials
from newsweave.stages.entities._spelling import Sighting, clean_form

_JOINING = re.compile(r"[ \t]+(?:in|of|for|on|and|de|du|del)[ \t]+(?:the[ \t]+)?")
_CUT_LABELS = frozenset({"ORG", "FAC"})


def rejoined_names(sightings: list[Sighting], texts: dict[str, str]) -> list[Sighting]:
    """The sightings, with a name cut at a joining word ("in", "of", "for") and the mention
    right after it both given the whole name, when an acronym of the story spells it."""
    acronyms = {s.form.replace(".", "") for s in sightings if is_acronym(s.form)}
    whole_at: dict[int, Sighting] = {}
    ordered = sorted(
        range(len(sightings)), key=lambda i: (sightings[i].span.article_id, sightings[i].span.start)
    )
    for first, second in pairwise(ordered):
        cut, rest = sightings[first], sightings[second]
        if (
            cut.span.article_id != rest.span.article_id
            or cut.label not in _CUT_LABELS
            or " " not in cut.form
        ):
            continue
        text = texts[cut.span.article_id]
        if not _JOINING.fullmatch(text, cut.span.end, rest.span.start):
            continue
        whole = clean_form(text[cut.span.start : rest.span.end], cut.label)
        if name_initials(whole) & acronyms and not name_initials(cut.form) & acronyms:
            whole_at[first] = replace(cut, form=whole)
            whole_at[second] = replace(rest, label=cut.label, form=whole)
    return [whole_at.get(index, sighting) for index, sighting in enumerate(sightings)]
