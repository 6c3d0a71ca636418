"""Reads a GraphML file with networkx and prints what it holds as JSON on stdout:
{"nodes": [{"id": ..., "attrs": {...}}], "edges": [{"source": ..., "target": ..., "attrs": {...}}]}
"""
import json
import sys

import networkx as nx

g = nx.read_graphml(sys.argv[1])
out = {
    "directed": g.is_directed(),
    "nodes": [{"id": n, "attrs": a} for n, a in g.nodes(data=True)],
    "edges": [{"source": s, "target": t, "attrs": a} for s, t, a in g.edges(data=True)],
}
json.dump(out, sys.stdout, ensure_ascii=False)
