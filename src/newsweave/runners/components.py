"""Connected components of a graph too large for one machine: large-star / small-star rounds.

Kiveris et al., "Connected Components in MapReduce and Beyond" (SoCC 2014): each round is two
reduces by node. Large-star links every larger neighbour of a node to the smallest node in its
neighbourhood; small-star links a node and its smaller neighbours to the smallest of them. At the
fixed point every edge is (node, smallest node of its component): a star per component. Both
rounds are reduce steps, so the engine does the shuffles and the rounds are written once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsweave.runners.engine import Engine, Row
from newsweave.runners.records import stable_bucket
from newsweave.stages._graph import connected_groups

EDGES = "src string, dst string"
NEIGHBOURS = "node string, nbr string"
TALLY = "n long, checksum long"
COMPONENTS = "id string, comp string"
DRIVER_EDGES = 2_000_000  # about 200 MB of edges on the driver; more goes to the rounds
_MAX_ROUNDS = 64  # the rounds needed grow with log(n); this many means something is wrong
_MODULUS = (1 << 61) - 1


def both_ways(rows: Iterator[Row]) -> Iterator[Row]:
    """Map: each undirected edge as a neighbour of each of its ends (for large-star)."""
    for row in rows:
        yield {"node": row["src"], "nbr": row["dst"]}
        yield {"node": row["dst"], "nbr": row["src"]}


def larger_to_smaller(rows: Iterator[Row]) -> Iterator[Row]:
    """Map: each edge seen from its larger end (for small-star)."""
    for row in rows:
        small, large = sorted((row["src"], row["dst"]))
        yield {"node": large, "nbr": small}


def large_star(node: str, rows: list[Row]) -> Iterator[Row]:
    """Reduce by node: every larger neighbour is linked to the smallest of the neighbourhood."""
    neighbours = {row["nbr"] for row in rows}
    smallest = min(neighbours | {node})
    for neighbour in sorted(neighbours):
        if neighbour > node:
            yield {"src": neighbour, "dst": smallest}


def small_star(node: str, rows: list[Row]) -> Iterator[Row]:
    """Reduce by node: the node and its smaller neighbours are linked to the smallest of them."""
    members = {row["nbr"] for row in rows} | {node}
    smallest = min(members)
    for member in sorted(members):
        if member != smallest:
            yield {"src": member, "dst": smallest}


def tally(rows: Iterator[Row]) -> Iterator[Row]:
    """Map: the count and an order-free checksum of a partition's distinct edges."""
    count = checksum = 0
    for row in rows:
        count += 1
        checksum = (checksum + stable_bucket(f"{row['src']}\x1f{row['dst']}", _MODULUS)) % _MODULUS
    yield {"n": count, "checksum": checksum}


def dedupe_edges(key: str, rows: list[Row]) -> Iterator[Row]:
    yield {"src": rows[0]["src"], "dst": rows[0]["dst"]}


def connected_components(
    engine: Engine, edges: Any, *, driver_edges: int = DRIVER_EDGES
) -> tuple[Any, int, int]:
    """Each node of `edges` (src, dst) with its component: the smallest node id in it.

    Up to `driver_edges` distinct edges, the components are found on the driver by union-find
    (an edge list that size fits in memory, and the rounds' fixed cost per shuffle is saved);
    above it, in large-star / small-star rounds. Both give the same table.
    Returns the (id, comp) table, the number of distinct edges and the rounds run (0 on the
    driver). Nodes without edges are not in the table.
    """
    edges = engine.persist(_distinct(engine, edges))
    previous = _signature(engine, edges)
    distinct = previous[0]
    if distinct <= driver_edges:
        return engine.from_rows(_on_driver(engine.rows(edges)), COMPONENTS), distinct, 0
    rounds = 0
    while True:
        rounds += 1
        if rounds > _MAX_ROUNDS:
            raise RuntimeError(f"connected components did not converge in {_MAX_ROUNDS} rounds")
        edges = engine.reduce(engine.map(edges, both_ways, NEIGHBOURS), "node", large_star, EDGES)
        edges = engine.reduce(
            engine.map(edges, larger_to_smaller, NEIGHBOURS), "node", small_star, EDGES
        )
        edges = engine.persist(_distinct(engine, edges))
        signature = _signature(engine, edges)
        if signature == previous:
            break
        previous = signature
    stars = engine.map(edges, _star_members, COMPONENTS)
    # The distinct edges given, not the stars' edges the rounds end with.
    return engine.reduce(stars, "id", smallest_component, COMPONENTS), distinct, rounds


def _on_driver(edges: list[Row]) -> list[Row]:
    nodes = sorted({node for edge in edges for node in (edge["src"], edge["dst"])})
    groups = connected_groups(nodes, ((edge["src"], edge["dst"]) for edge in edges))
    smallest: dict[int, str] = {}
    for node in nodes:  # sorted: the first node seen of a group is its smallest
        smallest.setdefault(groups[node], node)
    return [{"id": node, "comp": smallest[groups[node]]} for node in nodes]


def _star_members(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"id": row["src"], "comp": row["dst"]}
        yield {"id": row["dst"], "comp": row["dst"]}


def smallest_component(node: str, rows: list[Row]) -> Iterator[Row]:
    """Reduce by node: the smallest of the components it was given."""
    yield {"id": node, "comp": min(row["comp"] for row in rows)}


def _distinct(engine: Engine, edges: Any) -> Any:
    keyed = engine.map(edges, _with_key, "key string, src string, dst string")
    return engine.reduce(keyed, "key", dedupe_edges, EDGES)


def _with_key(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        yield {"key": f"{row['src']}\x1f{row['dst']}", "src": row["src"], "dst": row["dst"]}


def _signature(engine: Engine, edges: Any) -> tuple[int, int]:
    parts = engine.rows(engine.map(edges, tally, TALLY))
    return sum(p["n"] for p in parts), sum(p["checksum"] for p in parts) % _MODULUS
