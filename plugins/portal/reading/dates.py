"""Front-matter dates: parsed strictly, always made time-zone aware.

A date without an offset means the portal's local time (Vietnam,
Asia/Ho_Chi_Minh, +07:00, no daylight saving). feedgen rejects naive
datetimes, and readers abroad must see the same instant, so every date
leaving this module carries its zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MIN_YEAR, MAX_YEAR = 1900, 2999  # a news portal's dates; beyond them datetime arithmetic overflows

# Editors write "2025-01-15 16:17" or "2025-01-15"; anything ISO 8601 with
# a time zone is accepted too. Day-first forms ("15/01/2025") are refused on
# purpose: 03/04 is ambiguous, and the error message shows the right form.
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")


def has_time_of_day(value: object) -> bool:
    """Whether the editor wrote a time (``2025-01-15 16:17``) or only a day (``2025-01-15``)."""
    if isinstance(value, datetime):
        return True
    return isinstance(value, str) and len(value.strip()) > 10


def parse_date(value: object, zone: tzinfo = VIETNAM) -> datetime:
    """Parse a front-matter date into an aware datetime.

    Args:
        value: the raw YAML value (a string; ``date``/``datetime`` objects are
            accepted for callers that use YAML's own timestamp type).
        zone: the zone assumed when the value carries no offset.

    Returns:
        The instant, expressed in ``zone``.

    Raises:
        ValueError: the value is not one of the accepted forms.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, str):
        text = value.strip()
        if not _ISO_LIKE.match(text):
            raise ValueError(f"not a date: {value!r}")
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        parsed = datetime.fromisoformat(text)
    else:
        raise ValueError(f"not a date: {value!r}")
    # Year 1 or 9999 overflows when moved to +07:00 or turned into a timestamp.
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(f"year out of range {MIN_YEAR}-{MAX_YEAR}: {value!r}")
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    # Shown and syndicated in the portal's zone (feeds carry +0700), same instant.
    return parsed.astimezone(zone)
