#!/usr/bin/env python3
"""Turns a benchmark's runs (TSV) into a Markdown table row: median [min-max] of each tool and the
ratio ours/baseline of the medians, plus the median of the per-run ratios."""
import csv, statistics, sys, datetime

kind, n, path, load = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = list(csv.DictReader(open(path), delimiter="\t"))

def series(tool, col):
    return [float(r[col]) for r in rows if r["tool"] == tool]

def fmt(values, unit="", scale=1.0, digits=2):
    v = [x * scale for x in values]
    return f"{statistics.median(v):.{digits}f}{unit} [{min(v):.{digits}f}–{max(v):.{digits}f}]"

if kind == "rebuild":
    ours, hugo = series("broadsheet", "wall_s"), series("hugo", "wall_s")
    per_run = [o / h for o, h in zip(ours, hugo)]
    pages_ours = int(series("broadsheet", "pages")[0]); pages_hugo = int(series("hugo", "pages")[0])
    when = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
    print(f"| {n:,} | {len(ours)} | {fmt(ours, ' s')} | {fmt(hugo, ' s')} | "
          f"{statistics.median(ours) / statistics.median(hugo):.2f} (per run {statistics.median(per_run):.2f}) | "
          f"{pages_ours:,} / {pages_ours / statistics.median(ours):,.0f} | {pages_hugo:,} / {pages_hugo / statistics.median(hugo):,.0f} | "
          f"{fmt(series('broadsheet', 'rss_kb'), ' MB', 1 / 1024, 0)} | {fmt(series('hugo', 'rss_kb'), ' MB', 1 / 1024, 0)} | "
          f"{statistics.median(series('broadsheet', 'user_s')) + statistics.median(series('broadsheet', 'sys_s')):.1f} / "
          f"{statistics.median(series('hugo', 'user_s')) + statistics.median(series('hugo', 'sys_s')):.1f} | {when}, load {load} |")
