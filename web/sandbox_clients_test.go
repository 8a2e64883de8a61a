package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models/demo"
	"github.com/pushcheck/pushcheck/models/sandbox"
	"github.com/pushcheck/pushcheck/vendors"
)

// nodeClients is the Node project of real third-party clients
// (@parse/node-apn, firebase-admin) that these tests point at the sandbox.
const nodeClients = "../sandbox/clients"

// requireNodeClients finds node and the installed clients. Locally the
// tests skip without them; CI sets PUSHCHECK_TEST_NODE_CLIENTS=1 after
// `npm ci`, and then a missing piece fails the run.
func requireNodeClients(t *testing.T) string {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...) + " (run: npm ci --prefix sandbox/clients)"
		if os.Getenv("PUSHCHECK_TEST_NODE_CLIENTS") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not installed")
	}
	for _, m := range []string{"@parse/node-apn", "firebase-admin"} {
		if _, err := os.Stat(filepath.Join(nodeClients, "node_modules", m, "package.json")); err != nil {
			missing("%s is not installed in %s", m, nodeClients)
		}
	}
	return node
}

// runNode runs one client script against the sandbox with TLS
// verification on: the CA trusted through NODE_EXTRA_CA_CERTS, the
// vendors' hostnames pinned by resolve.js to the printed map.
func (s *sandboxService) runNode(t *testing.T, node, script string, env map[string]string, out any) {
	t.Helper()
	dir := t.TempDir()
	ca := filepath.Join(dir, "sandbox-ca.pem")
	if err := os.WriteFile(ca, s.caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "--require", "./resolve.js", script)
	cmd.Dir = nodeClients
	cmd.Env = append(os.Environ(), "NODE_EXTRA_CA_CERTS="+ca, "SANDBOX_RESOLVE="+s.settings(t).Resolve, "NODE_TLS_REJECT_UNAUTHORIZED=1")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s%s", script, err, stdout.String(), stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
		t.Fatalf("node %s printed %q: %v\n%s", script, stdout.String(), err, stderr.String())
	}
}

// writeFile saves one of the downloaded credentials' files.
func writeFile(t *testing.T, f sandbox.File) string {
	t.Helper()
	b := []byte(f.Content)
	if f.Encoding == "base64" {
		var err error
		if b, err = base64.StdEncoding.DecodeString(f.Content); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), f.Name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

type apnsAnswers struct {
	Sent   []string `json:"sent"`
	Failed []struct {
		Device string `json:"device"`
		Status int    `json:"status"`
		Reason string `json:"reason"`
	} `json:"failed"`
}

// @parse/node-apn, with the demo's generated .p8 and with a generated
// .p12, gets APNs' answers: 200 for a live token, 410 Unregistered for
// the scripted dead one.
func TestNodeAPNAgainstTheSandbox(t *testing.T) {
	node := requireNodeClients(t)
	s := startSandboxCommand(t)
	live, dead := strings.Repeat("ab", 32), strings.Repeat("ab", 28)+"deaddead"
	check := func(t *testing.T, got apnsAnswers) {
		t.Helper()
		if len(got.Sent) != 1 || got.Sent[0] != live || len(got.Failed) != 1 || got.Failed[0].Device != dead ||
			got.Failed[0].Status != http.StatusGone || got.Failed[0].Reason != "Unregistered" {
			t.Errorf("node-apn: %+v", got)
		}
	}
	t.Run(".p8", func(t *testing.T) {
		creds := s.credentials(t, "apns")
		var got apnsAnswers
		s.runNode(t, node, "apns.js", map[string]string{"APNS_KEY_FILE": writeFile(t, creds.Files[0]), "APNS_KEY_ID": creds.Fields["key_id"],
			"APNS_TEAM_ID": creds.Fields["team_id"], "APNS_TOPIC": creds.Fields["bundle_id"], "APNS_TOKENS": live + "," + dead}, &got)
		check(t, got)
	})
	t.Run(".p12", func(t *testing.T) {
		creds := s.createSandboxCertificate(t, `{"app_id":1,"vendor":"apns","apns_auth":"certificate","package":"com.example.node"}`)
		var got apnsAnswers
		s.runNode(t, node, "apns.js", map[string]string{"APNS_P12_FILE": writeFile(t, creds.Files[0]), "APNS_P12_PASSWORD": creds.Fields["p12_password"],
			"APNS_TOPIC": "com.example.node", "APNS_TOKENS": live + "," + dead}, &got)
		check(t, got)
	})
	t.Run("another CA", func(t *testing.T) {
		// Verification is on: trusting another CA, node-apn cannot connect.
		other, err := vendors.NewCA("not the sandbox")
		if err != nil {
			t.Fatal(err)
		}
		path := writeFile(t, sandbox.File{Name: "other-ca.pem", Encoding: "text", Content: string(other.PEM)})
		creds := s.credentials(t, "apns")
		var got apnsAnswers
		s.runNode(t, node, "apns.js", map[string]string{"NODE_EXTRA_CA_CERTS": path, "APNS_KEY_FILE": writeFile(t, creds.Files[0]), "APNS_KEY_ID": creds.Fields["key_id"],
			"APNS_TEAM_ID": creds.Fields["team_id"], "APNS_TOPIC": creds.Fields["bundle_id"], "APNS_TOKENS": live}, &got)
		if len(got.Sent) != 0 || len(got.Failed) != 1 || !strings.Contains(got.Failed[0].Reason, "certificate") {
			t.Errorf("node-apn trusting another CA: %+v", got)
		}
	})
	t.Run("unknown key", func(t *testing.T) {
		creds := s.credentials(t, "apns")
		var got apnsAnswers
		s.runNode(t, node, "apns.js", map[string]string{"APNS_KEY_FILE": writeFile(t, creds.Files[0]), "APNS_KEY_ID": "UNKNOWN001",
			"APNS_TEAM_ID": creds.Fields["team_id"], "APNS_TOPIC": creds.Fields["bundle_id"], "APNS_TOKENS": live}, &got)
		if len(got.Failed) != 1 || got.Failed[0].Status != http.StatusForbidden || got.Failed[0].Reason != "InvalidProviderToken" {
			t.Errorf("node-apn with an unknown key: %+v", got)
		}
	})
}

// firebase-admin, with the demo's generated service account, gets FCM's
// answers: a message name, and for the scripted token the SDK's own
// messaging/registration-token-not-registered.
func TestFirebaseAdminAgainstTheSandbox(t *testing.T) {
	node := requireNodeClients(t)
	s := startSandboxCommand(t)
	creds := s.credentials(t, "fcm")
	var got []struct {
		Token string `json:"token"`
		ID    string `json:"id"`
		Code  string `json:"code"`
	}
	s.runNode(t, node, "fcm.js", map[string]string{"FCM_SERVICE_ACCOUNT": writeFile(t, creds.Files[0]),
		"FCM_TOKENS": "live-token-0001,token-unregistered-0002"}, &got)
	if len(got) != 2 || !strings.HasPrefix(got[0].ID, "projects/pushcheck-demo/messages/") || got[0].Code != "" ||
		got[1].Code != "messaging/registration-token-not-registered" {
		t.Errorf("firebase-admin: %+v", got)
	}
}

// createSandboxCertificate creates one through the API as the demo admin
// and downloads its credentials.
func (s *sandboxService) createSandboxCertificate(t *testing.T, body string) sandbox.Credentials {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.console+"/api/v1/sandbox/certificates", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+demo.OperatorToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cert struct {
		ID    int64 `json:"id"`
		AppID int64
	}
	if err := json.NewDecoder(resp.Body).Decode(&cert); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %v", resp.StatusCode, err)
	}
	var out sandbox.Credentials
	s.getJSON(t, fmt.Sprintf("/api/v1/apps/1/certificates/%d/sandbox-credentials", cert.ID), &out)
	return out
}
