package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// healthcheck exits 0 while /readyz answers 200, and 1 when it answers
// anything else, too slowly, or nothing.
func TestHealthcheckFollowsReadyz(t *testing.T) {
	var status atomic.Int32
	status.Store(http.StatusOK)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			http.NotFound(w, r)
			return
		}
		code := int(status.Load())
		if code == 0 { // a server too slow to answer in time
			time.Sleep(time.Second)
			code = http.StatusOK
		}
		w.WriteHeader(code)
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	check := func(env map[string]string, args ...string) (int, string) {
		var out bytes.Buffer
		code := cli(context.Background(), append([]string{"healthcheck"}, args...), envOf(env), &out, &out)
		return code, out.String()
	}
	// In the container PUSHCHECK_ADDR is 0.0.0.0:8080; the probe goes to the loopback.
	if code, out := check(map[string]string{"PUSHCHECK_ADDR": "0.0.0.0:" + port}); code != 0 || !strings.Contains(out, "ready") {
		t.Fatalf("ready server: exit %d, %s", code, out)
	}
	status.Store(http.StatusServiceUnavailable)
	if code, out := check(nil, "--addr", addr); code != 1 || !strings.Contains(out, "503") {
		t.Fatalf("database down: exit %d, %s", code, out)
	}
	status.Store(0)
	if code, out := check(nil, "--addr", addr, "--timeout", "100ms"); code != 1 {
		t.Fatalf("slow server: exit %d, %s", code, out)
	}
	srv.Close()
	if code, out := check(nil, "--addr", addr); code != 1 {
		t.Fatalf("no server: exit %d, %s", code, out)
	}
}

func TestHealthcheckProbeAddress(t *testing.T) {
	for listen, want := range map[string]string{
		":8080":          "127.0.0.1:8080",
		"0.0.0.0:8080":   "127.0.0.1:8080",
		"[::]:8080":      "127.0.0.1:8080",
		"10.0.0.5:80":    "10.0.0.5:80",
		"localhost:9000": "localhost:9000",
		"[::1]:8080":     "[::1]:8080",
	} {
		got, err := probeAddress(listen)
		if err != nil || got != want {
			t.Errorf("%s: %s, %v; want %s", listen, got, err, want)
		}
	}
	if _, err := probeAddress("8080"); err == nil {
		t.Error("an address without a port was accepted")
	}
}
