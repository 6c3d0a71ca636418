package extract_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// A page of two stories: the first with its headline before the body and a paragraph
// broken across a column, the second with its headline printed after its body.
func ExampleSplitPage() {
	page := "解放日报 2021年5月28日 星期五\n\n" +
		"## 切实筑牢防汛防台安全防线\n\n" +
		"**本报讯** 上海市防汛工作会议昨天召开。市委副书记、市长龚正出席会议并讲话。要抓紧推进雨水\n\n" +
		"排水和防洪除涝规划的落地实施。\n\n" +
		"新华社北京５月２７日电（记者 张三）国务院常务会议２７日召开。\n\n" +
		"## 国务院召开常务会议\n"
	for _, a := range extract.SplitPage(extract.Doc{Source: "page.txt", Text: page}) {
		fmt.Printf("%s %s (%s)\n", a.Date, a.Title, a.Dateline)
		for _, s := range extract.Sentences(a) {
			fmt.Printf("  %d:%d %s\n", s.Para, s.Start, s.Text)
		}
	}
	// Output:
	// 2021-05-28 切实筑牢防汛防台安全防线 (本报讯)
	//   0:0 上海市防汛工作会议昨天召开。
	//   0:42 市委副书记、市长龚正出席会议并讲话。
	//   0:96 要抓紧推进雨水排水和防洪除涝规划的落地实施。
	// 2021-05-28 国务院召开常务会议 (新华社北京5月27日电（记者 张三）)
	//   0:0 国务院常务会议27日召开。
}

// Run reads the inputs ("-" is stdin), extracts every article and merges the graphs.
// The articles it finds and their titles do not depend on the extraction rules.
func ExampleExtractor_Run() {
	x, err := extract.New(extract.Options{Date: "2021-05-28"})
	if err != nil {
		fmt.Println(err)
		return
	}
	page := "## 市防汛工作会议召开\n\n本报讯 上海市防汛工作会议昨天召开。市委副书记、市长龚正出席会议并讲话。\n\n" +
		"本报讯 上海市人民政府与中国移动通信集团有限公司昨天签署战略合作协议。\n\n## 欢迎在沪布局更多引领性重大项目\n"
	g, st, err := x.Run(context.Background(), []string{"-"}, strings.NewReader(page), func(err error) { fmt.Println(err) })
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(st.Inputs, "input,", st.Articles, "articles")
	for _, a := range g.NodesOf(schema.Article) {
		fmt.Println(a.Key, a.Props["date"], a.Props["source"], a.Props["title"])
	}
	// Output:
	// 1 input, 2 articles
	// article:84eba8881af8 2021-05-28 stdin 市防汛工作会议召开
	// article:ff6f956ac812 2021-05-28 stdin 欢迎在沪布局更多引领性重大项目
}

// RunSpilled is Run for an archive whose relationships do not fit in memory: the nodes
// stay in memory, the relationships are read back in order from files that Close
// removes. Written out (jsonl.WriteStream), it is the graph Run gives.
func ExampleExtractor_RunSpilled() {
	x, err := extract.New(extract.Options{Date: "2021-05-28"})
	if err != nil {
		fmt.Println(err)
		return
	}
	page := "## 市防汛工作会议召开\n\n本报讯 上海市防汛工作会议昨天召开。市委副书记、市长龚正出席会议并讲话。\n"
	s, _, err := x.RunSpilled(context.Background(), []string{"-"}, strings.NewReader(page), func(err error) { fmt.Println(err) }, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	for r, err := range s.Rels() {
		if err != nil {
			fmt.Println(err)
			return
		}
		if r.Type == schema.Holds {
			fmt.Println(r.ID())
		}
	}
	// Output:
	// HOLDS:person:龚正->role:上海市人民政府/市长
	// HOLDS:person:龚正->role:中共上海市委/副书记
}
