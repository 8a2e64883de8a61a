package vendortest

import (
	"net"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Recorded is one vendor answer as the vendor sends it: the HTTP status,
// the headers that matter and the body, byte for byte.
type Recorded struct {
	Status int
	Header map[string]string
	Body   string
}

// AccessToken is an OAuth token endpoint handing out a token, as Google,
// Huawei and Honor answer client credentials that are fine.
func AccessToken() Recorded {
	return Recorded{Status: http.StatusOK, Header: map[string]string{"Content-Type": "application/json;charset=UTF-8"},
		Body: `{"access_token":"replayed-access-token","expires_in":3600,"token_type":"Bearer"}`}
}

// JSON is a recorded JSON answer.
func JSON(status int, body string) Recorded {
	return Recorded{Status: status, Header: map[string]string{"Content-Type": "application/json;charset=UTF-8"}, Body: body}
}

// Replay is a vendor that answers every call with recorded answers: its
// token host (if any) with Token, every other call with Send. Serve it
// with Fake or Server so that the real client reaches it through the
// vendor's real hostnames.
type Replay struct {
	tokenHost string

	mu          sync.Mutex
	token, send Recorded
	sends       int
}

// NewReplay replays for a vendor whose OAuth token endpoint is on
// tokenHost ("" for none); the token endpoint hands out a token until told
// otherwise.
func NewReplay(tokenHost string) *Replay {
	return &Replay{tokenHost: tokenHost, token: AccessToken(), send: JSON(http.StatusOK, "{}")}
}

// Answer sets the answer to sends and to token requests (nil: a token).
func (p *Replay) Answer(send Recorded, token *Recorded) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.send, p.token, p.sends = send, AccessToken(), 0
	if token != nil {
		p.token = *token
	}
}

// Sends counts the calls other than token requests since Answer.
func (p *Replay) Sends() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sends
}

func (p *Replay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	p.mu.Lock()
	a := p.token
	if host != p.tokenHost || p.tokenHost == "" {
		a = p.send
		p.sends++
	}
	p.mu.Unlock()
	for k, v := range a.Header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(a.Status)
	w.Write([]byte(a.Body)) //nolint:errcheck // the client is gone
}

// Reading is what a client must make of one recorded answer.
type Reading struct {
	Code    string
	Outcome vendors.Outcome
	Kind    models.AnswerKind
}

// CheckReading checks one reading of a recorded answer: its code, outcome
// and kind; an explanation always, and a fix for anything but a taken
// message; no generic "answered <code>" text for a code the table
// explains; no success text quoted under a refusal; and a dead token only
// for the dead-token kind.
func CheckReading(t *testing.T, r vendors.Result, want Reading, table map[string]vendors.Code) {
	t.Helper()
	if r.Code != want.Code || r.Outcome != want.Outcome || r.Kind != want.Kind {
		t.Errorf("read as code %q, %s, %s; want %q, %s, %s", r.Code, r.Outcome, r.Kind, want.Code, want.Outcome, want.Kind)
	}
	if r.Explanation == "" {
		t.Error("no explanation")
	}
	if r.Fix == "" && r.Outcome != vendors.Accepted && r.Outcome != vendors.Validated {
		t.Error("no fix")
	}
	if _, ok := table[r.Code]; ok && (strings.Contains(r.Explanation, "answered "+r.Code+":") || strings.HasSuffix(r.Explanation, "answered "+r.Code)) {
		t.Errorf("the table explains %s, yet the explanation is the generic one: %q", r.Code, r.Explanation)
	}
	if r.Outcome != vendors.Accepted && r.Outcome != vendors.Validated {
		for _, text := range []string{r.Explanation, r.Fix} {
			if endsWithSuccessText(text) || quotesSuccessText(text) {
				t.Errorf("a refusal quotes the vendor's success text: %q", text)
			}
		}
	}
	if r.TokenDead() != (want.Kind == models.AnswerDeadToken) {
		t.Errorf("TokenDead() = %v for kind %s", r.TokenDead(), r.Kind)
	}
	if t.Failed() {
		t.Logf("result: %+v", r)
	}
}

// endsWithSuccessText reports an explanation whose last words, or last
// quoted vendor message "(Vendor: …)", are a success text.
func endsWithSuccessText(explanation string) bool {
	tail := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(explanation), ")"))
	if i := strings.LastIndex(tail, ": "); i >= 0 {
		tail = tail[i+2:]
	}
	tail = strings.TrimRight(tail, ".。!！ ")
	if vendors.IsSuccessText(tail) {
		return true
	}
	lower := strings.ToLower(tail)
	return strings.HasSuffix(lower, " success") || strings.HasSuffix(lower, "成功")
}

// quotesSuccessText reports a vendor message quoted as vendors.Explain
// quotes one, "(vivo: 请求成功)", that is a success word.
func quotesSuccessText(text string) bool {
	for rest := text; ; {
		open := strings.Index(rest, "(")
		if open < 0 {
			return false
		}
		rest = rest[open+1:]
		end := strings.Index(rest, ")")
		if end < 0 {
			return false
		}
		if _, msg, ok := strings.Cut(rest[:end], ": "); ok && vendors.IsSuccessText(strings.TrimRight(msg, ".。!！ ")) {
			return true
		}
	}
}

// CheckCovered fails naming every code of the table no recorded answer
// was read as; name says which table.
func CheckCovered(t *testing.T, name string, table map[string]vendors.Code, read []string) {
	t.Helper()
	var missing []string
	for code := range table {
		if !slices.Contains(read, code) {
			missing = append(missing, code)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d codes of %s have no recorded answer: %s", len(missing), name, strings.Join(missing, ", "))
	}
}
