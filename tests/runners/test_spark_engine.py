"""The Spark engine's own pieces that run without a Spark session."""

from __future__ import annotations

from newsweave.runners.spark import bounded_batches


def test_bounded_batches_close_on_rows_or_on_bytes() -> None:
    small = [{"id": str(i), "report": "x" * 10} for i in range(5)]
    by_rows = bounded_batches(small, max_rows=2, max_bytes=1_000)
    assert [len(chunk) for chunk in by_rows] == [2, 2, 1]

    # Reports of a few MB each: a batch closes once its text reaches the limit, whatever its
    # row count, and a row larger than the limit travels alone.
    large = [{"id": "a", "report": "x" * 600}, {"id": "b", "report": "y" * 600}]
    large += [{"id": "c", "report": "z" * 5_000}, {"id": "d", "report": None}]
    chunks = list(bounded_batches(large, max_rows=1024, max_bytes=1_000))
    assert [[row["id"] for row in chunk] for chunk in chunks] == [["a", "b"], ["c"], ["d"]]
    assert [row for chunk in chunks for row in chunk] == large
