"""Web pages: main text, title, date and site name extracted with trafilatura."""

from __future__ import annotations

import re
from typing import Any

from analysis.readers.dates import title_from_name
from analysis.readers.decoding import SNIFF_BYTES, decode_file
from analysis.readers.options import ArticleError, Parsed, ReadOptions
from analysis.readers.records import article_record, finish_record

# Our field: trafilatura's metadata field.
HTML_FIELDS = {"title": "title", "published": "date", "source": "sitename", "url": "url"}
# htmldate, through trafilatura: only dates the page states, never a year
# guessed from today's date for a day and month found in the text.
HTML_DATE_OPTIONS = {"extensive_search": False, "original_date": True}


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
    decoded = decode_file(name, data, ReadOptions(encoding, options.columns, options.headline))
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
        raise ArticleError(
            f"{name}: no main text found in the page (an index or navigation page, or one "
            "that needs JavaScript?); save the article's own page"
        )
    meta = {key: document.get(field) for key, field in HTML_FIELDS.items()}
    # Paragraphs come one per line; a blank line between keeps each one whole.
    body = "\n\n".join(text.splitlines())
    record = article_record(body, meta, name, fallback_title=title_from_name(name))
    return [(None, finish_record(record, decoded, name))]
