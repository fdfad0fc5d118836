"""What the oracle scripts below this folder share (betweenness/make_expected.py, communities/make_expected.py): where
the data samples are, a dataset folder's person graph as networkx sees it, and writing a graph as a dataset folder.
Each script puts this folder on its path and imports it; run them as their docstrings say."""
import csv
import os

import networkx as nx

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "data-samples")
PEOPLE = {"citizen", "mentor", "coach"}


def person_graph(folder):
    """The undirected graph of a dataset folder's people (citizens, mentors, coaches; people without contacts
    included) and their person-person ties without an end date (places and ended ties are not contacts)."""
    g = nx.Graph()
    with open(os.path.join(folder, "nodes.csv")) as f:
        for row in csv.DictReader(f):
            if row["kind"] in PEOPLE:
                g.add_node(row["id"])
    with open(os.path.join(folder, "ties.csv")) as f:
        for row in csv.DictReader(f):
            u, v = row["source"], row["target"]
            if u in g and v in g and not row.get("until"):
                g.add_edge(u, v)
    return g


def write_dataset(folder, node_columns, nodes, tie_columns, ties):
    """Writes nodes.csv and ties.csv (a header, then the rows; "\\n" line ends) into folder, made if missing."""
    os.makedirs(folder, exist_ok=True)
    for name, columns, rows in (("nodes.csv", node_columns, nodes), ("ties.csv", tie_columns, ties)):
        with open(os.path.join(folder, name), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(columns)
            w.writerows(rows)
