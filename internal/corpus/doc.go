// Package corpus builds a synthetic news archive from the bundled example pages, for
// benchmarks: a daily paper over a decade, as JSON lines, one file per day.
//
// Each generated article is one of the examples with its persons renamed (surnames and
// given names drawn from lists, people recurring across the archive with a skew, as in
// real news), the provinces and cities it names replaced by others of the same level
// (extract/lexicon/data/places.txt), and its dates moved to the archive day, so that the
// graph grows with the archive. The same seed gives the same bytes. Files are written
// one record at a time: generating gigabytes needs no more memory than one page.
package corpus
