"""Draw the documents, quotation candidates, transcript turns and sentences
of the attribution gold set (see README.md). Rerunnable: fixed seed, no
scoring, only ``load_articles`` and ``split_sentences``.

Usage (from the repository root):
    python benchmarks/attribution/sample.py REALWORLD_DIR

Writes working files with document text to the git-ignored folder scratch/ beside this script
(git-ignored): quote_candidates.txt, turn_candidates.txt, sentences.txt and
sample.json (the offsets). Labels are added by reading, not by this script.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import analysis

SEED = 20240611
HERE = Path(__file__).resolve().parent
WORK = HERE / "scratch"
N_QUOTE_CAND = 100
N_TURN_CAND = 95
N_SENT = 140
# a second stratum of sentences from the kremlin pages alone (denser in actors)
N_SENT_KREMLIN = 160

# quotation spans: straight, curly, guillemets, curly single quotes
QUOTE_RE = re.compile(r'"([^"\n]{2,}?)"|“([^”\n]{2,}?)”|«([^»\n]{2,}?)»|‘([^’\n]{2,}?)’(?![a-z])')
# a speaker label at the start of a paragraph
KREMLIN_LABEL = re.compile(r"^([A-Z][^:\n.!?]{0,90}?):\s+(?=\S)")
MILLER_LABEL = re.compile(
    r"^(Q\.?|THE PRESIDENT|[A-Z][A-Z.' -]{1,40}[A-Z]|"
    r"(?:Mr|Mrs|Ms|Dr|Governor|President|Senator)\.? [A-Z][a-z]+|"
    r"[A-Z][a-z]+ [A-Z][a-z]+)[.:]\s+"
)


def paragraphs(text):
    pos = 0
    for chunk in text.split("\n"):
        yield pos, pos + len(chunk), chunk
        pos += len(chunk) + 1


def load(root: Path):
    docs = []
    files = sorted((root / "kremlin").glob("*.html")) + sorted(
        p for p in (root / "millercenter").iterdir() if p.is_file()
    )
    for p in files:
        a = analysis.load_articles(p)
        if len(a) != 1:
            continue
        row = a.iloc[0]
        docs.append(
            {
                "file": p.relative_to(root).as_posix(),
                "folder": p.parent.name,
                "year": int(row["published"].year),
                "text": row["text"],
                "article_id": row["article_id"],
                "title": row["title"],
            }
        )
    return docs


def candidates(doc):
    text = doc["text"]
    label_re = KREMLIN_LABEL if doc["folder"] == "kremlin" else MILLER_LABEL
    quotes, turns = [], []
    for ps, pe, para in paragraphs(text):
        if not para.strip():
            continue
        m = label_re.match(para)
        is_turn = bool(m) and (doc["folder"] == "millercenter" or len(m.group(1).split()) <= 12)
        if doc["folder"] == "millercenter" and m and m.group(1) in ("President",):
            is_turn = False
        if is_turn and len(para) - m.end() > 20:
            turns.append({"label": m.group(1), "start": ps + m.end(), "end": pe})
        elif not is_turn:
            for q in QUOTE_RE.finditer(para):
                g = next(i for i in range(1, 5) if q.group(i) is not None)
                s, e = ps + q.start(g), ps + q.end(g)
                if len(text[s:e].split()) >= 3:
                    quotes.append({"start": s, "end": e})
    return quotes, turns


def round_robin(pools, n, per_doc, rng):
    """pools: {year: [(doc, [items])]}; take up to per_doc items per document,
    one document per year in turn, until n items."""
    out = []
    years = sorted(pools)
    for y in years:
        rng.shuffle(pools[y])
    idx = {y: 0 for y in years}
    while len(out) < n and any(idx[y] < len(pools[y]) for y in years):
        for y in years:
            if idx[y] < len(pools[y]) and len(out) < n:
                doc, items = pools[y][idx[y]]
                idx[y] += 1
                items = list(items)
                rng.shuffle(items)
                for it in sorted(items[:per_doc], key=lambda d: d["start"]):
                    if len(out) < n:
                        out.append(dict(it, file=doc["file"], year=doc["year"]))
    return out


def main(root):
    rng = random.Random(SEED)
    docs = load(Path(root))
    qpools, tpools, spools = defaultdict(list), defaultdict(list), defaultdict(list)
    for d in docs:
        q, t = candidates(d)
        key = (d["folder"], d["year"])
        if q:
            qpools[key].append((d, q))
        if len(t) >= 3:
            tpools[key].append((d, t))
    for d in docs:
        sents = analysis.split_sentences(
            __import__("pandas").DataFrame({"article_id": [d["article_id"]], "text": [d["text"]]})
        )
        sents = sents[~sents["is_heading"]]
        items = [
            {"start": int(r.start), "end": int(r.end)}
            for r in sents.itertuples()
            if 8 <= len(r.text.split()) <= 60
        ]
        if items:
            spools[(d["folder"], d["year"])].append((d, items))
    quotes = round_robin(qpools, N_QUOTE_CAND, 3, rng)
    turns = round_robin(tpools, N_TURN_CAND, 4, rng)
    sents = round_robin(spools, N_SENT, 2, rng)
    for x in sents:
        x["stratum"] = "all"
    taken = {(x["file"], x["start"]) for x in sents}
    kpools = defaultdict(list)
    for key, lst in spools.items():
        if key[0] == "kremlin":
            for doc, items in lst:
                rest = [it for it in items if (doc["file"], it["start"]) not in taken]
                if rest:
                    kpools[key].append((doc, rest))
    extra = round_robin(kpools, N_SENT_KREMLIN, 2, rng)
    for x in extra:
        x["stratum"] = "kremlin"
    sents += extra
    WORK.mkdir(exist_ok=True)
    text = {d["file"]: d["text"] for d in docs}
    (WORK / "sample.json").write_text(
        json.dumps({"quotes": quotes, "turns": turns, "sentences": sents}, indent=0)
    )

    def ctx(f, s, e, before=600, after=200):
        t = text[f]
        return (
            t[max(0, s - before) : s].replace("\n", " ¶ ")
            + " [["
            + t[s:e]
            + "]] "
            + t[e : e + after].replace("\n", " ¶ ")
        )

    with open(WORK / "quote_candidates.txt", "w") as fh:
        for i, q in enumerate(quotes):
            fh.write(
                f"### Q{i} {q['file']} {q['start']}-{q['end']}\n"
                f"{ctx(q['file'], q['start'], q['end'])}\n\n"
            )
    with open(WORK / "turn_candidates.txt", "w") as fh:
        for i, q in enumerate(turns):
            fh.write(
                f"### T{i} {q['file']} {q['start']}-{q['end']} LABEL={q['label']}\n"
                f"{text[q['file']][q['start'] : q['start'] + 160]}\n\n"
            )
    with open(WORK / "sentences.txt", "w") as fh:
        for i, s in enumerate(sents):
            fh.write(
                f"### S{i} {s['file']} {s['start']}-{s['end']}\n"
                f"{text[s['file']][s['start'] : s['end']]}\n\n"
            )
    print(
        len(docs),
        "documents;",
        len(quotes),
        "quote candidates;",
        len(turns),
        "turns;",
        len(sents),
        "sentences",
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/realworld")
