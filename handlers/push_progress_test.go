package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/handlers"
	"github.com/pushcheck/pushcheck/models"
)

type progressJSON struct {
	Progress struct {
		Done     int  `json:"done"`
		Total    int  `json:"total"`
		Finished bool `json:"finished"`
	} `json:"progress"`
}

// POST .../pushes waits a bounded time for the answers: a push still
// under way comes back with its progress, and GET and the push's page
// follow it to the end.
func TestAPushLongerThanTheWaitReturnsItsProgress(t *testing.T) {
	e := newEnvWith(t, func(c *handlers.Config) { c.SendWait = 50 * time.Millisecond })
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	cert := sandboxAPNs(t, e, admin)
	registerIPhone(t, e, "quick-phone", "alice", strings.Repeat("4f2a", 16), cert, true)
	// The sandbox answers tokens holding 51015101 after 3 s.
	registerIPhone(t, e, "slow-phone", "alice", strings.Repeat("51015101", 8), cert, true)
	path := fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID)

	r := e.api(http.MethodPost, path, admin, `{"target":{"user_id":"alice"},"mode":"force"}`)
	var sent progressJSON
	r.decode(t, &sent)
	if r.status != http.StatusCreated || sent.Progress.Total != 2 || sent.Progress.Finished || sent.Progress.Done > 1 {
		t.Fatalf("a push under way: %d %+v", r.status, sent.Progress)
	}
	id := int64(r.json(t)["id"].(float64))

	b := e.browser()
	b.signIn("admin@example.com", "correct horse battery")
	live := fmt.Sprintf("/apps/%d/pushes/%d/live", e.app.ID, id)
	if page := b.get(live); page.status != 200 || !strings.Contains(page.body, `data-total="2" data-finished="false"`) || !strings.Contains(page.body, "hx-trigger=\"every 1s\"") {
		t.Fatalf("live fragment under way: %d %s", page.status, page.body)
	}
	deadline := time.Now().Add(10 * time.Second)
	var got progressJSON
	for time.Now().Before(deadline) {
		e.api(http.MethodGet, fmt.Sprintf("%s/%d", path, id), admin, "").decode(t, &got)
		if got.Progress.Finished {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got.Progress.Done != 2 || got.Progress.Total != 2 || !got.Progress.Finished {
		t.Fatalf("after the slow answer: %+v", got.Progress)
	}
	if page := b.get(live); !strings.Contains(page.body, ">2 of 2 delivered<") {
		t.Fatalf("live fragment when done: %s", page.body)
	}
}

// A small push's reply holds its answers, with the progress finished.
func TestASmallPushReturnsFinished(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	cert := sandboxAPNs(t, e, admin)
	registerIPhone(t, e, "phone", "alice", strings.Repeat("4f2a", 16), cert, true)
	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID), admin, `{"target":{"device_ids":["phone"]}}`)
	var p progressJSON
	r.decode(t, &p)
	if r.status != http.StatusCreated || p.Progress.Done != 1 || p.Progress.Total != 1 || !p.Progress.Finished ||
		deliveriesByDevice(t, r)["phone"]["status"] != "accepted" {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

// A large push's page draws its first rows only, and counts them all.
func TestALargePushPageCountsEveryDelivery(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	cert := sandboxAPNs(t, e, admin)
	ctx := context.Background()
	ids := make([]string, 205)
	for i := range ids {
		ids[i] = fmt.Sprintf("phone-%03d", i)
		reg := models.Registration{UserID: "fleet", Platform: models.PlatformIOS, Vendor: models.VendorAPNs, Token: fmt.Sprintf("%064x", i+1),
			CertificateID: &cert, Environment: models.EnvProduction}
		if _, err := e.store.RegisterDevice(ctx, e.app.ID, ids[i], reg, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.store.CreateGroup(ctx, e.app.ID, "fleet", "qa", ids); err != nil {
		t.Fatal(err)
	}
	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID), admin, `{"target":{"group":"fleet"},"mode":"force"}`)
	var p progressJSON
	r.decode(t, &p)
	if r.status != http.StatusCreated || !p.Progress.Finished || p.Progress.Done != 205 {
		t.Fatalf("%d %+v", r.status, p.Progress)
	}
	b := e.browser()
	b.signIn("admin@example.com", "correct horse battery")
	page := b.get(fmt.Sprintf("/apps/%d/pushes/%d", e.app.ID, int64(r.json(t)["id"].(float64))))
	if page.status != 200 || !strings.Contains(page.body, ">205 of 205 delivered<") || !strings.Contains(page.body, "showing 200 devices of 205") ||
		strings.Count(page.body, `<tr class="delivery`) != 200 || strings.Contains(page.body, `hx-trigger="every 1s"`) {
		t.Fatalf("large push page: %d", page.status)
	}
}

// ?deliveries=false answers with the push's counts and progress only: what
// a script following a large push polls, without 10,000 traces each time.
func TestPushSummaryWithoutDeliveries(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	cert := sandboxAPNs(t, e, admin)
	registerIPhone(t, e, "phone-1", "alice", strings.Repeat("4f2a", 16), cert, true)
	registerIPhone(t, e, "phone-2", "alice", strings.Repeat("4f2b", 16), cert, true)
	path := fmt.Sprintf("/api/v1/apps/%d/pushes", e.app.ID)
	r := e.api(http.MethodPost, path+"?deliveries=false", admin, `{"target":{"user_id":"alice"},"mode":"force"}`)
	body := r.json(t)
	if r.status != http.StatusCreated || body["deliveries"] != nil {
		t.Fatalf("send without deliveries: %d %v", r.status, body)
	}
	id := int64(body["id"].(float64))
	got := e.api(http.MethodGet, fmt.Sprintf("%s/%d?deliveries=false", path, id), admin, "").json(t)
	stages, _ := got["stages"].(map[string]any)
	progress, _ := got["progress"].(map[string]any)
	if got["deliveries"] != nil || progress["total"] != float64(2) || progress["done"] != float64(2) || progress["finished"] != true {
		t.Fatalf("summary: %v", got)
	}
	counted := 0.0
	for _, n := range stages {
		counted += n.(float64)
	}
	if counted != 2 {
		t.Fatalf("stages count %v deliveries, want 2: %v", counted, stages)
	}
	bad := e.api(http.MethodGet, fmt.Sprintf("%s/%d?deliveries=0", path, id), admin, "")
	if bad.status != http.StatusBadRequest || !strings.Contains(bad.body, `"field":"deliveries"`) {
		t.Fatalf("deliveries=0: %d %s", bad.status, bad.body)
	}
}
