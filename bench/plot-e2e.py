#!/usr/bin/python3
"""Rate against loss for the end-to-end bench (EndToEndBench): one curve per detector.

usage: /usr/bin/python3 bench/plot-e2e.py OUT.png e2e-jungfrau-sim.csv e2e-eiger-sim.csv ...
(Debian's python3-matplotlib.) Each point is one 30 s pass: the frame rate asked, and what was
lost, the larger of packets lost / sent and images not written / requested (an image the buffer
overwrote before the writer got to it is in the file as a placeholder, not as data); a pass that
lost anything is drawn hollow. Zero loss is drawn at the bottom of the log axis.
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FLOOR = 1e-7  # where zero loss sits on the log axis

out = sys.argv[1]
fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
for path in sys.argv[2:]:
    name = os.path.basename(path)[len("e2e-"):-len(".csv")]
    rows = sorted(csv.DictReader(open(path)), key=lambda r: float(r["rate_hz"]))
    rates = [float(r["rate_hz"]) for r in rows]
    losses = [max(float(r["loss_fraction"]),
                  1 - int(r["images_written"]) / int(r["images_requested"]), FLOOR) for r in rows]
    clean = [r["clean"] == "true" for r in rows]
    line, = ax.plot(rates, losses, "-", alpha=0.5, label=name)
    ax.scatter([x for x, c in zip(rates, clean) if c], [y for y, c in zip(losses, clean) if c],
               color=line.get_color(), zorder=3)
    ax.scatter([x for x, c in zip(rates, clean) if not c], [y for y, c in zip(losses, clean) if not c],
               facecolors="none", edgecolors=line.get_color(), zorder=3)
    best = max((x for x, c in zip(rates, clean) if c), default=None)
    if best is not None:
        ax.annotate("%.0f Hz" % best, (best, FLOOR), textcoords="offset points", xytext=(0, 8),
                    ha="center", color=line.get_color())
ax.set_yscale("log")
ax.set_ylim(FLOOR / 2, 1)
ax.set_xlabel("frame rate asked (images/s)")
ax.set_ylabel("lost: packets or images, larger share\n(zero at the bottom)")
ax.set_title("DAQ Hub end to end: UDP -> assembly -> bitshuffle-LZ4 HDF5\n"
             "2-core VM, sender on the same cores; filled: nothing lost, hollow: something lost", fontsize=10)
ax.grid(True, which="both", alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(out)
print("wrote", out)
