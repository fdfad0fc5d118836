#!/usr/bin/env python3
"""The cost of area-sharded snapshots with a one-hop halo (docs/scaling.md), measured on a city folder.

For shards of K consecutive areas (by area code), each shard holds its core (residents of its areas, with their contact
lists) and a one-hop halo (every contact of a core resident who lives elsewhere, with that person's contact list too).
Prints, per K: shards, mean core people, halo people as a share of the core, and the contact slots a shard holds
(core + halo lists) as a multiple of the core's own slots — the memory every shard pays beyond its share.

    /usr/bin/python3 benchmarks/scale/halo.py artifacts/load/web-city-1000000 [K ...]
"""
import csv
import sys

import numpy as np


def main(folder, sizes):
    index, area_of, areas = {}, [], {}
    with open(f"{folder}/nodes.csv", newline="") as f:
        for row in csv.DictReader(f):
            index[row["id"]] = len(area_of)
            area_of.append(areas.setdefault(row["area"] or "", len(areas)) if row["kind"] not in ("employer", "peer_group") else -1)
    area_of = np.array(area_of)
    src, dst = [], []
    with open(f"{folder}/ties.csv", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            u, v = index[row[0]], index[row[1]]
            if area_of[u] >= 0 and area_of[v] >= 0 and u != v:
                src.append(u)
                dst.append(v)
    pairs = np.unique(np.sort(np.stack([np.array(src), np.array(dst)], axis=1), axis=1), axis=0)  # contacts, once
    u, v = pairs[:, 0], pairs[:, 1]
    n = len(area_of)
    degree = np.bincount(np.concatenate([u, v]), minlength=n)
    order = sorted((name, code) for name, code in areas.items() if name)
    rank = np.full(len(areas), -1)
    for r, (_, code) in enumerate(order):
        rank[code] = r
    area_rank = np.where(area_of >= 0, rank[np.maximum(area_of, 0)], -1)
    cross = np.mean(area_rank[u] != area_rank[v])
    print(f"{folder}: {n:,} nodes, {len(pairs):,} contacts, {len(order)} areas, {100 * cross:.1f} % of contacts cross areas")
    print("| areas per shard | shards | people per shard (mean) | halo people / core | slots held / core slots |")
    print("|---|---|---|---|---|")
    for k in sizes:
        shard = np.where(area_rank >= 0, area_rank // k, -1)
        shards = shard.max() + 1
        core_people = np.bincount(shard[shard >= 0], minlength=shards)
        core_slots = np.bincount(shard[shard >= 0], weights=degree[shard >= 0], minlength=shards)
        # Halo members: (shard, outsider) pairs over contacts crossing shards, in both directions, once each.
        su, sv = shard[u], shard[v]
        crossing = su != sv
        halo = np.unique(np.concatenate([
            su[crossing].astype(np.int64) * n + v[crossing], sv[crossing].astype(np.int64) * n + u[crossing]]))
        halo_shard, halo_person = halo // n, halo % n
        halo_people = np.bincount(halo_shard, minlength=shards)
        halo_slots = np.bincount(halo_shard, weights=degree[halo_person], minlength=shards)
        print(f"| {k} | {shards} | {core_people.mean():,.0f} | {halo_people.sum() / core_people.sum():.2f} "
              f"| {(core_slots.sum() + halo_slots.sum()) / core_slots.sum():.2f} |")


if __name__ == "__main__":
    main(sys.argv[1], [int(k) for k in sys.argv[2:]] or [1, 10, 50, 100, 250])
