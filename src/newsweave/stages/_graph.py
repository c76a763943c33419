"""Connected groups of linked items (union-find), for claims, independent sources and the
runners; and the links that span them (a spanning forest), for provenance."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item", bound=Hashable)


class _UnionFind(Generic[Item]):
    def __init__(self, items: Iterable[Item]) -> None:
        self.parent = {item: item for item in items}

    def root(self, item: Item) -> Item:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, first: Item, second: Item) -> bool:
        """Link two items; False when either is unknown or they were already in one group."""
        if first not in self.parent or second not in self.parent:
            return False
        first_root, second_root = self.root(first), self.root(second)
        if first_root == second_root:
            return False
        self.parent[second_root] = first_root
        return True


def connected_groups(items: Iterable[Item], links: Iterable[tuple[Item, Item]]) -> dict[Item, int]:
    """Each item's group number: linked items share one. Groups are numbered in the order their
    first item comes in `items`; links to items not in `items` are ignored."""
    groups = _UnionFind(items)
    for first, second in links:
        groups.join(first, second)
    numbers: dict[Item, int] = {}
    return {item: numbers.setdefault(groups.root(item), len(numbers)) for item in groups.parent}


def spanning_links(items: Iterable[Item], links: Sequence[tuple[Item, Item]]) -> list[int]:
    """The indices of the links that join two groups, taken in the given order (Kruskal's
    spanning forest): at most one fewer than the items, with the same `connected_groups`."""
    groups = _UnionFind(items)
    return [index for index, (first, second) in enumerate(links) if groups.join(first, second)]
