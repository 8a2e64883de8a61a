package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// pushView is the API's push as the tests read it.
type pushView struct {
	ID         int64          `json:"id"`
	Target     string         `json:"target"`
	Final      bool           `json:"final"`
	Stages     map[string]int `json:"stages"`
	Deliveries []struct {
		ID       string `json:"id"`
		DeviceID string `json:"device_id"`
		Vendor   string `json:"vendor"`
		Status   string `json:"status"`
		Stage    string `json:"stage"`
		Final    bool   `json:"final"`
		Trace    []struct {
			Stage       string    `json:"stage"`
			At          time.Time `json:"at"`
			Source      string    `json:"source"`
			Code        string    `json:"code"`
			Explanation string    `json:"explanation"`
		} `json:"trace"`
	} `json:"deliveries"`
	Message struct {
		Title string `json:"title"`
	} `json:"message"`
}

func (e *env) sendPush(t *testing.T, token, body string) pushView {
	t.Helper()
	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID), token, body)
	if r.status != http.StatusCreated {
		t.Fatalf("push: %d %s", r.status, r.body)
	}
	var p pushView
	r.decode(t, &p)
	return p
}

func (e *env) getPush(t *testing.T, token string, id int64) pushView {
	t.Helper()
	r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/pushes/%d", e.app.ID, id), token, "")
	if r.status != http.StatusOK {
		t.Fatalf("push %d: %d %s", id, r.status, r.body)
	}
	var p pushView
	r.decode(t, &p)
	return p
}

// waitFor polls the push the way the README's script does, until every
// device's delivery satisfies ok.
func (e *env) waitFor(t *testing.T, token string, id int64, ok func(stage string) bool) pushView {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p := e.getPush(t, token, id)
		all := true
		for _, d := range p.Deliveries {
			all = all && ok(d.Stage)
		}
		if all {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("push %d never got there: %+v", id, p)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// receiptPath is a certificate's receipt URL path, secret included, as
// the certificate API shows it.
func (e *env) receiptPath(t *testing.T, token string, certID int64) string {
	t.Helper()
	r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/certificates/%d", e.app.ID, certID), token, "")
	u, ok := r.json(t)["receipt_url"].(string)
	if r.status != 200 || !ok || u == "" {
		t.Fatalf("certificate %d has no receipt URL: %d %s", certID, r.status, r.body)
	}
	return strings.TrimPrefix(u, e.srv.URL)
}

func traceStages(p pushView, i int) string {
	var out []string
	for _, e := range p.Deliveries[i].Trace {
		out = append(out, e.Stage)
	}
	return strings.Join(out, ",")
}
