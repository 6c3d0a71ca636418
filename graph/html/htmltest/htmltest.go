package htmltest

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Width and Height are the size of the page's viewport.
const (
	Width  = 1400
	Height = 900
)

// Page is a graph page open in headless Chromium.
type Page struct {
	t   testing.TB
	ctx context.Context

	mu       sync.Mutex
	requests []string
	errors   []string
}

// Chromium returns the path of the Chromium binary, or skips the test (fails it under
// CI=true) when there is none.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("NEWSGRAPH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "htmltest: no Chromium to open the page in (apt-get install -y chromium, or set NEWSGRAPH_CHROMIUM)"
	if v, _ := strconv.ParseBool(os.Getenv("CI")); v {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Open starts a fresh headless Chromium, loads the page at path and waits until it has
// drawn the graph. The browser is closed when the test ends.
func Open(t testing.TB, path string) *Page {
	t.Helper()
	bin := Chromium(t)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(Width, Height),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	p := &Page{t: t, ctx: ctx}
	// The first Do starts the browser; listening needs its tab, and the tab enables the
	// network and runtime domains, whose events are recorded from here on.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(Width, Height), chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("htmltest: start %s: %v", bin, err)
	}
	if err := chromedp.Listen(ctx, p.record); err != nil {
		t.Fatalf("htmltest: listen: %v", err)
	}
	u := url.URL{Scheme: "file", Path: abs}
	err = chromedp.Do(ctx, chromedp.Navigate(u.String()))
	for try := 0; err == nil || try < 5 && contextGone(err); try++ {
		// a busy machine can let the poll start in about:blank's execution context just as
		// the navigation destroys it; polling again finds the page's own
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.body.dataset.ready === "true"`, chromedp.WithPollingTimeout(90*time.Second)))
		if err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("htmltest: open %s: %v (script errors: %q)", path, err, p.ScriptErrors())
	}
	t.Cleanup(func() {
		if errs := p.ScriptErrors(); len(errs) > 0 {
			t.Errorf("htmltest: the page reported script errors: %q", errs)
		}
	})
	return p
}

// contextGone reports whether err is Chromium's answer to an evaluation in an execution
// context that a navigation has just destroyed.
func contextGone(err error) bool {
	return err != nil && strings.Contains(err.Error(), "Cannot find context with specified id")
}

// record keeps the requests and script errors the page reports.
func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, e.Request.URL)
	case *runtime.EventExceptionThrown:
		msg := e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
		p.errors = append(p.errors, msg)
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value))
			}
			p.errors = append(p.errors, "console.error "+strings.Join(parts, " "))
		}
	}
}

// Eval evaluates a JavaScript expression in the page and returns its JSON value as a T.
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("htmltest: evaluate %s: %v", expr, err)
	}
	return v
}

// DrawnNodes returns how many nodes the page drew: nodes that are displayed, have a size
// and lie at least partly inside the visible part of the graph.
func (p *Page) DrawnNodes() int {
	p.t.Helper()
	return Eval[int](p, `(function () {
		var cy = window.newsgraph.cy, w = cy.width(), h = cy.height();
		return cy.nodes().filter(function (n) {
			var b = n.renderedBoundingBox({includeLabels: false});
			return n.visible() && b.w > 0 && b.h > 0 && b.x2 > 0 && b.y2 > 0 && b.x1 < w && b.y1 < h;
		}).length;
	})()`)
}

// DrawnEdges returns how many edges the page holds and displays.
func (p *Page) DrawnEdges() int {
	p.t.Helper()
	return Eval[int](p, `window.newsgraph.cy.edges().filter(function (e) { return e.visible(); }).length`)
}

// Node is a drawn node as the test sees it.
type Node struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	Name  string  `json:"name"`
	Key   string  `json:"key"`
	X     float64 `json:"x"` // page coordinates of its centre
	Y     float64 `json:"y"`
}

// Nodes returns the page's nodes of one label, the best connected first.
func (p *Page) Nodes(label string) []Node {
	p.t.Helper()
	return Eval[[]Node](p, `(function (label) {
		var ng = window.newsgraph, box = ng.cy.container().getBoundingClientRect();
		return ng.cy.nodes().filter(function (n) { return n.data('label') === label; })
			.sort(function (a, b) { return b.degree() - a.degree(); })
			.map(function (n) {
				var pos = n.renderedPosition(), d = ng.data.nodes.find(function (x) { return x.id === n.id(); });
				return {id: n.id(), label: label, name: d.name, key: d.key, x: box.left + pos.x, y: box.top + pos.y};
			});
	})(`+strconv.Quote(label)+`)`)
}

// Click clicks the left mouse button at page coordinates x, y, as a person would.
func (p *Page) Click(x, y float64) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.MouseClickXY(x, y)); err != nil {
		p.t.Fatalf("htmltest: click at %.0f,%.0f: %v", x, y, err)
	}
}

// Type types text into the element matched by the CSS selector sel.
func (p *Page) Type(sel, text string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.SendKeys(chromedp.CSS(sel), text)); err != nil {
		p.t.Fatalf("htmltest: type into %s: %v", sel, err)
	}
}

// Text returns the text of the element matched by the CSS selector sel.
func (p *Page) Text(sel string) string {
	p.t.Helper()
	return Eval[string](p, `(function () { var e = document.querySelector(`+strconv.Quote(sel)+`); return e ? e.innerText : ""; })()`)
}

// Requests returns the URLs the page requested, the page itself included.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// ScriptErrors returns the uncaught exceptions and console errors the page reported.
func (p *Page) ScriptErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// Screenshot saves a PNG of the window to NEWSGRAPH_SCREENSHOT_DIR, or the system's
// temporary folder, logs its path and returns it. name becomes part of the file name.
func (p *Page) Screenshot(name string) string {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatalf("htmltest: screenshot: %v", err)
	}
	dir := os.Getenv("NEWSGRAPH_SCREENSHOT_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "newsgraph-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	path := filepath.Join(dir, unsafeName.ReplaceAllString(p.t.Name()+"-"+name, "_")+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot of %s: %s", name, path)
	return path
}
