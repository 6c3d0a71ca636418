// Package graphml writes a graph as GraphML, which Gephi, yEd, Cytoscape and networkx
// read.
//
// Every property becomes a GraphML key, declared once for nodes or for edges with the type
// its values share (string, long, double, boolean); a list is a string holding its JSON
// array. Nodes are n0, n1, … and edges e0, e1, … in the graph's sorted order, since keys
// are not valid GraphML ids; each node carries its key, its label as "labels" (":Person",
// the form APOC's GraphML import reads) and a display "label" (its name or title), and
// each edge its relationship type as "label". XML 1.0 cannot hold most control
// characters, not even escaped: they are written as U+FFFD; every other character, line
// breaks and U+2028 included, survives.
//
// Write is safe for concurrent use when its writers are.
package graphml
