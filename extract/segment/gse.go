package segment

import "github.com/go-ego/gse"

// NewGSE loads the gse segmenter that a Segmenter made by New(userDict) reproduces:
// userDict, then gse's embedded zh_s, without the HMM model (Segment never uses it). It
// takes about a second and 200 MB, so it is for tests and for measuring against gse.
func NewGSE(userDict string) (*gse.Segmenter, error) {
	var seg gse.Segmenter
	seg.SkipLog = true
	seg.NotLoadHMM = true
	if err := seg.LoadDictStr(userDict); err != nil {
		return nil, err
	}
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, err
	}
	return &seg, nil
}
