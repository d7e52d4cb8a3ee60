"""Where the gazetteer's layers come from: the shipped files, the user's actors."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from os import PathLike
from pathlib import Path
from typing import TypeAlias

import pandas as pd

from analysis.config import RESOURCES_DIR
from analysis.schema import LexiconError, read_resource, require_columns

ACTORS_PATH = RESOURCES_DIR / "actors.tsv"
ROLES_PATH = RESOURCES_DIR / "roles.tsv"
DERIVED_ACTORS_PATH = RESOURCES_DIR / "actors_phoenix.tsv"
DERIVED_ROLES_PATH = RESOURCES_DIR / "roles_phoenix.tsv"
DERIVED_PLACES_PATH = RESOURCES_DIR / "places_phoenix.tsv"
ACTOR_COLUMNS = ["actor", "country", "actor_type", "aliases"]
ROLE_COLUMNS = ["actor", "role", "start", "end", "titles"]


@dataclass(frozen=True)
class Layer:
    """One level of the gazetteer: its actors, roles and how its names are matched.

    Attributes:
        actors: ``actor``, ``country``, ``actor_type``, ``aliases``.
        roles: ``actor``, ``role``, ``start``, ``end`` (dates; NaT when open),
            ``titles``.
        exact: Match aliases with their case (curated, user); else as proper
            names in any case (derived).
    """

    actors: pd.DataFrame
    roles: pd.DataFrame
    exact: bool = True


def _role_dates(roles: pd.DataFrame, path: object) -> pd.DataFrame:
    roles = roles.copy()
    for column in ("start", "end"):
        values = roles[column].astype("string").fillna("")
        dates = pd.to_datetime(values.replace("", None), errors="coerce")
        bad = values.ne("") & dates.isna()
        if bad.any():
            line = int(bad.to_numpy().argmax()) + 2
            raise LexiconError(f"{path}: line {line}: {column} is not a date")
        roles[column] = dates
    return roles


def _read_tsv(path: str | PathLike[str], columns: list[str]) -> pd.DataFrame:
    """A gazetteer file; lines starting with ``#`` (a derived file's header) are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    except OSError as error:
        raise LexiconError(f"{path}: cannot be read ({error})") from error
    if lines and lines[0].startswith("#"):
        from io import StringIO

        body = "".join(line for line in lines if not line.startswith("#"))
        try:
            table = pd.read_csv(StringIO(body), sep="\t", dtype="string", keep_default_na=False)
        except pd.errors.ParserError as error:
            raise LexiconError(f"{path}: cannot be read as TSV ({error})") from error
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise LexiconError(f"{path}: missing column(s) {missing}; it has {list(table.columns)}")
        return table
    return read_resource(Path(path), columns)


ActorsArg: TypeAlias = str | PathLike[str] | pd.DataFrame | None


def read_layer(
    actors_path: str | Path, roles_path: str | Path | None = None, *, exact: bool = True
) -> Layer:
    """Read and check one layer's files (the roles file is optional).

    Raises:
        LexiconError: A column is missing, a role names an unknown actor,
            or a date does not parse; the message names the file and line.
    """
    actors = _read_tsv(actors_path, ACTOR_COLUMNS)
    if roles_path is None:
        roles = pd.DataFrame({c: pd.Series(dtype="string") for c in ROLE_COLUMNS})
    else:
        roles = _read_tsv(roles_path, ROLE_COLUMNS)
        unknown = sorted(set(roles["actor"]) - set(actors["actor"]))
        if unknown and exact:
            raise LexiconError(f"{roles_path}: actor(s) {unknown} are not in {actors_path}")
    return Layer(actors, _role_dates(roles, roles_path), exact=exact)


def shipped_layers() -> tuple[Layer, ...]:
    """The package's layers: derived from Phoenix, then curated.

    Read each time a gazetteer is built, not kept: their frames would cost
    every worker 40 MB. The shipped gazetteer and one per user's file are
    built once; a user's frame builds one on every call (about 0.35 s), so a
    loop should build it once with :func:`analysis.actors.gazetteer_with`
    and pass it on.
    """
    derived = read_layer(DERIVED_ACTORS_PATH, DERIVED_ROLES_PATH, exact=False)
    return derived, read_layer(ACTORS_PATH, ROLES_PATH)


def user_layer(actors: str | PathLike[str] | pd.DataFrame) -> Layer:
    """The user's actors as a layer, matched like the curated ones.

    Args:
        actors: A TSV file or a frame with ``actor``, ``country``,
            ``actor_type`` and ``aliases`` (``|``-separated).

    Raises:
        LexiconError: A column is missing; the message names the file.
    """
    if isinstance(actors, pd.DataFrame):
        require_columns(actors, ACTOR_COLUMNS, name="actors")
        frame = actors[ACTOR_COLUMNS].astype("string").fillna("")
    else:
        frame = _read_tsv(actors, ACTOR_COLUMNS)
    empty = pd.DataFrame({c: pd.Series(dtype="string") for c in ROLE_COLUMNS})
    return Layer(frame, _role_dates(empty, actors))


def actors_fingerprint(actors: ActorsArg = None) -> str:
    """A fingerprint of the user's actors (empty when None), for cache keys.

    Example:
        >>> actors_fingerprint(None)
        ''
    """
    if actors is None:
        return ""
    if isinstance(actors, pd.DataFrame):
        content = actors.to_csv(sep="\t", index=False).encode()
    else:
        content = Path(actors).read_bytes()
    return hashlib.sha256(content).hexdigest()


@cache
def place_countries() -> dict[str, str]:
    """Place (folded) -> its country ("vladivostok" -> "RUS", "massachusetts" -> "USA").

    The cities, regions and states the Phoenix dictionaries list under one
    country. Places are no actors: they tell where a person is from, not who acts.

    Example:
        >>> place_countries()["vladivostok"], place_countries()["massachusetts"]
        ('RUS', 'USA')
    """
    table = _read_tsv(DERIVED_PLACES_PATH, ["place", "country"])
    return dict(zip(table["place"].str.casefold(), table["country"], strict=True))
