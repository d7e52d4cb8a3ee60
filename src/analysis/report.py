"""Regenerate the HTML reports: run each notebook headless and export it.

Each notebook in ``notebooks/`` runs with papermill (parameters go into the
cell tagged ``parameters``; a notebook gets only the parameters it declares),
then nbconvert writes ``reports/<name>.html`` with code cells hidden and its
figures as PNG files under ``reports/figures/<name>/`` (and SVG beside them
when the notebook draws both). Each figure's alternative text, read by screen
readers and shown when the image cannot load, is the ``alt`` entry of its
cell's metadata; a figure without one is logged.

Writes are atomic: every notebook of a run is rendered into a staging folder
first, and only when all have run are the pages and their figures moved into
place, so a notebook that fails leaves the previous reports as they were and
raises :class:`ReportError` naming the notebook and the cell. ``index.html``
lists every report of the folder with its time of generation, the corpus
(path, documents, date range), the filters and the package version.
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nbformat
import papermill
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbconvert.preprocessors import ExtractOutputPreprocessor
from papermill.exceptions import PapermillExecutionError

from analysis.config import NOTEBOOKS_DIR, REPORTS_DIR
from analysis.progress import PROGRESS_ENV

logger = logging.getLogger(__name__)

FIGURE_NAME = "{unique_key}_{cell_index}_{index}{extension}"
INDEX_NAME = "index.html"
INDEX_RECORDS = "index.json"  # what index.html lists, kept between runs


class ReportError(RuntimeError):
    """A notebook failed; the reports already in place were left as they were.

    Attributes:
        notebook: The notebook's file name.
        cell: The number of the failing cell (0-based, as in the notebook file), or None.
        source: The first line of that cell's code.
        error: The error the cell raised, as ``Name: message``.
    """

    def __init__(self, notebook: str, cell: int | None, source: str, error: str) -> None:
        self.notebook, self.cell, self.source, self.error = notebook, cell, source, error
        where = f"cell {cell} ({source!r})" if cell is not None else "before any cell ran"
        super().__init__(
            f"{notebook}: {where} raised {error}; the previous reports were left in place"
        )


def execute_notebook(notebook: Path, *, parameters: dict | None = None) -> nbformat.NotebookNode:
    """Run a notebook in a fresh kernel, in its own folder; return the executed notebook.

    Only the ``parameters`` that the notebook's parameters cell declares are
    passed (see :func:`declared_parameters`).

    Raises:
        ReportError: A cell raised; names the notebook and the cell.
    """
    chosen = declared_parameters(notebook, parameters or {})
    try:
        with _quiet_progress():
            return _execute(notebook, chosen)
    except PapermillExecutionError as error:
        source = next((line for line in error.source.splitlines() if line.strip()), "")
        raise ReportError(notebook.name, _cell_number(notebook, error.source), source.strip()[:80],
                          f"{error.ename}: {error.evalue}") from error  # fmt: skip


def _cell_number(notebook: Path, source: str) -> int | None:
    """The number of the cell with this code in the notebook file (papermill adds a cell)."""
    cells = nbformat.read(notebook, as_version=4).cells
    return next((i for i, cell in enumerate(cells) if cell.source == source), None)


def declared_parameters(notebook: Path, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The ``parameters`` that the notebook declares in its cell tagged ``parameters``."""
    declared = papermill.inspect_notebook(str(notebook))
    return {name: value for name, value in parameters.items() if name in declared}


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


def _offline(soup: BeautifulSoup) -> None:
    """Drop the scripts the page would fetch from the web (require.js, MathJax).

    A report has no widgets and no formulas, so it needs neither; without
    them it opens offline, loads nothing from a third party and logs no error.
    """
    for script in soup.find_all("script"):
        external = str(script.get("src", "")).startswith(("http://", "https://", "//"))
        if external or script.get("type") == "text/x-mathjax-config":
            script.decompose()


def _describe_figures(html: str, descriptions: dict[str, str | None], name: str) -> str:
    soup = BeautifulSoup(html, features="html.parser")
    _offline(soup)
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


def _vector_figures(executed: nbformat.NotebookNode, name: str) -> dict[str, bytes]:
    """Take the SVG copy out of each output that also has a PNG; return it by file name.

    The page shows the PNG (and its ``alt``); the SVG is written beside it,
    under the same name, for print and slides.
    """
    vectors = {}
    for cell_index, cell in enumerate(executed.cells):
        for index, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            if "image/png" in data and "image/svg+xml" in data:
                file = FIGURE_NAME.format(
                    unique_key=name, cell_index=cell_index, index=index, extension=".svg"
                )
                vectors[f"figures/{name}/{file}"] = str(data.pop("image/svg+xml")).encode()
    return vectors


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
    vectors = _vector_figures(executed, name)
    html, resources = exporter.from_notebook_node(executed, resources=resources)
    for relative, data in {**resources.get("outputs", {}), **vectors}.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    page = out_dir / f"{name}.html"
    page.write_text(
        _describe_figures(html, figure_descriptions(executed, name), name), encoding="utf-8"
    )
    return page


def _render_into(notebook: Path, staging: Path, parameters: dict | None) -> dict[str, str]:
    """Execute and export one notebook into ``staging``; return its index entry."""
    executed = execute_notebook(notebook, parameters=parameters)
    page = export_html(executed, notebook.stem, staging)
    return {"page": page.name, "title": page_title(executed, notebook.stem),
            "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")}  # fmt: skip


def _publish(staging: Path, out_dir: Path, names: Sequence[str]) -> None:
    """Move each rendered page and its figures from ``staging`` into ``out_dir``."""
    for name in names:
        figures, old = out_dir / "figures" / name, staging / "replaced" / name
        if figures.exists():
            old.parent.mkdir(parents=True, exist_ok=True)
            figures.rename(old)
        new_figures = staging / "figures" / name
        if new_figures.exists():
            figures.parent.mkdir(parents=True, exist_ok=True)
            new_figures.rename(figures)
        os.replace(staging / f"{name}.html", out_dir / f"{name}.html")


def render_notebooks(
    notebooks: Sequence[str | Path],
    *,
    out_dir: str | Path = REPORTS_DIR,
    parameters: dict | None = None,
    corpus: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Render notebooks into ``out_dir`` all or nothing, and update its ``index.html``.

    Args:
        notebooks: The ``.ipynb`` files, rendered in this order.
        out_dir: Folder for the HTML pages, their ``figures/`` and the index.
        parameters: Values for the notebooks' ``parameters`` cells; each
            notebook gets those it declares. ``since``, ``until``, ``source``,
            ``issuer`` and ``about`` are listed in the index as the filters.
        corpus: What the index says of the corpus: ``path``, ``documents``,
            ``first`` and ``last`` (dates).

    Returns:
        The pages written.

    Raises:
        ReportError: A notebook failed: nothing in ``out_dir`` was changed.
    """
    from analysis import __version__

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        entries = []
        for notebook in map(Path, notebooks):
            logger.info("rendering %s", notebook.name)
            entries.append(_render_into(notebook, staging, parameters))
        _publish(staging, out_dir, [Path(entry["page"]).stem for entry in entries])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    filters = {k: v for k, v in (parameters or {}).items() if k in FILTER_NAMES and v}
    common = {"corpus": dict(corpus or {}), "filters": filters, "version": __version__}
    write_index(out_dir, [{**entry, **common} for entry in entries])
    return [out_dir / entry["page"] for entry in entries]


def render_notebook(
    notebook: str | Path, *, out_dir: str | Path = REPORTS_DIR, parameters: dict | None = None
) -> Path:
    """Execute one notebook and export it as an HTML report (see :func:`render_notebooks`).

    Args:
        notebook: Path to the ``.ipynb`` file.
        out_dir: Folder for the HTML page and its ``figures/`` folder.
        parameters: Values for the notebook's ``parameters`` cell.

    Returns:
        The path of the HTML page.
    """
    return render_notebooks([notebook], out_dir=out_dir, parameters=parameters)[0]


def numbered_notebooks(notebooks_dir: str | Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks (``NN-*.ipynb``) of a folder, in order."""
    return sorted(Path(notebooks_dir).glob("[0-9][0-9]-*.ipynb"))


def build_reports(
    *,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    out_dir: str | Path = REPORTS_DIR,
    parameters: dict | None = None,
    corpus: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Render every numbered notebook, all or nothing (see :func:`render_notebooks`)."""
    return render_notebooks(
        numbered_notebooks(notebooks_dir), out_dir=out_dir, parameters=parameters, corpus=corpus
    )


# --- the index of reports -------------------------------------------------------------

FILTER_NAMES = ("since", "until", "source", "issuer", "about")


def read_index(out_dir: str | Path) -> list[dict[str, Any]]:
    """The entries of ``out_dir/index.json`` whose page still exists, by page name."""
    path = Path(out_dir) / INDEX_RECORDS
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in entries if isinstance(e, dict) and (Path(out_dir) / e["page"]).is_file()]


def write_index(out_dir: str | Path, entries: Sequence[Mapping[str, Any]]) -> Path:
    """Add ``entries`` to the folder's index (replacing those of the same page); write it.

    Both ``index.json`` and ``index.html`` are written under a temporary name
    and renamed into place.
    """
    out_dir = Path(out_dir)
    by_page = {entry["page"]: dict(entry) for entry in read_index(out_dir)}
    by_page.update({entry["page"]: dict(entry) for entry in entries})
    ordered = [by_page[page] for page in sorted(by_page)]
    _write_atomic(out_dir / INDEX_RECORDS, json.dumps(ordered, indent=1, ensure_ascii=False))
    return _write_atomic(out_dir / INDEX_NAME, index_html(ordered))


def _write_atomic(path: Path, text: str) -> Path:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return path


def _describe_corpus_entry(corpus: Mapping[str, Any]) -> str:
    if not corpus:
        return "not recorded"
    span = " to ".join(str(corpus[k]) for k in ("first", "last") if corpus.get(k)) or "undated"
    return f"{corpus.get('path', '?')}: {corpus.get('documents', '?')} documents, {span}"


def index_html(entries: Sequence[Mapping[str, Any]]) -> str:
    """The index page: one row per report, every value escaped.

    Example:
        >>> page = index_html([{"page": "a.html", "title": "A <b>", "generated": "now",
        ...     "corpus": {}, "filters": {}, "version": "0.1.0"}])
        >>> "A &lt;b&gt;" in page and 'href="a.html"' in page
        True
    """
    rows = []
    for entry in entries:
        filters = entry.get("filters") or {}
        described = ", ".join(f"{k} {v}" for k, v in filters.items()) or "none"
        cells = [
            f'<a href="{html.escape(str(entry["page"]))}">'
            f"{html.escape(str(entry.get('title', entry['page'])))}</a>",
            html.escape(str(entry.get("generated", ""))),
            html.escape(_describe_corpus_entry(entry.get("corpus") or {})),
            html.escape(described),
            html.escape(str(entry.get("version", ""))),
        ]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    header = "".join(
        f'<th scope="col">{name}</th>'
        for name in ("report", "generated", "corpus", "filters", "package version")
    )
    return INDEX_TEMPLATE.format(header=header, rows="\n".join(rows))


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reports</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; max-width: 72rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ddd; }}
th {{ background: #f4f4f4; }}
</style>
</head>
<body>
<h1>Reports</h1>
<p>Each report is regenerated from the corpus by <code>python -m analysis report</code>.</p>
<table>
<thead><tr>{header}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""
