"""What every reader shares: the read options, the record types and the error."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


class ArticleError(ValueError):
    """An article file or record cannot be loaded; the message names it."""


@dataclass(frozen=True)
class ReadOptions:
    """How to read files: the caller's encoding, field mapping and headline rule.

    Attributes:
        encoding: A Python codec name for every file; ``None`` to detect.
        columns: Export field name -> contract name, before the aliases.
        headline: ``False`` to read every line of a text as body (the
            title then comes from the metadata or the file name).
    """

    encoding: str | None = None
    columns: Mapping[str, str] | None = None
    headline: bool = True


Record = dict[str, object]
Parsed = list[tuple[str | None, "Record | ArticleError"]]
Reader = Callable[[str, bytes, ReadOptions], Parsed]
