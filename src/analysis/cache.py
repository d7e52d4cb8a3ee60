"""The on-disk cache of a corpus: one partitioned Parquet dataset per table.

A corpus's cache folder holds ``articles/``, ``sentences/``, ``mentions/`` and
``quotes/``, each a set of ``part-*.parquet`` files (one per chunk of input
files), a private ``_minhash/`` dataset of near-duplicate signatures, and
``index.json``: which input files (path, size, modification time, SHA-256)
each part was built from, with which code, and what could not be loaded.
Any Parquet reader (pandas, pyarrow, Dask, DuckDB, R's arrow) reads a table
as the folder. Every file is written to a temporary name and renamed, and the
index last, so an interrupted build leaves the previous cache readable and
the next run carries on from it.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

TABLES = ("articles", "sentences", "mentions", "quotes")
SIGNATURES = "_minhash"
INDEX_NAME = "index.json"
INDEX_VERSION = 3


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` through ``write(temporary path)``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def part_path(folder: Path, table: str, name: str) -> Path:
    """Where one part of a table lives: ``folder/table/part-name.parquet``."""
    return folder / table / f"part-{name}.parquet"


def write_part(folder: Path, table: str, name: str, frame: pd.DataFrame) -> None:
    """Write one part of a table atomically (no index, no frame attrs)."""
    plain = frame.reset_index(drop=True)
    plain.attrs = {}
    write_atomic(part_path(folder, table, name), lambda p: plain.to_parquet(p, index=False))


def read_part(
    folder: Path, table: str, name: str, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Read one part of a table, only ``columns`` if given."""
    frame = pd.read_parquet(
        part_path(folder, table, name), columns=list(columns) if columns else None
    )
    frame.attrs = {}
    return frame


def read_parts(
    folder: Path, table: str, names: Sequence[str], columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Read parts of a table, one after the other, as one frame.

    The parts are joined as Arrow tables and converted once: for a corpus of
    hundreds of parts, a few times faster than a frame per part.
    """
    return _as_frame(_arrow_parts(folder, table, names, columns))


def _arrow_parts(
    folder: Path, table: str, names: Sequence[str], columns: Sequence[str] | None
) -> list[pa.Table]:
    wanted = list(columns) if columns else None
    return [pq.read_table(part_path(folder, table, name), columns=wanted) for name in names]


def _as_frame(parts: Sequence[pa.Table]) -> pd.DataFrame:
    if all(part.schema.equals(parts[0].schema) for part in parts[1:]):
        frame = pa.concat_tables(parts).to_pandas()
    else:  # columns only some parts have, or other types: as pandas joins them
        frame = pd.concat([part.to_pandas() for part in parts], ignore_index=True)
    frame.attrs = {}
    return frame


def read_index(folder: Path) -> dict[str, Any] | None:
    """The cache's index, or None when there is none (or it is from another version)."""
    path = folder / INDEX_NAME
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    return index if index.get("version") == INDEX_VERSION else None


def write_index(folder: Path, index: Mapping[str, Any]) -> None:
    """Write the index atomically; from then on the cache is the new one."""
    text = json.dumps({**index, "version": INDEX_VERSION}, indent=1, default=str)
    write_atomic(folder / INDEX_NAME, lambda p: p.write_text(text, encoding="utf-8"))


def remove_unlisted(folder: Path, index: Mapping[str, Any]) -> None:
    """Delete part files and temporary files the index does not name."""
    keep = {part_path(folder, table, p[key]) for p in index["parts"] for table, key in _KEYS}
    for table, _ in _KEYS:
        for file in (folder / table).glob("*"):
            if file not in keep and (file.name.startswith("part-") or file.suffix == ".tmp"):
                file.unlink(missing_ok=True)


# Which name of a part (the load's or the scores') each table is stored under.
_KEYS = (
    ("articles", "load_name"),
    (SIGNATURES, "load_name"),
    ("sentences", "score_name"),
    ("mentions", "score_name"),
    ("quotes", "score_name"),
)
PART_KEY = dict(_KEYS)


@dataclass(frozen=True)
class FileOrder:
    """How the rows of the parts, read one after the other, go into input-file order.

    Parts added to a built corpus hold files that fall between those of the
    others; their rows are sorted into place by this, made once by
    :func:`file_order` for every table read.

    Attributes:
        rows: The articles' positions among the parts' rows, in file order.
        parts: The part of each article, in the parts' order.
        ids: Each article's id, in the parts' order, as when this was made.
    """

    rows: np.ndarray
    parts: np.ndarray
    ids: list[str]


def file_order(folder: Path, index: Mapping[str, Any]) -> FileOrder | None:
    """The order to sort the parts' rows into, or None when they are in file order already."""
    if in_file_order(index["parts"]):
        return None
    parts = index["parts"]
    names = [part["load_name"] for part in parts]
    tables = _arrow_parts(folder, "articles", names, ["article_id", "path"])
    articles = _as_frame(tables)
    owner = np.repeat(np.arange(len(parts)), [t.num_rows for t in tables])
    roots = [parts[n]["root"] for n in owner.tolist()]
    keys = [file_key(root, path) for root, path in zip(roots, articles["path"], strict=True)]
    rows = sorted(range(len(keys)), key=keys.__getitem__)  # stable: records stay in order
    return FileOrder(np.array(rows, dtype="int64"), owner, articles["article_id"].tolist())


def read_table(
    folder: Path,
    index: Mapping[str, Any],
    table: str,
    columns: Sequence[str] | None = None,
    *,
    order: FileOrder | None = None,
) -> pd.DataFrame:
    """Read a whole table from the cache, in input-file order.

    Args:
        folder: The corpus's cache folder.
        index: Its :func:`read_index`.
        table: One of :data:`TABLES`.
        columns: Read only these columns (all by default); a table read for
            one aggregate rarely needs the sentence texts.
        order: The cache's :func:`file_order`, when several tables are read
            (made here when needed and not given).
    """
    parts = index["parts"]
    names = [part[PART_KEY[table]] for part in parts]
    ordered = in_file_order(parts)
    wanted = columns
    if columns and not ordered and PART_KEY[table] != "load_name" and "article_id" not in columns:
        wanted = ["article_id", *columns]  # to sort by; dropped below
    if not names:
        raise ValueError("the cache holds no parts; an empty corpus has no tables to read")
    frame = read_parts(folder, table, names, wanted)
    if not ordered:
        order = order or file_order(folder, index)
        frame = frame if order is None else _reorder(order, table, frame)
    return frame[list(columns)] if columns else frame


def file_key(root: int, relative: str) -> tuple[int, list[str]]:
    """Sort key of an input file: the order in which a folder is listed."""
    return root, relative.split("/")


def in_file_order(parts: Iterable[Mapping[str, Any]]) -> bool:
    """Whether the parts, one after the other, hold the input files in order."""
    last = None
    for part in parts:
        if not part["files"]:
            continue
        first = file_key(part["root"], part["files"][0][0])
        if last is not None and first < last:
            return False
        last = file_key(part["root"], part["files"][-1][0])
    return True


def _reorder(order: FileOrder, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Sort rows into input-file order."""
    if PART_KEY[table] == "load_name":  # a row per article, in the same order
        return frame.iloc[order.rows].reset_index(drop=True)
    rank = pd.Series(range(len(order.rows)), index=[order.ids[n] for n in order.rows])
    article_rank = frame["article_id"].map(rank).reset_index(drop=True)
    return frame.iloc[article_rank.sort_values(kind="stable").index].reset_index(drop=True)
