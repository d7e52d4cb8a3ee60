"""Load article files into the ``articles`` frame.

A text article has its headline on the first line, then paragraphs: one per
line, or blocks separated by blank lines (a block's lines are joined). The
loader strips site chrome by its *shape*, not by one site's strings:

* separator lines with no letters or digits (``- |``, ``-``, ``***``);
* copyright, licence-number and hotline lines (``© 1999- …``,
  ``Tip-off hotline: 52920043``, ``沪ICP证:沪ICP备05050403号-1``);
* inline menus (``Home | World | Business``) and common site-menu entries
  (``About Us``, ``Terms of Use``, ``Privacy Policy``, ``Contact Us``, ``RSS``);
* short lines that stand in a run of such lines (a navigation list).

Paragraphs printed more than once (scraped pages often repeat the body) are
kept once. Both removals are counted per article.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import pandas as pd

from analysis.config import EVENTS_PATH
from analysis.schema import ARTICLES, REJECTS, empty_frame

logger = logging.getLogger(__name__)

StrPath = str | PathLike[str]

ARTICLE_SUFFIXES = frozenset({".txt"})
MANIFEST_NAME = "manifest.csv"
# Files that sit beside articles but are not articles.
NOT_ARTICLES = re.compile(r"^(manifest\.csv|readme(\..*)?|licen[cs]e(\..*)?|\..*)$", re.I)

WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
SENTENCE_END = tuple('.!?:;"”’)')
# A repeated paragraph this long is a duplicate wherever it stands; a shorter
# one only next to a long duplicate (so "Thank you." in a transcript stays).
MIN_WORDS_DUPLICATE = 8
MIN_NAV_RUN = 3
MAX_SHORT_LINE_WORDS = 5

COPYRIGHT_RE = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.I)
# "label: value" where the value is a number or registration code.
CODE_LINE_RE = re.compile(r"^[^:：]{1,40}[:：]\s*[\w./#()+-]*\d{4,}[\w./#()+-]*$")
CONTACT_RE = re.compile(r"\b(hotline|call cent(er|re)|tel|phone|fax)\b.*\d{4,}", re.I)
MENU_ENTRIES = frozenset(
    {
        "about us", "terms of use", "terms of service", "terms and conditions",
        "privacy policy", "privacy", "cookie policy", "contact us", "contact", "rss",
        "sitemap", "site map", "advertise", "advertise with us", "subscribe",
        "newsletter", "home", "back to top", "share", "print", "email", "follow us",
        "careers", "faq", "help", "login", "log in", "sign in", "register",
    }
)  # fmt: skip
BULLET_RE = re.compile(r"^[-–—•*·>|]+\s*")


class ArticleError(ValueError):
    """An article file or record cannot be loaded; the message names it."""


@dataclass(frozen=True)
class CleanText:
    """Paragraphs left after cleaning, with what was removed."""

    paragraphs: list[str]
    dropped_boilerplate_lines: int
    dropped_duplicate_paragraphs: int


def count_words(text: str) -> int:
    """Count words (runs of letters or digits, with inner apostrophes).

    Example:
        >>> count_words("Russia hasn't let go of the fear.")
        7
    """
    return len(WORD_RE.findall(text))


def _normalise(line: str) -> str:
    return " ".join(line.split())


def _is_separator(line: str) -> bool:
    return not any(ch.isalnum() for ch in line)


def _is_chrome(line: str) -> bool:
    bare = BULLET_RE.sub("", line).strip()
    return bool(
        COPYRIGHT_RE.search(bare)
        or CODE_LINE_RE.match(bare)
        or CONTACT_RE.search(bare)
        or bare.casefold() in MENU_ENTRIES
        or line.count("|") >= 2
    )


def _is_short(line: str) -> bool:
    return count_words(line) <= MAX_SHORT_LINE_WORDS and not line.endswith(SENTENCE_END)


def _boilerplate_mask(lines: Sequence[str]) -> list[bool]:
    """Mark the non-empty lines that are site chrome.

    Separator and chrome lines always go; a short line goes when it stands in a
    run of at least ``MIN_NAV_RUN`` non-text lines that has a separator or chrome
    line in it (a navigation list), so a lone subheading stays.
    """
    kinds = [
        "sep" if _is_separator(line) else "chrome" if _is_chrome(line)
        else "short" if _is_short(line) else "text"
        for line in lines
    ]  # fmt: skip
    drop = [kind in ("sep", "chrome") for kind in kinds]
    run: list[int] = []
    for index, kind in enumerate([*kinds, "text"]):
        if kind != "text":
            run.append(index)
            continue
        if len(run) >= MIN_NAV_RUN and any(kinds[i] != "short" for i in run):
            for i in run:
                drop[i] = True
        run = []
    return drop


def _join_blocks(lines: Sequence[str], block_ids: Sequence[int], blocky: bool) -> list[str]:
    """Join kept lines into paragraphs.

    In a file with blank-line blocks a block is a paragraph; otherwise each line
    is one, except a line starting in lower case, which continues the last.
    """
    paragraphs: list[str] = []
    last_block = None
    for line, block in zip(lines, block_ids, strict=True):
        continues = block == last_block if blocky else line[:1].islower()
        if paragraphs and continues:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        last_block = block
    return paragraphs


def _drop_duplicates(paragraphs: Sequence[str]) -> list[bool]:
    """Mark paragraphs that repeat an earlier one (compared case- and space-blind)."""
    seen: set[str] = set()
    repeated = []
    for paragraph in paragraphs:
        key = paragraph.casefold()
        repeated.append(key in seen)
        seen.add(key)
    long_repeat = [
        rep and count_words(p) >= MIN_WORDS_DUPLICATE
        for rep, p in zip(repeated, paragraphs, strict=True)
    ]
    padded = [False, *long_repeat, False]
    return [
        long_repeat[i] or (repeated[i] and (padded[i] or padded[i + 2]))
        for i in range(len(paragraphs))
    ]


def clean_text(raw: str) -> CleanText:
    """Split raw article text into paragraphs, without site chrome or repeats.

    The first paragraph returned is the headline.

    Args:
        raw: The file's text.

    Returns:
        The paragraphs and the counts of removed lines and paragraphs.

    Example:
        >>> body = "The two presidents met for ninety minutes in Deauville."
        >>> raw = f"Talks stall\\n{body}\\n{body}\\n- About Us\\n- |\\n- Contact Us\\n"
        >>> cleaned = clean_text(raw)
        >>> cleaned.paragraphs
        ['Talks stall', 'The two presidents met for ninety minutes in Deauville.']
        >>> cleaned.dropped_boilerplate_lines, cleaned.dropped_duplicate_paragraphs
        (3, 1)
    """
    lines, block_ids = [], []
    block = 0
    for raw_line in raw.splitlines():
        line = _normalise(raw_line)
        if not line:
            block += 1
            continue
        lines.append(line)
        block_ids.append(block)
    blocky = len(set(block_ids)) > 1
    drop = _boilerplate_mask(lines)
    kept = [(line, b) for line, b, d in zip(lines, block_ids, drop, strict=True) if not d]
    paragraphs = _join_blocks([k[0] for k in kept], [k[1] for k in kept], blocky)
    duplicate = _drop_duplicates(paragraphs)
    return CleanText(
        paragraphs=[p for p, d in zip(paragraphs, duplicate, strict=True) if not d],
        dropped_boilerplate_lines=sum(drop),
        dropped_duplicate_paragraphs=sum(duplicate),
    )


def _decode(data: bytes, path: StrPath, encoding: str) -> str:
    try:
        return data.decode(
            "utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8" else encoding
        )
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{path}: not valid {encoding} (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}); pass encoding= with the file's encoding"
        ) from error


def _date_from_name(name: str) -> pd.Timestamp:
    match = re.match(r"(\d{4}-\d{2}-\d{2})", name)
    return pd.to_datetime(match.group(1), errors="coerce") if match else pd.NaT


def read_text_article(path: StrPath, *, encoding: str = "utf-8") -> dict[str, object]:
    """Read one text article into a record of the ``articles`` contract.

    ``article_id`` and ``path`` are left to the caller, which knows the corpus root.

    Args:
        path: A UTF-8 text file: headline on the first line, then paragraphs.
        encoding: The file's encoding.

    Returns:
        A dict with ``title``, ``text``, ``published`` (from a leading
        ``YYYY-MM-DD`` in the file name, else NaT), ``n_words`` and the
        dropped-line counts.

    Raises:
        ArticleError: The file is empty, not decodable, or has no body.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ArticleError(f"{file}: cannot be read ({error.strerror})") from error
    raw = _decode(data, file, encoding)
    if not raw.strip():
        raise ArticleError(f"{file}: the file is empty")
    cleaned = clean_text(raw)
    if not cleaned.paragraphs:
        raise ArticleError(f"{file}: nothing is left after removing site chrome")
    if len(cleaned.paragraphs) == 1:
        raise ArticleError(f"{file}: has a headline ({cleaned.paragraphs[0]!r}) but no body")
    text = "\n\n".join(cleaned.paragraphs)
    return {
        "title": cleaned.paragraphs[0],
        "text": text,
        "published": _date_from_name(file.name),
        "source": pd.NA,
        "url": pd.NA,
        "n_words": count_words(text),
        "dropped_duplicate_paragraphs": cleaned.dropped_duplicate_paragraphs,
        "dropped_boilerplate_lines": cleaned.dropped_boilerplate_lines,
    }


def read_manifest(path: StrPath) -> pd.DataFrame:
    """Read a ``manifest.csv`` giving metadata per file.

    Columns: ``file`` (path relative to the manifest's folder, required), and
    any of ``id``, ``date`` (or ``published``), ``source``, ``title``, ``url``;
    further columns (``license``, ``kind`` …) are carried into ``articles``.

    Raises:
        ArticleError: The manifest has no ``file`` column or cannot be parsed.
    """
    try:
        manifest = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise ArticleError(f"{path}: cannot be parsed as CSV ({error})") from error
    if "file" not in manifest.columns:
        raise ArticleError(f"{path}: has no 'file' column; it has {list(manifest.columns)}")
    manifest = manifest.rename(columns={"id": "article_id", "date": "published"})
    manifest["file"] = manifest["file"].str.replace("\\", "/", regex=False)
    return manifest.drop_duplicates("file", keep="last").set_index("file")


def _files_under(root: Path) -> tuple[list[Path], list[dict[str, object]]]:
    """List article files below a folder; note the other files as rejects."""
    files, rejects = [], []
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = file.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or NOT_ARTICLES.match(file.name):
            continue
        if file.suffix.lower() in ARTICLE_SUFFIXES:
            files.append(file)
        else:
            rejects.append(_reject(relative.as_posix(), f"unsupported file type {file.suffix!r}"))
    return files, rejects


def _reject(path: str, reason: str, record: str | None = None) -> dict[str, object]:
    return {"path": path, "record": record, "reason": reason}


def _apply_manifest(record: dict[str, object], entry: pd.Series) -> dict[str, object]:
    merged = dict(record)
    for column, value in entry.items():
        if pd.isna(value):
            continue
        merged[column] = pd.to_datetime(value, errors="coerce") if column == "published" else value
    return merged


def _load_root(
    root: Path, *, errors: str, encoding: str
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Load one file or folder; return records and rejects."""
    if root.is_dir():
        folder = root
        files, rejects = _files_under(root)
    elif root.is_file():
        folder, files, rejects = root.parent, [root], []
    else:
        raise ArticleError(f"{root}: no such file or folder")
    manifest_path = folder / MANIFEST_NAME
    manifest = read_manifest(manifest_path) if manifest_path.is_file() else None
    records = []
    for file in files:
        relative = file.relative_to(folder).as_posix()
        try:
            record = read_text_article(file, encoding=encoding)
        except ArticleError as error:
            if errors == "raise":
                raise
            rejects.append(_reject(relative, str(error)))
            continue
        record = {"article_id": relative.rsplit(".", 1)[0], "path": relative, **record}
        if manifest is not None and relative in manifest.index:
            record = _apply_manifest(record, manifest.loc[relative])
        records.append(record)
    if manifest is not None and root.is_dir():
        offered = {f.relative_to(folder).as_posix() for f in files}
        for listed in manifest.index.difference(sorted(offered)):
            rejects.append(_reject(listed, f"listed in {MANIFEST_NAME} but no such file"))
    return records, rejects


def _as_articles(records: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records) if records else empty_frame(ARTICLES)
    for column, (dtype, _) in ARTICLES.items():
        if column not in frame.columns:
            frame[column] = pd.NA
        if dtype.startswith("datetime"):
            frame[column] = pd.to_datetime(frame[column], errors="coerce").astype(dtype)
        else:
            frame[column] = frame[column].astype(dtype)
    extras = [c for c in frame.columns if c not in ARTICLES]
    frame[extras] = frame[extras].astype("string")
    return frame[[*ARTICLES, *extras]].reset_index(drop=True)


def load_articles(
    paths: StrPath | Iterable[StrPath],
    *,
    errors: str = "report",
    encoding: str = "utf-8",
) -> pd.DataFrame:
    """Load articles from a file, a folder (recursively) or a list of them.

    A ``manifest.csv`` in the folder (see :func:`read_manifest`) adds and
    overrides metadata. Every file offered is either loaded or listed in
    ``frame.attrs["rejects"]`` and logged as a warning; :func:`rejects` returns
    them as a frame (columns ``path``, ``record``, ``reason``).

    Args:
        paths: A file, a folder, or several.
        errors: ``"report"`` (default) to list bad files and go on; ``"raise"``
            to stop at the first with :class:`ArticleError`.
        encoding: Encoding of the text files.

    Returns:
        The ``articles`` frame (see :mod:`analysis.schema`).

    Raises:
        ArticleError: A path does not exist, a manifest is malformed, or (with
            ``errors="raise"``) a file cannot be loaded.

    Example:
        >>> from analysis.config import RAW_DIR, SEED_ARTICLE_ID
        >>> articles = load_articles(RAW_DIR / f"{SEED_ARTICLE_ID}.txt")
        >>> articles.loc[0, "title"], int(articles.loc[0, "dropped_duplicate_paragraphs"])
        ('US, Russia G8 missile talks hit stone wall', 12)
    """
    if errors not in ("report", "raise"):
        raise ValueError(f"errors must be 'report' or 'raise', not {errors!r}")
    roots = [paths] if isinstance(paths, str | PathLike) else list(paths)
    records: list[dict[str, object]] = []
    rejects: list[dict[str, object]] = []
    for root in roots:
        root_records, root_rejects = _load_root(Path(root), errors=errors, encoding=encoding)
        records += root_records
        rejects += root_rejects
    articles = _as_articles(records)
    duplicated_ids = articles["article_id"][articles["article_id"].duplicated()]
    if not duplicated_ids.empty:
        raise ArticleError(f"article_id is not unique: {sorted(set(duplicated_ids))}")
    for reject in rejects:
        logger.warning("not loaded: %s: %s", reject["path"], reject["reason"])
    # Plain records, not a DataFrame: pandas compares attrs with == in concat.
    articles.attrs["rejects"] = tuple(rejects)
    return articles


def rejects(articles: pd.DataFrame) -> pd.DataFrame:
    """Return what :func:`load_articles` could not load, with the reasons.

    Args:
        articles: A frame returned by :func:`load_articles`.

    Returns:
        A frame with ``path``, ``record`` (NA for a whole file) and ``reason``;
        empty when everything loaded.

    Example:
        >>> from analysis.config import RAW_DIR
        >>> rejects(load_articles(RAW_DIR)).empty
        True
    """
    records = articles.attrs.get("rejects", ())
    frame = pd.DataFrame.from_records(list(records)) if records else empty_frame(REJECTS)
    return frame.reindex(columns=list(REJECTS)).astype("string")


def read_events(path: StrPath | None = None) -> pd.DataFrame:
    """Read dated events for chart annotations: ``date``, ``event``, ``kind``.

    Args:
        path: A CSV with those columns; the shipped ``data/events.csv`` by default.

    Example:
        >>> events = read_events()
        >>> events.loc[events["event"].str.contains("New START signed"), "date"].dt.year.item()
        2010
    """
    file = Path(path) if path is not None else EVENTS_PATH
    events = pd.read_csv(file, dtype="string")
    missing = {"date", "event"} - set(events.columns)
    if missing:
        raise ArticleError(f"{file}: missing column(s) {sorted(missing)}")
    dates = pd.to_datetime(events["date"], errors="coerce")
    if dates.isna().any():
        line = int(dates.isna().to_numpy().argmax()) + 2
        raise ArticleError(
            f"{file}: line {line}: date {events['date'].iloc[line - 2]!r} is not a date"
        )
    return events.assign(date=dates)
