// Package htmltest opens a page written by package html in a real headless Chromium, for
// tests: it counts the nodes the page drew, clicks a node with the mouse, reads the details
// panel and saves screenshots. It also records every network request the page makes, so a
// test can prove that the page works offline, and fails the test on any script error.
//
// Chromium is Debian's (apt-get install -y chromium), found as chromium, chromium-browser or
// google-chrome, or named by NEWSGRAPH_CHROMIUM. Without it a test is skipped, except under
// CI=true, where it fails.
//
// A Page belongs to one test and is not safe for concurrent use.
package htmltest
