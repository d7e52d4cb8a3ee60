"""Read article files of each supported format into records.

One reader per format; each returns ``(label, record)`` pairs, where ``label``
names the record inside the file (``None`` for a one-article file, ``"line 3"``
in JSON Lines, ``"row 2"`` in CSV, ``"record 5"`` in JSON, ``"a.txt"`` or
``"feed.jsonl: line 3"`` in a ZIP archive) and ``record`` is a dict of the
``articles`` contract, or the :class:`ArticleError` that stopped it. A bad
record never stops the others in its file.

Formats are told by content as well as by suffix (see :func:`read_bytes`):

* ``.txt``: paragraphs, one per line or in blocks separated by blank lines.
  The first line is the headline when it looks like one
  (:func:`looks_like_headline`); ``key: value`` lines at the top with a known
  key (``President: George H. W. Bush``) are metadata (see
  :data:`HEADER_KEYS`), as is a front matter between two ``---`` lines.
* ``.html`` / ``.htm``: main text, title, date and site name extracted with
  trafilatura, which drops navigation, footers and sidebars.
* ``.json`` (a list of objects, or one object), ``.jsonl`` (one object per
  line) and ``.csv`` (one article per row): field names are mapped by
  :data:`FIELD_ALIASES`, after the caller's own ``columns`` mapping. A
  ``.json`` file holding JSON Lines is read as JSON Lines, and the reverse.
* ``.gz`` of any of these, and ``.zip`` archives of them (each member read
  by its own name).
* A file without a suffix or with an unknown one is sniffed: a web page, JSON,
  or else text when it decodes as text. Binary files (a PDF, an image, an
  office document) are rejected, saying what they look like.

Bytes are decoded by :func:`decode_bytes`: UTF-8 (a few bad bytes are
replaced and counted, not re-read in a legacy code page), UTF-16 with or
without a byte order mark, else the encoding charset-normalizer detects.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import io
import json
import math
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

import pandas as pd

from analysis.cleaning import clean_text, count_words

Record = dict[str, object]
Parsed = list[tuple[str | None, "Record | ArticleError"]]

# Our field, then the names it goes by in exports, in order of preference.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "article_id": ("article_id", "id", "doc_id", "guid"),
    "title": ("title", "headline", "heading"),
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "published": (
        "published", "date", "pubdate", "published_at", "date_publish", "datetime",
        "timestamp", "created_at", "date_published", "publish_date", "created",
    ),
    "source": ("source", "outlet", "publisher", "site", "sitename", "source_domain"),
    "url": ("url", "link", "permalink"),
}  # fmt: skip
# Our field: trafilatura's metadata field.
HTML_FIELDS = {"title": "title", "published": "date", "source": "sitename", "url": "url"}
# htmldate, through trafilatura: only dates the page states, never a year
# guessed from today's date for a day and month found in the text.
HTML_DATE_OPTIONS = {"extensive_search": False, "original_date": True}
FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n", re.S | re.M)
KEY_VALUE_RE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
# ``Key: value`` lines at the top of a text file that are metadata, not a
# headline, and the column each goes to.
HEADER_KEYS = {
    "president": "speaker", "speaker": "speaker", "author": "author", "by": "author",
    "byline": "author", "date": "published", "published": "published", "source": "source",
    "title": "title", "url": "url", "id": "article_id", "language": "language",
}  # fmt: skip
HEADER_LINE_RE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*:\s+(\S.*?)\s*$")
# Decoding: a file is UTF-8 with a few bad bytes when at least this many
# non-ASCII characters decode for each byte that does not (in text of a
# legacy code page, high bytes seldom form valid UTF-8 sequences).
VALID_PER_BAD_BYTE = 1
PREFERRED_LEGACY = ("cp1252", "cp1251")  # on a tie in charset-normalizer's chaos
UTF16_NUL_SHARE = 0.3
CONTROL_SHARE = 0.05  # control characters in text: more than this is binary
SNIFF_BYTES = 4096
JSON_LINES_SAMPLE = 20  # lines looked at to tell JSON Lines from JSON
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, Excel or EPUB file)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel document"),
    (b"{\\rtf", "an RTF document"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\xfd7zXZ", "an xz-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
)
HTML_START_RE = re.compile(rb"^\s*<(?:!doctype html|html|head|body|article|div|p|meta)\b", re.I)
# Epoch numbers: seconds and milliseconds from 1973 to 2286.
EPOCH_SECONDS = (10**8, 10**10)
EPOCH_MILLISECONDS = (10**11, 10**13)
YEAR_RANGE = (1800, 2100)
DATE_RANGE = (datetime(1677, 9, 22), datetime(2262, 4, 11))  # within datetime64[ns]


class ArticleError(ValueError):
    """An article file or record cannot be loaded; the message names it."""


@dataclass(frozen=True)
class ReadOptions:
    """How to read files: the caller's encoding, field mapping and headline rule.

    Attributes:
        encoding: A Python codec name for every file; ``None`` to detect.
        columns: Export field name -> contract name, before the aliases.
        headline: ``False`` to read every line of a text as body (the
            title then comes from the metadata or the file name).
    """

    encoding: str | None = None
    columns: Mapping[str, str] | None = None
    headline: bool = True


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read with, and bytes replaced."""

    text: str
    encoding: str
    replaced_bytes: int


# --- decoding ------------------------------------------------------------------


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when NULs fill one byte of each pair, else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    pairs = len(data) // 2
    even, odd = data[0::2].count(0) / pairs, data[1::2].count(0) / pairs
    if odd >= UTF16_NUL_SHARE and even < odd / 4:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE and odd < even / 4:
        return "utf-16-be"
    return None


def _legacy(data: bytes, where: str) -> Decoded:
    """Decode bytes that are not UTF-8 with the encoding charset-normalizer finds.

    Among the encodings that read the bytes equally well, a Western one
    (cp1252) goes first, so Latin-1 text never comes out as cp1250.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise ArticleError(f"{where}: not UTF-8 and no encoding detected; pass encoding=")
    least = min(match.chaos for match in matches)
    tied = {match.encoding: match for match in matches if match.chaos == least}
    name = next((e for e in PREFERRED_LEGACY if e in tied), matches[0].encoding)
    if name not in tied:
        name = min(tied, key=lambda e: [m.encoding for m in matches].index(e))
    return Decoded(data.decode(name, errors="replace"), name, 0)


def decode_bytes(data: bytes, where: str, encoding: str | None = None) -> Decoded:
    """Decode a file's bytes; say which encoding was used and what was replaced.

    Order: a byte order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a mark
    (NULs in every other byte); valid UTF-8; UTF-8 with a few bad bytes,
    each replaced by U+FFFD and counted (at least ``VALID_PER_BAD_BYTE``
    good non-ASCII characters per bad byte); else detection.

    Args:
        data: The bytes.
        where: The file name, for messages.
        encoding: A Python codec name; ``None`` to detect.

    Raises:
        ArticleError: The bytes are not valid in the given encoding, or no
            encoding can be detected.

    Example:
        >>> decode_bytes("Лавров".encode("cp1251") * 20, "a.txt").encoding
        'cp1251'
        >>> decoded = decode_bytes("Réunion à Genève\\xa0: accord".encode() + b"\\xff", "b.txt")
        >>> decoded.text[-7:] == "accord\\ufffd", decoded.encoding, decoded.replaced_bytes
        (True, 'utf-8', 1)
        >>> decode_bytes("Réunion à Genève".encode("latin-1"), "c.txt").text
        'Réunion à Genève'
    """
    if encoding is not None:
        try:
            return Decoded(data.decode(encoding), encoding, 0)
        except UnicodeDecodeError as error:
            raise ArticleError(
                f"{where}: not valid {encoding} (byte 0x{data[error.start]:02x} at offset "
                f"{error.start}); pass the file's encoding, or None to detect it"
            ) from error
        except LookupError as error:
            raise ArticleError(f"{where}: unknown encoding {encoding!r}") from error
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(name, errors="replace")
            return Decoded(text, name, text.count("\ufffd"))
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text = data.decode(utf16, errors="replace")
        return Decoded(text, utf16, text.count("\ufffd"))
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for char in text if char > "\x7f") - bad
    if valid >= VALID_PER_BAD_BYTE * bad:
        return Decoded(text, "utf-8", bad)
    return _legacy(data, where)


def decode(data: bytes, where: str, encoding: str | None = None) -> str:
    """Decode a file's bytes to text (see :func:`decode_bytes`).

    Example:
        >>> decode("Лавров".encode("cp1251") * 20, "a.txt")[:6]
        'Лавров'
    """
    return decode_bytes(data, where, encoding).text


def binary_kind(data: bytes) -> str | None:
    """Say what a file's bytes look like when they are not text, else None.

    Example:
        >>> binary_kind(b"%PDF-1.4 ..."), binary_kind("Talks resume".encode())
        ('a PDF document', None)
    """
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\v\x1b")
    if head and controls / len(head) > CONTROL_SHARE:
        return f"binary data ({controls} control bytes in the first {len(head)})"
    return None


# --- field names and values ---------------------------------------------------------


def field_names(names: Iterable[str], columns: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map an export's field names to the contract's names.

    ``columns`` (export name -> contract name) goes first; then, for each
    contract field still missing, the first alias present in
    :data:`FIELD_ALIASES`. Other names map to themselves.

    Example:
        >>> field_names(["headline", "body", "date", "lang"])
        {'headline': 'title', 'body': 'text', 'date': 'published', 'lang': 'lang'}
        >>> field_names(["story", "title"], {"story": "text"})
        {'story': 'text', 'title': 'title'}
    """
    mapping = {name: (columns or {}).get(name, name) for name in names}
    present = set(mapping.values())
    for field, aliases in FIELD_ALIASES.items():
        if field in present:
            continue
        alias = next((a for a in aliases if a in mapping and mapping[a] == a), None)
        if alias is not None:
            mapping[alias] = field
            present.add(field)
    return mapping


def canonical_fields(
    fields: Mapping[str, object], columns: Mapping[str, str] | None = None
) -> dict[str, object]:
    """Rename a record's fields with :func:`field_names`.

    Example:
        >>> canonical_fields({"headline": "Talks", "date": "2011-05-27"})
        {'title': 'Talks', 'published': '2011-05-27'}
    """
    names = field_names(fields, columns)
    return {names[key]: value for key, value in fields.items()}


def blank(value: object) -> bool:
    """Tell whether a field value is missing: None, NaN, NA or only spaces."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return (isinstance(value, float) and value != value) or str(value).strip() == ""


def text_value(value: object, field: str, where: str) -> str | None:
    """A field's value as text: a list of strings is joined into paragraphs.

    Raises:
        ArticleError: The value is a number, a mapping, or a list of other things.

    Example:
        >>> text_value(["Kerry met Lavrov.", "They agreed."], "text", "a.json")
        'Kerry met Lavrov.\\n\\nThey agreed.'
    """
    if blank(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n\n".join(item for item in value if item.strip()) or None
    kind = type(value).__name__
    raise ArticleError(f"{where}: field {field!r} is a {kind} ({str(value)[:40]!r}), not text")


# --- dates ---------------------------------------------------------------------------

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


# --- records -------------------------------------------------------------------------


def split_header_lines(raw: str) -> tuple[dict[str, str], str]:
    """Take ``key: value`` metadata lines with a known key off the top of a text.

    Example:
        >>> split_header_lines("President: George H. W. Bush\\n\\nEvan, thank you.\\n")
        ({'speaker': 'George H. W. Bush'}, '\\nEvan, thank you.\\n')
        >>> split_header_lines("Lavrov: talks will go on\\nBody.")[0]
        {}
    """
    meta: dict[str, str] = {}
    lines = raw.splitlines(keepends=True)
    taken = 0
    for line in lines:
        match = HEADER_LINE_RE.match(line)
        key = match.group(1).strip().lower() if match else None
        if key not in HEADER_KEYS:
            break
        meta[HEADER_KEYS[key]] = match.group(2)  # type: ignore[union-attr]
        taken += 1
    return meta, "".join(lines[taken:])


def article_record(
    body: str,
    meta: Mapping[str, object],
    where: str,
    *,
    fallback_title: str | None = None,
    headline: bool = True,
) -> Record:
    """Build one ``articles`` record from raw text and metadata.

    The body is cleaned with :func:`~analysis.cleaning.clean_text`. The
    title is ``meta["title"]`` (a first paragraph that repeats it is dropped),
    else the first line when ``headline`` and it looks like one
    (:func:`looks_like_headline`), else ``fallback_title``. The text starts
    with the title as paragraph 0.

    Raises:
        ArticleError: Nothing is left after cleaning, or there is no body.
    """
    title = text_value(meta.get("title"), "title", where)
    title = " ".join(title.split()) if title else None
    cleaned = clean_text(body, headline=headline)
    paragraphs = cleaned.paragraphs
    if title is not None:
        if paragraphs and paragraphs[0].casefold() == title.casefold():
            paragraphs = paragraphs[1:]
    elif cleaned.has_headline:
        title, paragraphs = paragraphs[0], paragraphs[1:]
    else:
        title = fallback_title
    if not paragraphs:
        if cleaned.paragraphs:
            raise ArticleError(f"{where}: has a headline ({title!r}) but no body")
        raise ArticleError(f"{where}: nothing is left after removing site chrome")
    if title is None:  # no title anywhere: the first paragraph stands as one
        title, paragraphs = paragraphs[0], paragraphs[1:] or paragraphs
    text = "\n\n".join([title, *paragraphs])
    published, precision = parse_date_precision(meta.get("published"))
    extras = {
        key: str(value)
        for key, value in meta.items()
        if key not in ("title", "text", "published") and not blank(value)
    }
    if pd.isna(published) and not blank(meta.get("published")):
        extras["unparsed_date"] = str(meta["published"])
    return {
        **extras,
        "title": title,
        "text": text,
        "published": published,
        "date_precision": precision,
        "n_words": count_words(text),
        "dropped_duplicate_paragraphs": cleaned.dropped_duplicate_paragraphs,
        "dropped_boilerplate_lines": cleaned.dropped_boilerplate_lines,
    }


def split_front_matter(raw: str, where: str) -> tuple[dict[str, str], str]:
    """Split a ``---`` front matter of ``key: value`` lines from a text.

    Example:
        >>> split_front_matter("---\\ndate: 2010-04-08\\n---\\nNew START signed\\n", "a.txt")
        ({'date': '2010-04-08'}, 'New START signed\\n')
    """
    match = FRONT_MATTER_RE.match(raw)
    if not match:
        return {}, raw
    meta = {}
    for number, line in enumerate(match.group(1).splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pair = KEY_VALUE_RE.match(line)
        if not pair:
            raise ArticleError(f"{where}: line {number}: front matter line is not 'key: value'")
        meta[pair.group(1).lower()] = pair.group(2).strip("\"'")
    return meta, raw[match.end() :]


def _finished(record: Record, decoded: Decoded, name: str) -> Record:
    """Add the decoding, and a date from the file's name or folders when it has none."""
    finished = {**record, "encoding": decoded.encoding, "replaced_bytes": decoded.replaced_bytes}
    if pd.isna(finished["published"]) and "unparsed_date" not in finished:
        finished["published"], finished["date_precision"] = date_from_path(name)
    return finished


def _decoded(name: str, data: bytes, options: ReadOptions) -> Decoded:
    decoded = decode_bytes(data, name, options.encoding)
    if not decoded.text.strip():
        raise ArticleError(f"{name}: the file is empty")
    return decoded


# --- readers -------------------------------------------------------------------------


def read_text(name: str, data: bytes, options: ReadOptions) -> Parsed:
    """Read a text article, with optional front matter or ``key: value`` header lines.

    The title is the front matter's, else the first line when it looks
    like a headline, else one made from the file name.
    """
    decoded = _decoded(name, data, options)
    meta, body = split_front_matter(decoded.text.lstrip("\ufeff"), name)
    header, body = split_header_lines(body)
    fields = {**canonical_fields(header), **canonical_fields(meta)}
    record = article_record(
        body, fields, name, fallback_title=title_from_name(name), headline=options.headline
    )
    return [(None, _finished(record, decoded, name))]


def read_html(name: str, data: bytes, options: ReadOptions) -> Parsed:
    """Read a web page: main text and metadata extracted with trafilatura.

    The page's declared charset is used when the bytes are not UTF-8.
    """
    import trafilatura

    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:SNIFF_BYTES], re.I)
    encoding = options.encoding
    if encoding is None and declared is not None:
        candidate = declared.group(1).decode("ascii").lower()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                data.decode(candidate)
                encoding = candidate
            except (UnicodeDecodeError, LookupError):
                encoding = None
    decoded = _decoded(name, data, ReadOptions(encoding, options.columns, options.headline))
    found = trafilatura.bare_extraction(
        decoded.text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=HTML_DATE_OPTIONS,
    )
    document: dict[str, Any] = {}
    if found is not None:
        document = found if isinstance(found, dict) else found.as_dict()
    text = document.get("text") or ""
    if not text.strip():
        raise ArticleError(f"{name}: no main text found in the page")
    meta = {key: document.get(field) for key, field in HTML_FIELDS.items()}
    # Paragraphs come one per line; a blank line between keeps each one whole.
    body = "\n\n".join(text.splitlines())
    record = article_record(body, meta, name, fallback_title=title_from_name(name))
    return [(None, _finished(record, decoded, name))]


def _from_fields(
    fields: Mapping[str, object], where: str, name: str, options: ReadOptions
) -> Record:
    record = canonical_fields(fields, options.columns)
    text = text_value(record.get("text"), "text", where)
    if text is None:
        raise ArticleError(f"{where}: no article text (fields: {sorted(map(str, fields))})")
    record["text"] = text
    fallback = title_from_name(name)
    return article_record(text, record, where, fallback_title=fallback, headline=options.headline)


def _records(
    items: Iterable[tuple[str | None, object]], name: str, options: ReadOptions, decoded: Decoded
) -> Parsed:
    parsed: Parsed = []
    for label, item in items:
        where = f"{name}: {label}" if label else name
        try:
            if not isinstance(item, dict):
                raise ArticleError(f"{where}: expected an object, found {type(item).__name__}")
            record = _from_fields(item, where, name, options)
            parsed.append((label, _finished(record, decoded, name)))
        except ArticleError as error:
            parsed.append((label, error))
    return parsed


def _json_lines(text: str) -> Iterator[tuple[str, object]]:
    """``(label, object or ArticleError)`` for each non-blank line."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield f"line {number}", json.loads(line)
        except json.JSONDecodeError as error:
            yield (
                f"line {number}",
                ArticleError(
                    f"line {number}: not valid JSON ({error.msg} at column {error.colno})"
                ),
            )
        except RecursionError:
            yield f"line {number}", ArticleError(f"line {number}: JSON nested too deeply")


def _parse_json(text: str, name: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleError(
            f"{name}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno}); "
            "a file of one object per line should end in .jsonl"
        ) from error
    except RecursionError as error:
        raise ArticleError(f"{name}: JSON nested too deeply") from error


def _is_json_lines(text: str) -> bool:
    """Whether a text is JSON Lines: of its first lines (up to 20), most are whole objects.

    Example:
        >>> _is_json_lines('{"a": 1}\\n{"a": 2}\\n'), _is_json_lines('[{"a": 1},\\n{"a": 2}]')
        (True, False)
        >>> _is_json_lines('{"a": 1\\n{"a": 2}\\n{"a": 3}\\n')  # a broken first line
        True
    """
    lines = [line for line in text.splitlines() if line.strip()][:JSON_LINES_SAMPLE]
    if len(lines) < 2:
        return False
    objects = 0
    for line in lines:
        with contextlib.suppress(json.JSONDecodeError, RecursionError):
            objects += isinstance(json.loads(line), dict)
    return objects > len(lines) / 2


def _jsonl_records(text: str, name: str, options: ReadOptions, decoded: Decoded) -> Parsed:
    parsed: Parsed = []
    for label, item in _json_lines(text):
        if isinstance(item, ArticleError):
            parsed.append((label, ArticleError(f"{name}: {item}")))
        else:
            parsed += _records([(label, item)], name, options, decoded)
    return parsed


def _json_records(content: object, name: str, options: ReadOptions, decoded: Decoded) -> Parsed:
    if isinstance(content, dict):
        record = _from_fields(content, name, name, options)
        return [(None, _finished(record, decoded, name))]
    if not isinstance(content, list):
        raise ArticleError(f"{name}: expected a list of objects, found {type(content).__name__}")
    items = ((f"record {n}", item) for n, item in enumerate(content, 1))
    return _records(items, name, options, decoded)


def read_jsonl(name: str, data: bytes, options: ReadOptions) -> Parsed:
    """Read JSON Lines: one article object per line; a bad line is reported alone.

    A file that is one JSON document spread over lines (a list of objects) is
    read as JSON.
    """
    decoded = _decoded(name, data, options)
    text = decoded.text.lstrip("\ufeff")
    if not _is_json_lines(text):
        try:
            content = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            content = None
        if isinstance(content, list | dict):
            return _json_records(content, name, options, decoded)
    return _jsonl_records(text, name, options, decoded)


def read_json(name: str, data: bytes, options: ReadOptions) -> Parsed:
    """Read a JSON file: a list of article objects, or one object.

    A file that holds JSON Lines (one object per line, as many exports named
    ``.json`` do) is read as JSON Lines.
    """
    decoded = _decoded(name, data, options)
    text = decoded.text.lstrip("\ufeff")
    if _is_json_lines(text):
        return _jsonl_records(text, name, options, decoded)
    return _json_records(_parse_json(text, name), name, options, decoded)


CSV_DELIMITERS = (",", ";", "\t", "|")  # on a tie, the first


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """``(first line number, fields or the error)`` of each row, strictly parsed.

    A row the csv module cannot parse (an unclosed or stray quotation mark)
    is given as its error, and parsing starts again on the line after the
    row's first, so a bad quote never swallows the rows after it.
    """
    lines = text.splitlines(keepends=True)
    offset = 0
    while offset < len(lines):
        reader = csv.reader(iter(lines[offset:]), delimiter=delimiter, strict=True)
        start = 0
        try:
            for fields in reader:
                yield offset + start + 1, fields
                start = reader.line_num
            return
        except csv.Error as error:
            yield offset + start + 1, error
            offset += start + 1


def read_csv(name: str, data: bytes, options: ReadOptions) -> Parsed:
    """Read a CSV export with a header row: one article per row.

    The delimiter is the one of ``,``, ``;``, tab and ``|`` that the header
    line holds most often (a spreadsheet in a European locale writes ``;``).
    A row whose number of fields differs from the header's, or with a
    quotation mark that does not close where it should, is reported alone
    (with its row and line number); the other rows load. Blank lines are
    skipped and not counted.
    """
    decoded = _decoded(name, data, options)
    text = decoded.text.lstrip("\ufeff")
    header_line = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=header_line.count)
    rows = _csv_rows(text, delimiter)
    _, header = next(rows)
    if isinstance(header, csv.Error):
        raise ArticleError(f"{name}: the header row cannot be parsed as CSV ({header})")
    parsed: Parsed = []
    number = 0
    for line, fields in rows:
        if isinstance(fields, list) and not any(field.strip() for field in fields):
            continue
        number += 1
        label = f"row {number}"
        if isinstance(fields, csv.Error):
            message = (
                f"{name}: {label} (line {line}): cannot be parsed as CSV ({fields}); "
                "check its quotation marks"
            )
            parsed.append((label, ArticleError(message)))
            continue
        if len(fields) != len(header):
            message = f"{name}: {label}: {len(fields)} fields where the header has {len(header)}"
            parsed.append((label, ArticleError(message)))
            continue
        row = {key: value if value.strip() else None for key, value in zip(header, fields)}  # noqa: B905
        parsed += _records([(label, row)], name, options, decoded)
    return parsed


Reader = Callable[[str, bytes, ReadOptions], Parsed]
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".tsv": read_csv,
}
COMPRESSED_SUFFIXES = frozenset({".gz", ".zip"})
MAX_ZIP_DEPTH = 1


def sniff_reader(data: bytes) -> Reader | None:
    """Choose a reader by content: a web page, JSON, else text; None when binary.

    Example:
        >>> sniff_reader(b"<!DOCTYPE html><html>...").__name__
        'read_html'
        >>> sniff_reader(b'{"text": "..."}').__name__, sniff_reader(b"Talks resume").__name__
        ('read_json', 'read_text')
    """
    if binary_kind(data) is not None:
        return None
    head = data[:SNIFF_BYTES].lstrip(codecs.BOM_UTF8)
    if HTML_START_RE.match(head):
        return read_html
    if head.lstrip()[:1] in (b"{", b"["):
        return read_json
    return read_text


def _gunzip(name: str, data: bytes) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise ArticleError(f"{name}: not a valid gzip file ({error})") from error


def _read_zip(name: str, data: bytes, options: ReadOptions, depth: int) -> Parsed:
    """Each member of a ZIP archive, read by its own name; labels start with it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        raise ArticleError(f"{name}: not a valid ZIP archive ({error})") from error
    parsed: Parsed = []
    for info in members:
        member = info.filename
        if any(part.startswith(".") or part == "__MACOSX" for part in member.split("/")):
            continue
        try:
            inner = read_bytes(f"{name}/{member}", archive.read(info), options, depth + 1)
        except ArticleError as error:
            parsed.append((member, error))
            continue
        except (zipfile.BadZipFile, OSError, RuntimeError, zlib.error) as error:
            parsed.append((member, ArticleError(f"{name}/{member}: cannot be unpacked ({error})")))
            continue
        parsed += [(f"{member}: {label}" if label else member, item) for label, item in inner]
    return parsed


def read_bytes(
    name: str, data: bytes, options: ReadOptions | None = None, depth: int = 0
) -> Parsed:
    """Read a file's bytes by its name's suffix and its content.

    ``.gz`` is unpacked and read by the name without it; ``.zip`` members
    are read each by its own name. A known suffix picks the reader, except
    that content decides between JSON and JSON Lines; an unknown suffix (or
    none) is sniffed (:func:`sniff_reader`). Bytes that are not text are
    rejected, saying what they look like.

    Raises:
        ArticleError: The file is empty, binary, or bad as a whole (bad
            records inside it are returned, not raised).
    """
    options = options or ReadOptions()
    if not data.strip():  # any format: nothing (or only white space) to read
        raise ArticleError(f"{name}: the file is empty")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".gz" or (data.startswith(b"\x1f\x8b") and suffix not in READERS):
        inner_name = name[: -len(suffix)] if suffix == ".gz" else name
        return read_bytes(inner_name, _gunzip(name, data), options, depth)
    if suffix == ".zip" or (data.startswith(b"PK\x03\x04") and suffix not in READERS):
        if depth > MAX_ZIP_DEPTH:
            raise ArticleError(f"{name}: an archive inside an archive inside an archive")
        return _read_zip(name, data, options, depth)
    kind = binary_kind(data)
    if kind is not None:
        what = f"unsupported file type {suffix!r}: " if suffix not in READERS else ""
        raise ArticleError(
            f"{name}: {what}looks like {kind} (starts with {data[:8]!r}), not text; "
            "convert it to text (e.g. pdftotext for a PDF) and load that"
        )
    reader = READERS.get(suffix) or sniff_reader(data)
    if reader is None:  # pragma: no cover - binary_kind caught it
        raise ArticleError(f"{name}: unsupported file type {suffix!r}")
    return reader(name, data, options)


def read_file(path: Any, options: ReadOptions | None = None, *, name: str | None = None) -> Parsed:
    """Read one article file of any supported format (see :func:`read_bytes`).

    Args:
        path: The file.
        options: How to read it.
        name: The name used in messages and for dates and titles (the path
            relative to the loaded folder); the path by default.

    Raises:
        ArticleError: The file cannot be read, or is bad as a whole.
    """
    shown = name or str(path)
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise ArticleError(f"{shown}: cannot be read ({error.strerror or error})") from error
    return read_bytes(shown, data, options)
