package vendortest

import (
	"net/http"
	"net/url"
	"sync"
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
