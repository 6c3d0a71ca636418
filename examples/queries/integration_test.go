package queries_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/examples/queries"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/graph/neo4jsink/neo4jsinktest"
)

// row builds one expected row; lists of strings are written as []string for brevity.
func row(values ...any) []any {
	for i, v := range values {
		if ss, ok := v.([]string); ok {
			l := make([]any, len(ss))
			for j, s := range ss {
				l[j] = s
			}
			values[i] = l
		}
	}
	return values
}

type L = []string

// TestQueries loads the fixture (four stories of the seed page as the gold annotation
// has them, then a later article) through the Sink and runs every example query,
// asserting its exact rows, with default parameters and with others.
func TestQueries(t *testing.T) {
	s := loadFixture(t)
	const (
		d   = "2021-05-28"
		ev  = "2021-05-27"
		cur = "current"
	)
	tests := []struct {
		query  string
		params map[string]string
		want   [][]any
	}{
		{"person-roles", nil, [][]any{
			row("书记", "中共上海市委", cur, d, d),
			row("组长", "长三角区域生态环境保护协作小组", cur, d, d),
		}},
		{"person-roles", map[string]string{"person": "龚正"}, [][]any{
			row("市长", "上海市人民政府", cur, d, "2023-01-05"),
			row("副书记", "中共上海市委", cur, d, d),
		}},
		{"event-participants", nil, [][]any{
			row(e1, "吴政隆", L{"attendee", "speaker"}, L{"中共江苏省委副书记", "江苏省人民政府省长"}),
			row(e1, "娄勤俭", L{"speaker"}, L{"中共江苏省委副书记"}),
			row(e1, "李强", L{"host", "speaker"}, L{"中共上海市委书记", "长三角区域生态环境保护协作小组组长"}),
			row(e1, "李萌", L{"attendee"}, L{"科学技术部副部长"}),
			row(e1, "赵英民", L{"attendee", "speaker"}, L{"生态环境部副部长"}),
			row(e1, "龚正", L{"attendee", "speaker"}, L{"上海市人民政府市长", "中共上海市委副书记"}),
		}},
		{"event-participants", map[string]string{"event": "签约"}, [][]any{
			row(e6, "上海市人民政府", L{"signatory"}, L{}),
			row(e6, "中国移动通信集团有限公司", L{"signatory"}, L{}),
			row(e6, "吴清", L{"signatory"}, L{"上海市人民政府副市长", "中共上海市委常委"}),
			row(e6, "李慧镭", L{"signatory"}, L{"中国移动通信集团有限公司副总经理"}),
			row(e6, "杨杰", L{"attendee"}, L{"中国移动通信集团有限公司董事长"}),
			row(e6, "龚正", L{"attendee"}, L{"上海市人民政府市长", "中共上海市委副书记"}),
		}},
		{"meeting-hosts", nil, [][]any{
			row("李强", e2, "meeting", ev),
			row("李强", e5, "meeting_with", ev),
			row("龚正", e5, "meeting_with", ev),
			row("李强", e1, "meeting", ev),
			row("陈吉宁", eB, "meeting", "2023-01-04"),
		}},
		{"co-attendance", nil, [][]any{
			row(e5, ev, L{"host"}, L{"host"}),
			row(e1, ev, L{"host", "speaker"}, L{"attendee", "speaker"}),
		}},
		{"co-attendance", map[string]string{"a": "吴清", "b": "李慧镭"}, [][]any{
			row(e6, ev, L{"signatory"}, L{"signatory"}),
		}},
		{"role-holders", nil, [][]any{
			row("李强", cur, d, d),
			row("陈吉宁", cur, "2023-01-05", "2023-01-05"),
		}},
		{"role-holders", map[string]string{"title": "书记", "org": "市委"}, [][]any{
			row("李强", cur, d, d),
			row("陈吉宁", cur, "2023-01-05", "2023-01-05"),
		}},
		{"role-holder-at", nil, [][]any{
			row("李强", "person:李强", cur, d, d, s1),
		}},
		{"role-holder-at", map[string]string{"org": "市委", "date": "2023-06-01"}, [][]any{
			row("陈吉宁", "person:陈吉宁", cur, "2023-01-05", "2023-01-05", "市委书记陈吉宁主持会议并讲话。"),
		}},
		{"role-holder-at", map[string]string{"date": "2021-01-01"}, nil},
		{"signing-partners", nil, [][]any{
			row("中国移动通信集团有限公司", e6, ev, L{"吴清", "李慧镭"}),
		}},
		{"signing-partners", map[string]string{"org": "中国移动"}, [][]any{
			row("上海市人民政府", e6, ev, L{"吴清", "李慧镭"}),
		}},
		{"ministry-deputies", nil, [][]any{
			row("生态环境部", "赵英民", "副部长", e1, ev, L{"attendee", "speaker"}),
		}},
		{"ministry-deputies", map[string]string{"ministry": ""}, [][]any{
			row("生态环境部", "赵英民", "副部长", e1, ev, L{"attendee", "speaker"}),
			row("科学技术部", "李萌", "副部长", e1, ev, L{"attendee"}),
		}},
		{"shortest-path", nil, [][]any{
			row(int64(4), L{"娄勤俭", e1, "李强", e5, "杨杰"}, L{"PARTICIPATED_IN", "PARTICIPATED_IN", "PARTICIPATED_IN", "PARTICIPATED_IN"}),
			row(int64(4), L{"娄勤俭", e1, "龚正", e6, "杨杰"}, L{"PARTICIPATED_IN", "PARTICIPATED_IN", "PARTICIPATED_IN", "PARTICIPATED_IN"}),
			row(int64(4), L{"娄勤俭", e1, "龚正", e5, "杨杰"}, L{"PARTICIPATED_IN", "PARTICIPATED_IN", "PARTICIPATED_IN", "PARTICIPATED_IN"}),
		}},
		{"shortest-path", map[string]string{"a": "陈吉宁", "b": "李强"}, [][]any{
			row(int64(2), L{"陈吉宁", "中共上海市委/书记", "李强"}, L{"HOLDS", "HOLDS"}),
		}},
		{"events-in-range", nil, [][]any{
			row(ev, e4, "ceremony", nil, int64(4)),
			row(ev, e6, "signing", nil, int64(6)),
			row(ev, e2, "meeting", nil, int64(1)),
			row(ev, e5, "meeting_with", nil, int64(3)),
			row(ev, e1, "meeting", "无锡", int64(6)),
		}},
		{"events-in-range", map[string]string{"from": "2022-01-01", "to": "2023-12-31"}, [][]any{
			row("2023-01-04", eB, "meeting", nil, int64(2)),
		}},
		{"fact-evidence", nil, [][]any{
			row("中共上海市委书记", int64(1), tA1, d, s1),
			row("中共上海市委书记", int64(2), tA2, d, sA2),
			row("中共上海市委书记", int64(3), tA5, d, sA5),
		}},
		{"fact-evidence", map[string]string{"person": "龚正", "title": "市长"}, [][]any{
			row("上海市人民政府市长", int64(1), tA1, d, s2),
			row("上海市人民政府市长", int64(2), tA4, d, sA4),
			row("上海市人民政府市长", int64(3), tA5, d, sA5),
			row("上海市人民政府市长", int64(4), tB, "2023-01-05", "市委副书记、市长龚正出席。"),
		}},
		{"participation-evidence", nil, [][]any{
			row(e6, L{"signatory"}, int64(1), tA5, s6),
		}},
		{"participation-evidence", map[string]string{"person": "李强", "event": ""}, [][]any{
			row(e2, L{"host", "speaker"}, int64(1), tA2, sA2),
			row(e5, L{"host"}, int64(1), tA5, sA5),
			row(e1, L{"host", "speaker"}, int64(1), tA1, s1),
		}},
		{"org-people", nil, [][]any{
			row("中共上海市委", "书记", "李强", cur, d, d),
			row("中共上海市委", "书记", "陈吉宁", cur, "2023-01-05", "2023-01-05"),
			row("中共上海市委", "副书记", "龚正", cur, d, d),
			row("中共上海市委", "常委", "吴清", cur, d, d),
		}},
		{"org-people", map[string]string{"org": "华山医院"}, [][]any{
			row("复旦大学附属华山医院感染科", "主任", "张文宏", cur, d, d),
		}},
		{"person-events", nil, [][]any{
			row(ev, e4, "ceremony", nil, L{"presenter", "speaker"}),
			row(ev, e6, "signing", nil, L{"attendee"}),
			row(ev, e5, "meeting_with", nil, L{"host"}),
			row(ev, e1, "meeting", "无锡", L{"attendee", "speaker"}),
			row("2023-01-04", eB, "meeting", nil, L{"attendee"}),
		}},
	}
	all, err := queries.All()
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.query] = true
		t.Run(fmt.Sprintf("%s%v", tt.query, tt.params), func(t *testing.T) {
			got := run(t, s, tt.query, tt.params)
			if !reflect.DeepEqual(got.Rows, tt.want) {
				t.Errorf("%s rows:\n%s\nwant:\n%s", tt.query, show(got.Rows), show(tt.want))
			}
		})
	}
	for _, q := range all {
		if !tested[q.Name] {
			t.Errorf("example query %s has no test", q.Name)
		}
	}
}

// loadFixture empties the test database and loads the fixture through the Sink, in two
// writes, as two loads would.
func loadFixture(t *testing.T) *neo4jsink.Sink {
	t.Helper()
	s := neo4jsinktest.Open(t, neo4jsink.Config{})
	seed, later := fixture()
	for _, g := range []*graph.Graph{seed, later} {
		if err := s.Write(context.Background(), g); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func run(t *testing.T, s *neo4jsink.Sink, name string, values map[string]string) *neo4jsink.Table {
	t.Helper()
	q, err := queries.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	params, err := q.Bind(values)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := s.Query(context.Background(), q.Cypher, params)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tab
}

func show(rows [][]any) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %#v\n", r)
	}
	return b.String()
}
