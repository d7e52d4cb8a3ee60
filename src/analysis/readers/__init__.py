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

One module per format, every public name re-exported here:

- :mod:`~analysis.readers.text`: text files, front matter and header lines;
- :mod:`~analysis.readers.html`: web pages;
- :mod:`~analysis.readers.json`: JSON and JSON Lines;
- :mod:`~analysis.readers.csv`: CSV exports;
- :mod:`~analysis.readers.sniffing`: the reader a file needs, compressed files;
- :mod:`~analysis.readers.decoding`: bytes to text, binary files told apart;
- :mod:`~analysis.readers.fields`, :mod:`~analysis.readers.dates` and
  :mod:`~analysis.readers.records`: field names, dates and titles, and the
  record every format builds;
- :mod:`~analysis.readers.options`: the read options and :class:`ArticleError`.
"""

from analysis.readers.csv import (
    CSV_DELIMITERS,
    read_csv,
)
from analysis.readers.dates import (
    DATE_RANGE,
    EPOCH_MILLISECONDS,
    EPOCH_SECONDS,
    MONTH_NAME_YEAR_RE,
    NUMERIC_DATE,
    PATH_DATE_PATTERNS,
    YEAR_MONTH_RE,
    YEAR_RANGE,
    date_from_path,
    parse_date,
    parse_date_precision,
    title_from_name,
)
from analysis.readers.decoding import (
    CONTROL_SHARE,
    MAGIC,
    PREFERRED_LEGACY,
    SNIFF_BYTES,
    UTF16_NUL_SHARE,
    VALID_PER_BAD_BYTE,
    Decoded,
    binary_kind,
    decode,
    decode_bytes,
    decode_file,
)
from analysis.readers.fields import (
    FIELD_ALIASES,
    blank,
    canonical_fields,
    field_names,
    text_value,
)
from analysis.readers.html import (
    HTML_DATE_OPTIONS,
    HTML_FIELDS,
    read_html,
)
from analysis.readers.json import (
    JSON_LINES_SAMPLE,
    read_json,
    read_jsonl,
)
from analysis.readers.options import (
    ArticleError,
    Parsed,
    Reader,
    ReadOptions,
    Record,
)
from analysis.readers.records import (
    article_record,
    finish_record,
    record_from_fields,
    records_from_items,
)
from analysis.readers.sniffing import (
    COMPRESSED_SUFFIXES,
    HTML_START_RE,
    MAX_ZIP_DEPTH,
    READERS,
    read_bytes,
    read_file,
    sniff_reader,
)
from analysis.readers.text import (
    FRONT_MATTER_RE,
    HEADER_KEYS,
    HEADER_LINE_RE,
    KEY_VALUE_RE,
    read_text,
    split_front_matter,
    split_header_lines,
)

__all__ = [
    "ArticleError",
    "COMPRESSED_SUFFIXES",
    "CONTROL_SHARE",
    "CSV_DELIMITERS",
    "DATE_RANGE",
    "Decoded",
    "EPOCH_MILLISECONDS",
    "EPOCH_SECONDS",
    "FIELD_ALIASES",
    "FRONT_MATTER_RE",
    "HEADER_KEYS",
    "HEADER_LINE_RE",
    "HTML_DATE_OPTIONS",
    "HTML_FIELDS",
    "HTML_START_RE",
    "JSON_LINES_SAMPLE",
    "KEY_VALUE_RE",
    "MAGIC",
    "MAX_ZIP_DEPTH",
    "MONTH_NAME_YEAR_RE",
    "NUMERIC_DATE",
    "PATH_DATE_PATTERNS",
    "PREFERRED_LEGACY",
    "Parsed",
    "READERS",
    "ReadOptions",
    "Reader",
    "Record",
    "SNIFF_BYTES",
    "UTF16_NUL_SHARE",
    "VALID_PER_BAD_BYTE",
    "YEAR_MONTH_RE",
    "YEAR_RANGE",
    "article_record",
    "binary_kind",
    "blank",
    "canonical_fields",
    "date_from_path",
    "decode",
    "decode_bytes",
    "decode_file",
    "field_names",
    "finish_record",
    "parse_date",
    "parse_date_precision",
    "read_bytes",
    "read_csv",
    "read_file",
    "read_html",
    "read_json",
    "read_jsonl",
    "read_text",
    "record_from_fields",
    "records_from_items",
    "sniff_reader",
    "split_front_matter",
    "split_header_lines",
    "text_value",
    "title_from_name",
]
