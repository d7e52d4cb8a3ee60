"""Build a corpus's cache chunk by chunk, in worker processes or on a Dask cluster.

:func:`update_cache` lists the input files, keeps every part of the previous
cache whose files and code are unchanged, and sends the rest out as chunks of
at most ``CHUNK_FILES`` files and ``CHUNK_BYTES`` bytes. :func:`run_chunk`
loads a chunk (or reads its articles back when only the scoring code changed), scores it with
:func:`analysis.pipeline.score_articles` and writes one part per table. The
main process holds only the index and, at the end, each article's id, date
and near-duplicate signature, so memory is bounded by the chunk, not the
corpus. The same :func:`run_chunk` runs in this process, in a process pool,
or on a ``dask.distributed`` client (through its ``concurrent.futures``
executor, so nothing here imports Dask).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import signal
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import cache
from analysis.actors import actors_fingerprint
from analysis.corpus import (
    MANIFEST_NAME,
    ArticleError,
    LoadOptions,
    _as_articles,
    _load_task,
    _reject,
    _unique_ids,
    _walk,
    band_keys,
    body_shingles,
    duplicate_originals,
    linked,
    load_options,
    manifest_path,
    minhash_signature,
    publication_order,
    read_manifest,
    unmatched_manifest_rows,
)
from analysis.pipeline import code_fingerprint, load_fingerprint, score_articles
from analysis.progress import progress_bar

logger = logging.getLogger(__name__)

# A chunk holds a few hundred articles of web pages or text files, and few bytes
# of input, so that a chunk of large files does not hold a worker's memory up.
CHUNK_FILES = 200
CHUNK_BYTES = 6_000_000
# Chunks waiting per worker: enough to keep it busy, few enough to bound memory.
QUEUED_PER_WORKER = 2
CHUNKS_PER_WORKER = 4  # then the worker process is forked afresh (see _recycled)
# Shingle sets of candidate near duplicates kept at once (some 100 KB each for a
# long article); candidates come in publication order, so copies sit close together.
SHINGLES_KEPT = 32


@dataclass(frozen=True)
class Chunk:
    """One unit of work: some files of one root, or a cached part to score again.

    Attributes:
        folder: The corpus's cache folder (shared by every worker).
        root: Position of the root among the corpus's paths.
        base: Folder the files' paths are relative to (where a manifest is).
        files: The files' paths relative to ``base``, in listing order.
        load_options: ``encoding``, ``columns`` and ``errors`` for the readers.
        load_name: Name of the articles part.
        score_name: Name of the sentences, mentions and quotes parts.
        load: False when the articles part is current and only scoring is stale.
        actors: The user's actors (a TSV path or a frame), or None.
    """

    folder: str
    root: int
    base: str
    files: tuple[str, ...]
    load_options: Mapping[str, Any]
    load_name: str
    score_name: str
    load: bool = True
    actors: Any = None


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes: tells an edited file from a touched one."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_chunk(chunk: Chunk) -> tuple[pd.DataFrame, list[dict[str, object]], list[str]]:
    """Read a chunk's files: its articles (``duplicate_of`` not yet set), rejects, hashes.

    The articles' ids as the files give them are kept in ``attrs["raw_ids"]``.
    """
    base = Path(chunk.base)
    options, errors = reader_options(chunk.load_options)
    manifest_file = manifest_path(base, options)
    manifest = read_manifest(manifest_file) if manifest_file.is_file() else None
    records, rejects, hashes = [], [], []
    for relative in chunk.files:
        file = base / relative
        file_records, file_rejects = _load_task((file, relative), manifest, options)
        if file_rejects and errors == "raise":
            raise ArticleError(str(file_rejects[0]["reason"]))
        records += file_records
        rejects += file_rejects
        hashes.append(file_hash(file))
    for reject in rejects:
        where = f"{reject['path']}: {reject['record']}" if reject["record"] else reject["path"]
        logger.warning("not loaded: %s: %s", where, reject["reason"])
    # Ids repeated inside the chunk are told apart here, across chunks at the end.
    loaded = _as_articles(records)
    articles = _unique_ids(loaded)
    articles.attrs["raw_ids"] = loaded["article_id"].tolist()
    for row in articles[articles["date_suspect"]].itertuples():
        logger.warning("%s: date %s is after the file's own date or today", row.path, row.published)
    articles["duplicate_of"] = pd.array([pd.NA] * len(articles), dtype="string")
    return articles, rejects, hashes


def reader_options(options: Mapping[str, Any]) -> tuple[LoadOptions, str]:
    """:func:`analysis.load_articles`'s keyword options as the readers take them, and ``errors``."""
    given = dict(options)
    errors = given.pop("errors", "report")
    return load_options(**given), errors


def run_chunk(chunk: Chunk) -> dict[str, Any]:
    """Load (or read back) one chunk, score it and write its parts to the cache.

    Returns:
        What the index records of it: ``rejects`` and file ``hashes`` (when
        loaded), and the numbers of ``articles`` and ``sentences``.
    """
    folder = Path(chunk.folder)
    result: dict[str, Any] = {"load_name": chunk.load_name}
    if chunk.load:
        articles, result["rejects"], result["hashes"] = load_chunk(chunk)
        signatures = [minhash_signature(body_shingles(text)) for text in articles["text"]]
        private = _signatures(signatures).assign(
            raw_id=pd.array(articles.attrs.pop("raw_ids"), dtype="string")
        )
        cache.write_part(folder, cache.SIGNATURES, chunk.load_name, private)
        cache.write_part(folder, "articles", chunk.load_name, articles)
    else:
        articles = cache.read_part(folder, "articles", chunk.load_name)
    sentences, mentions, quotes = score_articles(articles, actors=chunk.actors)
    for table, frame in (("sentences", sentences), ("mentions", mentions), ("quotes", quotes)):
        cache.write_part(folder, table, chunk.score_name, frame)
    return {**result, "articles": len(articles), "sentences": len(sentences)}


def _signatures(signatures: Sequence[bytes]) -> pd.DataFrame:
    return pd.DataFrame({"signature": pd.Series(list(signatures), dtype=object)})


@dataclass(frozen=True)
class Listing:
    """The input files of one root, as found now."""

    path: Path
    base: Path
    files: dict[str, tuple[int, int]]  # relative path: (size, mtime_ns), in listing order
    rejects: list[dict[str, object]]  # files that are not articles
    missing: list[dict[str, object]]  # manifest entries with no file
    key: str  # load code, options and manifest: what every part of the root depends on


def list_root(root: Path, load_key: str, options: Mapping[str, Any]) -> Listing:
    """List the files of a root (a folder or one file) with their sizes and times."""
    if root.is_dir():
        base, (tasks, rejects) = root, _walk(root)
    elif root.is_file():
        base, tasks, rejects = root.parent, [(root, root.name)], []
    else:
        raise ArticleError(f"{root}: no such file or folder")
    stats = {}
    for file, relative in tasks:
        stat = file.stat()
        stats[relative] = (stat.st_size, stat.st_mtime_ns)
    manifest_file = manifest_path(base, reader_options(options)[0])
    missing, manifest_hash = [], None
    if manifest_file.is_file():
        manifest_hash = file_hash(manifest_file)
        if root.is_dir():
            listed = unmatched_manifest_rows(read_manifest(manifest_file), stats)
            missing = [_reject(n, f"listed in {MANIFEST_NAME} but no such file") for n in listed]
    elif "manifest" in options and options["manifest"] is not None:
        raise ArticleError(f"{options['manifest']}: no such manifest file")
    return Listing(root, base, stats, rejects, missing, _digest(load_key, manifest_hash))


def _still_valid(part: Mapping[str, Any], listing: Listing) -> list[list[Any]] | None:
    """The part's file records brought up to date, or None when a file changed."""
    files = []
    for relative, size, mtime, digest in part["files"]:
        now = listing.files.get(relative)
        if now is None or now[0] != size:
            return None
        if now[1] != mtime and file_hash(listing.base / relative) != digest:
            return None
        files.append([relative, size, now[1], digest])
    return files


def plan(
    listings: Sequence[Listing],
    previous: Mapping[str, Any] | None,
    folder: Path,
    load_options: Mapping[str, Any],
    score_key: str,
    actors: Any = None,
) -> tuple[list[dict[str, Any]], list[Chunk]]:
    """Decide what to keep and what to build: the new index's parts and the chunks to run."""
    parts, chunks = [], []
    covered: set[tuple[int, str]] = set()
    old_roots = previous["paths"] if previous else []
    for part in previous["parts"] if previous else []:
        root = part["root"]
        if root >= len(listings) or old_roots[root] != str(listings[root].path):
            continue
        listing = listings[root]
        files = _still_valid(part, listing) if part["key"] == listing.key else None
        if files is None:
            continue
        part = {**part, "files": files}
        covered.update((root, name) for name, *_ in files)
        score_name = _digest(part["load_name"], score_key)[:20]
        if part["score_name"] != score_name:
            part["score_name"] = score_name
            chunks.append(_chunk(folder, listing, part, load_options, load=False, actors=actors))
        parts.append(part)
    for root, listing in enumerate(listings):
        pending = [name for name in listing.files if (root, name) not in covered]
        for names in chunked(pending, [listing.files[name][0] for name in pending]):
            load_name = _digest(listing.key, [(n, *listing.files[n]) for n in names])[:20]
            part = {
                "root": root,
                "key": listing.key,
                "files": [[n, *listing.files[n], None] for n in names],
                "load_name": load_name,
                "score_name": _digest(load_name, score_key)[:20],
                "rejects": [],
            }
            chunks.append(_chunk(folder, listing, part, load_options, load=True, actors=actors))
            parts.append(part)
    parts.sort(key=lambda p: cache.file_key(p["root"], p["files"][0][0]))
    return parts, chunks


def chunked(names: Sequence[str], sizes: Sequence[int]) -> Iterator[list[str]]:
    """Cut ``names`` in order into chunks of files that are few and small enough.

    A chunk holds at most :data:`CHUNK_FILES` files and :data:`CHUNK_BYTES`
    bytes of them; a larger file makes a chunk of its own.

    Example:
        >>> list(chunked(["a", "b", "c"], [4_000_000, 4_000_000, 1]))
        [['a'], ['b', 'c']]
    """
    chunk: list[str] = []
    size = 0
    for name, nbytes in zip(names, sizes, strict=True):
        if chunk and (len(chunk) == CHUNK_FILES or size + nbytes > CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(name)
        size += nbytes
    if chunk:
        yield chunk


def _chunk(
    folder: Path,
    listing: Listing,
    part: Mapping[str, Any],
    options: Mapping[str, Any],
    load: bool,
    actors: Any = None,
) -> Chunk:
    return Chunk(
        folder=str(folder),
        root=part["root"],
        base=str(listing.base),
        files=tuple(name for name, *_ in part["files"]),
        load_options=dict(options),
        load_name=part["load_name"],
        score_name=part["score_name"],
        load=load,
        actors=actors,
    )


def run_chunks(
    chunks: Sequence[Chunk],
    *,
    workers: int = 1,
    client: Any = None,
    progress: bool | None = None,
) -> Iterator[dict[str, Any]]:
    """Run :func:`run_chunk` on every chunk; yield each result as it finishes.

    Args:
        chunks: What :func:`plan` returns.
        workers: Worker processes (1: in this process).
        client: A ``dask.distributed.Client``; its workers run the chunks
            and must see the cache folder (a shared file system).
        progress: Show a progress bar (None: on a terminal or in Jupyter, not in CI).
    """
    total = sum(len(chunk.files) for chunk in chunks)
    with progress_bar(total, unit="file", desc="building", enabled=progress) as bar:
        articles = sentences = 0
        started = time.perf_counter()
        for chunk, result in _results(chunks, workers, client):
            articles += result["articles"]
            sentences += result["sentences"]
            bar.update(len(chunk.files))
            seconds = time.perf_counter() - started
            bar.set_postfix(articles=articles, sentences_per_s=round(sentences / seconds))
            yield result


def _results(
    chunks: Sequence[Chunk], workers: int, client: Any
) -> Iterator[tuple[Chunk, dict[str, Any]]]:
    if client is not None:
        executor = client.get_executor(pure=False)
        try:
            yield from _bounded(executor, chunks, QUEUED_PER_WORKER * _dask_workers(client))
        finally:
            executor.shutdown(wait=False)
        return
    if workers == 1 or len(chunks) < 2:
        for chunk in chunks:
            yield chunk, run_chunk(chunk)
        return
    _load_shared(chunks[0].actors)
    gc.freeze()  # the collector of a worker would otherwise write to every shared object
    try:
        with _exit_on_sigterm():
            yield from _recycled(chunks, min(workers, len(chunks)))
    finally:
        gc.unfreeze()


def _recycled(chunks: Sequence[Chunk], workers: int) -> Iterator[tuple[Chunk, dict[str, Any]]]:
    """Run chunks on worker processes each forked afresh after :data:`CHUNKS_PER_WORKER`.

    A forked worker shares the loaded gazetteer and models with this process
    until it touches them: each object it reads is copied into its own
    memory, so a long-lived worker grows with the variety of text it has
    read. A fresh fork every few chunks keeps a worker's memory the same on
    a corpus of a thousand pages or of a million. Each worker is a pool of
    one process, replaced when its last chunk is done, so the others never
    wait for it.
    """
    waiting = iter(chunks)
    pools = [ProcessPoolExecutor(max_workers=1) for _ in range(workers)]
    given = [0] * workers  # chunks given to each pool so far
    running: dict[Future, tuple[Chunk, int]] = {}
    try:
        while True:
            for slot in range(workers):
                busy = sum(1 for _, owner in running.values() if owner == slot)
                if given[slot] >= CHUNKS_PER_WORKER and not busy:
                    _stop(pools[slot])
                    pools[slot], given[slot] = ProcessPoolExecutor(max_workers=1), 0
                while busy < QUEUED_PER_WORKER and given[slot] < CHUNKS_PER_WORKER:
                    chunk = next(waiting, None)
                    if chunk is None:
                        break
                    running[pools[slot].submit(run_chunk, chunk)] = (chunk, slot)
                    given[slot] += 1
                    busy += 1
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                chunk, _ = running.pop(future)
                yield chunk, future.result()
    finally:
        for pool in pools:
            _stop(pool)


def _load_shared(actors: Any) -> None:
    """Load what every worker reads (readers, lexicons, gazetteer, models) in this process.

    Forked workers then share these pages with it instead of each loading its
    own copy (about 200 MB a worker).
    """
    import datasketch  # noqa: F401  (its import alone is some 30 MB a process)
    import trafilatura  # noqa: F401

    from analysis.actors import gazetteer_with
    from analysis.corpus import _language_identifier
    from analysis.relations import relations_model
    from analysis.target import target_model
    from analysis.tone import tone_model

    gazetteer_with(actors).given_names  # noqa: B018  (computed once, then shared)
    tone_model().read("The talks were useful.")  # builds the event and hedge indexes too
    target_model()
    relations_model()
    _language_identifier()


def _dask_workers(client: Any) -> int:
    return max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))


def _bounded(
    executor: Executor, chunks: Sequence[Chunk], queued: int
) -> Iterator[tuple[Chunk, dict[str, Any]]]:
    """Submit chunks ``queued`` at a time; yield each with its result as it completes."""
    waiting = iter(chunks)
    running: dict[Future, Chunk] = {}
    while True:
        for chunk in waiting:
            running[executor.submit(run_chunk, chunk)] = chunk
            if len(running) >= queued:
                break
        if not running:
            return
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            yield running.pop(future), future.result()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down; on an error or a signal, end its worker processes at once."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


@contextmanager
def _exit_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into SystemExit while workers run, so they are ended, not orphaned."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def exit_(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, exit_)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def update_cache(
    roots: Sequence[Path],
    folder: Path,
    *,
    load_options: Mapping[str, Any] | None = None,
    workers: int = 1,
    client: Any = None,
    refresh: bool = False,
    progress: bool | None = None,
    actors: Any = None,
) -> tuple[dict[str, Any], bool]:
    """Bring a corpus's cache up to date, building only what changed.

    Args:
        roots: The corpus's files and folders, resolved.
        folder: Its cache folder.
        load_options: Passed to the readers (``encoding``, ``columns``, ``errors``).
        workers: Worker processes for the chunks to build.
        client: A ``dask.distributed.Client`` to build on instead.
        refresh: Build everything again.
        progress: Show a progress bar (see :func:`run_chunks`).
        actors: The user's actors (a TSV path or a frame): their fingerprint
            joins the scores' key, so new actors rescore without reloading.

    Returns:
        The index of the cache and whether it was current already.

    Raises:
        ArticleError: A root does not exist, two articles share an id, or
            (``errors="raise"``) a file cannot be loaded.
    """
    options = dict(load_options or {})
    load_key = _digest(load_fingerprint(), json.dumps(options, sort_keys=True, default=str))
    score_key = _digest(code_fingerprint(), actors_fingerprint(actors))
    listings = [list_root(root, load_key, options) for root in roots]
    previous = None if refresh else cache.read_index(folder)
    parts, chunks = plan(listings, previous, folder, options, score_key, actors)
    index: dict[str, Any] = {"paths": [str(root) for root in roots], "parts": parts}
    if (
        previous
        and not chunks
        and _same_parts(previous["parts"], parts)
        and previous["rejects"] == _rejects(listings, parts)
    ):
        return previous, True
    by_name = {part["load_name"]: part for part in parts}
    for result in run_chunks(chunks, workers=workers, client=client, progress=progress):
        part = by_name[result["load_name"]]
        if "hashes" in result:
            part["rejects"] = result["rejects"]
            for record, digest in zip(part["files"], result["hashes"], strict=True):
                record[3] = digest
        part["n_articles"] = result["articles"]
    order = cache.file_order(folder, index)  # the articles' order; their ids may change
    renamed = make_ids_unique(folder, index, order)
    added = _added_parts(previous, parts)
    if added is None or renamed - added:
        added = None  # old articles have new ids: check everything again
    flag_duplicates_in_cache(folder, index, added, order)
    index["rejects"] = _rejects(listings, parts)
    cache.write_index(folder, index)
    cache.remove_unlisted(folder, index)
    return index, False


def _same_parts(before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]]) -> bool:
    names = [(p["load_name"], p["score_name"]) for p in before]
    return names == [(p["load_name"], p["score_name"]) for p in after]


def _added_parts(
    previous: Mapping[str, Any] | None, parts: Sequence[Mapping[str, Any]]
) -> set[int] | None:
    """The parts whose articles are new, when every article of the previous cache is kept.

    None when there was no cache, or a part of it was dropped or loaded again.
    """
    if previous is None:
        return None
    before = {part["load_name"] for part in previous["parts"]}
    if not before <= {part["load_name"] for part in parts}:
        return None
    return {n for n, part in enumerate(parts) if part["load_name"] not in before}


def _rejects(listings: Sequence[Listing], parts: Sequence[Mapping[str, Any]]) -> list[dict]:
    """Everything not loaded, in the order one :func:`analysis.load_articles` call gives."""
    rejects: list[dict] = []
    for root, listing in enumerate(listings):
        inside = [r for p in parts if p["root"] == root for r in p["rejects"]]
        inside.sort(key=lambda r: cache.file_key(root, str(r["path"])))
        rejects += listing.rejects + inside + listing.missing
    return rejects


def _rows_by_part(index: Mapping[str, Any], order: cache.FileOrder | None) -> pd.DataFrame:
    """For each row of the file-ordered articles table, its ``part`` and ``row`` in it."""
    if order is None:
        parts = index["parts"]
        owner = [i for i, p in enumerate(parts) for _ in range(p.get("n_articles", 0))]
    else:
        owner = order.parts[order.rows].tolist()
    where = pd.DataFrame({"part": owner})
    where["row"] = where.groupby("part").cumcount()
    return where


def make_ids_unique(
    folder: Path, index: Mapping[str, Any], order: cache.FileOrder | None = None
) -> set[int]:
    """Tell apart ids that repeat across chunks, as :func:`analysis.load_articles` does.

    Computed from the ids the files give (kept in ``_minhash``) over the whole
    corpus; the parts whose ids change are rewritten, scores included.
    ``order`` is the cache's :func:`analysis.cache.file_order`.

    Returns:
        The positions of the parts rewritten.
    """
    if not index["parts"]:
        return set()
    current = cache.read_table(folder, index, "articles", ["article_id", "path"], order=order)
    raw = cache.read_table(folder, index, cache.SIGNATURES, ["raw_id"], order=order)["raw_id"]
    final = _unique_ids(current.assign(article_id=raw.to_numpy()))["article_id"]
    changed = current["article_id"].to_numpy() != final.to_numpy()
    if not changed.any():
        return set()
    where = _rows_by_part(index, order).assign(old=current["article_id"], new=final)
    rewritten = {int(part) for part in where.loc[changed, "part"].unique()}
    for part in rewritten:
        rows = where[where["part"] == part]
        renamed = dict(zip(rows["old"], rows["new"], strict=True))
        names = index["parts"][int(part)]
        for table, key in cache.PART_KEY.items():
            if table == cache.SIGNATURES:
                continue
            frame = cache.read_part(folder, table, names[key])
            frame["article_id"] = frame["article_id"].map(renamed).astype("string")
            if "quote_id" in frame:  # "<article_id>#q<n>"
                number = frame["quote_id"].str.rsplit("#", n=1).str[-1]
                frame["quote_id"] = (frame["article_id"] + "#" + number).astype("string")
            cache.write_part(folder, table, names[key], frame)
    return rewritten


def flag_duplicates_in_cache(
    folder: Path,
    index: Mapping[str, Any],
    added: set[int] | None = None,
    order: cache.FileOrder | None = None,
) -> None:
    """Set ``duplicate_of`` across the whole cached corpus, rewriting the parts that change.

    Keeps each article's id, date and LSH band keys (about 200 bytes an
    article), reads the signatures a part at a time and the texts of
    candidate pairs only, keeping the shingles of the last ``SHINGLES_KEPT``
    candidates (not of every candidate: a corpus with many near duplicates
    would hold most of its texts); the result equals
    :func:`analysis.flag_duplicates` on the whole corpus.

    Args:
        folder: The corpus's cache folder.
        index: Its index.
        added: The parts added to a corpus whose other articles are flagged
            already: only the articles :func:`analysis.corpus.linked` to
            theirs, or to an article whose original's id is gone, are
            checked again (None: all).
        order: The cache's :func:`analysis.cache.file_order`.
    """
    if not index["parts"]:
        return
    columns = ["article_id", "published", "duplicate_of"]
    meta = cache.read_table(folder, index, "articles", columns, order=order)
    where = _rows_by_part(index, order)
    part_of, row_of = where["part"].to_numpy(), where["row"].to_numpy()

    @lru_cache(maxsize=8)
    def column(part: int, table: str, name: str) -> list[Any]:
        name_of_part = index["parts"][part]["load_name"]
        return cache.read_part(folder, table, name_of_part, [name])[name].tolist()

    def signatures() -> Iterator[bytes]:
        for part, row in zip(part_of.tolist(), row_of.tolist(), strict=True):
            yield column(part, cache.SIGNATURES, "signature")[row]

    keys = band_keys(signatures())
    ids = meta["article_id"].to_numpy()
    checked = np.ones(len(meta), dtype=bool)
    if added is not None:
        # An original whose id is gone was renamed by a run that stopped before its index.
        dangling = (meta["duplicate_of"].notna() & ~meta["duplicate_of"].isin(ids)).to_numpy()
        checked = linked(keys, np.isin(part_of, sorted(added)) | dangling)
    members = np.flatnonzero(checked)  # the articles checked, by their place among these
    place = np.cumsum(checked) - 1

    @lru_cache(maxsize=SHINGLES_KEPT)
    def shingles(m: int) -> set[str]:
        n = members[m]
        return body_shingles(column(int(part_of[n]), "articles", "text")[int(row_of[n])])

    published = [int(place[n]) for n in publication_order(meta) if checked[n]]
    original = duplicate_originals(published, keys[members], shingles)
    flagged = meta["duplicate_of"].array.copy()
    for m, n in enumerate(members.tolist()):
        flagged[n] = ids[members[original[m]]] if m in original else pd.NA
    meta = meta.assign(new=flagged, part=where["part"], row=where["row"])
    for part, rows in meta.groupby("part"):
        if rows["duplicate_of"].fillna("").equals(rows["new"].fillna("")):
            continue
        name = index["parts"][int(part)]["load_name"]
        articles = cache.read_part(folder, "articles", name)
        articles["duplicate_of"] = pd.array(rows.sort_values("row")["new"], dtype="string")
        cache.write_part(folder, "articles", name, articles)


def with_rejects(articles: pd.DataFrame, index: Mapping[str, Any]) -> pd.DataFrame:
    """The articles frame with ``attrs["rejects"]`` from the index."""
    articles.attrs = {"rejects": tuple(index.get("rejects", ()))}
    return articles
