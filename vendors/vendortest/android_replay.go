package vendortest

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// PathReplay is a loopback vendor that answers each path with a recorded
// answer, status and body verbatim, as the vendor sent it. Serve it with
// Fake under the vendor's real hostnames, so the client's real Send reads
// it. Paths without an answer get 404 and a body no vendor sends.
type PathReplay struct {
	mu      sync.Mutex
	answers map[string]pathAnswer
	hits    map[string]int
	headers map[string]http.Header
	forms   map[string]url.Values
}

// pathAnswer is one answer as a vendor sent it.
type pathAnswer struct {
	Status int
	Body   string
}

// NewPathReplay answers nothing until told.
func NewPathReplay() *PathReplay {
	return &PathReplay{answers: map[string]pathAnswer{}, hits: map[string]int{}, headers: map[string]http.Header{}, forms: map[string]url.Values{}}
}

// Answer makes path answer status and body from now on.
func (p *PathReplay) Answer(path string, status int, body string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.answers[path] = pathAnswer{Status: status, Body: body}
}

// Hits is how many calls path has had.
func (p *PathReplay) Hits(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits[path]
}

// Header is the last call's request header on path.
func (p *PathReplay) Header(path string) http.Header {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.headers[path]
}

// Form is the last call's form on path (empty for JSON bodies).
func (p *PathReplay) Form(path string) url.Values {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.forms[path]
}

func (p *PathReplay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	p.mu.Lock()
	a, ok := p.answers[r.URL.Path]
	p.hits[r.URL.Path]++
	p.headers[r.URL.Path] = r.Header.Clone()
	p.forms[r.URL.Path] = r.PostForm
	p.mu.Unlock()
	if !ok || r.Method != http.MethodPost {
		http.Error(w, "replay: no recorded answer for "+r.Method+" "+r.URL.Path, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(a.Status)
	_, _ = w.Write([]byte(a.Body))
}

// quotesSuccess reports whether text quotes the vendor's success words as
// vendors.Explain quotes a vendor's message: "(vivo: 请求成功)" after a
// table entry, "vivo answered <code>: 请求成功" for a code no table has.
func quotesSuccess(vendor, text string) bool {
	l := strings.ToLower(text)
	for _, w := range []string{"success", "succeed", "succeeded", "ok", "成功", "请求成功"} {
		if strings.Contains(l, strings.ToLower("("+vendor+": "+w+")")) ||
			(strings.HasPrefix(l, strings.ToLower(vendor+" answered ")) && strings.HasSuffix(l, ": "+w)) {
			return true
		}
	}
	return false
}

// CheckVendorReading checks a result against the reading wanted, and against
// what every reading keeps: an explanation, a fix unless accepted, a dead
// token only for the dead-token kind, no success words quoted under a
// refusal, and no "answered <code>" fallback where a kind is known.
func CheckVendorReading(t *testing.T, vendor string, r vendors.Result, want Reading) {
	t.Helper()
	if r.Code != want.Code || r.Outcome != want.Outcome || r.Kind != want.Kind {
		t.Errorf("read as code %q, %s/%s; want %q, %s/%s\n  explanation: %s\n  fix: %s", r.Code, r.Outcome, r.Kind, want.Code, want.Outcome, want.Kind, r.Explanation, r.Fix)
	}
	if r.Explanation == "" || (r.Outcome != vendors.Accepted && r.Fix == "") {
		t.Errorf("no explanation or fix: %q / %q", r.Explanation, r.Fix)
	}
	if r.TokenDead() != (want.Kind == models.AnswerDeadToken) {
		t.Errorf("TokenDead() = %v for kind %s", r.TokenDead(), r.Kind)
	}
	if r.Outcome != vendors.Accepted {
		for _, text := range []string{r.Explanation, r.Fix} {
			if quotesSuccess(vendor, text) {
				t.Errorf("a refusal quotes the vendor's success words: %q", text)
			}
		}
	}
	if want.Kind != models.AnswerUnknown && strings.HasPrefix(r.Explanation, vendor+" answered "+r.Code+":") {
		t.Errorf("a %s answer explained by the fallback for codes no table has: %q", want.Kind, r.Explanation)
	}
}

// CheckCoveredNamed fails naming every key of table that no recorded case
// (codes, the cases' codes) reads.
func CheckCoveredNamed(t *testing.T, table string, keys map[string]vendors.Code, codes []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range codes {
		seen[c] = true
	}
	var missing []string
	for k := range keys {
		if !seen[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%s: no recorded answer for %s", table, strings.Join(missing, ", "))
	}
}
