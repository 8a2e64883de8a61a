package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// queryLog keeps the distinct queries the store ran: a query with other
// arguments (a rare state rather than a frequent one) may be planned
// otherwise; the clock's are left out, as they change on every call.
type queryLog struct {
	mu      sync.Mutex
	queries map[string]storage.Query
}

func (l *queryLog) add(q storage.Query) {
	key := q.SQL
	for _, v := range q.Vars {
		if _, ok := v.(time.Time); !ok {
			key += fmt.Sprintf("\x00%v", v)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.queries[key]; !ok {
		l.queries[key] = q
	}
}

func (l *queryLog) all() []storage.Query {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]storage.Query, 0, len(l.queries))
	for _, q := range l.queries {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SQL < out[j].SQL })
	return out
}

// Every query the console's pages and API run is served by an index: the
// test drives them all through the real router, captures the SQL the store
// runs, and asks PostgreSQL for each plan with sequential scans priced out
// (see planProblems for what fails). Thirty thousand devices and deliveries
// of other users give the planner real statistics: on a handful of rows
// every index costs the same and it picks any.
func TestPagesAndAPIReadThroughIndexes(t *testing.T) {
	if os.Getenv(storagetest.EnvDatabaseURL) == "" {
		t.Skip("query plans are PostgreSQL's: set " + storagetest.EnvDatabaseURL + " to check them")
	}
	e := newEnv(t)
	log := &queryLog{queries: map[string]storage.Query{}}
	if err := e.store.ObserveQueries(log.add); err != nil {
		t.Fatal(err)
	}
	op, admin := e.operator("admin@example.com", models.RoleAdmin)
	ids := seedForPlans(t, e, admin)
	fillForPlans(t, e, ids)
	visitEveryPage(t, e, op.Email, admin, ids)

	queries := log.all()
	for _, want := range []string{"device_counts", "push_stage_counts", "FROM deliveries d WHERE", "last_seen_at <", "delivery_events", "device_events", "sandbox_requests"} {
		if !strings.Contains(fmt.Sprint(queries), want) {
			t.Fatalf("no captured query mentions %q: the test no longer reaches every page", want)
		}
	}
	checked := 0
	for _, q := range queries {
		plan, err := e.store.PlanWithoutSeqScans(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		problems, err := planProblems(plan)
		if err != nil {
			t.Fatal(err)
		}
		if len(problems) > 0 {
			t.Errorf("%s\nin %s\nwith arguments %v\nplan:%s", strings.Join(problems, "; "), q.SQL, q.Vars, planOutline(plan))
		}
		checked++
	}
	t.Logf("%d distinct queries planned", checked)
}

// planIDs are what the pages are visited with.
type planIDs struct {
	push, groupPush int64
	huawei          int64
	next            int64 // a devices list cursor
}

// seedForPlans fills the app the way the console is used: devices of
// several vendors in every state, a group, pushes answered, receipted and
// acknowledged.
func seedForPlans(t *testing.T, e *env, admin string) planIDs {
	t.Helper()
	apns := sandboxAPNs(t, e, admin)
	certs := androidCertificates(t, e, admin)
	registerIPhone(t, e, "iphone-1", "alice", strings.Repeat("4f2a", 16), apns, true)
	registerIPhone(t, e, "iphone-2", "alice", strings.Repeat("5e3b", 16), apns, false)
	registerAndroid(t, e, "hw-1", "alice", "huawei", "IQAAAA-1", certs["huawei"])
	registerAndroid(t, e, "mi-1", "bob", "xiaomi", "mi-1", certs["xiaomi"])
	registerAndroid(t, e, "vivo-1", "carol", "vivo", "vivo-1", certs["vivo"])
	registerAndroid(t, e, "gone-1", "carol", "oppo", "oppo-1", certs["oppo"])
	for path, body := range map[string]string{
		"/api/v1/devices/mi-1/logout":   `{"reason":"kicked"}`,
		"/api/v1/devices/vivo-1/logout": `{}`,
		"/api/v1/devices/hw-1/state":    `{"state":"foreground"}`,
	} {
		if r := e.api(http.MethodPost, path, e.key, body); r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
	}
	if r := e.api(http.MethodDelete, "/api/v1/devices/gone-1", e.key, ""); r.status/100 != 2 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/groups", e.app.ID), admin, `{"name":"matrix","device_ids":["iphone-1","hw-1"]}`); r.status != http.StatusCreated {
		t.Fatalf("group: %d %s", r.status, r.body)
	}
	p := e.sendPush(t, admin, `{"target":{"user_id":"alice"},"mode":"force","title":"plans"}`)
	e.waitFor(t, admin, p.ID, func(st string) bool { return st != "queued" && st != "sent" })
	if r := e.api(http.MethodPost, "/api/v1/deliveries/"+p.Deliveries[0].ID+"/ack", e.key, `{"stage":"clicked"}`); r.status != http.StatusOK {
		t.Fatalf("ack: %d %s", r.status, r.body)
	}
	g := e.sendPush(t, admin, `{"target":{"group":"matrix"},"title":"group"}`)
	list := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/devices?limit=2", e.app.ID), admin, "")
	var page struct {
		Next int64 `json:"next_cursor"`
	}
	list.decode(t, &page)
	if page.Next == 0 {
		t.Fatalf("no second page of devices: %s", list.body)
	}
	return planIDs{push: p.ID, groupPush: g.ID, huawei: certs["huawei"], next: page.Next}
}

// visitEveryPage reads every page and API endpoint that shows stored data,
// each filter of the lists on its own.
func visitEveryPage(t *testing.T, e *env, email, admin string, ids planIDs) {
	t.Helper()
	b := e.browser()
	if r := b.signIn(email, password); r.status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", r.status)
	}
	app := fmt.Sprintf("/apps/%d", e.app.ID)
	api := fmt.Sprintf("/api/v1/apps/%d", e.app.ID)
	day := time.Now().UTC().Format("2006-01-02")
	deviceFilters := []string{"", "vendor=huawei", "state=foreground", "state=stale", "state=background", "state=logged_out", "state=kicked",
		"platform=android", fmt.Sprintf("certificate_id=%d", ids.huawei), "q=alice", "q=4F2A", "vendor=apns&state=background&platform=ios",
		"q=alice&platform=ios", fmt.Sprintf("before=%d", ids.next), fmt.Sprintf("vendor=apns&before=%d", ids.next)}
	historyFilters := []string{"", "user=alice", "device=hw-1", "vendor=huawei", fmt.Sprintf("certificate=%d", ids.huawei), "stage=delivered",
		"stage=interrupted", "stage=queued", "operator=admin@example.com", "from=" + day, "to=" + day, "group=matrix",
		fmt.Sprintf("before=%d", ids.groupPush), "user=alice&stage=clicked&vendor=apns"}
	var pages, calls []string
	pages = append(pages, app, app+"/users/alice", app+"/users/alice/verdict", app+"/devices/hw-1", app+"/devices/iphone-1",
		app+fmt.Sprintf("/pushes/%d", ids.push), app+fmt.Sprintf("/pushes/%d/live?matrix=1", ids.groupPush),
		app+"/receipts", app+"/receipts?unmatched=1", app+"/groups", app+"/groups/matrix", app+"/certificates",
		app+fmt.Sprintf("/certificates/%d", ids.huawei), app+"/limits")
	calls = append(calls, api+"/users/alice/devices", api+"/users/alice/diagnosis", api+"/devices/hw-1",
		api+fmt.Sprintf("/pushes/%d", ids.push), api+"/receipts", api+"/receipts?unmatched=1", api+"/groups", api+"/groups/matrix", api+"/limits")
	for _, f := range deviceFilters {
		pages, calls = append(pages, app+"/devices?"+f), append(calls, api+"/devices?"+f)
	}
	for _, f := range historyFilters {
		pages, calls = append(pages, app+"/pushes?"+f), append(calls, api+"/pushes?"+f)
	}
	sandboxFilters := []string{"", "vendor=apns", "verdict=refused-auth", fmt.Sprintf("certificate_id=%d", ids.huawei), "token=4f2a4f2a4f2a4f2a",
		"before=100", "vendor=huawei&verdict=accepted&before=100"}
	for _, f := range sandboxFilters {
		pages, calls = append(pages, app+"/sandbox/requests?"+f), append(calls, api+"/sandbox/requests?"+f)
	}
	for _, p := range pages {
		if r := b.get(p); r.status != http.StatusOK {
			t.Errorf("%s: %d", p, r.status)
		}
	}
	for _, c := range calls {
		if r := e.api(http.MethodGet, c, admin, ""); r.status != http.StatusOK {
			t.Errorf("%s: %d %s", c, r.status, r.body)
		}
	}
	// The verdict as a report, by its permalink.
	form := url.Values{"_csrf": {b.csrf(app + "/users/alice")}}
	if r := b.post(app+"/users/alice/reports", form); r.status == http.StatusSeeOther {
		if r := b.get(r.header.Get("Location")); r.status != http.StatusOK {
			t.Errorf("report: %d", r.status)
		}
	}
}

// fillForPlans adds other users' devices, pushes, deliveries and events
// in bulk, and has PostgreSQL analyze them. The values the pages filter by
// are rare among them (no Huawei, no iOS, nobody kicked or stale, the
// pushes older than today, by other operators, to no group), as a
// user's, a device's or a vendor's are among a million: a plan that walks
// the app to find them shows its cost.
func fillForPlans(t *testing.T, e *env, ids planIDs) {
	t.Helper()
	vendor := func(i string) string { return `(ARRAY['fcm','xiaomi','oppo','vivo','honor'])[1 + mod(` + i + `, 5)]` }
	for _, sql := range []string{
		`INSERT INTO devices (app_id, device_id, user_id, platform, vendor, token, certificate_id, state, state_since, registered_at, last_seen_at, created_at)
		SELECT $app, 'filler-' || i, 'user-' || (i / 3), 'android', ` + vendor("i") + `, md5(i::text), $cert + 1 + mod(i, 2),
			(ARRAY['foreground','background','background','logged_out'])[1 + mod(i, 4)],
			now() - i * interval '1 minute', now() - i * interval '1 minute', now() - mod(i, 300) * interval '1 second', now()
		FROM generate_series(1, 30000) i`,
		`INSERT INTO device_events (app_id, device_pk, device_id, user_id, kind, created_at)
		SELECT app_id, id, device_id, user_id, k, created_at FROM devices, unnest(ARRAY['registered','background']) k WHERE app_id = $app AND device_id LIKE 'filler-%'`,
		`INSERT INTO pushes (app_id, operator_id, operator_email, target, mode, dry_run, message, created_at)
		SELECT $app, 1, 'filler-' || mod(i, 5) || '@example.com', 'user:user-' || i, 'force', false, '{}', now() - interval '2 days' - i * interval '1 minute'
		FROM generate_series(1, 20000) i`,
		`INSERT INTO deliveries (id, push_id, app_id, device_pk, device_id, user_id, vendor, certificate_id, status, stage, stage_rank, created_at)
		SELECT 'filler-' || p.id || '-' || k, p.id, p.app_id, 0, 'filler-' || (p.id * 2 + k), 'user-' || ((p.id * 2 + k) / 3),
			` + vendor("p.id + k") + `, $cert + 1 + mod(k, 2), 'accepted',
			(ARRAY['accepted','delivered','delivered','clicked','rejected'])[1 + mod(p.id + k, 5)], (ARRAY[2, 3, 3, 6, 2])[1 + mod(p.id + k, 5)], p.created_at
		FROM pushes p, generate_series(1, 2) k WHERE p.app_id = $app AND p.operator_email LIKE 'filler-%'`,
		`INSERT INTO delivery_events (app_id, delivery_id, vendor, certificate_id, stage, source, at, received_at)
		SELECT app_id, id, vendor, certificate_id, stage, 'receipt', created_at, created_at FROM deliveries WHERE app_id = $app AND id LIKE 'filler-%'`,
		`INSERT INTO delivery_events (app_id, vendor, stage, source, at, received_at)
		SELECT $app, 'xiaomi', 'delivered', 'receipt', now() - i * interval '1 minute', now() - i * interval '1 minute' FROM generate_series(1, 300) i`,
		`ANALYZE devices, device_events, pushes, deliveries, delivery_events, device_counts, push_stage_counts`,
	} {
		sql = strings.NewReplacer("$app", fmt.Sprint(e.app.ID), "$cert", fmt.Sprint(ids.huawei)).Replace(sql)
		if err := e.store.Exec(context.Background(), sql); err != nil {
			t.Fatal(err)
		}
	}
}
