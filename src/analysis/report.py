"""Regenerate the HTML reports: run each notebook headless and export it.

Each notebook in ``notebooks/`` runs with papermill (parameters go into the
cell tagged ``parameters``), then nbconvert writes ``reports/<name>.html``
with code cells hidden and its figures as PNG files under
``reports/figures/<name>/``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import nbformat
import papermill
from nbconvert import HTMLExporter
from nbconvert.preprocessors import ExtractOutputPreprocessor

from analysis.config import NOTEBOOKS_DIR, REPORTS_DIR

logger = logging.getLogger(__name__)


def execute_notebook(notebook: Path, *, parameters: dict | None = None) -> nbformat.NotebookNode:
    """Run a notebook in a fresh kernel, in its own folder; return the executed notebook."""
    return papermill.execute_notebook(
        str(notebook),
        None,
        parameters=parameters or {},
        cwd=str(notebook.parent),
        progress_bar=False,
        log_output=False,
    )


def export_html(executed: nbformat.NotebookNode, name: str, out_dir: Path) -> Path:
    """Write an executed notebook as ``out_dir/name.html``, figures beside it."""
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    exporter.register_preprocessor(ExtractOutputPreprocessor(), enabled=True)
    resources: dict[str, Any] = {"output_files_dir": f"figures/{name}", "unique_key": name}
    html, resources = exporter.from_notebook_node(executed, resources=resources)
    for relative, data in resources.get("outputs", {}).items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    page = out_dir / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    return page


def render_notebook(
    notebook: str | Path, *, out_dir: str | Path = REPORTS_DIR, parameters: dict | None = None
) -> Path:
    """Execute one notebook and export it as an HTML report.

    Args:
        notebook: Path to the ``.ipynb`` file.
        out_dir: Folder for the HTML page and its ``figures/`` folder.
        parameters: Values for the notebook's ``parameters`` cell.

    Returns:
        The path of the HTML page.
    """
    notebook, out_dir = Path(notebook), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = execute_notebook(notebook, parameters=parameters)
    return export_html(executed, notebook.stem, out_dir)


def build_reports(
    *,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    out_dir: str | Path = REPORTS_DIR,
    parameters: dict | None = None,
) -> list[Path]:
    """Render every numbered notebook (``NN-*.ipynb``) in order, with the same parameters."""
    pages = []
    for notebook in sorted(Path(notebooks_dir).glob("[0-9][0-9]-*.ipynb")):
        logger.info("rendering %s", notebook.name)
        pages.append(render_notebook(notebook, out_dir=out_dir, parameters=parameters))
    return pages
