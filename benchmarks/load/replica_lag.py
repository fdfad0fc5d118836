#!/usr/bin/env python3
"""Replica lag under a paced write stream, for benchmarks/load/replicas (Python standard library only).

Writes PUT /ties at a fixed rate spread round-robin across the replicas; right after each write answers (with its
version), asks the next replica for GET /health/live with X-Min-Version: <version>, which that replica answers only once
it serves that version (it waits for its follower, up to Replicas:MinVersionWait). The lag of a write is the time from
its answer to the other replica's answer: the time that replica took to follow it, as a client sees it (an upper bound
also counts the write's own round trip: from the write's request). Prints one JSON object.

  replica_lag.py --urls http://127.0.0.1:5101,http://127.0.0.1:5102 --token T --ids ids.txt --rate 200 --seconds 20
"""
import argparse
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int((len(ordered) - 1) * p / 100 + 0.5))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--ids", required=True)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--seed", type=int, default=20260101)
    a = parser.parse_args()
    urls = [urllib.parse.urlsplit(u) for u in a.urls.split(",")]
    ids = [line.strip() for line in open(a.ids, encoding="utf-8") if line.strip()]
    total = int(a.rate * a.seconds)
    lock = threading.Lock()
    state = {"next": 0}
    lags, bounds, writes, errors = [], [], [], []
    rng = random.Random(a.seed)
    pairs = [(rng.choice(ids), rng.choice(ids), round(rng.uniform(0.5, 3), 3)) for _ in range(total)]
    start = time.perf_counter() + 0.5

    def worker():
        connections = {}

        def call(replica, method, path, body=None, headers=None):
            u = urls[replica]
            c = connections.get(replica)
            if c is None:
                c = connections[replica] = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
            h = {"Authorization": "Bearer " + a.token}
            h.update(headers or {})
            if body is not None:
                h["Content-Type"] = "application/json"
            try:
                c.request(method, path, body=body, headers=h)
                r = c.getresponse()
                return r.status, r.read()
            except (OSError, http.client.HTTPException):
                connections.pop(replica, None)
                raise

        while True:
            with lock:
                k = state["next"]
                state["next"] += 1
            if k >= total:
                return
            due = start + k / a.rate
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            source, target, strength = pairs[k]
            if source == target:
                continue
            writer, reader = k % len(urls), (k + 1) % len(urls)
            body = json.dumps({"source": source, "target": target, "kind": "acquaintance", "strength": strength})
            sent = time.perf_counter()
            try:
                status, text = call(writer, "PUT", "/ties", body)
                acked = time.perf_counter()
                if status not in (200, 201):
                    errors.append(f"write {status}: {text[:200]!r}")
                    continue
                version = json.loads(text)["write"]["version"]
                status, text = call(reader, "GET", "/health/live", headers={"X-Min-Version": str(version)})
                seen = time.perf_counter()
                if status != 200:
                    errors.append(f"read {status}: {text[:200]!r}")
                    continue
            except (OSError, http.client.HTTPException) as e:
                errors.append(f"{type(e).__name__}: {e}")
                continue
            with lock:
                writes.append((acked - sent) * 1000)
                lags.append((seen - acked) * 1000)
                bounds.append((seen - sent) * 1000)

    threads = [threading.Thread(target=worker) for _ in range(a.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    result = {
        "replicas": len(urls),
        "target_rate": a.rate,
        "writes": len(writes),
        "achieved_rate": round(len(writes) / elapsed, 1),
        "write_ms_p50": round(percentile(writes, 50), 2),
        "write_ms_p99": round(percentile(writes, 99), 2),
        "lag_ms_p50": round(percentile(lags, 50), 2),
        "lag_ms_p99": round(percentile(lags, 99), 2),
        "lag_ms_max": round(max(lags), 2),
        "lag_from_request_ms_p99": round(percentile(bounds, 99), 2),
        "errors": len(errors),
        "first_errors": errors[:5],
    }
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
