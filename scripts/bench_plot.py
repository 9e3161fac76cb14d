"""Scaling table and plot from the bench JSON lines (see bench-scale.sh)."""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

out = Path(sys.argv[1] if len(sys.argv) > 1 else "target/bench")


def load(name):
    p = out / name
    if not p.exists():
        return []
    return [json.loads(line) for line in p.read_text().splitlines() if line.strip()]


native = load("scale-native.jsonl")
wasm = load("scale-wasm.jsonl")

print(f"{'where':6} {'mode':8} {'articles':>8} {'words':>8} {'time ms':>10} {'peak MB':>8} "
      f"{'recall':>7} {'prec.':>6} {'groups':>6}")
for where, rows in (("native", native), ("wasm", wasm)):
    for r in rows:
        if "timeout_s" in r:
            print(f"{where:6} {r['mode']:8} {r['articles']:>8} {'':>8} {'>' + str(r['timeout_s']) + ' s':>10}")
            continue
        mem = r.get("peak_rss_mb") or r.get("peak_mb")
        print(f"{where:6} {r['mode']:8} {r['articles']:>8} {r.get('words', 0):>8} "
              f"{r['ms_median']:>10.1f} {mem if mem is None else round(mem, 1)!s:>8} "
              f"{r.get('recall', float('nan')):>7.3f} {r.get('precision', float('nan')):>6.3f} "
              f"{r.get('groups', 0):>6}")

fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(11, 4.2))
for where, rows, color in (("native", native, "#1f6feb"), ("wasm (Chromium)", wasm, "#d1242f")):
    pts = [r for r in rows if r.get("mode") == "compare" and "ms_median" in r]
    for r in rows:
        if r.get("mode") == "compare" and "timeout_s" in r:
            ax_t.plot([r["articles"]], [r["timeout_s"]], "^", color=color, mfc="none")
            ax_t.annotate(f"> {r['timeout_s']} s (stopped)", (r["articles"], r["timeout_s"]),
                          fontsize=7, textcoords="offset points", xytext=(-60, 6))
    if not pts:
        continue
    xs = [r["articles"] for r in pts]
    words = [r["words"] for r in pts]
    ax_t.plot(xs, [r["ms_median"] / 1000 for r in pts], "o-", color=color, label=where)
    for x, w, r in zip(xs, words, pts):
        if where == "native":
            ax_t.annotate(f"{w // 1000}k words", (x, r["ms_median"] / 1000), fontsize=7,
                          textcoords="offset points", xytext=(4, -10))
    mems = [(r["articles"], r.get("peak_rss_mb") or r.get("peak_mb")) for r in pts]
    mems = [(x, m) for x, m in mems if m]
    if mems:
        ax_m.plot([x for x, _ in mems], [m for _, m in mems], "o-", color=color, label=where)
ax_t.axhline(1.0, color="gray", ls="--", lw=0.8)
ax_t.text(0.02, 1.0, "1 s target (300 articles)", fontsize=7, color="gray", va="bottom",
          transform=ax_t.get_yaxis_transform())
ax_m.axhline(300, color="gray", ls="--", lw=0.8)
ax_m.text(0.02, 300, "300 MB target (300 articles)", fontsize=7, color="gray", va="bottom",
          transform=ax_m.get_yaxis_transform())
for ax, title, ylabel in ((ax_t, "Compare time", "seconds"), (ax_m, "Peak memory", "MB")):
    ax.set_title(title)
    ax.set_xlabel("articles (~700 words each)")
    ax.set_ylabel(ylabel)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
fig.suptitle("Parallax engine scaling on generated cross-outlet coverage (seed 1)")
fig.tight_layout()
fig.savefig(out / "scale.png", dpi=110)
print(f"plot: {out / 'scale.png'}")
