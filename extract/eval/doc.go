// Package eval owns scoring a graph against gold annotations: it reads the hand-made gold
// files (LoadGold) and scores extracted graphs against them (Score) exactly the way the
// project's referee, tools/score.py, does — the same normalization, the same greedy
// matching in the same order, the same micro-averaged precision, recall and F1, the same
// text and JSON reports — so anyone can measure the extractor on their own articles.
//
// The scorer reads a graph the way score.py reads its JSON-lines file: nodes in
// graph.Nodes order (the order jsonl.Write writes them), relationships in graph.Rels
// order. A graph written with jsonl.Write and read back with jsonl.Read scores the same.
//
// Gold values and Results are plain data; Score is a pure function and safe for
// concurrent use.
package eval
