"""Bytes to text: the encoding of a file, and whether its bytes are text at all.

UTF-8 (a few bad bytes are replaced and counted, not re-read in a legacy code
page), UTF-16 with or without a byte order mark, else the encoding
charset-normalizer detects. Bytes that are a PDF, an image, an archive or
other binary data are told apart from text by :func:`binary_kind`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from analysis.readers.options import ArticleError, ReadOptions

# Decoding: a file is UTF-8 with a few bad bytes when at least this many
# non-ASCII characters decode for each byte that does not (in text of a
# legacy code page, high bytes seldom form valid UTF-8 sequences).
VALID_PER_BAD_BYTE = 1
PREFERRED_LEGACY = ("cp1252", "cp1251")  # on a tie in charset-normalizer's chaos
UTF16_NUL_SHARE = 0.3
CONTROL_SHARE = 0.05  # control characters in text: more than this is binary
SNIFF_BYTES = 4096
EMPTY_FILE = "the file is empty (nothing but white space); remove it, or export it again"
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


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read with, and bytes replaced."""

    text: str
    encoding: str
    replaced_bytes: int


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


def decode_file(name: str, data: bytes, options: ReadOptions) -> Decoded:
    """Decode a whole file with the caller's options (see :func:`decode_bytes`).

    Raises:
        ArticleError: The text is empty or only white space, or cannot be decoded.
    """
    decoded = decode_bytes(data, name, options.encoding)
    if not decoded.text.strip():
        raise ArticleError(f"{name}: {EMPTY_FILE}")
    return decoded


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
