package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/handlers"
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/phones"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// newPhoneEnv is a console with its virtual phones watching the sandbox,
// acking within milliseconds, just after the emulators' receipts (20 ms).
func newPhoneEnv(t *testing.T) *env {
	t.Helper()
	var lab *phones.Lab
	e := newEnvWithSandbox(t, func(cfg *handlers.Config, store *storage.Store, registry *vendors.Registry, sandbox *vendors.Sandbox) {
		lab = phones.New(store, registry, cfg.Sealer, phones.Options{Console: cfg.LocalURL,
			Delays: phones.Delays{Receive: 60 * time.Millisecond, Display: 5 * time.Millisecond, Tap: 5 * time.Millisecond, Slow: 300 * time.Millisecond}})
		sandbox.Observe(lab.Observe)
		cfg.Phones = lab
	})
	lab.Start(context.Background())
	t.Cleanup(lab.Close)
	return e
}

type phoneView struct {
	ID            int64  `json:"id"`
	DeviceID      string `json:"device_id"`
	CertificateID int64  `json:"certificate_id"`
	State         string `json:"state"`
	Received      int    `json:"received"`
	TokenDead     bool   `json:"token_dead"`
	Problem       string `json:"problem"`
}

type shadeView struct {
	Phone         phoneView `json:"phone"`
	Notifications []struct {
		Title       string             `json:"title"`
		DeliveryID  string             `json:"delivery_id"`
		ChannelID   string             `json:"channel_id"`
		Outcome     string             `json:"outcome"`
		Rule        string             `json:"rule"`
		Explanation string             `json:"explanation"`
		Acks        map[string]*string `json:"acks"`
	} `json:"notifications"`
}

func (e *env) createPhone(t *testing.T, token, body string) phoneView {
	t.Helper()
	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/phones", e.app.ID), token, body)
	if r.status != http.StatusCreated {
		t.Fatalf("create phone: %d %s", r.status, r.body)
	}
	var p phoneView
	r.decode(t, &p)
	if p.Problem != "" {
		t.Fatalf("phone %s: %s", p.DeviceID, p.Problem)
	}
	return p
}

func (e *env) shade(t *testing.T, token string, phoneID int64) shadeView {
	t.Helper()
	r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/phones/%d/shade", e.app.ID, phoneID), token, "")
	if r.status != http.StatusOK {
		t.Fatalf("shade: %d %s", r.status, r.body)
	}
	var s shadeView
	r.decode(t, &s)
	return s
}

// waitForDevice polls the push until the device's delivery reaches stage.
func (e *env) waitForDevice(t *testing.T, token string, pushID int64, deviceID, stage string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p := e.getPush(t, token, pushID)
		for _, d := range p.Deliveries {
			if d.DeviceID == deviceID && d.Stage == stage {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never reached %s: %+v", deviceID, stage, p)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestAVirtualPhoneClosesTheLoop(t *testing.T) {
	e := newPhoneEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, admin)
	// An OPPO certificate without a default channel: its messages reach
	// the phone, which shows nothing.
	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates", e.app.ID), admin,
		`{"vendor":"oppo","name":"OPPO without channel","environment":"sandbox","oppo":{"app_key":"k2","master_secret":"s2","region":"cn"}}`)
	if r.status != http.StatusCreated {
		t.Fatalf("certificate: %d %s", r.status, r.body)
	}
	noChannel := int64(r.json(t)["id"].(float64))

	phone := e.createPhone(t, admin, `{"user_id":"phone-lab","vendor":"oppo"}`)
	hidden := e.createPhone(t, admin, fmt.Sprintf(`{"user_id":"phone-lab","vendor":"oppo","certificate_id":%d}`, noChannel))
	if phone.CertificateID != certs["oppo"] || phone.State != "background" {
		t.Fatalf("phone: %+v", phone)
	}
	// The phone registered through the device API, as the app does.
	r = e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/devices/%s", e.app.ID, phone.DeviceID), admin, "")
	if r.status != http.StatusOK || !strings.Contains(r.body, `"background"`) {
		t.Fatalf("device: %d %s", r.status, r.body)
	}

	push := e.sendPush(t, admin, `{"target":{"user_id":"phone-lab"},"title":"Bob","desc":"lunch?"}`)
	e.waitForDevice(t, admin, push.ID, phone.DeviceID, "clicked")
	got := e.getPush(t, admin, push.ID)
	for i, d := range got.Deliveries {
		if d.DeviceID != phone.DeviceID {
			continue
		}
		for _, stage := range []string{"accepted", "delivered", "received", "displayed", "clicked"} {
			if !strings.Contains(","+traceStages(got, i)+",", ","+stage+",") {
				t.Errorf("the trace lacks %s: %s", stage, traceStages(got, i))
			}
		}
	}
	s := e.shade(t, admin, phone.ID)
	if len(s.Notifications) != 1 || s.Notifications[0].Outcome != "shown" || s.Notifications[0].Title != "Bob" || s.Notifications[0].Acks["clicked"] == nil {
		t.Fatalf("shade: %+v", s)
	}

	// The phone on the certificate without a channel got it and hid it.
	e.waitForDevice(t, admin, push.ID, hidden.DeviceID, "delivered")
	waitShade(t, e, admin, hidden.ID, func(s shadeView) bool { return len(s.Notifications) == 1 })
	s = e.shade(t, admin, hidden.ID)
	if n := s.Notifications[0]; n.Outcome != "hidden" || n.Rule != "oppo_no_channel" || n.Acks["displayed"] != nil || !strings.Contains(n.Explanation, "channel ID") {
		t.Fatalf("without a channel: %+v", n)
	}
}

// waitShade polls a phone's shade until ok.
func waitShade(t *testing.T, e *env, token string, phoneID int64, ok func(shadeView) bool) shadeView {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := e.shade(t, token, phoneID)
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("phone %d: %+v", phoneID, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestBehavioursChangeTheTrace(t *testing.T) {
	e := newPhoneEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	sandboxAPNs(t, e, admin)
	off := e.createPhone(t, admin, `{"user_id":"qa","vendor":"apns","behaviour":"notifications_off"}`)
	lazy := e.createPhone(t, admin, `{"user_id":"qa","vendor":"apns","behaviour":"never_taps"}`)
	dying := e.createPhone(t, admin, `{"user_id":"qa","vendor":"apns","behaviour":"token_dies","die_after":1}`)
	wrong := e.createPhone(t, admin, `{"user_id":"qa","vendor":"apns","behaviour":"wrong_certificate"}`)
	kicked := e.createPhone(t, admin, `{"user_id":"qa","vendor":"apns","behaviour":"logged_out"}`)
	killed := e.createPhone(t, admin, `{"user_id":"qa","vendor":"apns","behaviour":"app_killed"}`)
	// A phone whose app is in the foreground gets its messages from the IM
	// server, not as a push.
	awake := e.createPhone(t, admin, `{"user_id":"qa","vendor":"apns"}`)
	if r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/phones/%d/state", e.app.ID, awake.ID), admin, `{"state":"foreground"}`); r.status != http.StatusOK || !strings.Contains(r.body, `"foreground"`) {
		t.Fatalf("foreground: %d %s", r.status, r.body)
	}

	first := e.sendPush(t, admin, `{"target":{"user_id":"qa"},"title":"one"}`)
	e.waitForDevice(t, admin, first.ID, dying.DeviceID, "clicked")
	e.waitForDevice(t, admin, first.ID, lazy.DeviceID, "displayed")
	e.waitForDevice(t, admin, first.ID, killed.DeviceID, "clicked")
	waitShade(t, e, admin, off.ID, func(s shadeView) bool { return len(s.Notifications) == 1 })
	time.Sleep(50 * time.Millisecond) // a click would have come by now
	stages := map[string]string{}
	for _, d := range e.getPush(t, admin, first.ID).Deliveries {
		stages[d.DeviceID] = d.Stage
	}
	want := map[string]string{off.DeviceID: "accepted", lazy.DeviceID: "displayed", dying.DeviceID: "clicked", wrong.DeviceID: "skipped", kicked.DeviceID: "skipped", killed.DeviceID: "clicked", awake.DeviceID: "skipped"}
	for id, stage := range want {
		if stages[id] != stage {
			t.Errorf("%s: stage %q, want %q", id, stages[id], stage)
		}
	}
	if n := e.shade(t, admin, off.ID).Notifications[0]; n.Outcome != "hidden" || n.Rule != "notifications_off" {
		t.Errorf("notifications off: %+v", n)
	}
	// The killed app's code first runs when the tap starts it.
	sent := e.getPush(t, admin, first.ID)
	for i, d := range sent.Deliveries {
		if d.DeviceID == killed.DeviceID && traceStages(sent, i) != "queued,sent,accepted,clicked" {
			t.Errorf("app killed: %s", traceStages(sent, i))
		}
	}

	// The dying phone's token died after one push: the emulator answers
	// the next with APNs' dead-token code, and the console marks it.
	if p := e.shade(t, admin, dying.ID).Phone; !p.TokenDead {
		t.Fatalf("the token did not die: %+v", p)
	}
	second := e.sendPush(t, admin, `{"target":{"user_id":"qa"},"title":"two"}`)
	e.waitForDevice(t, admin, second.ID, dying.DeviceID, "rejected")
	for _, d := range e.getPush(t, admin, second.ID).Deliveries {
		if d.DeviceID == dying.DeviceID && !strings.Contains(fmt.Sprintf("%+v", d.Trace), "Unregistered") {
			t.Errorf("the dead token's answer: %+v", d.Trace)
		}
	}
}

func TestPhonePagesRender(t *testing.T) {
	e := newPhoneEnv(t)
	op, admin := e.operator("admin@example.com", models.RoleAdmin)
	sandboxAPNs(t, e, admin)
	b := e.browser()
	b.signIn(op.Email, password)
	list := fmt.Sprintf("/apps/%d/phones", e.app.ID)
	r := b.post(list, url.Values{"_csrf": {b.csrf(list)}, "user_id": {"phone-lab"}, "vendor": {"apns"}, "behaviour": {"healthy"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	page := r.header.Get("Location")
	push := e.sendPush(t, admin, `{"target":{"user_id":"phone-lab"},"title":"Hello shade","badge":4}`)
	e.waitFor(t, admin, push.ID, func(stage string) bool { return stage == "clicked" })
	r = b.get(page)
	for _, want := range []string{"Notification shade", "Hello shade", "the vendor&#39;s system showed it", "clicked", "Bring to foreground"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the phone's page lacks %q", want)
		}
	}
	// The same page in Chinese.
	zh := e.browser()
	zh.client.Transport = acceptLanguage("zh-CN,zh;q=0.9")
	zh.signIn(op.Email, password)
	for _, want := range []string{"通知栏", "厂商系统已在通知栏展示", "切到前台", ">虚拟手机</a>"} {
		if !strings.Contains(zh.get(page).body, want) {
			t.Errorf("the Chinese page lacks %q", want)
		}
	}
	r = b.post(page+"/state", url.Values{"_csrf": {b.csrf(page)}, "state": {"foreground"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("toggle: %d", r.status)
	}
	if body := b.get(page).body; !strings.Contains(body, "Send to background") {
		t.Errorf("the phone did not come to the foreground")
	}
	// Bad input keeps the form and names the problem.
	r = b.post(list, url.Values{"_csrf": {b.csrf(list)}, "user_id": {"x"}, "vendor": {"oppo"}, "behaviour": {"healthy"}})
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "no sandbox certificate") {
		t.Errorf("a vendor without a sandbox certificate: %d", r.status)
	}
}

// Viewers read phones but do not make them; deleting a phone forgets its
// device; both changes are in the audit log; bad input names its field.
func TestPhoneAPIRolesDeleteAndAudit(t *testing.T) {
	e := newPhoneEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	_, viewer := e.operator("viewer@example.com", models.RoleViewer)
	sandboxAPNs(t, e, admin)
	path := fmt.Sprintf("/api/v1/apps/%d/phones", e.app.ID)
	if r := e.api(http.MethodPost, path, viewer, `{"user_id":"v","vendor":"apns"}`); r.status != http.StatusForbidden {
		t.Fatalf("a viewer made a phone: %d %s", r.status, r.body)
	}
	for body, field := range map[string]string{
		`{"user_id":"","vendor":"apns"}`:                           "user_id",
		`{"user_id":"u","vendor":"nokia"}`:                         "vendor",
		`{"user_id":"u","vendor":"apns","behaviour":"token_dies"}`: "die_after",
		`{"user_id":"u","vendor":"apns","behaviour":"sleepy"}`:     "behaviour",
		`{"user_id":"u","vendor":"oppo"}`:                          "vendor",
		`{"user_id":"u","vendor":"apns","certificate_id":99}`:      "certificate_id",
		`{"user_id":"u","vendor":"apns","die_after":2}`:            "die_after",
	} {
		r := e.api(http.MethodPost, path, admin, body)
		if r.status != http.StatusBadRequest || !strings.Contains(r.body, `"field":"`+field+`"`) {
			t.Errorf("%s: %d %s", body, r.status, r.body)
		}
	}
	p := e.createPhone(t, admin, `{"user_id":"u","vendor":"apns"}`)
	if r := e.api(http.MethodGet, path, viewer, ""); r.status != http.StatusOK || !strings.Contains(r.body, p.DeviceID) {
		t.Fatalf("a viewer's list: %d %s", r.status, r.body)
	}
	if r := e.api(http.MethodDelete, fmt.Sprintf("%s/%d", path, p.ID), admin, ""); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/devices/%s", e.app.ID, p.DeviceID), admin, ""); r.status != http.StatusNotFound {
		t.Errorf("the deleted phone's device: %d", r.status)
	}
	if r := e.api(http.MethodGet, fmt.Sprintf("%s/%d/shade", path, p.ID), admin, ""); r.status != http.StatusNotFound {
		t.Errorf("the deleted phone's shade: %d", r.status)
	}
	r := e.api(http.MethodGet, "/api/v1/audit", admin, "")
	if !strings.Contains(r.body, `"phone.create"`) || !strings.Contains(r.body, `"phone.delete"`) {
		t.Errorf("audit: %s", r.body)
	}
}

// The vendors' daily rules, through the real emulators: Xiaomi's default
// channel (a certificate without a channel ID) shows one message a day and
// folds the rest; Meizu shows three public messages a day and drops more.
func TestDailyShadeRulesThroughTheEmulators(t *testing.T) {
	e := newPhoneEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	androidCertificates(t, e, admin) // Xiaomi without a channel; Meizu public by default
	mi := e.createPhone(t, admin, `{"user_id":"daily","vendor":"xiaomi"}`)
	mz := e.createPhone(t, admin, `{"user_id":"daily","vendor":"meizu"}`)
	for i := 1; i <= 4; i++ {
		push := e.sendPush(t, admin, fmt.Sprintf(`{"target":{"user_id":"daily"},"title":"message %d"}`, i))
		for _, d := range push.Deliveries {
			if d.Status != "accepted" {
				t.Fatalf("push %d to %s: %+v", i, d.DeviceID, d)
			}
		}
	}
	outcomes := func(id int64) string {
		s := waitShade(t, e, admin, id, func(s shadeView) bool { return len(s.Notifications) == 4 })
		var out []string
		for i := len(s.Notifications) - 1; i >= 0; i-- {
			out = append(out, s.Notifications[i].Outcome)
		}
		return strings.Join(out, ",")
	}
	if got := outcomes(mi.ID); got != "shown,folded,folded,folded" {
		t.Errorf("Xiaomi's default channel: %s", got)
	}
	if got := outcomes(mz.ID); got != "shown,shown,shown,dropped" {
		t.Errorf("Meizu's public messages: %s", got)
	}
}
