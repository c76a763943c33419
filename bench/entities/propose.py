"""Write the mentions to label: every NER mention of a person, organisation or place in the
sampled clusters, as newsweave's cleaner and NER see them, one TSV row each.

The gold columns start as the mention's own words and spaCy's label; the annotator then reads
each row in its context and corrects them (`entity`: one id per real-world entity, "-" for a
mention that names nothing, such as a heading or page debris; `type`: PERSON, ORG, GPE, LOC,
FAC or NORP). Run once per split; labelling is by hand.
"""

from __future__ import annotations

import csv
import sys

from sample import HERE, clusters

from newsweave.errors import Rejected
from newsweave.pipeline import _coerce
from newsweave.stages.article.annotate import annotate_articles
from newsweave.stages.article.clean import clean_article, learn_source_boilerplate
from newsweave.stages.entities import ENTITY_LABELS

CONTEXT = 40
COLUMNS = ["cluster", "article", "left", "surface", "ner", "entity", "type"]


def main(split: str) -> None:
    out = HERE / "labels" / f"{split}.proposed.tsv"
    out.parent.mkdir(exist_ok=True)
    with out.open("w", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for cluster in (c for c in clusters() if c["split"] == split):
            articles = [_coerce(record, i, []) for i, record in enumerate(cluster["articles"])]
            boilerplate = learn_source_boilerplate(articles)
            cleaned = []
            for article in articles:
                try:
                    cleaned.append(clean_article(article, boilerplate))
                except Rejected:  # analyze rejects it too: nothing to label
                    continue
            for article in annotate_articles(cleaned):
                for mention in article.mentions:
                    if mention.label not in ENTITY_LABELS:
                        continue
                    start, end = mention.span.start, mention.span.end
                    left = article.text[max(0, start - CONTEXT) : start].replace("\n", " ")
                    surface = article.text[start:end]
                    writer.writerow(
                        [
                            cluster["id"],
                            article.id,
                            left,
                            surface,
                            mention.label,
                            surface,
                            mention.label,
                        ]
                    )
    print(out)


if __name__ == "__main__":
    main(sys.argv[1])
