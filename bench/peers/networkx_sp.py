#!/usr/bin/env python3
"""Peer timings for bench/pathcomp.bench.ts: the same point-to-point shortest-path queries through
networkx (bidirectional Dijkstra) and python-igraph (Dijkstra in C), when installed (Debian python3-networkx,
python3-igraph). Input: a JSON file {"n": int, "arcs": [[u, v, w], ...], "queries": [[s, t], ...]}.
Output: one JSON object {"networkx": {...} | null, "igraph": {...} | null} with queries/s, p50/p99 in ms and
the sum of distances (to check the answers against Autonet's)."""
import json
import sys
import time


def stats(times, total):
    times = sorted(times)
    pick = lambda p: times[min(len(times) - 1, max(0, -(-p * len(times) // 100) - 1))]
    return {
        "qps": len(times) / (sum(times) / 1000.0),
        "p50Ms": pick(50),
        "p99Ms": pick(99),
        "distanceSum": total,
    }


def run_networkx(doc):
    try:
        import networkx as nx
    except ImportError:
        return None
    g = nx.DiGraph()
    g.add_nodes_from(range(doc["n"]))
    for u, v, w in doc["arcs"]:
        if not g.has_edge(u, v) or g[u][v]["w"] > w:
            g.add_edge(u, v, w=w)
    times, total = [], 0.0
    for s, t in doc["queries"]:
        t0 = time.perf_counter()
        d, _ = nx.bidirectional_dijkstra(g, s, t, weight="w")
        times.append((time.perf_counter() - t0) * 1000)
        total += d
    return dict(stats(times, total), version=nx.__version__)


def run_igraph(doc):
    try:
        import igraph
    except ImportError:
        return None
    g = igraph.Graph(n=doc["n"], edges=[(u, v) for u, v, _ in doc["arcs"]], directed=True)
    weights = [w for _, _, w in doc["arcs"]]
    g.es["w"] = weights
    times, total = [], 0.0
    for s, t in doc["queries"]:
        t0 = time.perf_counter()
        path = g.get_shortest_paths(s, to=t, weights="w", output="epath")[0]
        times.append((time.perf_counter() - t0) * 1000)
        total += sum(weights[e] for e in path)
    return dict(stats(times, total), version=igraph.__version__)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    print(json.dumps({"networkx": run_networkx(doc), "igraph": run_igraph(doc)}))


if __name__ == "__main__":
    main()
