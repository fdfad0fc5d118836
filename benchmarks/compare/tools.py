#!/usr/bin/python3
"""igraph and networkx runners of benchmarks/compare (see README.md there).

    tools.py TOOL MEASURE WORKDIR [--reps R]

TOOL is igraph or networkx; MEASURE is clustering, constraint, jaccard_1000 or components. Loads
WORKDIR/contacts.tsv (written by the in-process harness: the engine's own contacts, dense person
indices, summed strengths), runs the measure once as a warm-up and R times measured, writes the
values to WORKDIR/TOOL.MEASURE.txt and prints one JSON line with the median time and the process's
peak resident set (ru_maxrss: interpreter, library, graph and the measure). Run one measure per
process so that the peak belongs to that measure alone.

Run with Debian's /usr/bin/python3 (python3-igraph, python3-networkx).
"""
import gc
import json
import math
import resource
import statistics
import sys
import time


def load_contacts(path):
    with open(path) as f:
        n = int(f.readline())
        us, vs, ws = [], [], []
        for line in f:
            a, b, w = line.split("\t")
            us.append(int(a))
            vs.append(int(b))
            ws.append(float(w))
    return n, us, vs, ws


def read_ints(path):
    with open(path) as f:
        return [int(x) for x in f]


def read_pairs(path):
    with open(path) as f:
        return [tuple(int(x) for x in line.split("\t")) for line in f]


def fmt(x):
    return "nan" if isinstance(x, float) and math.isnan(x) else repr(float(x))


def main():
    tool, measure, workdir = sys.argv[1], sys.argv[2], sys.argv[3]
    reps = int(sys.argv[sys.argv.index("--reps") + 1]) if "--reps" in sys.argv else 5
    t0 = time.perf_counter()
    n, us, vs, ws = load_contacts(f"{workdir}/contacts.tsv")
    sample = read_ints(f"{workdir}/sample.txt")
    pairs = read_pairs(f"{workdir}/pairs.tsv") if measure == "jaccard_1000" else None

    if tool == "igraph":
        import igraph as ig
        version = ig.__version__
        g = ig.Graph(n=n, edges=list(zip(us, vs)), directed=False)
        g.es["weight"] = ws
        del us, vs, ws
        load_s = time.perf_counter() - t0
        if measure == "clustering":
            run = lambda: g.transitivity_local_undirected(mode="zero")
        elif measure == "constraint":
            run = lambda: g.constraint(weights="weight")
        elif measure == "jaccard_1000":
            run = lambda: g.similarity_jaccard(pairs=pairs, loops=False)
        elif measure == "components":
            run = lambda: sorted((len(c) for c in g.connected_components()), reverse=True)
        else:
            raise SystemExit(f"unknown measure {measure}")
    elif tool == "networkx":
        import networkx as nx
        version = nx.__version__
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from(zip(us, vs, ws), weight="weight")
        del us, vs, ws
        load_s = time.perf_counter() - t0
        if measure == "clustering":
            # unweighted, 0 for degree < 2, as the engine (dict → list in node order)
            run = lambda: [c for _, c in sorted(nx.clustering(g).items())]
        elif measure == "constraint":
            # the sample only (networkx constraint is slow); the check compares on the same people
            run = lambda: [v for _, v in sorted(nx.constraint(g, nodes=sample, weight="weight").items())]
        elif measure == "jaccard_1000":
            run = lambda: [p for _, _, p in nx.jaccard_coefficient(g, pairs)]
        elif measure == "components":
            run = lambda: sorted((len(c) for c in nx.connected_components(g)), reverse=True)
        else:
            raise SystemExit(f"unknown measure {measure}")
    else:
        raise SystemExit(f"unknown tool {tool}")

    gc.collect()  # settle the heap after loading (the in-process harness does a full GC likewise)
    values = run()  # warm-up
    times = []
    for _ in range(reps):
        values = None
        t = time.perf_counter()
        values = run()
        times.append(time.perf_counter() - t)
    with open(f"{workdir}/{tool}.{measure}.txt", "w") as f:
        f.writelines(fmt(v) + "\n" for v in values)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux
    print(json.dumps({"tool": tool, "version": version, "measure": measure, "median_s": statistics.median(times),
                      "times_s": times, "load_s": load_s, "peak_mb": round(peak_mb, 1)}))


if __name__ == "__main__":
    main()
