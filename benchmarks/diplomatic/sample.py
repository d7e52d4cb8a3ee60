"""Draw the sentences of the diplomatic gold set (no scoring of any kind).

Run from the repository root:

    python benchmarks/diplomatic/sample.py [--shared ../shared]
    python benchmarks/diplomatic/sample.py --train-round 1   # a training draw

The first draws the 540 sentences of the ``tune`` and ``test`` halves. Each
training round R draws 1,000 more for the ``train`` split, with its own seed,
none of them a sentence of the halves or of an earlier round (the earlier
rounds are drawn again to know them), so that a round is the same whenever
it is drawn.

Reads the shipped corpus (data/raw/) and the real-world corpora
(<shared>/realworld/kremlin/*.html, <shared>/realworld/millercenter/*), keeps
non-heading sentences of 6 to 80 words, and draws a fixed-seed sample
stratified by source and year (and by issuer within the shipped corpus),
preferring sentences that name a foreign party. Writes
benchmarks/diplomatic/to_label.jsonl, a working file that holds real-world
text and is not committed.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections import defaultdict
from pathlib import Path

import analysis

SEED = 20260501
QUOTA = {"shipped": 116, "kremlin": 212, "millercenter": 212}
TRAIN_SEED = 20261129
TRAIN_QUOTA = {"shipped": 200, "kremlin": 400, "millercenter": 400}
SHARE_FOREIGN = 0.8  # share of each stratum drawn from sentences naming a foreign party
MIN_WORDS, MAX_WORDS = 6, 80
ISSUER = {"US government": "US", "Kremlin": "Russia", "news": "news"}

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RAW = ROOT / "data" / "raw"

# Words that suggest a sentence concerns a foreign party (a topical filter only).
FOREIGN = re.compile(
    r"\b(Russia\w*|Soviet\w*|USSR|Moscow|Kremlin|America\w*|United States|U\.\s?S\.|US|USA|"
    r"Washington|NATO|Europe\w*|EU|China|Chinese|Beijing|Japan\w*|Korea\w*|Iran\w*|Iraq\w*|"
    r"Syria\w*|Afghan\w*|Ukrain\w*|Georgia\w*|Germany|German|France|French|Britain|British|"
    r"Israel\w*|Palestin\w*|Kuwait\w*|Saddam|Cuba\w*|Mexic\w*|Canad\w*|India\w*|Turk\w*|"
    r"Belarus\w*|Kazakh\w*|Poland|Polish|Serbia\w*|Kosovo|Bosnia\w*|Libya\w*|Egypt\w*|"
    r"Vietnam\w*|Africa\w*|Asia\w*|allies|ally|alliance|foreign|international|bilateral|"
    r"treaty|sanction\w*|partner\w*|Putin|Medvedev|Yeltsin|Gorbachev|Obama|Bush|Clinton|"
    r"Trump|Lavrov|Kerry|United Nations|UN|Security Council|summit|embassy|ambassador\w*)\b"
)


def sentences_of(path: Path) -> tuple[dict, list[dict]]:
    art = analysis.load_articles(path)
    if len(art) != 1:
        return {}, []
    row = art.iloc[0]
    sents = analysis.split_sentences(art).sort_values(["sentence"]).reset_index(drop=True)
    out = []
    prev = ""
    for s in sents.itertuples():
        n = len(s.text.split())
        if not s.is_heading and MIN_WORDS <= n <= MAX_WORDS:
            out.append(
                {
                    "start": int(s.start),
                    "end": int(s.end),
                    "text": s.text,
                    "previous": prev,
                    "foreign": bool(FOREIGN.search(s.text)),
                }
            )
        prev = s.text
    meta = {"title": row["title"], "published": row["published"]}
    return meta, out


def draw(pool: list[dict], k: int, rng: random.Random) -> list[dict]:
    foreign = [p for p in pool if p["foreign"]]
    other = [p for p in pool if not p["foreign"]]
    rng.shuffle(foreign)
    rng.shuffle(other)
    k_f = min(len(foreign), round(k * SHARE_FOREIGN))
    k_o = min(len(other), k - k_f)
    k_f = min(len(foreign), k - k_o)
    return foreign[:k_f] + other[:k_o]


def spread(keys: list, total: int, size) -> list[tuple]:
    """Share ``total`` evenly over ``keys``, smallest first, capped at each key's ``size``."""
    out = []
    left, todo = total, sorted(keys, key=lambda k: (size(k), k))
    while todo:
        key = todo.pop(0)
        n = min(size(key), -(-left // (len(todo) + 1)) if todo else left)
        out.append((key, n))
        left -= n
    return sorted(out)


def halves() -> set[tuple[str, int]]:
    """The (file, start) of every sentence of the tune and test halves."""
    with open(HERE / "sentences.csv", newline="", encoding="utf-8") as fh:
        rows = csv.DictReader(fh)
        return {(row["file"], int(row["start"])) for row in rows if row["half"] != "train"}


def without(strata: dict[tuple, list[dict]], taken: set[tuple[str, int]]) -> dict:
    """The strata without the sentences at ``taken`` (file, start)."""
    return {
        key: [s for s in pool if (s["file"], s["start"]) not in taken]
        for key, pool in strata.items()
    }


def stratified(strata: dict[tuple, list[dict]], quota: dict, rng: random.Random) -> list[dict]:
    """Draw ``quota`` sentences per source, even over years and issuers."""
    chosen: list[dict] = []
    for source, total in quota.items():
        years = sorted({k[1] for k in strata if k[0] == source})
        # even over the years; a year with too few sentences leaves its share to the others
        for year, k in spread(
            years,
            total,
            lambda y, source=source: sum(
                len(v) for key, v in strata.items() if key[:2] == (source, y)
            ),
        ):
            issuers = sorted(key for key in strata if key[:2] == (source, year))
            # within a year, even over the issuers (the shipped corpus has several)
            for key, n in spread(issuers, k, lambda key: len(strata[key])):
                chosen.extend(draw(strata[key], n, rng))
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--train-round", type=int, default=0, help="draw this training round")
    args = ap.parse_args()
    realworld = Path(args.shared) / "realworld"
    train = args.train_round > 0

    strata: dict[tuple, list[dict]] = defaultdict(list)

    with open(RAW / "manifest.csv", newline="", encoding="utf-8") as fh:
        manifest = list(csv.DictReader(fh))
    for m in sorted(manifest, key=lambda r: r["file"]):
        meta, sents = sentences_of(RAW / m["file"])
        year = int(m["date"][:4])
        for s in sents:
            s.update(
                corpus="shipped",
                source="shipped",
                file=m["file"],
                title=meta["title"],
                date=m["date"],
                year=year,
                issuer=ISSUER[m["issuer"]],
            )
            strata[("shipped", year, s["issuer"])].append(s)

    for f in sorted((realworld / "kremlin").glob("*.html")):
        meta, sents = sentences_of(f)
        if not sents or meta["published"] is None or str(meta["published"]) == "NaT":
            continue
        date = meta["published"].strftime("%Y-%m-%d")
        for s in sents:
            s.update(
                corpus="realworld",
                source="kremlin",
                file=f"kremlin/{f.name}",
                title=meta["title"],
                date=date,
                year=int(date[:4]),
                issuer="Russia",
            )
            strata[("kremlin", int(date[:4]), "Russia")].append(s)

    for f in sorted((realworld / "millercenter").iterdir()):
        date = f.name[:10]
        meta, sents = sentences_of(f)
        for s in sents:
            s.update(
                corpus="realworld",
                source="millercenter",
                file=f"millercenter/{f.name}",
                title=f.name[11:].removesuffix(".txt").replace("-", " "),
                date=date,
                year=int(date[:4]),
                issuer="US",
            )
            strata[("millercenter", int(date[:4]), "US")].append(s)

    if train:
        taken = halves()
        for round_ in range(1, args.train_round + 1):
            rng = random.Random(TRAIN_SEED + round_ - 1)
            chosen = stratified(without(strata, taken), TRAIN_QUOTA, rng)
            taken |= {(s["file"], s["start"]) for s in chosen}
    else:
        rng = random.Random(SEED)
        chosen = stratified(strata, QUOTA, rng)

    # half: tune or test, at random, stratified by source
    by_source = defaultdict(list)
    for s in chosen:
        by_source[s["source"]].append(s)
    for source in sorted(by_source):
        items = by_source[source]
        rng.shuffle(items)
        for i, s in enumerate(items):
            s["half"] = "train" if train else ("tune" if i % 2 == 0 else "test")

    # label order: random, so that any prefix is spread over sources and years
    rng.shuffle(chosen)
    out = HERE / (f"to_label_train{args.train_round}.jsonl" if train else "to_label.jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for i, s in enumerate(chosen, 1):
            rec = {
                "item": f"t{args.train_round}-{i:04d}" if train else f"d{i:03d}",
                "corpus": s["corpus"],
                "source": s["source"],
                "file": s["file"],
                "title": s["title"],
                "date": s["date"],
                "year": s["year"],
                "issuer": s["issuer"],
                "half": s["half"],
                "start": s["start"],
                "end": s["end"],
                "previous": s["previous"],
                "text": s["text"],
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(chosen)} sentences to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
