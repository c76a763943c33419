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

from newsweave.model import Article
from newsweave.pipeline import _coerce, learn_source_profiles, prepare_articles
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
            read = [_coerce(record, i) for i, record in enumerate(cluster["articles"])]
            articles = [a for a in read if isinstance(a, Article)]
            prepared = prepare_articles(articles, learn_source_profiles(articles))
            # A rejected article (analyze rejects it too) has nothing to label.
            for article in (a for a in prepared if isinstance(a, Article)):
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
