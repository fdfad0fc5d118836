#!/usr/bin/python3
"""Expected person measures of this folder's graph (fractional strengths 0.1, 100.1, 1e-12 and 1e12 + 1 in one
graph), computed with networkx: a contact's weight is the exact sum of its ties' strengths, as the engine's.
Run from this folder: /usr/bin/python3 make_expected.py > expected_people.csv"""
import csv
import networkx as nx

G = nx.Graph()
with open("nodes.csv") as f:
    for row in csv.DictReader(f):
        G.add_node(row["id"])
with open("ties.csv") as f:
    for row in csv.DictReader(f):
        u, v, w = row["source"], row["target"], float(row["strength"])
        if G.has_edge(u, v):
            G[u][v]["weight"] += w
        else:
            G.add_edge(u, v, weight=w)

constraint = nx.constraint(G, weight="weight")
effective = nx.effective_size(G, weight="weight")
clustering = nx.clustering(G)
print("id,degree,strength,clustering,constraint,effective_size,efficiency")
for u in sorted(G.nodes):
    k = G.degree(u)
    print(",".join([u, str(k), repr(G.degree(u, weight="weight")), repr(clustering[u]), repr(constraint[u]),
                    repr(effective[u]), repr(effective[u] / k)]))
