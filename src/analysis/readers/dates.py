"""Dates in fields and in file and folder names, with their precision; titles from file names."""

from __future__ import annotations

import math
import re
from datetime import datetime
from pathlib import PurePosixPath

import pandas as pd

from analysis.readers.fields import blank

# Epoch numbers: seconds and milliseconds from 1973 to 2286.
EPOCH_SECONDS = (10**8, 10**10)
EPOCH_MILLISECONDS = (10**11, 10**13)
YEAR_RANGE = (1800, 2100)
DATE_RANGE = (datetime(1677, 9, 22), datetime(2262, 4, 11))  # within datetime64[ns]
NUMERIC_DATE = re.compile(
    r"^(?P<first>\d{1,2})(?P<sep>[/.])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})$"
)
YEAR_MONTH_RE = re.compile(r"^(\d{4})[-/](\d{1,2})$")
MONTH_NAME_YEAR_RE = re.compile(r"^[A-Za-z]{3,9}\.?,? \d{4}$")


def _numeric_date(text: str) -> datetime | None:
    """Read ``13/09/2013``, ``09/13/2013`` or ``13.09.2013``; None if not that shape.

    A part above 12 settles which is the day. Otherwise dots mean day first
    (European use) and slashes month first (US use).
    """
    match = NUMERIC_DATE.match(text)
    if match is None:
        return None
    first, second, year = (int(part) for part in match.group("first", "second", "year"))
    day_first = first > 12 or (second <= 12 and match.group("sep") == ".")
    day, month = (first, second) if day_first else (second, first)
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


def _timestamp(value: object) -> pd.Timestamp:
    """A naive timestamp (UTC when a zone is given), NaT outside ``datetime64[ns]``'s range.

    The ``published`` column holds nanoseconds: 1677-09-21 to 2262-04-11.
    """
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, OverflowError):  # OutOfBoundsDatetime is a ValueError
        return pd.NaT
    stamp = stamp.tz_convert(None) if stamp.tzinfo is not None else stamp
    if not DATE_RANGE[0] <= stamp.to_pydatetime() <= DATE_RANGE[1]:
        return pd.NaT
    return stamp.as_unit("ns")


def _from_number(number: float) -> tuple[pd.Timestamp, str | None]:
    """A year, ``YYYYMMDD``, or epoch seconds or milliseconds."""
    if not math.isfinite(number):
        return pd.NaT, None
    if number != int(number) and not EPOCH_SECONDS[0] <= number < EPOCH_MILLISECONDS[1]:
        return pd.NaT, None
    whole = int(number)
    if YEAR_RANGE[0] <= whole <= YEAR_RANGE[1]:
        return _timestamp(datetime(whole, 1, 1)), "year"
    if 10**7 <= whole < 10**8:
        return _day(whole // 10000, whole // 100 % 100, whole % 100)
    for (low, high), unit in ((EPOCH_SECONDS, "s"), (EPOCH_MILLISECONDS, "ms")):
        if low <= number < high:
            return _timestamp(pd.Timestamp(number, unit=unit)), "day"
    return pd.NaT, None


def _day(year: int, month: int, day: int) -> tuple[pd.Timestamp, str | None]:
    try:
        return _timestamp(datetime(year, month, day)), "day"
    except ValueError:
        return pd.NaT, None


def parse_date_precision(value: object) -> tuple[pd.Timestamp, str | None]:
    """Parse a date and say how precise it is: ``"day"``, ``"month"`` or ``"year"``.

    Reads ISO dates and times (a time zone is converted to UTC and dropped),
    ``YYYY`` (a year: its 1 January, precision ``"year"``), ``YYYY-MM`` and
    ``May 2014`` (precision ``"month"``), ``YYYYMMDD``, numeric dates (see
    :func:`parse_date`), epoch seconds and milliseconds, and what pandas reads.
    A date that cannot be read, or lies outside pandas' range (``0001-01-01``,
    ``9999-12-31``), gives ``(NaT, None)``.

    Example:
        >>> parse_date_precision("2014")
        (Timestamp('2014-01-01 00:00:00'), 'year')
        >>> parse_date_precision(1411516800)
        (Timestamp('2014-09-24 00:00:00'), 'day')
        >>> parse_date_precision("9999-12-31")
        (NaT, None)
    """
    if blank(value) or isinstance(value, bool):
        return pd.NaT, None
    if isinstance(value, datetime):
        stamp = _timestamp(value)
        return stamp, None if pd.isna(stamp) else "day"
    if isinstance(value, int | float):
        return _from_number(float(value))
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _from_number(float(text))
    year_month = YEAR_MONTH_RE.match(text)
    if year_month:
        year, month = int(year_month.group(1)), int(year_month.group(2))
        stamp = _day(year, month, 1)[0]
        return stamp, None if pd.isna(stamp) else "month"
    try:  # ISO dates, the common case, without pandas' slower format guessing
        parsed: datetime | None = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = _numeric_date(text)
    if parsed is None:
        try:
            parsed = pd.to_datetime(text, utc=True)
        except (ValueError, OverflowError):
            return pd.NaT, None
    stamp = _timestamp(parsed)
    if pd.isna(stamp):
        return pd.NaT, None
    return stamp, "month" if MONTH_NAME_YEAR_RE.match(text) else "day"


def parse_date(value: object) -> pd.Timestamp:
    """Parse a date, or return NaT; a time zone is converted to UTC and dropped.

    Example:
        >>> parse_date("2013-08-09T23:30:00-04:00")
        Timestamp('2013-08-10 03:30:00')
        >>> parse_date("9 August 2013"), parse_date("sometime in May")
        (Timestamp('2013-08-09 00:00:00'), NaT)
        >>> [f"{parse_date(d):%Y-%m-%d}" for d in ("13/09/2013", "03/09/2013", "03.09.2013")]
        ['2013-09-13', '2013-03-09', '2013-09-03']
    """
    return parse_date_precision(value)[0]


# Dates in paths, most precise first: folders 2014/09/24/, names 2014-09-24,
# 20140924, 2014-09, and a year standing alone (USA_69_2014).
PATH_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})/"), "day"),
    (re.compile(r"(?<!\d)(\d{4})[-_.](\d{2})[-_.](\d{2})(?!\d)"), "day"),
    (re.compile(r"(?<!\d)((?:18|19|20)\d{2})(\d{2})(\d{2})(?!\d)"), "day"),
    (re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/"), "month"),
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})(?![-\d])"), "month"),
    (re.compile(r"(?<![\d.])(1[89]\d{2}|20\d{2}|2100)(?![\d])"), "year"),
)


def _path_date_match(name: str) -> tuple[pd.Timestamp, str | None, tuple[int, int] | None]:
    for pattern, precision in PATH_DATE_PATTERNS:
        for match in pattern.finditer(name):
            parts = [int(part) for part in match.groups()] + [1, 1]
            year, month, day = parts[:3]
            if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                continue
            stamp = _day(year, month, day)[0]
            if pd.notna(stamp):
                return stamp, precision, match.span()
    return pd.NaT, None, None


def date_from_path(relative: str) -> tuple[pd.Timestamp, str | None]:
    """The date a file's name, else its folders, give, with its precision.

    Example:
        >>> date_from_path("1990-08-08-address-iraqs-invasion-kuwait.txt")
        (Timestamp('1990-08-08 00:00:00'), 'day')
        >>> date_from_path("USA_69_2014.txt"), date_from_path("2014/09/24/story.html")[1]
        ((Timestamp('2014-01-01 00:00:00'), 'year'), 'day')
        >>> date_from_path("news/17118.html")
        (NaT, None)
    """
    path = PurePosixPath(relative)
    stamp, precision, _ = _path_date_match(path.stem)
    if precision is None and str(path.parent) != ".":
        stamp, precision, _ = _path_date_match(f"{path.parent}/")
    return stamp, precision


def title_from_name(name: str) -> str:
    """A title from a file name, its date taken out: words, each capitalised.

    Example:
        >>> title_from_name("1990-08-08-address-iraqs-invasion-kuwait.txt")
        'Address Iraqs Invasion Kuwait'
        >>> title_from_name("USA_69_2014.txt")
        'USA 69'
    """
    stem = PurePosixPath(name).name.split(".", 1)[0] or name
    _, _, span = _path_date_match(stem)
    if span is not None:
        stem = stem[: span[0]] + " " + stem[span[1] :]
    words = [word for word in re.split(r"[\s_\-.]+", stem) if word]
    title = " ".join(word[:1].upper() + word[1:] if word.islower() else word for word in words)
    return title or PurePosixPath(name).name
