"""The one wall clock: every stored time and every "today" the analysis assumes is read here.

Times are naive UTC to the second, the form the store keeps. Code that a test runs on a fixed
clock takes a `clock` (a function like `utc_now`) or a `now`/`today` argument instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time in UTC, without time zone and microseconds."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def utc_today() -> dt.date:
    """The current date in UTC."""
    return utc_now().date()
