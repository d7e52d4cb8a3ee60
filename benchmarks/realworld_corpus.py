"""Copy the realworld development documents into data/raw/ as part of the default corpus.

Rerunnable: each run rewrites ``data/raw/kremlin/`` and ``data/raw/millercenter/``
from ``../shared/realworld/`` (or ``--realworld DIR``) and checks that the
written files load back to the same titles, dates and texts.

* ``kremlin/``: the 200 kremlin.ru pages (CC BY 4.0), stored as the text the
  loader extracts from each page (trafilatura), with a front matter of title,
  date, source, url, issuer, licence and kind, and the original page named in
  the manifest. Site navigation and footers are not kept.
* ``millercenter/``: the 80 Miller Center transcripts (US government works,
  public domain), each file copied unchanged under a front matter of date,
  source, issuer, licence and kind (the speaker stays on its ``President:``
  line, the title comes from the file name).

Each folder gets a ``manifest.csv`` (file, date, title, source, url, license,
kind, issuer, original file and its SHA-256) that the loader uses when the
folder is loaded on its own.

    python benchmarks/realworld_corpus.py [--realworld ../shared/realworld]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
from pathlib import Path

import pandas as pd

import analysis
from analysis.config import PROJECT_ROOT, RAW_DIR

KREMLIN = {
    "source": "kremlin.ru (President of Russia)",
    "issuer": "Kremlin",
    "license": "CC BY 4.0",
    "kind": "news",
}
MILLERCENTER = {
    "source": "Miller Center, University of Virginia",
    "issuer": "US government",
    "license": "Public domain (US government work, 17 U.S.C. § 105)",
    "kind": "speech",
}
MANIFEST_COLUMNS = ["file", "date", "title", "source", "url", "license", "kind", "issuer",
                    "original", "sha256"]  # fmt: skip


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(value: object) -> str:
    return " ".join(str(value).split())


def front_matter(fields: dict[str, object]) -> str:
    """``---`` lines of ``key: value``, leaving out empty values."""
    lines = [f"{key}: {one_line(value)}" for key, value in fields.items() if pd.notna(value)]
    return "---\n" + "\n".join(lines) + "\n---\n"


def fresh_folder(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def write_kremlin(source: Path, target: Path) -> pd.DataFrame:
    """Each page's extracted text under its front matter; returns the manifest rows."""
    articles = analysis.load_articles(source, workers=2)
    if len(analysis.rejects(articles)):
        raise SystemExit(f"pages not loaded: {analysis.rejects(articles)}")
    rows = []
    for article in articles.sort_values("path").itertuples():
        title, _, body = article.text.partition("\n\n")  # paragraph 0 is the title
        if title != article.title:
            raise SystemExit(f"{article.path}: the text does not open with its title")
        name = Path(article.path).with_suffix(".txt").name
        fields = {"title": article.title, "date": f"{article.published:%Y-%m-%d}",
                  "url": article.url, **KREMLIN}  # fmt: skip
        (target / name).write_text(front_matter(fields) + body + "\n", encoding="utf-8")
        rows.append({"file": name, **fields, "original": f"kremlin/{article.path}",
                     "sha256": sha256(source / article.path)})  # fmt: skip
    return pd.DataFrame.from_records(rows)


def write_millercenter(source: Path, target: Path) -> pd.DataFrame:
    """Each transcript unchanged under a front matter; returns the manifest rows."""
    rows = []
    for file in sorted(p for p in source.iterdir() if p.is_file()):
        name = file.name if file.suffix == ".txt" else f"{file.name}.txt"
        date = name[:10]
        fields = {"date": date, **MILLERCENTER}
        text = file.read_text(encoding="utf-8")
        (target / name).write_text(front_matter(fields) + text, encoding="utf-8")
        rows.append({"file": name, **fields, "original": f"millercenter/{file.name}",
                     "sha256": sha256(file)})  # fmt: skip
    return pd.DataFrame.from_records(rows)


def check_round_trip(folder: Path, manifest: pd.DataFrame) -> int:
    """Load the written folder: every file loads, dated and titled as the manifest says."""
    loaded = analysis.load_articles(folder)
    if len(analysis.rejects(loaded)) or len(loaded) != len(manifest):
        raise SystemExit(f"{folder}: {len(loaded)} loaded of {len(manifest)}")
    loaded = loaded.set_index("path").sort_index()
    expected = manifest.set_index("file").sort_index()
    if not (loaded["published"].dt.strftime("%Y-%m-%d") == expected["date"]).all():
        raise SystemExit(f"{folder}: dates differ from the manifest")
    titled = expected["title"].notna()
    if not (loaded.loc[titled, "title"] == expected.loc[titled, "title"]).all():
        raise SystemExit(f"{folder}: titles differ from the manifest")
    return len(loaded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--realworld", type=Path, default=PROJECT_ROOT.parent / "shared" / "realworld"
    )
    parser.add_argument("--out", type=Path, default=RAW_DIR)
    args = parser.parse_args()
    for name, write in (("kremlin", write_kremlin), ("millercenter", write_millercenter)):
        target = fresh_folder(args.out / name)
        manifest = write(args.realworld / name, target).reindex(columns=MANIFEST_COLUMNS)
        manifest.to_csv(target / "manifest.csv", index=False)
        print(f"{name}: {check_round_trip(target, manifest)} documents written to {target}")


if __name__ == "__main__":
    main()
