// Package extract turns Chinese news text into graph values: it reads inputs (files,
// directories, JSON lines, stdin), splits newspaper pages into articles, segments them
// as gse's dictionary segmentation does, extended by the project's lexicons (package
// segment cuts exactly as gse from a compiled dictionary), recognizes persons, titles, organizations,
// places, dates and events, and builds a graph.Graph in which every fact carries the
// sentence it was read from.
//
// The pipeline is a chain of small stages over one article, each in its own file:
// input → page (articles) → sentence → segment (tokens) → mention → chain (roles) →
// event (participation) → build (graph). Run then merges the articles' graphs and decides
// identity across them (identity.go): one node per body and per person, homonyms apart.
// RunSpilled does the same for archives whose graph does not fit in memory, keeping the
// relationships, articles and events in files while it runs (spill.go).
// It knows nothing of Neo4j or of the command line.
//
// An Extractor is safe for concurrent use once built: the segmenter and the lexicons are
// read-only after New.
package extract
