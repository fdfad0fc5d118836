#!/usr/bin/python3
"""Exact betweenness: the CLI (`socialcapital betweenness`) against graph-tool's parallel
`graph_tool.centrality.betweenness` on the same person graph (see README.md in this folder).

    benchmarks/compare/betweenness.py CITY [--as-of 2026-01-01] [--threads T] [--json FILE] [--sample K]

CITY is a dataset folder (e.g. from `socialcapital generate`). graph-tool loads the person graph from the CSVs itself
(people from nodes.csv; person–person ties of ties.csv active on the analysis date, several ties between two people
one edge), in ordinal id order, so its values line up with the CLI's rows. Each side runs once (exact betweenness
takes minutes past 10k people): the CLI as a process (.NET start-up, CSV read, snapshot build, betweenness, CSV
write), graph-tool on a graph already loaded (its load time is reported apart). Both use the same cores (graph-tool's
OpenMP threads set to T, default every core). The values must agree to 1e-9 (graph-tool's norm=True divides by
(n−1)(n−2)/2 on an undirected graph, as networkx and the engine do); otherwise no time is reported and the exit code
is 1. With --sample K both sides run K source pivots instead (the CLI's `--sample K`, graph-tool's `pivots=` with K
seeded random people): the same work, but different pivots, so the values are not compared and `agrees` is null.
Build the CLI in Release first (`dotnet build -c Release src/Cli`). Run with Debian's /usr/bin/python3
(python3-graph-tool).
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CLI = os.path.join(ROOT, "artifacts/bin/SocialCapital.Cli/release/SocialCapital.Cli.dll")
PEOPLE = {"citizen", "mentor", "coach"}
TOLERANCE = 1e-9


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def person_graph(city, as_of):
    """Ids in ordinal order and the distinct active person–person contacts as index pairs."""
    with open(os.path.join(city, "nodes.csv"), newline="", encoding="utf-8") as f:
        ids = sorted((r["id"] for r in csv.DictReader(f) if r["kind"] in PEOPLE), key=lambda s: s.encode("utf-16-be"))
    index = {u: i for i, u in enumerate(ids)}
    edges = set()
    with open(os.path.join(city, "ties.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            u, v = index.get(r["source"]), index.get(r["target"])
            if u is None or v is None or u == v:
                continue
            if (r.get("since") or "") > as_of or ((r.get("until") or "") and r["until"] <= as_of):
                continue
            edges.add((min(u, v), max(u, v)))
    return ids, sorted(edges)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("city")
    ap.add_argument("--as-of", default="2026-01-01")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--json", default=None)
    ap.add_argument("--sample", type=int, default=None, help="K pivots on both sides (timing only)")
    a = ap.parse_args()
    out = os.path.join(a.city, "betweenness.compare.csv")

    log(f"socialcapital betweenness {a.city} ({'exact' if a.sample is None else f'{a.sample} pivots'})")
    env = dict(os.environ, DOTNET_PROCESSORCOUNT=str(a.threads))
    t = time.perf_counter()
    mode = ["--exact"] if a.sample is None else ["--sample", str(a.sample)]
    subprocess.run(["dotnet", CLI, "betweenness", a.city, *mode, "--as-of", a.as_of, "--format", "csv", "--out", out],
                   check=True, env=env)
    ours_s = time.perf_counter() - t
    with open(out, newline="") as f:
        ours = {r["id"]: float(r["betweenness"]) for r in csv.DictReader(f)}
    os.remove(out)

    import graph_tool
    import graph_tool.centrality
    graph_tool.openmp_set_num_threads(a.threads)
    log("graph-tool: loading the person graph from the CSVs")
    t = time.perf_counter()
    ids, edges = person_graph(a.city, a.as_of)
    g = graph_tool.Graph(directed=False)
    g.add_vertex(len(ids))
    g.add_edge_list(edges)
    load_s = time.perf_counter() - t
    log(f"graph-tool betweenness: {len(ids)} people, {len(edges)} contacts, {a.threads} threads")
    t = time.perf_counter()
    if a.sample is None:
        vb, _ = graph_tool.centrality.betweenness(g, norm=True)
    else:
        import numpy
        import random
        pivots = numpy.array(sorted(random.Random(1).sample(range(len(ids)), a.sample)), dtype=numpy.uint64)
        vb, _ = graph_tool.centrality.betweenness(g, pivots=pivots, norm=True)
    gt_s = time.perf_counter() - t
    theirs = vb.get_array()

    worst = float(max((abs(ours[u] - theirs[i]) for i, u in enumerate(ids)), default=0.0))
    agrees = bool(len(ours) == len(ids) and worst <= TOLERANCE) if a.sample is None else None
    result = {"people": len(ids), "contacts": len(edges), "threads": a.threads, "as_of": a.as_of,
              "socialcapital_cli_s": round(ours_s, 3), "graph_tool_s": round(gt_s, 3), "graph_tool_load_s": round(load_s, 3),
              "graph_tool_version": graph_tool.__version__.split()[0], "pivots": a.sample,
              "max_abs_diff": worst if a.sample is None else None, "agrees": agrees}
    print(f"| people | contacts | threads | socialcapital betweenness (CLI process) | graph-tool betweenness (loaded) | graph-tool/ours | agree |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {len(ids):,} | {len(edges):,} | {a.threads} | {ours_s:.3g} s | {gt_s:.3g} s (+ {load_s:.3g} s load) | "
          f"{gt_s / ours_s:.2g} | " + ("not compared (different pivots)" if agrees is None else f"{'yes' if agrees else 'NO'} (max diff {worst:.1e})") + " |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
    return 0 if agrees is not False else 1


if __name__ == "__main__":
    sys.exit(main())
