#!/usr/bin/env python3
"""Turns a benchmark's runs (TSV) into a Markdown table row: median [min-max] of each tool and the
ratio ours/baseline of the medians, plus the median of the per-run ratios."""
import csv, statistics, sys, datetime, os

kind, n, path, load = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = list(csv.DictReader(open(path), delimiter="\t")) if os.path.exists(path) else []

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

if kind == "incremental":
    when = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
    seed_path = path.replace("runs.tsv", "seed.tsv")
    if os.path.exists(seed_path):
        seeds = list(csv.DictReader(open(seed_path), delimiter="\t"))
        print("Seeding (article and listing items, one table per site; not measured per publish):\n")
        print("| N | target month entries | section month | seeding, s | items written | MB written | outcome |")
        print("|---|---|---|---|---|---|---|")
        for r in seeds:
            print(f"| {int(r['n']):,} | {int(r['entries']):,} | {r['section']} {r['month']} | {float(r['seconds']):.1f} | "
                  f"{int(r['items']):,} | {int(r['bytes']) / 1e6:.1f} | {r['outcome']} |")
        print()
    if not os.path.exists(path) or not rows:
        print(f"No publish was measured (see the seeding outcome above). {when}, load {load}.")
        sys.exit(0)
    has_entries = "entries" in rows[0]
    sites = sorted({(int(r["n"]), int(r["entries"]) if has_entries else 0) for r in rows})
    def col(site, c):
        return [float(r[c]) for r in rows if (int(r["n"]), int(r["entries"]) if has_entries else 0) == site]
    def med(site, c):
        return statistics.median(col(site, c))
    print("| N | target month entries | runs | API call to last page written, ms | of which API | of which publish | S3 PUTs | other S3 requests | DynamoDB requests | time in S3 requests, ms | time in DynamoDB requests, ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for s in sites:
        other = [t - p for t, p in zip(col(s, "s3_requests"), col(s, "s3_put"))]
        print(f"| {s[0]:,} | {s[1]:,} | {len(col(s, 'total_ms'))} | {fmt(col(s, 'total_ms'), '', 1, 0)} | {fmt(col(s, 'api_ms'), '', 1, 0)} | "
              f"{fmt(col(s, 'publish_ms'), '', 1, 0)} | {fmt(col(s, 's3_put'), '', 1, 0)} | {fmt(other, '', 1, 0)} | "
              f"{fmt(col(s, 'dynamo_requests'), '', 1, 0)} | {fmt(col(s, 's3_ms'), '', 1, 0)} | {fmt(col(s, 'dynamo_ms'), '', 1, 0)} |")
    if has_entries and "dynamo_units" in rows[0]:
        print("\nDynamoDB writes per publish (medians [min–max]; units as dynalite reports them with ReturnConsumedCapacity=TOTAL,"
              " base table only; bytes = sizes of the items and update values sent, by AWS's rules; by kind = items/bytes of the median run):\n")
        print("| N | target month entries | write requests | items written | bytes written | write units | refused by condition | by item kind |")
        print("|---|---|---|---|---|---|---|---|")
        for s in sites:
            runs = [r for r in rows if (int(r["n"]), int(r["entries"])) == s]
            typical = sorted(runs, key=lambda r: float(r["dynamo_bytes"]))[len(runs) // 2]
            print(f"| {s[0]:,} | {s[1]:,} | {fmt(col(s, 'dynamo_write_requests'), '', 1, 0)} | {fmt(col(s, 'dynamo_items'), '', 1, 0)} | "
                  f"{fmt(col(s, 'dynamo_bytes'), '', 1, 0)} | {fmt(col(s, 'dynamo_units'), '', 1, 0)} | "
                  f"{fmt(col(s, 'condition_failures'), '', 1, 0)} | {typical['writes_by_kind']} |")
    print()
    ns = sorted({s[0] for s in sites})
    if len(ns) >= 2:
        # the size ratio: the largest against the smallest N, at the largest month both have
        months = sorted({s[1] for s in sites if s[0] == ns[0]} & {s[1] for s in sites if s[0] == ns[-1]})
        if months:
            small, large = (ns[0], months[-1]), (ns[-1], months[-1])
            t = med(large, "total_ms") / med(small, "total_ms")
            p = med(large, "s3_put") / med(small, "s3_put")
            per_run = [l / s_ for l, s_ in zip(col(large, "total_ms"), col(small, "total_ms"))]
            print(f"Ratio N={large[0]:,} / N={small[0]:,} (target month {months[-1]:,} entries): time {t:.2f} "
                  f"(per run {statistics.median(per_run):.2f}), S3 PUTs {p:.2f}; median at N={large[0]:,}: {med(large, 'total_ms'):.0f} ms.")
    if has_entries:
        for n_ in ns:
            ms = sorted({s[1] for s in sites if s[0] == n_})
            if len(ms) >= 2 and "dynamo_units" in rows[0]:
                a, b = (n_, ms[0]), (n_, ms[-1])
                print(f"Month of {ms[-1]:,} vs {ms[0]:,} entries at N={n_:,}: time {med(b, 'total_ms') / med(a, 'total_ms'):.2f}, "
                      f"DynamoDB bytes written {med(b, 'dynamo_bytes') / med(a, 'dynamo_bytes'):.2f} "
                      f"({med(a, 'dynamo_bytes'):,.0f} → {med(b, 'dynamo_bytes'):,.0f}), "
                      f"write units {med(b, 'dynamo_units') / med(a, 'dynamo_units'):.2f} ({med(a, 'dynamo_units'):.0f} → {med(b, 'dynamo_units'):.0f}).")
    delay = os.environ.get("REQUEST_DELAY_MS", "0")
    if delay != "0":
        print(f"Every DynamoDB and S3 request of the publishes paused {delay} ms before it was sent (REQUEST_DELAY_MS).")
    print(f"Measured {when}, load {load}.")

if kind == "sustained":
    rounds = list(csv.DictReader(open(path.replace("runs.tsv", "rounds.tsv")), delimiter="\t"))
    when = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
    def pct(values, p):
        v = sorted(values)
        return v[max(0, min(len(v) - 1, -(-p * len(v) // 100) - 1))]
    print("| round | publishers | publishes | publishes/s | latency p50, ms | latency p99, ms | API p50, ms | listing retries per publish | other refused writes | redeliveries | DynamoDB bytes per publish | write units per publish |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    rates, p50s, p99s, retries = [], [], [], []
    for r in rounds:
        lat = [float(x["total_ms"]) for x in rows if x["round"] == r["round"]]
        api = [float(x["api_ms"]) for x in rows if x["round"] == r["round"]]
        k = int(r["publishes"])
        rate = k * 1000 / float(r["wall_ms"])
        retry = int(r["listing_condition_failures"]) / k
        rates.append(rate); p50s.append(pct(lat, 50)); p99s.append(pct(lat, 99)); retries.append(retry)
        print(f"| {r['round']} | {r['publishers']} | {k} | {rate:.1f} | {pct(lat, 50):.0f} | {pct(lat, 99):.0f} | {pct(api, 50):.0f} | "
              f"{retry:.2f} | {int(r['condition_failures']) - int(r['listing_condition_failures'])} | {r['redeliveries']} | "
              f"{int(r['dynamo_bytes']) / k:,.0f} | {float(r['dynamo_units']) / k:.0f} |")
    lat = [float(x["total_ms"]) for x in rows]
    print(f"\nMedians of the {len(rounds)} rounds: {statistics.median(rates):.1f} publishes/s, p50 {statistics.median(p50s):.0f} ms, "
          f"p99 {statistics.median(p99s):.0f} ms, {statistics.median(retries):.2f} listing retries per publish "
          f"(all {len(lat)} publishes pooled: p50 {pct(lat, 50):.0f} ms, p99 {pct(lat, 99):.0f} ms). Measured {when}, load {load}.")

if kind == "coldstart":
    jar_bytes = n
    configs = []
    for r in rows:
        if r["config"] not in configs:
            configs.append(r["config"])
    def col(c, k):
        return [float(r["millis"]) for r in rows if r["config"] == c and r["kind"] == k]
    when = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
    print("| JVM flags | runs | bare-JVM floor, ms | first API response, ms | API / floor | first stream batch, ms | batch / floor |")
    print("|---|---|---|---|---|---|---|")
    for c in configs:
        f, a, p = col(c, "floor"), col(c, "api"), col(c, "publish")
        batches = "" if len(p) == len(f) else f" ({len(p)} of {len(f)} batches published)"
        print(f"| {c} | {len(f)} | {fmt(f, '', 1, 0)} | {fmt(a, '', 1, 0)} | {statistics.median(a) / statistics.median(f):.1f} | "
              f"{fmt(p, '', 1, 0)}{batches} | {statistics.median(p) / statistics.median(f):.1f} |")
    print(f"\nFunctions jar: {jar_bytes:,} bytes ({jar_bytes / 1048576:.1f} MiB). Measured {when}, load {load}.")
    if "phases" in rows[0]:
        print("\nWhere the first request's time goes (medians, ms from process start to the end of each phase):\n")
        print("| JVM flags | function | JVM reaches main | event read | handler built | request done |")
        print("|---|---|---|---|---|---|")
        for c in configs:
            for k in ("api", "publish"):
                ph = {}
                for r in rows:
                    if r["config"] == c and r["kind"] == k and r.get("phases"):
                        for part in r["phases"].strip(";").split(";"):
                            name, v = part.split("=")
                            ph.setdefault(name, []).append(float(v))
                done = col(c, k)
                cells = [f"{statistics.median(ph[x]):.0f}" if x in ph else "–" for x in ("main", "event", "init")]
                print(f"| {c} | {k} | {' | '.join(cells)} | {statistics.median(done):.0f} |")

if kind == "store":
    ms = [float(r["millis"]) / 1000 for r in rows]
    up = [float(r["uploads"]) for r in rows]
    when = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
    print("| N | runs | wall (interrupted + resumed) | pages uploaded | pages/s | listings |")
    print("|---|---|---|---|---|---|")
    print(f"| {n:,} | {len(ms)} | {fmt(ms, ' s')} | {int(statistics.median(up)):,} | "
          f"{statistics.median(up) / statistics.median(ms):,.0f} | {rows[0]['listings']} |")
    if "fanout_millis" in rows[0]:
        fan = [float(r["fanout_millis"]) / 1000 for r in rows]
        fup = [float(r["fanout_uploads"]) for r in rows]
        units = [float(r["fanout_units"]) for r in rows]
        ratio = [f / m for f, m in zip(fan, ms)]
        print("\nThe same rebuild fanned out through SQS (ElasticMQ) in the same runs:\n")
        print("| N | runs | wall (fan-out) | units (messages) | pages uploaded | pages/s | fan-out / local, per run |")
        print("|---|---|---|---|---|---|---|")
        print(f"| {n:,} | {len(fan)} | {fmt(fan, ' s')} | {int(statistics.median(units)):,} | "
              f"{int(statistics.median(fup)):,} | {statistics.median(fup) / statistics.median(fan):,.0f} | {fmt(ratio)} |")
    print(f"\nMeasured {when}, load {load}.")
