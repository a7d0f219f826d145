#!/usr/bin/env python3
"""Medians, min–max and paired ratios from bench/run.sh's results file.

usage: summarize.py RESULTS.tsv RATIOS.tsv

RESULTS.tsv rows: label, run, seconds, max RSS (KiB). Commands that are
compared were run interleaved (A, B, A, B, …), so run k of A and run k of B
saw the same machine load; a ratio is the median of the per-run ratios A/B,
with their min–max.
RATIOS.tsv rows: name, numerator label, denominator label, target text.
"""

import statistics
import sys
from collections import defaultdict


def main():
    runs = defaultdict(dict)
    rss = defaultdict(list)
    for line in open(sys.argv[1], encoding="utf-8"):
        label, run, secs, kib = line.rstrip("\n").split("\t")
        runs[label][int(run)] = float(secs)
        rss[label].append(int(kib))
    print(f"{'command':44} {'runs':>4} {'median s':>9} {'min–max s':>15} {'peak RSS MiB':>12}")
    for label, by_run in runs.items():
        v = list(by_run.values())
        print(f"{label:44} {len(v):4} {statistics.median(v):9.3f} {min(v):7.3f}–{max(v):<7.3f} {max(rss[label]) / 1024:12.1f}")
    print()
    print(f"{'ratio':58} {'median':>8} {'min–max':>17}  target")
    for line in open(sys.argv[2], encoding="utf-8"):
        name, num, den, target = line.rstrip("\n").split("\t")
        if num not in runs or den not in runs:
            continue
        pairs = [runs[num][k] / runs[den][k] for k in runs[num] if k in runs[den] and runs[den][k] > 0]
        if not pairs:
            continue
        print(f"{name:58} {statistics.median(pairs):8.3f} {min(pairs):8.3f}–{max(pairs):<8.3f}  {target}")


if __name__ == "__main__":
    main()
