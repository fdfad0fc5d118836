#!/usr/bin/python3
"""Leiden communities: the CLI (`socialcapital communities`) against igraph's `community_leiden` (objective
"modularity") on the same person graph (see README.md in this folder).

    benchmarks/compare/leiden.py CITY [--as-of 2026-01-01] [--resolution R] [--seed S] [--iterations N]
                                      [--igraph-iterations M] [--json FILE]

CITY is a dataset folder (e.g. from `socialcapital generate`). igraph loads the person graph from the CSVs itself (people
from nodes.csv; person–person ties of ties.csv active on the analysis date, several ties between two people one
unweighted edge, as the engine's Communities reads them), in ordinal id order. Each side runs once: the CLI as a
process (.NET start-up, CSV read, snapshot build, Leiden with --iterations N, default the CLI's own, CSV write; the
Leiden stage alone, in whole seconds, from its `--progress plain` line), igraph
on a graph already loaded (its load time is reported apart) with n_iterations=M (default 2, igraph's own default; -1
runs until stable) and beta 0.01, seeded through Python's random. Both partitions are scored by the same function
(igraph's Graph.modularity at resolution 1, or the formula below at another resolution), so the modularity columns are
comparable; ours must be at least igraph's − 0.005, otherwise the exit code is 1. Build the CLI in Release first
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("city")
    ap.add_argument("--as-of", default="2026-01-01")
    ap.add_argument("--resolution", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--iterations", type=int, default=None, help="the CLI's --iterations (default: its own)")
    ap.add_argument("--igraph-iterations", type=int, default=2, help="igraph's n_iterations (default 2; -1 until stable)")
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    out = os.path.join(a.city, "communities.compare.csv")

    log(f"socialcapital communities {a.city}")
    extra = [] if a.iterations is None else ["--iterations", str(a.iterations)]
    t = time.perf_counter()
    run = subprocess.run(["dotnet", CLI, "communities", a.city, "--as-of", a.as_of, "--resolution", repr(a.resolution),
                          "--seed", str(a.seed), *extra, "--format", "csv", "--out", out, "--progress", "plain"],
                         check=True, stderr=subprocess.PIPE, text=True)
    ours_s = time.perf_counter() - t
    summary = next(line for line in run.stderr.splitlines() if " communities, modularity " in line)
    # the Leiden stage alone, from the progress line "[mm:ss] communities 100% in mm:ss" (whole seconds)
    stage = next((line.rsplit(" in ", 1)[1] for line in run.stderr.splitlines() if "communities 100% in" in line), None)
    leiden_s = None if stage is None else int(stage.split(":")[0]) * 60 + int(stage.split(":")[1])
    log(summary)
    with open(out, newline="") as f:
        ours_of = {r["id"]: int(r["community"]) for r in csv.DictReader(f)}
    os.remove(out)

    import igraph as ig
    log("igraph: loading the person graph from the CSVs")
    t = time.perf_counter()
    ids, edges = person_graph(a.city, a.as_of)
    g = ig.Graph(n=len(ids), edges=edges)
    load_s = time.perf_counter() - t
    log(f"igraph community_leiden: {len(ids)} people, {len(edges)} contacts, n_iterations={a.igraph_iterations}")
    random.seed(a.seed)
    t = time.perf_counter()
    part = g.community_leiden(objective_function="modularity", resolution_parameter=a.resolution,
                              n_iterations=a.igraph_iterations)
    igraph_s = time.perf_counter() - t

    ours = [ours_of[u] for u in ids]
    if a.resolution == 1.0:
        q_ours, q_igraph = g.modularity(ours), g.modularity(part.membership)
    else:  # python-igraph 0.10's Graph.modularity ignores a resolution
        q_ours, q_igraph = (modularity(len(ids), edges, m, a.resolution) for m in (ours, part.membership))
    ok = len(ours_of) == len(ids) and q_ours >= q_igraph - 0.005
    result = {"people": len(ids), "contacts": len(edges), "as_of": a.as_of, "resolution": a.resolution, "seed": a.seed,
              "cores": os.cpu_count(), "socialcapital_cli_s": round(ours_s, 3), "socialcapital_leiden_s": leiden_s, "socialcapital_summary": summary,
              "igraph_s": round(igraph_s, 3), "igraph_load_s": round(load_s, 3), "igraph_version": ig.__version__,
              "igraph_n_iterations": a.igraph_iterations, "modularity_ours": q_ours, "modularity_igraph": q_igraph,
              "communities_ours": len(set(ours)), "communities_igraph": len(set(part.membership)), "ok": ok}
    print("| people | contacts | socialcapital communities (CLI process; its Leiden stage) | igraph community_leiden (loaded) | modularity ours | modularity igraph | communities ours / igraph |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {len(ids):,} | {len(edges):,} | {ours_s:.3g} s ({leiden_s} s) | {igraph_s:.3g} s (+ {load_s:.3g} s load) | {q_ours:.4f} | "
          f"{q_igraph:.4f} | {len(set(ours)):,} / {len(set(part.membership)):,} |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
