package fcm

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"firebase.google.com/go/v4/messaging"
)

// TestMessagingConfigShape builds the SDK's client through
// newMessagingClient and checks that what it set arrives: the project in
// the URL, the HTTP client (its transport sees the call) and the SDK's
// version in the headers, as firebase.App.Messaging would send them. It
// fails if the SDK renames or retypes its config's fields.
func TestMessagingConfigShape(t *testing.T) {
	var seen []*http.Request
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r)
		// A 400 is final: the SDK retries network errors and 5xx.
		body := `{"error":{"code":400,"status":"INVALID_ARGUMENT","message":"stop here"}}`
		return &http.Response{StatusCode: http.StatusBadRequest, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})}
	client, err := newMessagingClient(context.Background(), "demo-im", hc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Send(context.Background(), &messaging.Message{Token: "t"}); err == nil {
		t.Fatal("the send did not go through the given HTTP client")
	}
	if len(seen) != 1 {
		t.Fatalf("%d requests, want 1", len(seen))
	}
	r := seen[0]
	if r.URL.Path != "/v1/projects/demo-im/messages:send" {
		t.Errorf("path %s", r.URL.Path)
	}
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mod), "firebase.google.com/go/v4 v"+sdkVersion+"\n") {
		t.Errorf("go.mod requires another firebase.google.com/go/v4 than sdkVersion %s", sdkVersion)
	}
	if got := r.Header.Get("X-Firebase-Client"); got != "fire-admin-go/"+sdkVersion {
		t.Errorf("X-Firebase-Client %q", got)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
