"""Regenerate the HTML reports: run each notebook headless and export it.

Each notebook in ``notebooks/`` runs with papermill (parameters go into the
cell tagged ``parameters``), then nbconvert writes ``reports/<name>.html``
with code cells hidden and its figures as PNG files under
``reports/figures/<name>/``. Each figure's alternative text, read by screen
readers and shown when the image cannot load, is the ``alt`` entry of its
cell's metadata; a figure without one is logged.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
import papermill
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbconvert.preprocessors import ExtractOutputPreprocessor

from analysis.config import NOTEBOOKS_DIR, REPORTS_DIR
from analysis.progress import PROGRESS_ENV

logger = logging.getLogger(__name__)

FIGURE_NAME = "{unique_key}_{cell_index}_{index}{extension}"


def execute_notebook(notebook: Path, *, parameters: dict | None = None) -> nbformat.NotebookNode:
    """Run a notebook in a fresh kernel, in its own folder; return the executed notebook."""
    with _quiet_progress():
        return _execute(notebook, parameters)


@contextmanager
def _quiet_progress() -> Iterator[None]:
    """No progress bars in a report: the kernel inherits ``ANALYSIS_PROGRESS=0``."""
    previous = os.environ.get(PROGRESS_ENV)
    os.environ[PROGRESS_ENV] = "0"
    try:
        yield
    finally:
        if previous is None:
            del os.environ[PROGRESS_ENV]
        else:
            os.environ[PROGRESS_ENV] = previous


def _execute(notebook: Path, parameters: dict | None) -> nbformat.NotebookNode:
    return papermill.execute_notebook(
        str(notebook),
        None,
        parameters=parameters or {},
        cwd=str(notebook.parent),
        progress_bar=False,
        log_output=False,
        # The kernel runs on this machine's loopback; its start-up notices are noise here.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )


def figure_descriptions(executed: nbformat.NotebookNode, name: str) -> dict[str, str | None]:
    """Each PNG figure the export will write, with its cell's ``alt`` metadata (None if absent)."""
    descriptions = {}
    for cell_index, cell in enumerate(executed.cells):
        for index, output in enumerate(cell.get("outputs", [])):
            if "image/png" in output.get("data", {}):
                file = FIGURE_NAME.format(
                    unique_key=name, cell_index=cell_index, index=index, extension=".png"
                )
                descriptions[file] = cell.metadata.get("alt")
    return descriptions


def _describe_figures(html: str, descriptions: dict[str, str | None], name: str) -> str:
    soup = BeautifulSoup(html, features="html.parser")
    for image in soup.find_all("img"):
        file = Path(str(image.get("src", ""))).name
        alt = descriptions.get(file)
        if alt:
            image["alt"] = alt
        else:
            logger.warning("%s: figure %s has no description (cell metadata 'alt')", name, file)
    return str(soup)


def page_title(notebook: nbformat.NotebookNode, default: str) -> str:
    """The notebook's first Markdown heading, else ``default``."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return default


def export_html(executed: nbformat.NotebookNode, name: str, out_dir: Path) -> Path:
    """Write an executed notebook as ``out_dir/name.html``, figures beside it."""
    executed.metadata["title"] = page_title(executed, name)
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    exporter.log.setLevel(logging.ERROR)  # its missing-alt notice; _describe_figures checks
    extract = ExtractOutputPreprocessor(output_filename_template=FIGURE_NAME)
    exporter.register_preprocessor(extract, enabled=True)
    resources: dict[str, Any] = {"output_files_dir": f"figures/{name}", "unique_key": name}
    html, resources = exporter.from_notebook_node(executed, resources=resources)
    for relative, data in resources.get("outputs", {}).items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    page = out_dir / f"{name}.html"
    page.write_text(
        _describe_figures(html, figure_descriptions(executed, name), name), encoding="utf-8"
    )
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
