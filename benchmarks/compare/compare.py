#!/usr/bin/python3
"""Orchestrator of benchmarks/compare (called by ./run; see README.md there).

For each size: generate the city (cached), export the engine's contacts, time every tool on every
measure (each measure in a fresh process), check that the values agree, print the table and write
the JSON.
"""
import argparse
import csv
import json
import math
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CLI = os.path.join(ROOT, "artifacts/bin/SocialCapital.Cli/release/SocialCapital.Cli.dll")
HARNESS = os.path.join(ROOT, "artifacts/bin/SocialCapital.Compare.Harness/release/SocialCapital.Compare.Harness.dll")
CACHE = os.path.join(ROOT, "artifacts/compare")
AS_OF = "2026-01-01"
MEASURES = ["clustering", "constraint", "jaccard_1000", "components"]
QUIKGRAPH_MAX = 100_000  # sizes above this skip the QuikGraph components run (over 8 CPU-minutes at 1M)
NETWORKX_MAX = 100_000
REL = ABS = 1e-6


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_child(cmd, env=None):
    """Runs a command; returns (stdout, wall seconds, peak RSS MB of that child alone via wait4)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = p.communicate()  # reaps the child
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    return out.decode(), wall


def json_line(cmd):
    out, _ = run_child(cmd)
    return json.loads(out.strip().splitlines()[-1])


def read_values(path):
    with open(path) as f:
        return [float(x) for x in f]


def agree(a, b):
    """Values agree when both NaN, or |a-b| <= 1e-6, or |a-b| <= 1e-6*max(|a|,|b|)."""
    if len(a) != len(b):
        return False, f"lengths {len(a)} vs {len(b)}"
    worst, bad, first = 0.0, 0, None
    for i, (x, y) in enumerate(zip(a, b)):
        if math.isnan(x) or math.isnan(y):
            ok = math.isnan(x) and math.isnan(y)
            d = 0.0 if ok else math.inf
        else:
            d = abs(x - y)
            ok = math.isclose(x, y, rel_tol=REL, abs_tol=ABS)
        if not ok:
            bad += 1
            first = first if first is not None else (i, x, y)
        worst = max(worst, d)
    return bad == 0, f"max |diff| {worst:.2e}" + (f", {bad} disagree (first: #{first[0]} {first[1]} vs {first[2]})" if bad else "")


def cli_metrics(city, work, reps):
    """The CLI as a process: `socialcapital metrics DIR --format csv` (read CSV, build, all person measures, write CSV)."""
    out = os.path.join(work, "cli-metrics.csv")
    cmd = ["dotnet", CLI, "metrics", city, "--format", "csv", "--as-of", AS_OF, "--out", out]
    times, peaks = [], []
    for r in range(reps + 1):
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            raise SystemExit(f"CLI failed: {p.stderr.read().decode()[-2000:]}")
        p.stderr.close()
        if r > 0:  # the first run warms the disk cache and is not counted
            times.append(wall)
            peaks.append(usage.ru_maxrss / 1024.0)
    with open(os.path.join(work, "ids.txt")) as f:
        dense = {line.rstrip("\n"): i for i, line in enumerate(f)}
    clustering = [math.nan] * len(dense)
    constraint = [math.nan] * len(dense)
    with open(out, newline="") as f:
        for row in csv.DictReader(f):
            i = dense[row["id"]]
            clustering[i] = float(row["clustering"]) if row["clustering"] else math.nan
            constraint[i] = float(row["constraint"]) if row["constraint"] else math.nan
    for name, vals in (("clustering", clustering), ("constraint", constraint)):
        with open(os.path.join(work, f"socialcapital-cli.{name}.txt"), "w") as f:
            f.writelines(("nan" if math.isnan(v) else repr(v)) + "\n" for v in vals)
    times.sort()
    return {"median_s": times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2,
            "times_s": times, "peak_mb": round(max(peaks), 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--json", default=None)
    ap.add_argument("--reps", type=int, default=None, help="measured repetitions (default 5 up to 10k, 3 above)")
    ap.add_argument("--mean-contacts", type=int, default=10)
    ap.add_argument("--no-networkx", action="store_true")
    ap.add_argument("--measures", default=",".join(MEASURES),
                    help="comma-separated subset of " + ", ".join(MEASURES) + " (default: all)")
    a = ap.parse_args()
    measures = [m for m in MEASURES if m in a.measures.split(",")]
    unknown = set(a.measures.split(",")) - set(MEASURES)
    if unknown or not measures:
        ap.error(f"--measures: unknown {', '.join(sorted(unknown))}; choose from {', '.join(MEASURES)}")
    sizes = [int(s.replace("k", "000").replace("M", "000000")) for s in a.sizes.split(",")]
    results, loads, checks = [], [], []

    for size in sizes:
        reps = a.reps or (5 if size <= 10_000 else 3)
        city = os.path.join(CACHE, "cities", f"people-{size}-c{a.mean_contacts}-s1")
        work = os.path.join(CACHE, "work", f"people-{size}-c{a.mean_contacts}-s1")
        os.makedirs(work, exist_ok=True)
        if not os.path.exists(os.path.join(city, "ties.csv")):
            log(f"[{size}] generating {city}")
            run_child(["dotnet", CLI, "generate", city, "--people", str(size), "--seed", "1",
                       "--mean-contacts", str(a.mean_contacts), "--force"])
        log(f"[{size}] exporting the engine's contacts")
        exp = json_line(["dotnet", HARNESS, city, "export", work, "--as-of", AS_OF])
        people, contacts = exp["people"], exp["contacts"]
        sample_n = sum(1 for _ in open(os.path.join(work, "sample.txt")))
        pairs_n = sum(1 for _ in open(os.path.join(work, "pairs.tsv")))
        log(f"[{size}] {people} people, {contacts} contacts, {pairs_n} Jaccard pairs; {reps} repetitions")
        loads.append({"size": size, "tool": "socialcapital", "read_csv_s": exp["read_s"], "build_snapshot_s": exp["build_s"]})

        timing = {}  # (measure, tool) -> dict

        def harness(hmeasure, threads=-1):
            log(f"[{size}] socialcapital {hmeasure} threads={threads}")
            return json_line(["dotnet", HARNESS, city, hmeasure, work, "--reps", str(reps), "--threads", str(threads), "--as-of", AS_OF])

        # 1 thread first (igraph and networkx use one core); its values are kept and checked like any tool's
        # Clustering and constraint: the engine's single-measure kernels (LocalClustering, BurtConstraint), on every
        # core and on one. The all-measures pass (PersonMetrics) is kept for the record; its values are checked like
        # any tool's.
        person = [m for m in ("clustering", "constraint") if m in measures]
        pm = harness("person_measures") if person else None
        for m in person:
            os.replace(os.path.join(work, f"socialcapital.{m}.txt"), os.path.join(work, f"socialcapital-all-measures.{m}.txt"))
            timing[(m, "socialcapital-all-measures")] = pm
            one = harness(m, 1)
            os.replace(os.path.join(work, f"socialcapital.{m}.txt"), os.path.join(work, f"socialcapital-1thread.{m}.txt"))
            timing[(m, "socialcapital-1thread")] = one
            timing[(m, "socialcapital")] = harness(m)  # every core: the reference values
        if "jaccard_1000" in measures:
            timing[("jaccard_1000", "socialcapital")] = harness("jaccard_1000")
        if "components" in measures:
            timing[("components", "socialcapital")] = harness("components")
            if size <= QUIKGRAPH_MAX:  # QuikGraph's ConnectedComponents grows worse than linearly: minutes at 1M
                timing[("components", "socialcapital-quikgraph")] = harness("components_quikgraph")
        if person:
            log(f"[{size}] socialcapital CLI metrics")
            cli = cli_metrics(city, work, reps)
            for m in person:
                timing[(m, "socialcapital-cli")] = cli

        tools = ["igraph"] + ([] if a.no_networkx or size > NETWORKX_MAX else ["networkx"])
        for tool in tools:
            for m in measures:
                log(f"[{size}] {tool} {m}")
                r = json_line(["/usr/bin/python3", os.path.join(HERE, "tools.py"), tool, m, work, "--reps", str(reps)])
                timing[(m, tool)] = r
                if m == measures[0]:
                    loads.append({"size": size, "tool": tool, "version": r["version"], "load_s": r["load_s"]})

        # agreement: every tool against the engine (in-process) values
        ours = {m: read_values(os.path.join(work, f"socialcapital.{m}.txt")) for m in measures}
        sample = [int(x) for x in open(os.path.join(work, "sample.txt"))]
        for (m, tool), r in sorted(timing.items()):
            if tool == "socialcapital":
                r["agrees"], r["check"] = True, "reference"
                continue
            path = os.path.join(work, f"{tool}.{m}.txt")
            theirs = read_values(path)
            mine = ours[m]
            if tool == "networkx" and m == "constraint":
                mine = [mine[i] for i in sample]
            ok, detail = agree(mine, theirs)
            if m == "components":
                detail = f"{len(theirs)} components, sizes {'identical' if ok else 'DIFFER'} (largest {int(theirs[0]) if theirs else 0})"
            r["agrees"], r["check"] = ok, detail
            checks.append({"size": size, "measure": m, "tool": tool, "agrees": ok, "detail": detail})
            log(f"[{size}] check {tool} {m}: {'OK' if ok else 'DISAGREES'} ({detail})")

        for (m, tool), r in timing.items():
            entry = {"size": size, "measure": m, "tool": tool, "median_s": r["median_s"], "peak_mb": r["peak_mb"],
                     "agrees": r["agrees"], "times_s": r["times_s"]}
            if tool == "networkx" and m == "constraint":
                entry["people_measured"] = sample_n
            if m == "jaccard_1000":
                entry["pairs"] = pairs_n
            results.append(entry)
        results_meta = {"people": people, "contacts": contacts}
        for e in results:
            if e["size"] == size:
                e.update(results_meta)

    print_table(results, measures)
    if a.json:
        doc = {"machine": machine(), "as_of": AS_OF, "tolerance": "abs 1e-6 or rel 1e-6; NaN only equals NaN",
               "results": results, "loads": loads, "checks": checks}
        with open(a.json, "w") as f:
            json.dump(doc, f, indent=1)
        log(f"wrote {a.json}")
    return 0 if all(r["agrees"] for r in results) else 1


def machine():
    mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
    rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "mem_gib": round(int(mem) / 1048576, 1), "commit": rev, "python": platform.python_version()}


def print_table(results, measures):
    by = {(r["size"], r["measure"], r["tool"]): r for r in results}
    sizes = sorted({r["size"] for r in results})
    cols = ["socialcapital", "socialcapital-1thread", "socialcapital-cli", "igraph", "networkx"]
    print("| size | measure | ours in-process | ours 1 thread | ours CLI process | igraph | networkx | igraph/ours | networkx/ours | agree |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in sizes:
        for m in measures:
            cells = []
            for t in cols:
                r = by.get((s, m, t))
                if r is None and m == "components" and t == "socialcapital-1thread":
                    r = by.get((s, m, "socialcapital-quikgraph"))
                    cells.append(f"QuikGraph: {r['median_s']:.3g} s · {r['peak_mb']:.0f} MB" if r else "—")
                    continue
                cells.append(f"{r['median_s']:.3g} s · {r['peak_mb']:.0f} MB" if r else "—")
            ours = by[(s, m, "socialcapital")]["median_s"]
            ig = by.get((s, m, "igraph"))
            nx = by.get((s, m, "networkx"))
            ratio_ig = f"{ig['median_s'] / ours:.2g}" if ig else "—"
            if nx and "people_measured" in nx:
                ratio_nx = f"≈{nx['median_s'] / nx['people_measured'] * nx['people'] / ours:.2g} (extrapolated)"
            else:
                ratio_nx = f"{nx['median_s'] / ours:.2g}" if nx else "—"
            ok = all(r["agrees"] for (ss, mm, _), r in by.items() if ss == s and mm == m)
            print(f"| {s:,} | {m} | " + " | ".join(cells) + f" | {ratio_ig} | {ratio_nx} | {'yes' if ok else 'NO'} |")


if __name__ == "__main__":
    sys.exit(main())
