// Package html writes a graph as one standalone HTML page that draws it offline: the
// graph library (cytoscape, MIT, minified build and licence under assets/, refreshed by
// assets/update.sh) and the page's own script and style are inlined, and the graph is
// embedded as JSON in a <script type="application/json"> element, so the page loads
// nothing from the network.
//
// Nodes are coloured and shaped by label and sized by degree, edges carry their
// relationship type, a search box finds nodes by name, key or alias, the legend hides or
// shows a label, and clicking a node or an edge shows its properties and the evidence
// sentences with the titles of the articles they come from.
//
// The embedded JSON escapes <, >, &, U+2028 and U+2029, so no value can close the
// script element or break the script; the page puts values into the document only as
// text, never as markup.
//
// Write is safe for concurrent use when its writers are.
package html
