"""What the grouping grids share (developments_grid.py, established_grid.py): the corpora's
features, loaded once, and one row of BCubed F1 per part for the grouping as it is configured."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench_grouping import cleaned
from common import bcubed
from corpora import LOADERS, Corpus, duc_clusters

from newsweave.stages.grouping.features import Features
from newsweave.stages.grouping.stories import group_labels, grouping_features


@dataclass(slots=True)
class GridInput:
    corpora: dict[str, Corpus]
    features: dict[str, list[Features]]
    singles: list[list[Features]] = field(default_factory=list)  # each DUC cluster alone
    held_out: bool = False


def load(names: list[str], held_out: bool) -> GridInput:
    """The corpora named (and Multi-News when `held_out`), cleaned as `analyze` cleans them."""
    names = names + (["multinews"] if held_out else [])
    corpora = {name: LOADERS[name]() for name in names}
    features = {n: [grouping_features(a) for a in cleaned(c.articles)] for n, c in corpora.items()}
    singles = (
        [[grouping_features(a) for a in cleaned(m)] for _, m in duc_clusters()]
        if "duc2004" in names
        else []
    )
    return GridInput(corpora, features, singles, held_out)


def scores_row(grid: GridInput, *, halves_alone: bool = False) -> dict[str, object]:
    """BCubed F1 of each fit part (every part when held out) and DUC clusters kept whole alone;
    with `halves_alone`, also each DUC half mixed as its own input."""
    row: dict[str, object] = {}
    for name, corpus in grid.corpora.items():
        labels = group_labels(grid.features[name])
        parts = (
            {**corpus.parts, "all": list(range(len(labels)))}
            if grid.held_out
            else {corpus.fit: corpus.parts[corpus.fit]}
        )
        for part, indices in parts.items():
            gold = [corpus.gold[i] for i in indices]
            row[f"{name}_{part}"] = round(bcubed(gold, [labels[i] for i in indices])[2], 4)
            if halves_alone and name == "duc2004" and part != "all":
                # The half as its own input: joins between its own clusters count.
                alone = group_labels([grid.features[name][i] for i in indices])
                row[f"{name}_{part}_alone"] = round(bcubed(gold, alone)[2], 4)
    halves = {"fit": grid.singles[:25]}
    if grid.held_out:
        halves["held_out"] = grid.singles[25:]
    for part, clusters in halves.items():
        if clusters:
            whole = sum(len(set(group_labels(cluster))) == 1 for cluster in clusters)
            row[f"duc2004_single_{part}_kept_whole"] = f"{whole}/{len(clusters)}"
    return row
