"""The build's clock: which articles are published is decided against one instant.

Scheduled and expiring articles depend on "now". Reading it once per build
(not once per article) keeps a build consistent, and letting the operator set
it (``PORTAL_NOW`` or ``--now``) makes those rules testable with a fixed clock
and lets an editor preview the site as it will look at a given moment.
"""

from __future__ import annotations

import os
from datetime import datetime, tzinfo

from portal.reading.dates import VIETNAM, parse_date

NOW_VARIABLE = "PORTAL_NOW"


def build_time(override: str | None = None, zone: tzinfo = VIETNAM) -> datetime:
    """The instant this build publishes as of.

    Args:
        override: a date in the front-matter forms (``2025-01-15 16:17``);
            when empty, the ``PORTAL_NOW`` environment variable; when that is
            empty too, the real time.
        zone: the zone of an override written without an offset.

    Raises:
        ValueError: the override is not a date, with a message for the operator.
    """
    text = (override or os.environ.get(NOW_VARIABLE) or "").strip()
    if not text:
        return datetime.now(zone)
    try:
        return parse_date(text, zone)
    except ValueError:
        raise ValueError(
            f"thời điểm '{text}' (--now / {NOW_VARIABLE}) không hợp lệ: viết dạng 2025-01-15 16:17"
        ) from None
