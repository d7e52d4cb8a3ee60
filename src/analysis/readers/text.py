"""Text files: paragraphs, a headline when the first line looks like one.

Front matter and ``key: value`` header lines at the top are metadata.
"""

from __future__ import annotations

import re

from analysis.readers.dates import title_from_name
from analysis.readers.decoding import decode_file
from analysis.readers.fields import canonical_fields
from analysis.readers.options import ArticleError, Parsed, ReadOptions
from analysis.readers.records import article_record, finish_record

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


def read_text(name: str, data: bytes, options: ReadOptions) -> Parsed:
    """Read a text article, with optional front matter or ``key: value`` header lines.

    The title is the front matter's, else the first line when it looks
    like a headline, else one made from the file name.
    """
    decoded = decode_file(name, data, options)
    meta, body = split_front_matter(decoded.text.lstrip("\ufeff"), name)
    header, body = split_header_lines(body)
    fields = {**canonical_fields(header), **canonical_fields(meta)}
    record = article_record(
        body, fields, name, fallback_title=title_from_name(name), headline=options.headline
    )
    return [(None, finish_record(record, decoded, name))]
