"""JSON (a list of objects, or one object) and JSON Lines, told apart by content."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

from analysis.readers.decoding import Decoded, decode_file
from analysis.readers.options import ArticleError, Parsed, ReadOptions
from analysis.readers.records import finish_record, record_from_fields, records_from_items

TOO_DEEP = "JSON nested too deeply to read; an export holds flat article objects"
JSON_LINES_SAMPLE = 20  # lines looked at to tell JSON Lines from JSON


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
            yield f"line {number}", ArticleError(f"line {number}: {TOO_DEEP}")


def _parse_json(text: str, name: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleError(
            f"{name}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno}); "
            "a file of one object per line should end in .jsonl"
        ) from error
    except RecursionError as error:
        raise ArticleError(f"{name}: {TOO_DEEP}") from error


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
            parsed += records_from_items([(label, item)], name, options, decoded)
    return parsed


def _json_records(content: object, name: str, options: ReadOptions, decoded: Decoded) -> Parsed:
    if isinstance(content, dict):
        record = record_from_fields(content, name, name, options)
        return [(None, finish_record(record, decoded, name))]
    if not isinstance(content, list):
        raise ArticleError(
            f"{name}: expected a list of objects, found {type(content).__name__}; "
            "a JSON file holds one article object or a list of them"
        )
    items = ((f"record {n}", item) for n, item in enumerate(content, 1))
    return records_from_items(items, name, options, decoded)


def read_jsonl(name: str, data: bytes, options: ReadOptions) -> Parsed:
    """Read JSON Lines: one article object per line; a bad line is reported alone.

    A file that is one JSON document spread over lines (a list of objects) is
    read as JSON.
    """
    decoded = decode_file(name, data, options)
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
    decoded = decode_file(name, data, options)
    text = decoded.text.lstrip("\ufeff")
    if _is_json_lines(text):
        return _jsonl_records(text, name, options, decoded)
    return _json_records(_parse_json(text, name), name, options, decoded)
