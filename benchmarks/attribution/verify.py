"""Check the attribution gold set against the documents: every offset pair
hashes to its sha1, every mention lies inside its sentence, and n_mentions
agrees with mentions.csv. Reads only the documents' text.

Usage (from the repository root):
    python benchmarks/attribution/verify.py REALWORLD_DIR
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path

import analysis

HERE = Path(__file__).resolve().parent
KINDS = {"quote", "turn"}
TYPES = {"person", "country", "organisation"}


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main(root: str) -> int:
    root = Path(root)
    cache: dict[str, str] = {}

    def text(f: str) -> str:
        if f not in cache:
            cache[f] = analysis.load_articles(root / f).loc[0, "text"]
        return cache[f]

    errors = []
    quotes = read_rows(HERE / "quotes.csv")
    for r in quotes:
        s, e = int(r["start"]), int(r["end"])
        if sha(text(r["file"])[s:e]) != r["sha1"]:
            errors.append(f"quote {r['file']} {s}-{e}: sha1 differs")
        if r["kind"] not in KINDS:
            errors.append(f"quote {r['file']} {s}: kind {r['kind']!r}")
        if r["speaker_country"] and len(r["speaker_country"]) != 3:
            errors.append(f"quote {r['file']} {s}: country {r['speaker_country']!r}")
    sentences = read_rows(HERE / "sentences.csv")
    sent_keys = {}
    for r in sentences:
        s, e = int(r["sentence_start"]), int(r["sentence_end"])
        if sha(text(r["file"])[s:e]) != r["sentence_sha1"]:
            errors.append(f"sentence {r['file']} {s}-{e}: sha1 differs")
        sent_keys[(r["file"], s, e)] = int(r["n_mentions"])
    mentions = read_rows(HERE / "mentions.csv")
    per_sentence = Counter()
    for r in mentions:
        ss, se, s, e = (int(r[k]) for k in ("sentence_start", "sentence_end", "start", "end"))
        t = text(r["file"])
        key = (r["file"], ss, se)
        if key not in sent_keys:
            errors.append(f"mention {r['file']} {s}: sentence not in sentences.csv")
        if sha(t[ss:se]) != r["sentence_sha1"]:
            errors.append(f"mention {r['file']} {s}: sentence sha1 differs")
        if not (ss <= s < e <= se) or t[s:e] != r["surface"]:
            errors.append(f"mention {r['file']} {s}-{e}: surface or offsets differ")
        if r["actor_type"] not in TYPES:
            errors.append(f"mention {r['file']} {s}: actor_type {r['actor_type']!r}")
        per_sentence[key] += 1
    for key, n in sent_keys.items():
        if per_sentence[key] != n:
            errors.append(f"sentence {key}: n_mentions {n}, mentions.csv {per_sentence[key]}")
    kinds = Counter(r["kind"] for r in quotes)
    print(
        f"quotes: {len(quotes)} ({dict(kinds)}); sentences: {len(sentences)} "
        f"({sum(1 for n in sent_keys.values() if n)} with mentions); mentions: {len(mentions)}"
    )
    for err in errors:
        print("ERROR", err)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/realworld"))
