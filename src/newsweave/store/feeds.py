"""The state of each polled feed (validators, last check, failures), read and written by `watch`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.store.sqlite import Store


def feed_state(store: Store, url: str) -> dict[str, Any]:
    """The feed's last known state (a fresh one for a feed never checked)."""
    row = store._db.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
    return dict(row) if row else {"url": url, "etag": None, "last_modified": None, "failures": 0}


def save_feed_state(store: Store, url: str, **fields: Any) -> None:
    """Update the given fields of the feed's state, keeping the others."""
    state = feed_state(store, url) | fields
    store._db.execute(
        "INSERT OR REPLACE INTO feeds"
        " (url, etag, last_modified, checked_at, next_check_at, failures, last_error)"
        " VALUES (?,?,?,?,?,?,?)",
        (
            url,
            state.get("etag"),
            state.get("last_modified"),
            state.get("checked_at"),
            state.get("next_check_at"),
            state.get("failures", 0),
            state.get("last_error"),
        ),
    )
