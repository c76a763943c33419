"""Connected groups of linked items (union-find), for claims and independent sources."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)


def connected_groups(items: Iterable[Item], links: Iterable[tuple[Item, Item]]) -> dict[Item, int]:
    """Each item's group number: linked items share one. Groups are numbered in the order their
    first item comes in `items`; links to items not in `items` are ignored."""
    parent = {item: item for item in items}

    def root(item: Item) -> Item:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for first, second in links:
        if first in parent and second in parent:
            parent[root(second)] = root(first)
    numbers: dict[Item, int] = {}
    return {item: numbers.setdefault(root(item), len(numbers)) for item in parent}
