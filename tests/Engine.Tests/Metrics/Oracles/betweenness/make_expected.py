#!/usr/bin/python3
"""Expected betweenness (networkx betweenness_centrality(G): unweighted, normalized=True, endpoints excluded) of the
person graphs of data-samples/karate, data-samples/toy and the seeded random graphs in this folder, which it also writes:

- gnp-150:        G(n = 150, p = 0.04), seed 19 — connected apart from a few stragglers;
- components-120: three G(n, p) parts of 50, 40 and 25 people (seeds 7, 8, 9) and 5 people without contacts, plus an
                  employer and a peer group with members (places are not in the person graph) and ended ties (not
                  active on any analysis date after 2001, so not contacts).

A contact is every active person–person tie, undirected; people without contacts count in n. Each folder gets
expected_betweenness.csv (id,betweenness, in ordinal id order, repr floats). Run from this folder with Debian's
networkx: /usr/bin/python3 make_expected.py"""
import os
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from oracle_graphs import SAMPLES, person_graph, write_dataset  # noqa: E402  (the shared helpers, one folder up)


def write_random():
    g = nx.gnp_random_graph(150, 0.04, seed=19)
    write_graph("gnp-150", [f"p{u:03d}" for u in g.nodes], [(f"p{u:03d}", f"p{v:03d}") for u, v in g.edges], [], [])

    people, edges, offset = [], [], 0
    for size, p, seed in [(50, 0.08, 7), (40, 0.07, 8), (25, 0.12, 9)]:
        part = nx.gnp_random_graph(size, p, seed=seed)
        people += [f"q{u + offset:03d}" for u in part.nodes]
        edges += [(f"q{u + offset:03d}", f"q{v + offset:03d}") for u, v in part.edges]
        offset += size
    people += [f"q{u:03d}" for u in range(offset, offset + 5)]
    places = [("e1", "employer"), ("g1", "peer_group")]
    place_ties = [("q001", "e1", "employment"), ("q060", "e1", "employment"), ("q002", "g1", "membership"),
                  ("q100", "g1", "membership"), ("q117", "g1", "membership")]
    ended = [("q000", "q090", "friend"), ("q010", "q116", "colleague")]
    write_graph("components-120", people, edges, places, place_ties, ended)


def write_graph(name, people, edges, places, place_ties, ended=()):
    write_dataset(os.path.join(HERE, name), ["id", "kind"], [[p, "citizen"] for p in people] + [[p, kind] for p, kind in places],
                  ["source", "target", "kind", "strength", "since", "until"],
                  [[u, v, "friend", 1, "", ""] for u, v in edges] + [[u, v, kind, 1, "", ""] for u, v, kind in place_ties]
                  + [[u, v, kind, 1, "1999-01-01", "2001-01-01"] for u, v, kind in ended])


def write_expected(folder, out):
    g = person_graph(folder)
    b = nx.betweenness_centrality(g)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "expected_betweenness.csv"), "w") as f:
        f.write("id,betweenness\n")
        for u in sorted(g.nodes):
            f.write(f"{u},{b[u]!r}\n")


write_random()
for sample in ["karate", "toy"]:
    write_expected(os.path.join(SAMPLES, sample), os.path.join(HERE, sample))
for name in ["gnp-150", "components-120"]:
    write_expected(os.path.join(HERE, name), os.path.join(HERE, name))
