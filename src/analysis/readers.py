"""Read article files of each supported format into records.

One reader per format; each returns ``(label, record)`` pairs, where ``label``
names the record inside the file (``None`` for a one-article file, ``"line 3"``
in JSON Lines, ``"row 2"`` in CSV, ``"record 5"`` in JSON) and ``record`` is a
dict of the ``articles`` contract, or the :class:`ArticleError` that stopped it.
A bad record never stops the others in its file.

Formats:

* ``.txt``: the headline on the first line, then paragraphs (see
  :mod:`analysis.cleaning`). An optional front matter of ``key: value`` lines
  between two ``---`` lines at the top gives metadata (``title``, ``date``,
  ``source``, ``url``, ``id`` and any other key).
* ``.html`` / ``.htm``: main text, title, date and site name extracted with
  trafilatura, which drops navigation, footers and sidebars.
* ``.json`` (a list of objects, or one object), ``.jsonl`` (one object per
  line) and ``.csv`` (one article per row): field names are mapped by
  :data:`FIELD_ALIASES`, after the caller's own ``columns`` mapping.

Bytes are decoded as UTF-8 when they are valid UTF-8, else with the encoding
that charset-normalizer detects (cp1251, KOI8-R …), unless one is given.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
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
    "published": ("published", "date", "pubdate", "published_at", "date_publish", "datetime"),
    "source": ("source", "outlet", "publisher", "site", "sitename", "source_domain"),
    "url": ("url", "link", "permalink"),
}
# Our field: trafilatura's metadata field.
HTML_FIELDS = {"title": "title", "published": "date", "source": "sitename", "url": "url"}
FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n", re.S | re.M)
KEY_VALUE_RE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


class ArticleError(ValueError):
    """An article file or record cannot be loaded; the message names it."""


def decode(data: bytes, where: str, encoding: str | None = None) -> str:
    """Decode a file's bytes: with ``encoding`` if given, else UTF-8 or detected.

    Args:
        data: The bytes.
        where: The file name, for messages.
        encoding: A Python codec name; ``None`` to detect.

    Raises:
        ArticleError: The bytes are not valid in the given encoding, or no
            encoding can be detected.

    Example:
        >>> decode("Лавров".encode("cp1251") * 20, "a.txt")[:6]
        'Лавров'
    """
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            raise ArticleError(
                f"{where}: not valid {encoding} (byte 0x{data[error.start]:02x} at offset "
                f"{error.start}); pass the file's encoding, or None to detect it"
            ) from error
        except LookupError as error:
            raise ArticleError(f"{where}: unknown encoding {encoding!r}") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ArticleError(f"{where}: not UTF-8 and no encoding detected; pass encoding=")
    return str(best)


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


NUMERIC_DATE = re.compile(
    r"^(?P<first>\d{1,2})(?P<sep>[/.])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})$"
)


def _blank(value: object) -> bool:
    return (
        value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""
    )


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
    if _blank(value):
        return pd.NaT
    if not isinstance(value, datetime):
        text = str(value).strip()
        try:  # ISO dates, the common case, without pandas' slower format guessing
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            value = _numeric_date(text)
            if value is None:
                try:
                    value = pd.to_datetime(text, utc=True)
                except (ValueError, OverflowError):
                    return pd.NaT
    stamp = pd.Timestamp(value)
    return stamp.tz_convert(None) if stamp.tzinfo is not None else stamp


def article_record(body: str, meta: Mapping[str, object], where: str) -> Record:
    """Build one ``articles`` record from raw text and metadata.

    The body is cleaned with :func:`~analysis.cleaning.clean_text`. When
    ``meta`` has a ``title`` it is the headline (and a first paragraph that
    repeats it is dropped); otherwise the body's first paragraph is.

    Raises:
        ArticleError: Nothing is left after cleaning, or there is no body.
    """
    cleaned = clean_text(body)
    paragraphs = cleaned.paragraphs
    title = None if _blank(meta.get("title")) else " ".join(str(meta["title"]).split())
    if title is not None:
        if paragraphs and paragraphs[0].casefold() == title.casefold():
            paragraphs = paragraphs[1:]
        paragraphs = [title, *paragraphs]
    if not paragraphs:
        raise ArticleError(f"{where}: nothing is left after removing site chrome")
    if len(paragraphs) == 1:
        raise ArticleError(f"{where}: has a headline ({paragraphs[0]!r}) but no body")
    text = "\n\n".join(paragraphs)
    extras = {
        key: str(value)
        for key, value in meta.items()
        if key not in ("title", "text", "published") and not _blank(value)
    }
    return {
        **extras,
        "title": paragraphs[0],
        "text": text,
        "published": parse_date(meta.get("published")),
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


def _date_from_name(name: str) -> pd.Timestamp:
    match = re.match(r"(\d{4}-\d{2}-\d{2})", name)
    return parse_date(match.group(1)) if match else pd.NaT


def read_text(path: Path, data: bytes, *, encoding: str | None = None, **_: object) -> Parsed:
    """Read a text article, with optional front matter.

    ``published`` comes from the front matter, else from a leading
    ``YYYY-MM-DD`` in the file name.
    """
    raw = decode(data, str(path), encoding)
    meta, body = split_front_matter(raw, str(path))
    fields = canonical_fields(meta)
    fields.setdefault("published", _date_from_name(path.name))
    return [(None, article_record(body, fields, str(path)))]


def read_html(path: Path, data: bytes, *, encoding: str | None = None, **_: object) -> Parsed:
    """Read a web page: main text and metadata extracted with trafilatura."""
    import trafilatura

    page = decode(data, str(path), encoding)
    found = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False
    )
    document: dict[str, Any] = {}
    if found is not None:
        document = found if isinstance(found, dict) else found.as_dict()
    text = document.get("text") or ""
    if not text.strip():
        raise ArticleError(f"{path}: no main text found in the page")
    meta = {key: document.get(name) for key, name in HTML_FIELDS.items()}
    # Paragraphs come one per line; a blank line between keeps each one whole.
    body = "\n\n".join(text.splitlines())
    return [(None, article_record(body, meta, str(path)))]


def _from_fields(
    fields: Mapping[str, object], where: str, columns: Mapping[str, str] | None
) -> Record:
    record = canonical_fields(fields, columns)
    if _blank(record.get("text")):
        raise ArticleError(f"{where}: no article text (fields: {sorted(map(str, fields))})")
    return article_record(str(record["text"]), record, where)


def _records(
    items: list[tuple[str, object]], path: Path, columns: Mapping[str, str] | None
) -> Parsed:
    parsed: Parsed = []
    for label, item in items:
        where = f"{path}: {label}"
        try:
            if not isinstance(item, dict):
                raise ArticleError(f"{where}: expected an object, found {type(item).__name__}")
            parsed.append((label, _from_fields(item, where, columns)))
        except ArticleError as error:
            parsed.append((label, error))
    return parsed


def read_jsonl(
    path: Path,
    data: bytes,
    *,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Parsed:
    """Read JSON Lines: one article object per line; a bad line is reported alone."""
    parsed: Parsed = []
    for number, line in enumerate(decode(data, str(path), encoding).splitlines(), start=1):
        if not line.strip():
            continue
        label = f"line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            message = f"{path}: {label}: not valid JSON ({error.msg} at column {error.colno})"
            parsed.append((label, ArticleError(message)))
            continue
        parsed += _records([(label, item)], path, columns)
    return parsed


def read_json(
    path: Path,
    data: bytes,
    *,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Parsed:
    """Read a JSON file: a list of article objects, or one object."""
    try:
        content = json.loads(decode(data, str(path), encoding))
    except json.JSONDecodeError as error:
        raise ArticleError(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from error
    if isinstance(content, dict):
        return [(None, _from_fields(content, str(path), columns))]
    if not isinstance(content, list):
        raise ArticleError(f"{path}: expected a list of objects, found {type(content).__name__}")
    return _records([(f"record {n}", item) for n, item in enumerate(content, 1)], path, columns)


CSV_DELIMITERS = (",", ";", "\t", "|")  # on a tie, the first


def read_csv(
    path: Path,
    data: bytes,
    *,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Parsed:
    """Read a CSV export with a header row: one article per row.

    The delimiter is the one of ``,``, ``;``, tab and ``|`` that the header
    line holds most often (a spreadsheet in a European locale writes ``;``).
    A row whose number of fields differs from the header's is reported
    alone; the other rows load. Blank lines are skipped and not counted.
    """
    text = decode(data, str(path), encoding).lstrip("\ufeff")
    header_line = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    parsed: Parsed = []
    try:
        header = next(reader, [])
        rows = [fields for fields in reader if any(field.strip() for field in fields)]
    except csv.Error as error:
        raise ArticleError(
            f"{path}: cannot be parsed as CSV (line {reader.line_num}: {error})"
        ) from error
    for number, fields in enumerate(rows, 1):
        label = f"row {number}"
        if len(fields) != len(header):
            message = f"{path}: {label}: {len(fields)} fields where the header has {len(header)}"
            parsed.append((label, ArticleError(message)))
            continue
        row = {
            name: value if value.strip() else None
            for name, value in zip(header, fields, strict=True)
        }
        parsed += _records([(label, row)], path, columns)
    return parsed


Reader = Callable[..., Parsed]
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}


def read_file(
    path: Path, *, encoding: str | None = None, columns: Mapping[str, str] | None = None
) -> Parsed:
    """Read one article file of any supported format.

    Raises:
        ArticleError: The file cannot be read, has an unsupported suffix, or
            is bad as a whole (bad records inside it are returned, not raised).
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ArticleError(f"{path}: unsupported file type {path.suffix!r}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror})") from error
    if not data.strip():  # any format: nothing (or only white space) to read
        raise ArticleError(f"{path}: the file is empty")
    return reader(path, data, encoding=encoding, columns=columns)
