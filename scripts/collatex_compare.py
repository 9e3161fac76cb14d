"""Parallax against CollateX on the same articles, in the same run.

    target/pyenv/bin/python scripts/collatex_compare.py --parallax BIN [--limit S] NAME:DIR ...

Each DIR holds *.txt articles (and, for generated sets, truth.json from
examples/generate.rs). For each set: runs `BIN compare FILES --json` and
CollateX (pretokenized witnesses, order-preserving alignment, no near
matching) with a time limit of S seconds, prints both times and their
ratio, and what each found: Parallax's groups by kind; CollateX's shared
runs (at least RUN aligned columns where two witnesses have the same
normalized word). With truth.json, both are scored on the same ground
truth: a pair of sentences deriving from one wire sentence is found when a
group (Parallax) or a shared run (CollateX) covers both.
"""
import argparse
import json
import multiprocessing as mp
import re
import subprocess
import sys
import time
from pathlib import Path

RUN = 4  # shortest shared run CollateX is credited with
WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def tokens(text):
    """Words with char offsets (str indices are code points, like the engine's chars)."""
    out = []
    for m in WORD.finditer(text):
        out.append({"t": m.group(0) + " ", "n": m.group(0).lower().replace("’", "'"), "s": m.start(), "e": m.end()})
    return out


def run_collatex(witnesses, queue):
    from collatex import collate

    t0 = time.perf_counter()
    out = collate({"witnesses": witnesses}, output="json", segmentation=False, near_match=False)
    queue.put((time.perf_counter() - t0, out))


def collatex_runs(table_json):
    """Shared runs: (doc a, start, end, doc b, start, end) in chars, a < b."""
    data = json.loads(table_json)
    rows = data["table"]
    sig = data["witnesses"]
    index = {s: i for i, s in enumerate(sig)}
    n = len(rows)
    cols = len(rows[0]) if rows else 0
    runs = []
    for a in range(n):
        for b in range(a + 1, n):
            cur = []
            for c in range(cols + 1):
                ca = rows[a][c] if c < cols else None
                cb = rows[b][c] if c < cols else None
                same = bool(ca) and bool(cb) and [t["n"] for t in ca] == [t["n"] for t in cb]
                if same:
                    cur.append((ca, cb))
                    continue
                if sum(len(x) for x, _ in cur) >= RUN:
                    runs.append((index[sig[a]], cur[0][0][0]["s"], cur[-1][0][-1]["e"],
                                 index[sig[b]], cur[0][1][0]["s"], cur[-1][1][-1]["e"]))
                cur = []
    return runs


def covers(m, s):
    inter = max(0, min(m[1], s[1]) - max(m[0], s[0]))
    shorter = max(1, min(m[1] - m[0], s[1] - s[0]))
    return inter * 2 >= shorter


def score(truth, links):
    """links: list of (doc a, (s, e), doc b, (s, e)). Recall over truth pairs, precision over links."""
    arts = truth["articles"]

    def hits(d, span):
        return [(i, s["source"]) for i, s in enumerate(arts[d]["sentences"])
                if s["source"] is not None and covers(span, (s["start"], s["end"]))]

    by_src = {}
    for d, a in enumerate(arts):
        for i, s in enumerate(a["sentences"]):
            if s["source"] is not None:
                by_src.setdefault(s["source"], []).append((d, i))
    true_pairs = set()
    for lst in by_src.values():
        for i, x in enumerate(lst):
            for y in lst[i + 1:]:
                if x[0] != y[0]:
                    true_pairs.add((min(x, y), max(x, y)))
    found, correct = set(), 0
    for da, sa, db, sb in links:
        ha, hb = hits(da, sa), hits(db, sb)
        ok = False
        for ia, xa in ha:
            for ib, xb in hb:
                if xa == xb:
                    ok = True
                    x, y = (da, ia), (db, ib)
                    found.add((min(x, y), max(x, y)))
        correct += ok
    found &= true_pairs
    recall = len(found) / len(true_pairs) if true_pairs else 1.0
    precision = correct / len(links) if links else 1.0
    return recall, precision, len(true_pairs)


def parallax_links(cmp):
    links = []
    for g in cmp["groups"]:
        ms = g["members"]
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                links.append((a["doc"], (a["start"], a["end"]), b["doc"], (b["start"], b["end"])))
    return links


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parallax", required=True, help="the parallax binary")
    ap.add_argument("--limit", type=float, default=300, help="CollateX time limit, seconds")
    ap.add_argument("sets", nargs="+", help="NAME:DIR")
    args = ap.parse_args()
    summary = []
    for spec in args.sets:
        name, _, folder = spec.partition(":")
        files = sorted(Path(folder).glob("*.txt"))
        texts = [f.read_text(encoding="utf-8") for f in files]
        words = sum(len(t.split()) for t in texts)
        truth_path = Path(folder) / "truth.json"
        truth = json.loads(truth_path.read_text()) if truth_path.exists() else None
        print(f"\n== {name}: {len(files)} articles, {words} words")

        t0 = time.perf_counter()
        proc = subprocess.run([args.parallax, "compare", *map(str, files), "--json"],
                              capture_output=True, text=True, check=True)
        t_px = time.perf_counter() - t0
        cmp = json.loads(proc.stdout)
        kinds = {}
        for g in cmp["groups"]:
            kinds[g["kind"]] = kinds.get(g["kind"], 0) + 1
        print(f"Parallax: {t_px:8.3f} s  {len(cmp['groups'])} groups "
              + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))

        witnesses = [{"id": f"W{i}", "tokens": tokens(t)} for i, t in enumerate(texts)]
        q = mp.Queue()
        p = mp.Process(target=run_collatex, args=(witnesses, q))
        t0 = time.perf_counter()
        p.start()
        try:
            t_cx, table = q.get(timeout=args.limit)
        except Exception:
            t_cx, table = None, None
        p.join(timeout=1)
        if p.is_alive():
            p.terminate()
        if table is None:
            print(f"CollateX: stopped after {args.limit:.0f} s without a result")
            ratio = f"> {args.limit / t_px:.0f}x"
        else:
            runs = collatex_runs(table)
            ncols = len(json.loads(table)["table"][0])
            print(f"CollateX: {t_cx:8.3f} s  {ncols} alignment columns, {len(runs)} shared runs "
                  f"(>= {RUN} aligned equal words between two witnesses)")
            ratio = f"{t_cx / t_px:.1f}x"
        print(f"time CollateX / Parallax: {ratio}")
        row = {"set": name, "articles": len(files), "words": words, "parallax_s": t_px,
               "collatex_s": t_cx, "ratio": ratio}
        if truth is not None:
            r, pr, n = score(truth, parallax_links(cmp))
            print(f"ground truth ({n} sentence pairs from one wire sentence):")
            print(f"  Parallax  recall {r:.3f}  precision {pr:.3f}")
            row.update(parallax_recall=r, parallax_precision=pr)
            if table is not None:
                cl = [(a, (s1, e1), b, (s2, e2)) for a, s1, e1, b, s2, e2 in collatex_runs(table)]
                r, pr, _ = score(truth, cl)
                print(f"  CollateX  recall {r:.3f}  precision {pr:.3f}")
                row.update(collatex_recall=r, collatex_precision=pr)
        summary.append(row)
    out = Path("target/bench")
    out.mkdir(parents=True, exist_ok=True)
    (out / "collatex.json").write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    sys.exit(main())
