"""Check that every row of sentences.csv slices back to its sentence.

Run from the repository root:

    python benchmarks/diplomatic/check.py [--shared ../shared]

Shipped rows are checked against data/raw/, real-world rows against
<shared>/realworld/ (skipped, with a note, when that folder is absent).
Each row's ``text[start:end]`` of ``analysis.load_articles(file)`` must hash
to its ``sha1`` (first 12 hex digits of SHA-1 of the UTF-8 text), and a
shipped row's stored ``text`` must equal the slice. Exits 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path

import analysis

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    realworld = Path(args.shared) / "realworld"
    with open(HERE / "sentences.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))

    texts: dict[str, str] = {}
    bad, skipped = [], 0
    for row in rows:
        if row["corpus"] == "shipped":
            path = ROOT / "data" / "raw" / row["file"]
        else:
            path = realworld / row["file"]
            if not realworld.is_dir():
                skipped += 1
                continue
        if row["file"] not in texts:
            texts[row["file"]] = analysis.load_articles(path).iloc[0]["text"]
        piece = texts[row["file"]][int(row["start"]) : int(row["end"])]
        ok = hashlib.sha1(piece.encode("utf-8")).hexdigest()[:12] == row["sha1"]
        # a shipped row stores its text; a real-world row stores none (licence)
        stored = piece if row["corpus"] == "shipped" else ""
        ok = ok and row["text"] == stored
        if not ok or row["label"] not in {"-1", "0", "1"}:
            bad.append(row["item"])

    items = Counter(r["item"] for r in rows)
    dup = [i for i, n in items.items() if n > 1]
    print(
        f"{len(rows)} rows, {len(rows) - skipped - len(bad)} checked and matching, "
        f"{skipped} skipped (no real-world folder), {len(bad)} mismatched, "
        f"{len(dup)} duplicate items"
    )
    for item in bad + dup:
        print("  problem:", item)
    return 1 if bad or dup else 0


if __name__ == "__main__":
    sys.exit(main())
