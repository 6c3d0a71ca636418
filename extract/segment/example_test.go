package segment_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/extract/segment"
)

func ExampleSegmenter_Segment() {
	// the user dictionary: the lexicons' words, as lines "word freq tag"
	sg, err := segment.New("龚正 50000 nr\nceo 30000 ttl\n")
	if err != nil {
		fmt.Println(err)
		return
	}
	s := "上海市委副书记、市长龚正出席CEO论坛"
	for _, w := range sg.Segment(s) {
		fmt.Printf("%s/%s ", s[w.Start:w.End], w.Pos)
	}
	fmt.Println()
	// Output:
	// 上海市委/nt 副/b 书记/n 、/x 市长/n 龚正/nr 出席/v CEO/ttl 论坛/n
}
