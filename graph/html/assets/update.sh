#!/usr/bin/env bash
# update.sh refreshes the graph library that graph.html inlines: it installs cytoscape
# from npm into a throw-away folder and copies its minified build, its licence and its
# version here. The Go package embeds these files; node_modules is never committed.
#
#   graph/html/assets/update.sh [VERSION]     (default: the version in VERSION)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${1:-$(cat "$here/VERSION" 2>/dev/null || echo latest)}
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

cd "$build"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "cytoscape@$version" >/dev/null
pkg=node_modules/cytoscape
installed=$(node -p "require('./$pkg/package.json').version")

js="$pkg/dist/cytoscape.min.js"
# The page inlines the library inside <script>: a closing tag or an HTML comment opener
# in it would end or confuse the script element.
if grep -qiE '</script|<!--' "$js"; then
	echo "update.sh: $js contains </script or <!--; the page cannot inline it" >&2
	exit 1
fi
cp "$js" "$here/cytoscape.min.js"
cp "$pkg/LICENSE" "$here/LICENSE.cytoscape"
echo "$installed" >"$here/VERSION"
echo "cytoscape $installed -> $here/cytoscape.min.js ($(wc -c <"$here/cytoscape.min.js") bytes)"
