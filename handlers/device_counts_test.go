package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// A search that matches more devices than are counted shows its counts as
// lower bounds, on the page and in the API.
func TestDeviceCountsPastTheCapReadAsLowerBounds(t *testing.T) {
	if testing.Short() {
		t.Skip("inserts a thousand devices")
	}
	// More than a search counts, and than the foreground split counts.
	crowd := int64(max(models.SearchCountCap, models.DeviceCountCap) + 6)
	e := newEnv(t)
	op, admin := e.operator("admin@example.com", models.RoleAdmin)
	registerAndroid(t, e, "crowd-0", "crowd", "huawei", "IQAAAA-0", 10001)
	err := e.store.Exec(context.Background(), fmt.Sprintf(`WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < %d)
		INSERT INTO devices (app_id, device_id, user_id, platform, vendor, token, certificate_id, state, state_since, registered_at, last_seen_at, created_at)
		SELECT app_id, 'crowd-' || i, user_id, platform, vendor, token || i, certificate_id, state, state_since, registered_at, last_seen_at, created_at
		FROM devices, seq WHERE app_id = %d AND device_id = 'crowd-0'`, crowd-1, e.app.ID))
	if err != nil {
		t.Fatal(err)
	}
	b := e.browser()
	b.signIn(op.Email, password)
	page := b.get(fmt.Sprintf("/apps/%d/devices?q=crowd", e.app.ID))
	if page.status != http.StatusOK || !strings.Contains(page.body, "1,000+ devices") || !strings.Contains(page.body, `<span class="count">1,000+</span>`) {
		t.Fatalf("devices page: %d %s", page.status, between(page.body, `id="counts"`, "</div>"))
	}
	// Without the search the totals come from the counters, exact.
	if page := b.get(fmt.Sprintf("/apps/%d/devices", e.app.ID)); !strings.Contains(page.body, fmt.Sprintf("%d devices", crowd)) {
		t.Fatalf("exact total: %s", between(page.body, `id="counts"`, "</div>"))
	}
	var out struct {
		Counts struct {
			Total   int64    `json:"total"`
			AtLeast []string `json:"at_least"`
		} `json:"counts"`
	}
	e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/devices?q=crowd&limit=1", e.app.ID), admin, "").decode(t, &out)
	if out.Counts.Total != models.SearchCountCap || !slices.Contains(out.Counts.AtLeast, "total") || !slices.Contains(out.Counts.AtLeast, "by_vendor") {
		t.Fatalf("API counts: %+v", out.Counts)
	}
}
