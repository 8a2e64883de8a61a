package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestMetricsConfiguration(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"a short token":         {"PUSHCHECK_METRICS_TOKEN": "secret"},
		"an address sans port":  {"PUSHCHECK_METRICS_ADDR": "127.0.0.1"},
		"the console's address": {"PUSHCHECK_ADDR": "127.0.0.1:8080", "PUSHCHECK_METRICS_ADDR": "127.0.0.1:8080"},
	} {
		if _, err := loadConfig(nil, envOf(env), io.Discard); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	cfg, err := loadConfig(nil, envOf(map[string]string{"PUSHCHECK_METRICS_TOKEN": " 0123456789abcdef0123 ", "PUSHCHECK_METRICS_ADDR": "127.0.0.1:9090"}), io.Discard)
	if err != nil || cfg.MetricsToken != "0123456789abcdef0123" || cfg.MetricsAddr != "127.0.0.1:9090" {
		t.Fatalf("metrics settings: %+v %v", cfg, err)
	}
}

// PUSHCHECK_METRICS_ADDR serves /metrics without a token and nothing
// else; the console's own /metrics still wants PUSHCHECK_METRICS_TOKEN.
func TestMetricsAddressServesTheScrape(t *testing.T) {
	const token = "metrics-token-0123456789"
	cfg, err := loadConfig(nil, envOf(serverEnv(t, map[string]string{"PUSHCHECK_METRICS_ADDR": "127.0.0.1:0", "PUSHCHECK_METRICS_TOKEN": token})), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := newServer(context.Background(), cfg, io.Discard, testLog{t})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.run(ctx) }()
	sidecar := "http://" + srv.scrape.ln.Addr().String()

	status, body := getWithBearer(t, sidecar+"/metrics", "")
	for _, series := range []string{`pushcheck_build_info{go_version="go`, `version="dev"} 1`, "pushcheck_metrics_database_up 1",
		`go_sql_max_open_connections{db_name="pushcheck"}`, `pushcheck_queue_jobs{state="available"} 0`, "process_resident_memory_bytes"} {
		if status != http.StatusOK || !strings.Contains(body, series) {
			t.Errorf("the metrics address lacks %s: %d\n%.300s", series, status, body)
		}
	}
	if status, _ := getWithBearer(t, sidecar+"/api/v1/apps", ""); status != http.StatusNotFound {
		t.Errorf("the metrics address serves the API: %d", status)
	}
	if status, _ := getWithBearer(t, srv.URL()+"/metrics", ""); status != http.StatusUnauthorized {
		t.Errorf("the console's /metrics without the token: %d", status)
	}
	if status, body := getWithBearer(t, srv.URL()+"/metrics", token); status != http.StatusOK || !strings.Contains(body, "pushcheck_build_info") {
		t.Errorf("the console's /metrics with the token: %d", status)
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(sidecar, "http://"), time.Second); err == nil {
		t.Fatal("the metrics address still accepts connections after shutdown")
	}
}

func getWithBearer(t *testing.T, url, bearer string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}
