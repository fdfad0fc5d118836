#!/usr/bin/python3
"""Leiden communities: the CLI (`socialcapital communities`) against igraph's `community_leiden` (objective
"modularity") on the same person graph (see README.md in this folder).

    benchmarks/compare/leiden.py CITY [--as-of 2026-01-01] [--resolution R] [--seeds K] [--iterations N]
                                      [--igraph-iterations M] [--json FILE]

CITY is a dataset folder (e.g. from `socialcapital generate`). igraph loads the person graph from the CSVs itself (people
from nodes.csv; person–person ties of ties.csv active on the analysis date, several ties between two people one
unweighted edge, as the engine's Communities reads them), in ordinal id order. Each side runs once: the CLI as a
process (.NET start-up, CSV read, snapshot build, Leiden with --iterations N, default the CLI's own, CSV write; the
Leiden stage alone, in whole seconds, from its `--progress plain` line), igraph
on a graph already loaded (its load time is reported apart) with n_iterations=M (default 2, igraph's own default; -1
runs until stable) and beta 0.01, seeded through Python's random. Both partitions are scored by the same function
(igraph's Graph.modularity at resolution 1, or the formula below at another resolution), so the modularity columns are
comparable. With --seeds K both sides run with seeds 0..K-1 (a single run's modularity varies by about 0.01 from seed
to seed on generated cities); ours must be at least igraph's − 0.005 on the mean, otherwise the exit code is 1. Build the CLI in Release first
(`dotnet build -c Release src/Cli`). Run with Debian's /usr/bin/python3 (python3-igraph).
"""
import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from betweenness import CLI, log, person_graph  # noqa: E402  the same person graph and CLI build


def modularity(n, edges, membership, resolution):
    """Σ_c [ L_c/m − γ (d_c/2m)² ] (networkx's definition), for any resolution."""
    m = len(edges)
    inside, degree = {}, {}
    for u, v in edges:
        cu, cv = membership[u], membership[v]
        degree[cu] = degree.get(cu, 0) + 1
        degree[cv] = degree.get(cv, 0) + 1
        if cu == cv:
            inside[cu] = inside.get(cu, 0) + 1
    return sum(inside.values()) / m - resolution * sum(d * d for d in degree.values()) / (4.0 * m * m)


def run_ours(a, seed, out):
    """One CLI process: its wall time, the Leiden stage's (whole seconds, from the "[mm:ss] communities 100% in mm:ss"
    progress line), its summary line and each person's community."""
    extra = [] if a.iterations is None else ["--iterations", str(a.iterations)]
    t = time.perf_counter()
    run = subprocess.run(["dotnet", CLI, "communities", a.city, "--as-of", a.as_of, "--resolution", repr(a.resolution),
                          "--seed", str(seed), *extra, "--format", "csv", "--out", out, "--progress", "plain"],
                         check=True, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    summary = next(line for line in run.stderr.splitlines() if " communities, modularity " in line)
    stage = next((line.rsplit(" in ", 1)[1] for line in run.stderr.splitlines() if "communities 100% in" in line), None)
    leiden_s = None if stage is None else int(stage.split(":")[0]) * 60 + int(stage.split(":")[1])
    log(summary)
    with open(out, newline="") as f:
        of = {r["id"]: int(r["community"]) for r in csv.DictReader(f)}
    os.remove(out)
    return wall, leiden_s, summary, of


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("city")
    ap.add_argument("--as-of", default="2026-01-01")
    ap.add_argument("--resolution", type=float, default=1.0)
    ap.add_argument("--seeds", type=int, default=1, help="run both sides with seeds 0..K-1 (default 1)")
    ap.add_argument("--iterations", type=int, default=None, help="the CLI's --iterations (default: its own)")
    ap.add_argument("--igraph-iterations", type=int, default=2, help="igraph's n_iterations (default 2; -1 until stable)")
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    out = os.path.join(a.city, "communities.compare.csv")

    import igraph as ig
    log("igraph: loading the person graph from the CSVs")
    t = time.perf_counter()
    ids, edges = person_graph(a.city, a.as_of)
    g = ig.Graph(n=len(ids), edges=edges)
    load_s = time.perf_counter() - t

    def score(membership):
        if a.resolution == 1.0:
            return g.modularity(membership)
        return modularity(len(ids), edges, membership, a.resolution)  # python-igraph 0.10's Graph.modularity ignores a resolution

    runs = []
    for seed in range(a.seeds):
        log(f"seed {seed}: socialcapital communities {a.city}")
        wall, leiden_s, summary, ours_of = run_ours(a, seed, out)
        ours = [ours_of[u] for u in ids]
        log(f"seed {seed}: igraph community_leiden, {len(ids)} people, {len(edges)} contacts, n_iterations={a.igraph_iterations}")
        random.seed(seed)
        t = time.perf_counter()
        part = g.community_leiden(objective_function="modularity", resolution_parameter=a.resolution,
                                  n_iterations=a.igraph_iterations)
        igraph_s = time.perf_counter() - t
        runs.append({"seed": seed, "socialcapital_cli_s": round(wall, 3), "socialcapital_leiden_s": leiden_s,
                     "socialcapital_summary": summary, "igraph_s": round(igraph_s, 3),
                     "modularity_ours": score(ours), "modularity_igraph": score(part.membership),
                     "communities_ours": len(set(ours)), "communities_igraph": len(set(part.membership)),
                     "complete": len(ours_of) == len(ids)})

    def mean(key):
        return sum(r[key] for r in runs) / len(runs)

    ok = all(r["complete"] for r in runs) and mean("modularity_ours") >= mean("modularity_igraph") - 0.005
    result = {"people": len(ids), "contacts": len(edges), "as_of": a.as_of, "resolution": a.resolution,
              "cli_iterations": a.iterations, "igraph_n_iterations": a.igraph_iterations, "cores": os.cpu_count(),
              "load_average_at_end": os.getloadavg()[0], "igraph_version": ig.__version__,
              "igraph_load_s": round(load_s, 3), "runs": runs, "mean_modularity_ours": mean("modularity_ours"),
              "mean_modularity_igraph": mean("modularity_igraph"), "ok": ok}
    print("| seed | socialcapital communities (CLI process; its Leiden stage) | igraph community_leiden (loaded) | modularity ours | modularity igraph | communities ours / igraph |")
    print("|---|---|---|---|---|---|")
    for r in runs:
        print(f"| {r['seed']} | {r['socialcapital_cli_s']:.3g} s ({r['socialcapital_leiden_s']} s) | {r['igraph_s']:.3g} s | "
              f"{r['modularity_ours']:.4f} | {r['modularity_igraph']:.4f} | {r['communities_ours']:,} / {r['communities_igraph']:,} |")
    print(f"| mean | | | {mean('modularity_ours'):.4f} | {mean('modularity_igraph'):.4f} | |")
    log(f"{len(ids):,} people, {len(edges):,} contacts; igraph load {load_s:.3g} s")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
