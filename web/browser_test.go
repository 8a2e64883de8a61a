package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pushcheck/pushcheck/models/demo"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// browserPath finds Debian's chromium. Without one the browser tests skip
// locally and fail in CI, where .ci/run installs it.
func browserPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium on PATH: CI must run the browser tests (apt-get install chromium)")
	}
	t.Skip("no chromium on PATH; install Debian's chromium to run the browser tests")
	return ""
}

// startServer runs the real console, with demo data, on a free port.
func startServer(t *testing.T) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cfg := Config{
		Addr: "127.0.0.1:0", DataDir: t.TempDir(), DatabaseURL: storagetest.DSN(t), Demo: true, SecretKey: testSecretKey(t),
		StaleAfter: 10 * time.Minute, EventRetention: 720 * time.Hour, HistoryRetention: 720 * time.Hour, AuditRetention: 720 * time.Hour, ShutdownTimeout: 5 * time.Second, LogFormat: "text",
	}
	srv, err := newServer(ctx, cfg, io.Discard, testLog{t})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
	return srv
}

// testLog shows the server's log only when a test fails or runs with -v.
type testLog struct{ t *testing.T }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func newBrowser(t *testing.T) context.Context {
	t.Helper()
	// Chromium's helper processes may still write to the profile for a
	// moment after the browser exits, so the profile is removed with
	// retries rather than by t.TempDir's strict cleanup.
	profile, err := os.MkdirTemp("", "pushcheck-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browserPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1366, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		removeWithRetry(t, profile)
	})
	return ctx
}

func removeWithRetry(t *testing.T, dir string) {
	var err error
	for i := 0; i < 20; i++ {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("leaving chromium profile %s: %v", dir, err)
}

// screenshot saves the page when PUSHCHECK_SCREENSHOTS names a folder, so
// a person can look at what the test saw.
func screenshot(name string) chromedp.Action[chromedp.Void] {
	dir := os.Getenv("PUSHCHECK_SCREENSHOTS")
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if dir == "" {
			return nil
		}
		png, err := chromedp.FullScreenshot(100)(ctx, t)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	})
}

// into runs the action and keeps its value in dst, so that one chromedp.Do
// can read values between its steps.
func into[T any](dst *T, a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		v, err := a(ctx, t)
		*dst = v
		return err
	})
}

// attr reads an attribute of the first element that sel matches; a missing
// attribute reads as "".
func attr(sel, name string) chromedp.Action[string] {
	return func(ctx context.Context, t *chromedp.Target) (string, error) {
		res, err := chromedp.AttributeValue(sel, name)(ctx, t)
		return res.Value, err
	}
}

func TestBrowserSignInLookUpUserAndSignOut(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t)
	base := srv.URL()

	var loginURL, summary, table string
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`input[name=email]`),
		into(&loginURL, chromedp.Location()),
		screenshot("login"),
		chromedp.SendKeys(`input[name=email]`, demo.AdminEmail),
		chromedp.SendKeys(`input[name=password]`, demo.AdminPassword),
		chromedp.Click(`form button[type=submit]`),
		chromedp.WaitVisible(`input#user`),
		screenshot("home"),
		chromedp.SendKeys(`input#user`, "alice\n"),
		chromedp.WaitVisible(`#devices`),
		into(&summary, chromedp.Text(`#summary`)),
		into(&table, chromedp.Text(`#devices`)),
		screenshot("user-alice"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loginURL, "/login") {
		t.Errorf("unauthenticated visit landed on %s, want the sign-in page", loginURL)
	}
	if !strings.Contains(summary, "of 3 devices can receive offline push") {
		t.Errorf("summary = %q", summary)
	}
	for _, want := range []string{"APNs", "iPhone 15", "BACKGROUND", "5 unread", "OPPO", "PHB110", "FCM", "Pixel 8", "FOREGROUND (stale 25m)", "OFF", "#10001"} {
		if !strings.Contains(table, want) {
			t.Errorf("alice's devices table lacks %q:\n%s", want, table)
		}
	}

	// A device registered through the API and sent to the background shows
	// on the user's page at the next load.
	registerAndBackground(t, base, "qa-pixel-9", "qa-user")
	var qaTable, afterLogout, operatorError, certificates, results, eight string
	var eightRows, eightAccepted int
	err = chromedp.Do(ctx,
		// Compose and send to dana through the sandbox: her iPhone accepts,
		// her Pixel's token is dead and the vendor's code is explained.
		chromedp.Navigate(base+"/apps/1/users/dana"),
		chromedp.WaitVisible(`#composer`),
		chromedp.SendKeys(`#composer input[name=desc]`, "browser test"),
		sendComposer(),
		chromedp.WaitVisible(`#results .results`),
		into(&results, chromedp.Text(`#results`)),
		screenshot("push-results"),
		// One push to qa-eight reaches all nine channels' emulators.
		chromedp.Navigate(base+"/apps/1/users/qa-eight"),
		chromedp.WaitVisible(`#composer`),
		sendComposer(),
		chromedp.WaitVisible(`#results .results`),
		into(&eight, chromedp.Text(`#results`)),
		into(&eightRows, chromedp.Evaluate[int](`document.querySelectorAll('#results tr.delivery').length`)),
		into(&eightAccepted, chromedp.Evaluate[int](`document.querySelectorAll('#results tr.st-accepted').length`)),
		screenshot("push-results-eight-vendors"),
		// A form error comes back as a 400 page that htmx still shows.
		chromedp.Navigate(base+"/operators"),
		chromedp.WaitVisible(`#add-operator`),
		chromedp.SendKeys(`#add-operator input[name=email]`, "qa@example.com"),
		chromedp.SendKeys(`#add-operator input[name=password]`, "short-pw!"),
		chromedp.SetAttributeValue(`#add-operator input[name=password]`, "minlength", "1"),
		chromedp.Click(`#add-operator button[type=submit]`),
		chromedp.WaitVisible(`.flash.error`),
		into(&operatorError, chromedp.Text(`.flash.error`)),
		chromedp.Navigate(base+"/apps/1/users/qa-user"),
		chromedp.WaitVisible(`#devices`),
		into(&qaTable, chromedp.Text(`#devices`)),
		chromedp.Navigate(base+"/apps/1/devices?vendor=oppo"),
		chromedp.WaitVisible(`#device-list`),
		screenshot("devices-oppo"),
		chromedp.Navigate(base+"/apps/1/certificates"),
		chromedp.WaitVisible(`#certificates`),
		into(&certificates, chromedp.Text(`#certificates`)),
		screenshot("certificates"),
		chromedp.Click(`.who button[type=submit]`),
		chromedp.WaitVisible(`input[name=email]`),
		chromedp.Navigate(base+"/apps/1/users/alice"),
		chromedp.WaitVisible(`input[name=email]`),
		into(&afterLogout, chromedp.Location()),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"accepted", "iPhone 16", "rejected", "UNREGISTERED", "HTTP 404", "fix:", "FirebaseMessaging.getToken"} {
		if !strings.Contains(results, want) {
			t.Errorf("push results lack %q:\n%s", want, results)
		}
	}
	// Eight accepted; Meizu's public-message cap is the ninth answer.
	if eightRows != 9 || eightAccepted != 8 || !strings.Contains(eight, "110011") || strings.Count(eight, "message ID") != 9 {
		t.Errorf("the push to qa-eight shows %d results, %d accepted:\n%s", eightRows, eightAccepted, eight)
	}
	for _, want := range []string{"Huawei", "Honor", "Xiaomi", "OPPO", "vivo", "Meizu", "public (公信) messages"} {
		if !strings.Contains(eight, want) {
			t.Errorf("the push to qa-eight lacks %q:\n%s", want, eight)
		}
	}
	for _, want := range []string{"#10001", "Sandbox APNs", "SANDBOX", "#10009", "no default channel ID"} {
		if !strings.Contains(certificates, want) {
			t.Errorf("certificates page lacks %q:\n%s", want, certificates)
		}
	}
	if !strings.Contains(operatorError, "at least 10 characters") {
		t.Errorf("adding an operator with a short password showed %q", operatorError)
	}
	for _, want := range []string{"Pixel 9", "BACKGROUND", "2 unread", "#10002"} {
		if !strings.Contains(qaTable, want) {
			t.Errorf("qa-user's devices table lacks %q:\n%s", want, qaTable)
		}
	}
	if !strings.Contains(afterLogout, "/login") {
		t.Errorf("after sign-out a user page opened at %s, want the sign-in page", afterLogout)
	}
}

func registerAndBackground(t *testing.T, base, deviceID, userID string) {
	t.Helper()
	call := func(method, path, body string) {
		req, err := http.NewRequest(method, base+path, bytes.NewBufferString(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+demo.APIKey)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b, _ := io.ReadAll(resp.Body)
			t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
		}
	}
	call(http.MethodPut, "/api/v1/devices/"+deviceID, `{"user_id":"`+userID+`","platform":"android","vendor":"fcm","token":"fcm-qa-token-1","certificate_id":10002,"model":"Pixel 9","os_version":"15","notifications_enabled":true}`)
	call(http.MethodPost, "/api/v1/devices/"+deviceID+"/state", `{"state":"background","unread":2}`)
}

// sendComposer presses the composer's Send once htmx has taken the form
// over (its lint has answered), by a DOM click: the lint's answer moves the
// button down, and a click at coordinates measured before that lands on
// nothing.
func sendComposer() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.WaitVisible(`#lint .lint-line`),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#composer button[type=submit]').click()`),
	)
}
