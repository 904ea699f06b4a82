"""Front-matter dates: parsed strictly, always made time-zone aware.

A date without an offset means the portal's local time, and every date
leaving this module carries the portal's zone. feedgen rejects naive
datetimes, and readers abroad must see the same instant.

The portal's zone is **one fixed UTC offset**, the one its pages print
(``GMT+7``). The IANA zone Asia/Ho_Chi_Minh is not used as such: before 1911
its offset is +07:06:30 (local mean time), which no RSS (RFC 822), Atom,
JSON-LD, meta-tag (RFC 3339) or sitemap (W3C) date can carry, and in
1943–1975 it was +08:00 or +09:00, not the ``(GMT+7)`` printed beside every
date. A news portal's archive is dated in the time its pages print, so a
date written ``1950-03-01 10:00`` is 10:00 at UTC+7 and is published as
``1950-03-01T10:00:00+07:00``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

# The portal's zone: UTC+07:00, no historical rules, no daylight saving.
VIETNAM: tzinfo = timezone(timedelta(hours=7))
# IANA names of Vietnam's zone: the `timezone` option maps them to the fixed VIETNAM.
VIETNAM_ZONE_NAMES = frozenset({"Asia/Ho_Chi_Minh", "Asia/Saigon"})
# `timezone: "+07:00"`, `UTC+7`, `GMT+7` (as Vietnamese pages print it, not the inverted POSIX Etc/GMT+7).
_FIXED_OFFSET = re.compile(r"^(?:(?:UTC|GMT)\s*)?(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>[0-5]\d))?$", re.IGNORECASE)
# The offsets a sitemap (XML Schema dateTime) accepts.
_MIN_OFFSET, _MAX_OFFSET = timedelta(hours=-12), timedelta(hours=14)
# A news portal's dates; beyond them datetime arithmetic overflows. With the
# fixed offset, 1900–1911 dates are as valid in feeds and sitemaps as today's.
MIN_YEAR, MAX_YEAR = 1900, 2999

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


def _whole_minutes(offset: timedelta | None) -> timedelta | None:
    """An offset rounded to the minute: RFC 822, RFC 3339 and W3C dates have no seconds in their offset."""
    if offset is None:
        return None
    return timedelta(minutes=round(offset / timedelta(minutes=1)))


class WholeMinuteZone(tzinfo):
    """An IANA zone (not Vietnam's) with its rules, its offsets rounded to whole minutes.

    A portal abroad keeps its zone's daylight saving (its editors write, and
    its readers live in, that wall time). Many zones began with a local mean
    time such as -00:44:30 (Monrovia until 1972), which no feed or sitemap
    can carry: such offsets are rounded to the minute, and the wall time
    follows, so the printed time and offset always name the published instant.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self.zone = ZoneInfo(key)

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return _whole_minutes(self.zone.utcoffset(None if dt is None else dt.replace(tzinfo=None)))

    def dst(self, dt: datetime | None) -> timedelta | None:
        return self.zone.dst(None if dt is None else dt.replace(tzinfo=None))

    def tzname(self, dt: datetime | None) -> str | None:
        return self.zone.tzname(None if dt is None else dt.replace(tzinfo=None))

    def fromutc(self, dt: datetime) -> datetime:
        """UTC to local: the zone's own rule (with ``fold`` for repeated hours), then the rounded offset."""
        if dt.tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        local = self.zone.fromutc(dt.replace(tzinfo=self.zone))
        offset = _whole_minutes(local.utcoffset()) or timedelta(0)
        return (dt + offset).replace(tzinfo=self, fold=local.fold)

    def __reduce__(self) -> tuple[type[WholeMinuteZone], tuple[str]]:
        return (type(self), (self.key,))

    def __repr__(self) -> str:
        return f"WholeMinuteZone({self.key!r})"

    def __str__(self) -> str:
        return self.key


def portal_zone(name: str) -> tzinfo:
    """The zone a portal's ``timezone`` option names, as every date is then parsed, shown and published.

    ``Asia/Ho_Chi_Minh`` (the default) and ``Asia/Saigon`` give the fixed
    UTC+07:00 the pages print; a fixed offset (``+07:00``, ``UTC+7``) gives
    that offset; another IANA zone keeps its rules with whole-minute offsets
    (:class:`WholeMinuteZone`).

    Raises:
        ValueError: not a zone (``zoneinfo.ZoneInfoNotFoundError``, a
            ``KeyError``, for an unknown IANA name).
    """
    text = name.strip()
    if text in VIETNAM_ZONE_NAMES:
        return VIETNAM
    if text.upper() in ("UTC", "GMT", "Z"):
        return timezone.utc
    fixed = _FIXED_OFFSET.match(text)
    if fixed:
        offset = timedelta(hours=int(fixed["hours"]), minutes=int(fixed["minutes"] or 0))
        offset = -offset if fixed["sign"] == "-" else offset
        if not _MIN_OFFSET <= offset <= _MAX_OFFSET:
            raise ValueError(f"offset out of range -12:00..+14:00: {name!r}")
        return VIETNAM if offset == timedelta(hours=7) else timezone(offset)
    return WholeMinuteZone(text)
