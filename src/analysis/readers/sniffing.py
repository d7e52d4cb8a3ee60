"""Which reader a file needs, by its suffix and its content; compressed files unpacked."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import Any

from analysis.readers.csv import read_csv
from analysis.readers.decoding import EMPTY_FILE, SNIFF_BYTES, binary_kind
from analysis.readers.html import read_html
from analysis.readers.json import read_json, read_jsonl
from analysis.readers.options import ArticleError, Parsed, Reader, ReadOptions
from analysis.readers.text import read_text

HTML_START_RE = re.compile(rb"^\s*<(?:!doctype html|html|head|body|article|div|p|meta)\b", re.I)
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
        raise ArticleError(
            f"{name}: not a valid gzip file ({error}); it may be cut short: "
            "download or compress it again"
        ) from error


def _read_zip(name: str, data: bytes, options: ReadOptions, depth: int) -> Parsed:
    """Each member of a ZIP archive, read by its own name; labels start with it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        raise ArticleError(
            f"{name}: not a valid ZIP archive ({error}); it may be cut short: "
            "download or pack it again"
        ) from error
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
        raise ArticleError(f"{name}: {EMPTY_FILE}")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".gz" or (data.startswith(b"\x1f\x8b") and suffix not in READERS):
        inner_name = name[: -len(suffix)] if suffix == ".gz" else name
        return read_bytes(inner_name, _gunzip(name, data), options, depth)
    if suffix == ".zip" or (data.startswith(b"PK\x03\x04") and suffix not in READERS):
        if depth > MAX_ZIP_DEPTH:
            raise ArticleError(
                f"{name}: an archive inside an archive inside an archive; unpack it first"
            )
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
