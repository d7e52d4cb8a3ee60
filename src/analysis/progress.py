"""Progress bars for long loads and builds: on a terminal or in Jupyter, quiet elsewhere."""

from __future__ import annotations

import importlib.util
import os
import sys
from typing import Any

# Set to 0 to silence every bar, 1 to show them even when output is not a terminal.
PROGRESS_ENV = "ANALYSIS_PROGRESS"


def in_jupyter() -> bool:
    """Whether this runs in a Jupyter kernel (JupyterLab, a notebook)."""
    shell = sys.modules.get("IPython")
    ipython = getattr(shell, "get_ipython", lambda: None)() if shell else None
    return type(ipython).__name__ == "ZMQInteractiveShell"


def show_progress(enabled: bool | None = None) -> bool:
    """Whether to draw a progress bar.

    Args:
        enabled: True or False to decide; None (default) to show one on a
            terminal or in Jupyter, and never when the ``CI`` environment
            variable is set or ``ANALYSIS_PROGRESS=0``.

    Example:
        >>> show_progress(False)
        False
    """
    if enabled is not None:
        return enabled
    setting = os.environ.get(PROGRESS_ENV)
    if setting is not None:
        return setting not in ("", "0")
    if os.environ.get("CI"):
        return False
    return in_jupyter() or sys.stderr.isatty()


def progress_bar(total: int, *, enabled: bool | None = None, **options: Any) -> Any:
    """A ``tqdm`` bar, disabled where :func:`show_progress` says.

    In Jupyter with ``ipywidgets`` installed the bar is a widget; elsewhere it
    is text on standard error.

    Args:
        total: Units of work (files, articles).
        enabled: See :func:`show_progress`.
        **options: Passed to ``tqdm`` (``unit``, ``desc``).
    """
    shown = show_progress(enabled)
    if shown and in_jupyter() and importlib.util.find_spec("ipywidgets"):
        from tqdm.notebook import tqdm
    else:  # tqdm.auto would warn in a notebook without ipywidgets, even with no bar
        from tqdm import tqdm
    return tqdm(total=total, disable=not shown, **options)
