"""Load article files of several formats into the ``articles`` frame.

:func:`load_articles` takes files, folders (searched recursively) or a list of
them, reads each supported format (see :mod:`analysis.readers`), cleans the
text (see :mod:`analysis.cleaning`), merges a ``manifest.csv`` and flags
near-duplicate articles. Whatever cannot be loaded is listed, with the reason,
in :func:`rejects`.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from functools import partial
from os import PathLike
from pathlib import Path

import pandas as pd

from analysis.cleaning import WORD_RE
from analysis.config import EVENTS_PATH
from analysis.readers import READERS, ArticleError, field_names, parse_date, read_file
from analysis.schema import ARTICLES, REJECTS, empty_frame

logger = logging.getLogger(__name__)

StrPath = str | PathLike[str]

ARTICLE_SUFFIXES = frozenset(READERS)
MANIFEST_NAME = "manifest.csv"
# Files that sit beside articles but are not articles.
NOT_ARTICLES = re.compile(r"^(manifest\.csv|readme(\..*)?|licen[cs]e(\..*)?|\..*)$", re.I)
# Near duplicates: Jaccard similarity of word shingles, estimated with MinHash.
SHINGLE_WORDS = 5
DUPLICATE_THRESHOLD = 0.8
MINHASH_PERMUTATIONS = 128
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 200
FILES_PER_TASK = 32


def read_manifest(path: StrPath) -> pd.DataFrame:
    """Read a ``manifest.csv`` giving metadata per file.

    Columns: ``file`` (path relative to the manifest's folder, required), and
    any of ``id``, ``date`` (or ``published``), ``source``, ``title``, ``url``
    (or their aliases in :data:`analysis.readers.FIELD_ALIASES`); further
    columns (``license``, ``kind`` …) are carried into ``articles``. A
    manifest entry overrides what the file itself says.

    Raises:
        ArticleError: The manifest has no ``file`` column or cannot be parsed.
    """
    try:
        manifest = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise ArticleError(f"{path}: cannot be parsed as CSV ({error})") from error
    if "file" not in manifest.columns:
        raise ArticleError(f"{path}: has no 'file' column; it has {list(manifest.columns)}")
    manifest = manifest.rename(columns=field_names(manifest.columns))
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
        merged[str(column)] = parse_date(value) if column == "published" else value
    return merged


def _load_file(
    file: Path,
    relative: str,
    manifest: pd.DataFrame | None,
    *,
    encoding: str | None,
    columns: Mapping[str, str] | None,
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Read one file into records and rejects (one of each per record inside)."""
    records, rejects = [], []
    stem = relative.rsplit(".", 1)[0]
    for label, result in read_file(file, encoding=encoding, columns=columns):
        if isinstance(result, ArticleError):
            rejects.append(_reject(relative, str(result), label))
            continue
        number = label.split()[-1] if label else None
        default_id = f"{stem}/{number}" if number else stem
        record = {"article_id": default_id, "path": relative, **result}
        if label is None and manifest is not None and relative in manifest.index:
            record = _apply_manifest(record, manifest.loc[relative])
        records.append(record)
    return records, rejects


def _load_task(
    task: tuple[Path, str],
    manifest: pd.DataFrame | None,
    encoding: str | None,
    columns: Mapping[str, str] | None,
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """:func:`_load_file` on ``(file, relative path)``, a failed file as a reject."""
    file, relative = task
    try:
        return _load_file(file, relative, manifest, encoding=encoding, columns=columns)
    except ArticleError as error:
        return [], [_reject(relative, str(error))]


def _load_root(
    root: Path,
    *,
    errors: str,
    encoding: str | None,
    columns: Mapping[str, str] | None,
    workers: int = 1,
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
    tasks = [(file, file.relative_to(folder).as_posix()) for file in files]
    load = partial(_load_task, manifest=manifest, encoding=encoding, columns=columns)
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


def _shingles(text: str) -> set[str]:
    words = [word.casefold() for word in WORD_RE.findall(text)]
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def minhash_signature(shingles: set[str]) -> bytes:
    """The MinHash signature of an article's :func:`body_shingles`, as bytes.

    The signatures of a corpus are all :func:`duplicate_originals` needs to
    find candidate pairs, so a corpus too large for memory is checked from
    them and the texts of the few candidates.
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


def duplicate_originals(
    order: Iterable[int],
    signatures: Callable[[int], bytes],
    shingles: Callable[[int], set[str]],
    *,
    threshold: float = DUPLICATE_THRESHOLD,
) -> dict[int, int]:
    """Map each near-duplicate article (by position) to its original's position.

    Args:
        order: Article positions, earliest published first.
        signatures: An article's :func:`minhash_signature`.
        shingles: An article's :func:`body_shingles`, asked only for candidates.
        threshold: Jaccard similarity from which two articles are duplicates.
    """
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    order = list(order)
    rank = {n: r for r, n in enumerate(order)}
    lsh = MinHashLSH(threshold=threshold, num_perm=MINHASH_PERMUTATIONS)
    original: dict[int, int] = {}
    for n in order:
        values = np.frombuffer(signatures(n), dtype="uint32")
        signature = LeanMinHash(seed=1, hashvalues=values, scheme="affine32")
        for candidate in sorted(lsh.query(signature), key=rank.__getitem__):
            mine, theirs = shingles(n), shingles(candidate)
            if len(mine & theirs) / len(mine | theirs) >= threshold:
                original[n] = original.get(candidate, candidate)
                break
        lsh.insert(n, signature)
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
        lambda n: minhash_signature(shingles[n]),
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
) -> pd.DataFrame:
    """Load articles from files, folders (recursively) or a list of them.

    Formats: ``.txt`` (optional front matter), ``.html``/``.htm``, ``.json``,
    ``.jsonl`` and ``.csv`` (see :mod:`analysis.readers`). A ``manifest.csv``
    in a folder (see :func:`read_manifest`) adds and overrides metadata.
    Every file and record offered is either loaded or listed in
    ``frame.attrs["rejects"]`` and logged as a warning; :func:`rejects`
    returns them as a frame (columns ``path``, ``record``, ``reason``).
    Near duplicates are flagged in ``duplicate_of`` (see :func:`flag_duplicates`).

    Args:
        paths: A file, a folder, or several.
        errors: ``"report"`` (default) to list bad files and records and go
            on; ``"raise"`` to stop at the first with :class:`ArticleError`.
        encoding: Encoding of every file; ``None`` (default) reads UTF-8 and
            detects any other encoding (cp1251, KOI8-R …) per file.
        columns: For JSON, JSONL and CSV exports, a mapping from the export's
            field names to the contract's (``{"story": "text"}``); common
            names (``body``, ``headline``, ``date`` …) are mapped already.
        workers: Processes that read a folder of ``PARALLEL_MIN_FILES`` files
            or more (see :func:`analysis.pipeline.build_tables` on starting
            processes from a script); the result does not depend on it.

    Returns:
        The ``articles`` frame (see :mod:`analysis.schema`).

    Raises:
        ArticleError: A path does not exist, a manifest is malformed, two
            articles share an id, or (with ``errors="raise"``) a file or
            record cannot be loaded.

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
    roots = [paths] if isinstance(paths, str | PathLike) else list(paths)
    records: list[dict[str, object]] = []
    rejects: list[dict[str, object]] = []
    for root in roots:
        root_records, root_rejects = _load_root(
            Path(root), errors=errors, encoding=encoding, columns=columns, workers=workers
        )
        records += root_records
        rejects += root_rejects
    articles = _as_articles(records)
    duplicated_ids = articles["article_id"][articles["article_id"].duplicated()]
    if not duplicated_ids.empty:
        raise ArticleError(f"article_id is not unique: {sorted(set(duplicated_ids))}")
    articles = flag_duplicates(articles)
    for reject in rejects:
        where = f"{reject['path']}: {reject['record']}" if reject["record"] else reject["path"]
        logger.warning("not loaded: %s: %s", where, reject["reason"])
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
