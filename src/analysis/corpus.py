"""Load article files of several formats into the ``articles`` frame.

:func:`load_articles` takes files, folders (searched recursively) or a list of
them, reads each supported format (see :mod:`analysis.readers`), cleans the
text (see :mod:`analysis.cleaning`), merges a ``manifest.csv`` and flags
near-duplicate articles. Whatever cannot be loaded is listed, with the reason,
in :func:`rejects`.
"""

from __future__ import annotations

import errno
import functools
import heapq
import itertools
import json
import logging
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from os import PathLike
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from analysis.cleaning import WORD_RE, count_words
from analysis.config import EVENTS_PATH
from analysis.readers import (
    ArticleError,
    ReadOptions,
    blank,
    canonical_fields,
    field_names,
    parse_date_precision,
    read_file,
)
from analysis.schema import ARTICLES, REJECTS, empty_frame

logger = logging.getLogger(__name__)

StrPath = str | PathLike[str]

MANIFEST_NAME = "manifest.csv"
RECORD_LABEL_RE = re.compile(r"(?:line|row|record) (\d+)$")
# Language detection reads this much of a text, and needs this many words.
LANGUAGE_SAMPLE_CHARS = 5000
MIN_LANGUAGE_CHARS = 20
MIN_LANGUAGE_PROBABILITY = 0.5
# Nigerian Pidgin is English-lexified: on English news it is the detector's
# commonest confusion (1 page in 6,906 kremlin.ru pages); 'zxx' is no language.
NOT_DETECTED = frozenset({"pcm", "zxx"})
# The command line passes its load options to the notebooks it runs here.
LOAD_OPTIONS_VARIABLE = "ANALYSIS_LOAD_OPTIONS"
# Files that sit beside articles but are not articles.
NOT_ARTICLES = re.compile(r"^(manifest\.csv|readme(\..*)?|licen[cs]e(\..*)?|\..*)$", re.I)
# Near duplicates: Jaccard similarity of word shingles, estimated with MinHash.
SHINGLE_WORDS = 5
DUPLICATE_THRESHOLD = 0.8
MINHASH_PERMUTATIONS = 128
# Odd 64-bit multipliers that hash a band's rows of a signature into one key.
BAND_MULTIPLIERS = np.random.default_rng(20140318).integers(1, 2**63, 64, dtype="uint64") | 1
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 200
FILES_PER_TASK = 32


def read_manifest(path: StrPath) -> pd.DataFrame:
    """Read a ``manifest.csv`` giving metadata per file (or per record of a file).

    Columns: ``file`` (path relative to the manifest's folder, or a file
    name, required), an optional ``record`` (``line 3``, ``row 2``,
    ``record 5``, or just the number: the row applies to that record of a
    multi-record file only), and any of ``id``, ``date`` (or ``published``),
    ``source``, ``title``, ``url`` (or their aliases in
    :data:`analysis.readers.FIELD_ALIASES`); further columns (``license``,
    ``kind`` …) are carried into ``articles``. A manifest entry overrides
    what the file itself says; a row without ``record`` applies to every
    record of its file.

    Raises:
        ArticleError: The manifest has no ``file`` column or cannot be parsed.
    """
    try:
        manifest = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError, OSError) as error:
        raise ArticleError(f"{path}: cannot be parsed as CSV ({error})") from error
    if "file" not in manifest.columns:
        raise ArticleError(f"{path}: has no 'file' column; it has {list(manifest.columns)}")
    manifest = manifest.rename(columns=field_names(manifest.columns))
    manifest["file"] = manifest["file"].str.replace("\\", "/", regex=False)
    if "record" not in manifest.columns:
        manifest["record"] = pd.NA
    manifest["record"] = manifest["record"].str.strip().str.split().str[-1]
    return manifest.drop_duplicates(["file", "record"], keep="last").set_index("file")


def _reject(path: str, reason: str, record: str | None = None) -> dict[str, object]:
    return {"path": path, "record": record, "reason": reason}


def _walk(root: Path) -> tuple[list[tuple[Path, str]], list[dict[str, object]]]:
    """List the files below a folder, following symbolic links, with rejects.

    A folder that cannot be listed, a broken link, a link loop (or a second
    link to a folder already listed), and anything that is not a regular file
    are each a reject with the reason. Hidden files and folders, and the
    files that sit beside articles (``manifest.csv``, README, LICENSE), are
    left out.
    """
    files: list[tuple[Path, str]] = []
    rejects: list[dict[str, object]] = []
    seen: dict[tuple[int, int], str] = {}

    def visit(folder: Path, relative: str) -> None:
        try:
            status = folder.stat()
            seen[(status.st_dev, status.st_ino)] = relative or "."
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            rejects.append(_reject(relative or ".", f"folder cannot be listed ({error.strerror})"))
            return
        for entry in entries:
            name = f"{relative}/{entry.name}" if relative else entry.name
            if entry.name.startswith(".") or NOT_ARTICLES.match(entry.name):
                continue
            try:
                status = os.stat(entry.path)
            except OSError as error:
                loop = error.errno == errno.ELOOP
                target = os.readlink(entry.path) if entry.is_symlink() else "?"
                what = "symbolic link loop" if loop else "broken symbolic link"
                reason = f"{what} (points to {target}): {error.strerror}"
                rejects.append(_reject(name, reason))
                continue
            if stat.S_ISDIR(status.st_mode):
                earlier = seen.get((status.st_dev, status.st_ino))
                if earlier is not None:
                    reason = f"symbolic link to a folder already read ({earlier}/); not read twice"
                    rejects.append(_reject(name + "/", reason))
                    continue
                visit(Path(entry.path), name)
            elif stat.S_ISREG(status.st_mode):
                files.append((Path(entry.path), name))
            else:
                rejects.append(_reject(name, "not a regular file (a device, pipe or socket)"))

    visit(root, "")
    return files, rejects


def _manifest_entries(manifest: pd.DataFrame | None, relative: str) -> dict[str | None, pd.Series]:
    """The manifest rows of one file, by record number (None for the whole file)."""
    if manifest is None:
        return {}
    key = relative if relative in manifest.index else PurePosixPath(relative).name
    if key not in manifest.index:
        return {}
    rows = manifest.loc[[key]]
    return {
        (None if pd.isna(record) else str(record)): row.drop("record")
        for record, (_, row) in zip(rows["record"], rows.iterrows(), strict=True)
    }


def _apply_metadata(
    record: dict[str, object], entry: Mapping[str, object], *, whole_file: bool = False
) -> dict[str, object]:
    """Put manifest or constant values into a record; a title replaces the heading too.

    ``whole_file``: the entry applies to every record of a multi-record
    file, so it gives no ``article_id``.
    """
    merged = dict(record)
    for column, value in entry.items():
        if blank(value) or (whole_file and column == "article_id"):
            continue
        if column == "published":
            merged["published"], merged["date_precision"] = parse_date_precision(value)
            merged.pop("unparsed_date", None)
            if pd.isna(merged["published"]):
                merged["unparsed_date"] = str(value)
        elif column == "title":
            title = " ".join(str(value).split())
            body = str(merged["text"]).split("\n\n", 1)[1:]
            merged["title"], merged["text"] = title, "\n\n".join([title, *body])
            merged["n_words"] = count_words(str(merged["text"]))
        else:
            merged[str(column)] = value
    return merged


def _record_number(label: str | None) -> str | None:
    """``"feed.jsonl: line 3"`` -> ``"3"``; None for a one-article file."""
    if not label:
        return None
    match = RECORD_LABEL_RE.search(label)
    return match.group(1) if match else None


def _default_id(stem: str, label: str | None) -> str:
    """``stem``, ``stem/3``, or ``stem/member/3`` for a record in an archive."""
    if not label:
        return stem
    member, _, record = label.rpartition(": ") if ": " in label else (label, "", "")
    if RECORD_LABEL_RE.fullmatch(member):
        member, record = "", member
    parts = [stem]
    if member:
        parts.append(member.rsplit(".", 1)[0])
    if record:
        parts.append(record.split()[-1])
    return "/".join(parts)


def _dated(record: dict[str, object], modified: pd.Timestamp) -> dict[str, object]:
    """Flag a date after the file's own modification date or today."""
    published = record.get("published")
    latest = min(modified, pd.Timestamp.now().normalize()) + pd.Timedelta(days=1)
    record["date_suspect"] = bool(pd.notna(published) and published > latest)
    return record


def _load_file(
    file: Path, relative: str, manifest: pd.DataFrame | None, options: LoadOptions
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Read one file into records and rejects (one of each per record inside)."""
    records, rejects = [], []
    stem = relative.rsplit(".", 1)[0] if "." in PurePosixPath(relative).name else relative
    parsed = read_file(file, options.read, name=relative)
    entries = _manifest_entries(manifest, relative)
    modified = pd.Timestamp(file.stat().st_mtime, unit="s").normalize()
    for label, result in parsed:
        if isinstance(result, ArticleError):
            rejects.append(_reject(relative, str(result), label))
            continue
        record = {"article_id": _default_id(stem, label), "path": relative, **result}
        if label is not None:
            record["record"] = label
        record = _apply_metadata(record, options.constants)
        if None in entries:
            record = _apply_metadata(record, entries[None], whole_file=label is not None)
        number = _record_number(label)
        if number is not None and number in entries:
            record = _apply_metadata(record, entries.pop(number))
        records.append(_with_language(_dated(record, modified)))
    for number in sorted(str(n) for n in entries if n is not None):
        logger.warning("%s: manifest row for record %s matches no record", relative, number)
    return records, rejects


def _with_language(record: dict[str, object]) -> dict[str, object]:
    """Detect the language of a record's text unless its metadata gives one."""
    if blank(record.get("language")):
        record["language"] = detect_language(str(record["text"]))
    return record


@functools.cache
def _language_identifier() -> object:
    """py3langid's model, with probabilities; loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _classify(sample: str) -> tuple[str, float]:
    """The likeliest language but the English look-alikes, and its probability among them.

    The same as restricting the model with ``set_languages``, without the
    copy of its 28 MB table that that makes in every worker process.
    """
    ranked = _language_identifier().rank(sample)  # type: ignore[attr-defined]
    kept = [(code, probability) for code, probability in ranked if code not in NOT_DETECTED]
    language, probability = kept[0]
    return str(language), float(probability) / sum(p for _, p in kept)


def detect_language(text: str) -> str | None:
    """The ISO 639 code of a text's language (py3langid), None when unsure.

    Unsure: fewer than ``MIN_LANGUAGE_CHARS`` letters, or a probability
    below ``MIN_LANGUAGE_PROBABILITY`` (a short text full of names).

    Example:
        >>> detect_language("Лавров и Керри договорились продолжить переговоры в Женеве.")
        'ru'
        >>> detect_language("The presidents met in Geneva on Friday and agreed to talk again.")
        'en'
        >>> detect_language("Kerry met Lavrov.") is None
        True
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LANGUAGE_CHARS:
        return None
    language, probability = _classify(sample)
    return language if probability >= MIN_LANGUAGE_PROBABILITY else None


def scored_articles(articles: pd.DataFrame, languages: Iterable[str] = ("en",)) -> pd.DataFrame:
    """The articles whose sentences are scored: English, or of no detected language.

    The scorers are English models; an article in another language would
    score 0 on every sentence and count as neutral. Give ``language=en``
    in the manifest or with ``set_columns`` (``--set language=en``) to score
    an article as English whatever was detected.

    Example:
        >>> frame = pd.DataFrame({"article_id": ["a", "b", "c"], "language": ["en", "ru", None]})
        >>> scored_articles(frame)["article_id"].tolist()
        ['a', 'c']
    """
    if "language" not in articles.columns:
        return articles
    keep = articles["language"].isna() | articles["language"].isin(list(languages))
    if not keep.all():
        others = articles.loc[~keep, "language"].value_counts().to_dict()
        logger.warning("not scored, not in English: %d article(s) %s", (~keep).sum(), others)
    return articles[keep]


def _load_task(
    task: tuple[Path, str], manifest: pd.DataFrame | None, options: LoadOptions
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """:func:`_load_file` on ``(file, relative path)``, a failed file as a reject."""
    file, relative = task
    try:
        return _load_file(file, relative, manifest, options)
    except ArticleError as error:
        return [], [_reject(relative, str(error))]


def _load_root(
    root: Path, options: LoadOptions, *, errors: str, workers: int = 1
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Load one file or folder; return records and rejects."""
    if root.is_dir():
        folder = root
        tasks, rejects = _walk(root)
    elif root.is_file():
        folder, tasks, rejects = root.parent, [(root, root.name)], []
    else:
        raise ArticleError(f"{root}: no such file or folder")
    manifest_file = manifest_path(folder, options)
    manifest = read_manifest(manifest_file) if manifest_file.is_file() else None
    if options.manifest is not None and manifest is None:
        raise ArticleError(f"{options.manifest}: no such manifest file")
    load = partial(_load_task, manifest=manifest, options=options)
    records = []
    with ExitStack() as stack:
        if workers > 1 and len(tasks) >= PARALLEL_MIN_FILES:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers))
            stack.callback(pool.shutdown, cancel_futures=True)  # on a raise, stop reading
            results = pool.map(load, tasks, chunksize=FILES_PER_TASK)
        else:
            results = map(load, tasks)
        for file_records, file_rejects in results:  # in file order, as in one process
            if file_rejects and errors == "raise":
                raise ArticleError(file_rejects[0]["reason"])
            records += file_records
            rejects += file_rejects
    if manifest is not None and root.is_dir():
        for listed in unmatched_manifest_rows(manifest, [relative for _, relative in tasks]):
            logger.warning("%s: row for %s matches no file", manifest_file, listed)
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


@dataclass(frozen=True)
class LoadOptions:
    """Everything :func:`load_articles` applies to each file."""

    read: ReadOptions = field(default_factory=ReadOptions)
    constants: Mapping[str, object] = field(default_factory=dict)
    manifest: Path | None = None


def load_options(
    *,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
    headline: bool = True,
    set_columns: Mapping[str, object] | None = None,
    manifest: StrPath | None = None,
) -> LoadOptions:
    """The :class:`LoadOptions` of :func:`load_articles`'s arguments of the same names."""
    return LoadOptions(
        read=ReadOptions(encoding=encoding, columns=columns, headline=headline),
        constants=canonical_fields(dict(set_columns or {}), columns),
        manifest=Path(manifest) if manifest is not None else None,
    )


def unmatched_manifest_rows(manifest: pd.DataFrame, offered: Iterable[str]) -> list[str]:
    """The manifest's ``file`` entries that name none of the files offered."""
    offered = set(offered)
    names = {PurePosixPath(relative).name for relative in offered}
    return sorted(set(manifest.index) - offered - names)


def manifest_path(folder: Path, options: LoadOptions) -> Path:
    """The manifest that applies to a folder: the one given, else its ``manifest.csv``."""
    return Path(options.manifest) if options.manifest is not None else folder / MANIFEST_NAME


def _unique_ids(articles: pd.DataFrame) -> pd.DataFrame:
    """Make ids that repeat across (or within) files unique, naming the files.

    An id given by two records becomes ``<file without suffix>:<id>`` for
    each of them; if that still repeats (one file gives an id twice), the
    later ones get ``/2``, ``/3`` … after it.
    """
    ids = articles["article_id"]
    repeated = ids.duplicated(keep=False)
    if not repeated.any():
        return articles
    for article_id, group in articles[repeated].groupby("article_id", sort=True):
        logger.warning(
            "article_id %r is given in %s; made unique by file", article_id,
            ", ".join(sorted(set(group["path"]))),
        )  # fmt: skip
    stems = articles["path"].str.replace(r"\.[^./]+$", "", regex=True)
    qualified = ids.where(~repeated, stems + ":" + ids)
    occurrence = qualified.groupby(qualified).cumcount()
    qualified = qualified.where(occurrence == 0, qualified + "/" + (occurrence + 1).astype(str))
    return articles.assign(article_id=qualified.astype("string"))


def load_options_from_environment() -> dict[str, object]:
    """Load options the command line left for the notebooks it runs (a JSON object)."""
    value = os.environ.get(LOAD_OPTIONS_VARIABLE)
    return dict(json.loads(value)) if value else {}


def _shingles(text: str) -> set[str]:
    words = [word.casefold() for word in WORD_RE.findall(text)]
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def minhash_signature(shingles: set[str]) -> bytes:
    """The MinHash signature of an article's :func:`body_shingles`, as bytes.

    The signatures of a corpus, as :func:`band_keys`, are all that
    :func:`duplicate_originals` needs to find candidate pairs, so a corpus too
    large for memory is checked from them and the texts of the few candidates.
    """
    from datasketch import MinHash

    signature = MinHash(num_perm=MINHASH_PERMUTATIONS, hashfunc=zlib.crc32)
    signature.update_batch([s.encode() for s in shingles])
    return signature.hashvalues.astype("uint32").tobytes()  # the affine32 scheme's values


def _body(text: object) -> str:
    return text.split("\n\n", 1)[-1] if isinstance(text, str) else ""


def body_shingles(text: object) -> set[str]:
    """The 5-word shingles of an article's body, which near duplicates share."""
    return _shingles(_body(text))


@functools.cache
def lsh_bands(threshold: float = DUPLICATE_THRESHOLD) -> tuple[int, int]:
    """Bands and rows per band of datasketch's ``MinHashLSH`` for ``threshold``."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=MINHASH_PERMUTATIONS)
    return int(lsh.b), int(lsh.r)


def band_keys(signatures: Iterable[bytes], threshold: float = DUPLICATE_THRESHOLD) -> np.ndarray:
    """One 64-bit key per LSH band of each :func:`minhash_signature`.

    Articles that share a key in any band are candidate near duplicates, as
    in datasketch's ``MinHashLSH`` with the same banding; an array of 8 bytes
    per band and article replaces its dictionaries (about 4 KB an article).

    Returns:
        An array of one row per signature and one column per band.
    """
    bands, rows = lsh_bands(threshold)
    keys, remaining = [np.empty((0, bands), dtype="uint64")], iter(signatures)
    while batch := list(itertools.islice(remaining, 4096)):  # never all the signatures at once
        values = np.frombuffer(b"".join(batch), dtype="uint32").reshape(len(batch), -1)
        banded = values[:, : bands * rows].reshape(len(batch), bands, rows).astype("uint64")
        keys.append((banded * BAND_MULTIPLIERS[:rows]).sum(axis=2, dtype="uint64"))  # mod 2**64
    return np.concatenate(keys)


class Buckets:
    """The LSH buckets of a corpus, to ask which earlier articles share one with an article.

    Per band, the articles sorted by key then rank, each one's place in that
    order and the first place of its bucket: three integers per band and
    article, whatever the number of duplicates.

    Args:
        keys: :func:`band_keys`, one row per article.
        rank: Each article's rank, earliest published first.
    """

    def __init__(self, keys: np.ndarray, rank: np.ndarray) -> None:
        self.bands: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        positions = np.arange(len(rank), dtype="int32")
        for band in keys.T:
            order = np.lexsort((rank, band)).astype("int32")
            ordered = band[order]
            opens = np.r_[True, ordered[1:] != ordered[:-1]]
            first = np.maximum.accumulate(np.where(opens, positions, 0)).astype("int32")
            place = np.empty_like(order)
            place[order] = positions
            self.bands.append((order, first, place))
        self.rank = rank

    def earlier(self, n: int) -> Iterator[int]:
        """The articles ranked before ``n`` sharing a bucket with it, earliest first, once each."""
        prefixes = (
            map(int, order[first[place[n]] : place[n]]) for order, first, place in self.bands
        )
        seen: set[int] = set()
        for m in heapq.merge(*prefixes, key=self.rank.__getitem__):
            if m not in seen:
                seen.add(m)
                yield m


def linked(keys: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """The articles that share an LSH bucket with a seed, directly or through others.

    Only these can be candidates of a seed, or of an article whose original a
    seed changes: adding the seeds to a corpus leaves the near-duplicate
    check of every other article as it was.

    Args:
        keys: :func:`band_keys`, one row per article.
        seeds: A mask of the articles to start from.

    Example:
        >>> keys = np.array([[1, 5], [1, 6], [2, 6], [3, 7]], dtype="uint64")
        >>> linked(keys, np.array([True, False, False, False])).tolist()
        [True, True, True, False]
    """
    reached = np.asarray(seeds, dtype=bool).copy()
    while True:
        grown = reached.copy()
        for band in keys.T:
            grown |= np.isin(band, band[grown])
        if np.array_equal(grown, reached):
            return reached
        reached = grown


def duplicate_originals(
    order: Iterable[int],
    keys: np.ndarray,
    shingles: Callable[[int], set[str]],
    *,
    threshold: float = DUPLICATE_THRESHOLD,
) -> dict[int, int]:
    """Map each near-duplicate article (by position) to its original's position.

    Args:
        order: Article positions, earliest published first.
        keys: Every article's LSH :func:`band_keys` (for ``threshold``), by position.
        shingles: An article's :func:`body_shingles`, asked only for candidates.
        threshold: Jaccard similarity from which two articles are duplicates.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    ranked = list(order)
    if not ranked:
        return {}
    rank = np.empty(len(ranked), dtype="int64")
    rank[ranked] = np.arange(len(ranked))
    buckets = Buckets(keys, rank)
    original: dict[int, int] = {}
    for n in ranked:
        for candidate in buckets.earlier(n):
            mine, theirs = shingles(n), shingles(candidate)
            if len(mine & theirs) / len(mine | theirs) >= threshold:
                original[n] = original.get(candidate, candidate)
                break
    return original


def publication_order(articles: pd.DataFrame) -> list[int]:
    """Article positions, earliest published first (undated last, then as loaded)."""
    order = articles.assign(_n=range(len(articles))).sort_values(
        ["published", "_n"], na_position="last"
    )
    return order["_n"].tolist()


def flag_duplicates(
    articles: pd.DataFrame, *, threshold: float = DUPLICATE_THRESHOLD
) -> pd.DataFrame:
    """Set ``duplicate_of`` for articles that repeat an earlier one.

    Two articles are near duplicates when the Jaccard similarity of their
    5-word shingles (headline excluded) is at least ``threshold``: the same
    wire story in several outlets, with small edits. Candidates come from
    MinHash LSH (datasketch); each is confirmed with the exact similarity.
    In each group of near duplicates the earliest published article (then
    the first loaded) is the original; the others name it in ``duplicate_of``.

    Args:
        articles: The ``articles`` frame.
        threshold: Jaccard similarity from which two articles are duplicates.

    Returns:
        A copy with ``duplicate_of`` (NA for an original or unique article).
    """
    shingles = [body_shingles(text) for text in articles["text"].tolist()]
    original = duplicate_originals(
        publication_order(articles),
        band_keys(map(minhash_signature, shingles), threshold),
        shingles.__getitem__,
        threshold=threshold,
    )
    ids = articles["article_id"].to_numpy()
    duplicate_of = [ids[original[n]] if n in original else pd.NA for n in range(len(articles))]
    return articles.assign(duplicate_of=pd.array(duplicate_of, dtype="string"))


def load_articles(
    paths: StrPath | Iterable[StrPath],
    *,
    errors: str = "report",
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
    workers: int = 1,
    manifest: StrPath | None = None,
    set_columns: Mapping[str, object] | None = None,
    headline: bool = True,
) -> pd.DataFrame:
    """Load articles from files, folders (recursively) or a list of them.

    Formats: text, web pages, JSON, JSON Lines and CSV, compressed or not,
    told by content as well as by suffix (see :mod:`analysis.readers`). A
    ``manifest.csv`` in a folder (see :func:`read_manifest`) adds and
    overrides metadata. A date missing from the file's content is taken
    from its name or folders (:func:`analysis.readers.date_from_path`), with
    its precision in ``date_precision``; a date after the file's own
    modification date or today is flagged in ``date_suspect``. Each
    article's ``language`` is detected (py3langid) unless given. Every file
    and record offered is either loaded or listed in
    ``frame.attrs["rejects"]`` and logged as a warning; :func:`rejects`
    returns them as a frame (columns ``path``, ``record``, ``reason``).
    Near duplicates are flagged in ``duplicate_of`` (see :func:`flag_duplicates`).
    An id given by records of two files is made unique by file (see
    :func:`_unique_ids`), with a warning naming the files.

    Args:
        paths: A file, a folder, or several.
        errors: ``"report"`` (default) to list bad files and records and go
            on; ``"raise"`` to stop at the first with :class:`ArticleError`.
        encoding: Encoding of every file; ``None`` (default) reads UTF-8 and
            detects any other encoding (cp1251, KOI8-R …) per file.
        columns: For JSON, JSONL and CSV exports, a mapping from the export's
            field names to the contract's (``{"story": "text"}``); common
            names (``body``, ``headline``, ``date``, ``timestamp`` …) are
            mapped already.
        workers: Processes that read a folder of ``PARALLEL_MIN_FILES`` files
            or more (see :func:`analysis.pipeline.build_tables` on starting
            processes from a script); the result does not depend on it.
        manifest: A manifest file to use instead of each folder's
            ``manifest.csv``; its ``file`` entries are paths relative to the
            loaded folder, or file names.
        set_columns: Constant columns for every article, e.g.
            ``{"source": "White House", "issuer": "US government"}``; a
            manifest entry overrides them for its file.
        headline: ``False`` to read every line of a text as body; the title
            then comes from the metadata or the file name.

    Returns:
        The ``articles`` frame (see :mod:`analysis.schema`).

    Raises:
        ArticleError: A path does not exist, a manifest is malformed, or
            (with ``errors="raise"``) a file or record cannot be loaded.

    Example:
        >>> from analysis.config import RAW_DIR, SEED_ARTICLE_ID
        >>> articles = load_articles(RAW_DIR / f"{SEED_ARTICLE_ID}.txt")
        >>> articles.loc[0, "title"], int(articles.loc[0, "dropped_duplicate_paragraphs"])
        ('US, Russia G8 missile talks hit stone wall', 12)
    """
    if errors not in ("report", "raise"):
        raise ValueError(f"errors must be 'report' or 'raise', not {errors!r}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    options = load_options(
        encoding=encoding,
        columns=columns,
        headline=headline,
        set_columns=set_columns,
        manifest=manifest,
    )
    roots = [paths] if isinstance(paths, str | PathLike) else list(paths)
    records: list[dict[str, object]] = []
    rejects: list[dict[str, object]] = []
    for root in roots:
        root_records, root_rejects = _load_root(Path(root), options, errors=errors, workers=workers)
        records += root_records
        rejects += root_rejects
    articles = _unique_ids(_as_articles(records))
    articles = flag_duplicates(articles)
    for reject in rejects:
        where = f"{reject['path']}: {reject['record']}" if reject["record"] else reject["path"]
        logger.warning("not loaded: %s: %s", where, reject["reason"])
    for row in articles[articles["date_suspect"]].itertuples():
        logger.warning("%s: date %s is after the file's own date or today", row.path, row.published)
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
