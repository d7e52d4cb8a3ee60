"""CSV exports: one article per row, a bad row reported alone."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from analysis.readers.decoding import decode_file
from analysis.readers.options import ArticleError, Parsed, ReadOptions
from analysis.readers.records import records_from_items

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
    decoded = decode_file(name, data, options)
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
            message = (
                f"{name}: {label}: {len(fields)} field{'' if len(fields) == 1 else 's'} where "
                f"the header has {len(header)}; check the row's delimiters and quotation marks"
            )
            parsed.append((label, ArticleError(message)))
            continue
        row = {key: value if value.strip() else None for key, value in zip(header, fields)}  # noqa: B905
        parsed += records_from_items([(label, row)], name, options, decoded)
    return parsed
