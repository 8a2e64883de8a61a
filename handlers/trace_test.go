package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// The sandbox's emulators send receipts the way their vendors do, the
// receipt endpoints match them to deliveries, and an app's ack closes the
// loop: queued → sent → accepted → delivered → clicked.
func TestReceiptsAndAcksCompleteTheTrace(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, admin)
	for vendor, cert := range certs {
		registerAndroid(t, e, vendor+"-phone", "qa", vendor, vendor+"-token", cert)
	}
	p := e.sendPush(t, admin, `{"target":{"user_id":"qa"},"mode":"force","title":"trace","desc":"hello"}`)
	if len(p.Deliveries) != 6 {
		t.Fatalf("deliveries: %+v", p)
	}
	for _, d := range p.Deliveries {
		if d.Status != "accepted" || d.Final {
			t.Fatalf("%s: %s final=%v", d.Vendor, d.Status, d.Final)
		}
	}
	p = e.waitFor(t, admin, p.ID, func(st string) bool { return st == "delivered" })
	for i, d := range p.Deliveries {
		if got := traceStages(p, i); got != "queued,sent,accepted,delivered" {
			t.Errorf("%s trace = %s", d.Vendor, got)
		}
		if last := d.Trace[len(d.Trace)-1]; last.Source != "receipt" || last.Explanation == "" {
			t.Errorf("%s receipt event: %+v", d.Vendor, last)
		}
	}
	if p.Final {
		t.Fatal("a push waiting for acks is not final")
	}

	// The app acknowledges with the delivery ID from the payload.
	for _, d := range p.Deliveries {
		r := e.api(http.MethodPost, "/api/v1/deliveries/"+d.ID+"/ack", e.key, `{"stage":"clicked"}`)
		if r.status != http.StatusOK || r.json(t)["stage"] != "clicked" {
			t.Fatalf("ack %s: %d %s", d.Vendor, r.status, r.body)
		}
	}
	p = e.getPush(t, admin, p.ID)
	if !p.Final || p.Stages["clicked"] != 6 {
		t.Fatalf("after acks: final=%v stages=%v", p.Final, p.Stages)
	}
}

func TestReceiptScriptsExplainAndKillTokens(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, admin)
	registerAndroid(t, e, "hw-off", "ann", "huawei", "IQAAAA-notifoff", certs["huawei"])
	registerAndroid(t, e, "mi-gone", "ann", "xiaomi", "mi-inactive", certs["xiaomi"])
	p := e.sendPush(t, admin, `{"target":{"user_id":"ann"},"mode":"force"}`)
	p = e.waitFor(t, admin, p.ID, func(st string) bool { return st == "undelivered" })
	why := map[string]string{}
	for _, d := range p.Deliveries {
		last := d.Trace[len(d.Trace)-1]
		why[d.Vendor] = last.Code + " " + last.Explanation
	}
	if !strings.Contains(why["huawei"], "6 notifications are turned off") || !strings.Contains(why["xiaomi"], "type 16 the target regId is invalid") {
		t.Fatalf("explanations: %v", why)
	}
	if !p.Final {
		t.Fatal("undelivered everywhere is final")
	}
	// Xiaomi's invalid-target receipt marks the token dead with its evidence;
	// a notifications-off receipt does not.
	dead := func(id string) string {
		r := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/devices/%s", e.app.ID, id), admin, "")
		device, _ := r.json(t)["device"].(map[string]any)
		reason, _ := device["token_dead_reason"].(string)
		return reason
	}
	if r := dead("mi-gone"); !strings.Contains(r, "Xiaomi receipt type 16") {
		t.Fatalf("xiaomi token not dead: %q", r)
	}
	if r := dead("hw-off"); r != "" {
		t.Fatalf("notifications off killed the token: %q", r)
	}
	// A new registration revives the device.
	registerAndroid(t, e, "mi-gone", "ann", "xiaomi", "mi-fresh-regid", certs["xiaomi"])
	if r := dead("mi-gone"); r != "" {
		t.Fatalf("a new token stayed dead: %q", r)
	}
}

// Recorded bodies in each vendor's format, posted to the public endpoint:
// matched by the echoed delivery ID or the vendor's message ID, kept when
// they match nothing, refused when they are not the vendor's format.
func TestReceiptEndpointsReadEachVendorsFormat(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, admin)
	for vendor, cert := range certs {
		// noreceipt: the emulator accepts and stays silent, so only the
		// recorded bodies below reach the endpoint.
		registerAndroid(t, e, vendor+"-phone", "rec", vendor, vendor+"-noreceipt", cert)
	}
	p := e.sendPush(t, admin, `{"target":{"user_id":"rec"},"mode":"force"}`)
	dl := map[string]string{}
	for _, d := range p.Deliveries {
		dl[d.Vendor] = d.ID
	}
	form := func(k, v string) string { return url.Values{k: {v}}.Encode() }
	now := time.Now().UnixMilli()
	cases := []struct {
		vendor, contentType, body, stage string
	}{
		{"huawei", "application/json", fmt.Sprintf(`{"statuses":[{"biTag":%q,"appid":"104000001","token":"huawei-noreceipt","status":102,"timestamp":%d,"requestId":"157440"}]}`, dl["huawei"], now), "undelivered"},
		{"honor", "application/json", fmt.Sprintf(`{"statuses":[{"biTag":%q,"token":"honor-noreceipt","status":0,"timestamp":%d,"requestId":"r1"}]}`, dl["honor"], now), "delivered"},
		{"xiaomi", "application/x-www-form-urlencoded", form("data", fmt.Sprintf(`{"scm01":{"param":%q,"type":3,"targets":"xiaomi-noreceipt","jobkey":"","barStatus":"Enable","timeStamp":%d}}`, dl["xiaomi"], now)), "clicked"},
		{"oppo", "application/json", fmt.Sprintf(`[{"messageId":"6x","appId":"k","taskId":"6x","registrationIds":"oppo-noreceipt","param":%q,"eventType":"push_arrive","eventTime":%d}]`, dl["oppo"], now), "delivered"},
		{"vivo", "application/json", fmt.Sprintf(`{"task1":{"param":%q,"targets":"vivo-noreceipt"}}`, dl["vivo"]), "delivered"},
		{"meizu", "application/x-www-form-urlencoded", form("cb", fmt.Sprintf(`{"NS1-2":{"param":%q,"type":2,"targets":["meizu-noreceipt"]}}`, dl["meizu"])) + "&access_token=t", "clicked"},
	}
	for _, c := range cases {
		r := e.call(nil, http.MethodPost, e.receiptPath(t, admin, certs[c.vendor]), "", c.contentType, c.body)
		if r.status != http.StatusOK {
			t.Fatalf("%s receipt: %d %s", c.vendor, r.status, r.body)
		}
	}
	p = e.getPush(t, admin, p.ID)
	for _, d := range p.Deliveries {
		for _, c := range cases {
			if c.vendor == d.Vendor && d.Stage != c.stage {
				t.Errorf("%s: stage %s, want %s (trace %+v)", d.Vendor, d.Stage, c.stage, d.Trace)
			}
		}
		if d.Vendor == "huawei" && !strings.Contains(d.Trace[len(d.Trace)-1].Explanation, "per-device frequency cap") {
			t.Errorf("huawei 102 explained as %+v", d.Trace[len(d.Trace)-1])
		}
	}

	// A receipt for a message pushcheck never sent is kept, not dropped.
	vivoPath := e.receiptPath(t, admin, certs["vivo"])
	r := e.call(nil, http.MethodPost, vivoPath, "", "application/json", `{"foreign-task":{"param":"","targets":"someone-else"}}`)
	if r.status != http.StatusOK {
		t.Fatalf("unmatched receipt: %d %s", r.status, r.body)
	}
	r = e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/receipts?unmatched=1", e.app.ID), admin, "")
	if !strings.Contains(r.body, `"vendor_message_id":"foreign-task"`) || !strings.Contains(r.body, `"delivery_id":null`) {
		t.Fatalf("unmatched receipts: %s", r.body)
	}
	b := e.browser()
	b.signIn("admin@example.com", "correct horse battery")
	if page := b.get(fmt.Sprintf("/apps/%d/receipts?unmatched=1", e.app.ID)); page.status != 200 || !strings.Contains(page.body, "foreign-task") || !strings.Contains(page.body, "unmatched") {
		t.Fatalf("receipts page: %d", page.status)
	}

	// Refused: not the vendor's format (400). A vendor without receipts, a
	// certificate of another vendor, an unknown certificate, a missing or
	// wrong secret: all the same 404, so nothing can be enumerated.
	vivoSecret := vivoPath[strings.LastIndex(vivoPath, "/")+1:]
	for _, c := range []struct {
		path, contentType, body string
		status                  int
	}{
		{e.receiptPath(t, admin, certs["huawei"]), "application/json", `{"nope":true}`, 400},
		{e.receiptPath(t, admin, certs["xiaomi"]), "application/x-www-form-urlencoded", "data=not-json", 400},
		{e.receiptPath(t, admin, certs["oppo"]), "application/json", `{"not":"an array"}`, 400},
		{e.receiptPath(t, admin, certs["meizu"]), "application/x-www-form-urlencoded", "access_token=t", 400},
		{fmt.Sprintf("/receipts/oppo/%d/%s", certs["vivo"], vivoSecret), "application/json", `[]`, 404},
		{fmt.Sprintf("/receipts/apns/%d/%s", certs["vivo"], vivoSecret), "application/json", `{}`, 404},
		{fmt.Sprintf("/receipts/vivo/99999/%s", vivoSecret), "application/json", `{}`, 404},
		{fmt.Sprintf("/receipts/vivo/%d", certs["vivo"]), "application/json", `{}`, 404},
		{fmt.Sprintf("/receipts/vivo/%d/wrong-secret", certs["vivo"]), "application/json", `{}`, 404},
	} {
		r := e.call(nil, http.MethodPost, c.path, "", c.contentType, c.body)
		if r.status != c.status {
			t.Errorf("%s: %d %s, want %d", c.path, r.status, r.body, c.status)
		}
		if c.status == 404 && !strings.Contains(r.body, `"there is no receipt endpoint here"`) {
			t.Errorf("%s: a 404 that tells something: %s", c.path, r.body)
		}
	}
}

func TestHuaweiReceiptSignature(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates", e.app.ID), admin,
		`{"vendor":"huawei","name":"signed","environment":"sandbox","huawei":{"app_id":"104000009","client_id":"104000009","client_secret":"s","category":"IM","callback_user":"pushcheck","callback_key":"k3y"}}`)
	if r.status != http.StatusCreated {
		t.Fatalf("certificate: %d %s", r.status, r.body)
	}
	if strings.Contains(r.body, "k3y") {
		t.Fatal("the callback key left the server")
	}
	cert := int64(r.json(t)["id"].(float64))
	path := e.receiptPath(t, admin, cert)
	body := `{"statuses":[{"biTag":"","token":"t","status":0,"timestamp":1,"requestId":"x"}]}`
	now := strconv.FormatInt(time.Now().UnixMilli(), 10)
	post := func(header string) int {
		req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if header != "" {
			req.Header.Set(vendors.HMSCallbackHeader, header)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := post(""); s != http.StatusUnauthorized {
		t.Fatalf("unsigned: %d", s)
	}
	if s := post(vendors.HMSCallbackID("wrong", now, "n1", "pushcheck")); s != http.StatusUnauthorized {
		t.Fatalf("wrong key: %d", s)
	}
	if s := post(vendors.HMSCallbackID("k3y", now, "n1", "someone")); s != http.StatusUnauthorized {
		t.Fatalf("wrong user: %d", s)
	}
	if s := post(vendors.HMSCallbackID("k3y", "1", "n0", "pushcheck")); s != http.StatusUnauthorized {
		t.Fatalf("a signature from 1970: %d", s)
	}
	if s := post(vendors.HMSCallbackID("k3y", now, "n1", "pushcheck")); s != http.StatusOK {
		t.Fatalf("signed: %d", s)
	}
	if s := post(vendors.HMSCallbackID("k3y", now, "n1", "pushcheck")); s != http.StatusUnauthorized {
		t.Fatalf("the same signed callback again (a replay): %d", s)
	}
	// The sandbox's AppGallery signs with the same key, so its receipts pass.
	registerAndroid(t, e, "signed-phone", "sig", "huawei", "IQAAAA-signed", cert)
	p := e.sendPush(t, admin, `{"target":{"user_id":"sig"},"mode":"force"}`)
	e.waitFor(t, admin, p.ID, func(st string) bool { return st == "delivered" })
}

// An ack that overtakes the receipt keeps the furthest stage; the late
// receipt still joins the trace.
func TestLateReceiptDoesNotMoveAStageBack(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	certs := androidCertificates(t, e, admin)
	registerAndroid(t, e, "vivo-phone", "late", "vivo", "vivo-noreceipt", certs["vivo"])
	p := e.sendPush(t, admin, `{"target":{"user_id":"late"},"mode":"force"}`)
	id := p.Deliveries[0].ID
	if r := e.api(http.MethodPost, "/api/v1/deliveries/"+id+"/ack", e.key, `{"stage":"displayed"}`); r.status != 200 {
		t.Fatalf("ack: %d %s", r.status, r.body)
	}
	r := e.call(nil, http.MethodPost, e.receiptPath(t, admin, certs["vivo"]), "", "application/json", fmt.Sprintf(`{"t1":{"param":%q,"targets":"vivo-noreceipt"}}`, id))
	if r.status != 200 {
		t.Fatalf("receipt: %d %s", r.status, r.body)
	}
	p = e.getPush(t, admin, p.ID)
	if d := p.Deliveries[0]; d.Stage != "displayed" || traceStages(p, 0) != "queued,sent,accepted,displayed,delivered" {
		t.Fatalf("stage %s, trace %s", d.Stage, traceStages(p, 0))
	}
}

func TestAckAPIRefusesBadAcks(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	cert := sandboxAPNs(t, e, admin)
	registerIPhone(t, e, "iphone-1", "alice", strings.Repeat("a", 64), cert, true)
	p := e.sendPush(t, admin, `{"target":{"user_id":"alice"}}`)
	id := p.Deliveries[0].ID
	for _, c := range []struct {
		path, bearer, body, code, field string
		status                          int
	}{
		{id, e.key, `{"stage":"delivered"}`, models.CodeInvalid, "stage", 400},
		{id, e.key, `{"stage":"clicked","at":"yesterday"}`, models.CodeInvalid, "at", 400},
		{id, e.key, `{"stage":"clicked","at":"2999-01-01T00:00:00Z"}`, models.CodeInvalid, "at", 400},
		{"dlv_nope", e.key, `{"stage":"clicked"}`, models.CodeNotFound, "", 404},
		{id, admin, `{"stage":"clicked"}`, models.CodeUnauthenticated, "", 401},
	} {
		r := e.api(http.MethodPost, "/api/v1/deliveries/"+c.path+"/ack", c.bearer, c.body)
		if r.status != c.status {
			t.Errorf("%s: %d %s", c.body, r.status, r.body)
			continue
		}
		if code, field := r.apiError(t); code != c.code || field != c.field {
			t.Errorf("%s: %s %s", c.body, code, field)
		}
	}
	// Another app's key cannot ack this app's delivery.
	other, err := e.store.CreateApp(t.Context(), "Other IM")
	if err != nil {
		t.Fatal(err)
	}
	otherKey, _, err := e.store.CreateAPIKey(t.Context(), other.ID, "k")
	if err != nil {
		t.Fatal(err)
	}
	if r := e.api(http.MethodPost, "/api/v1/deliveries/"+id+"/ack", otherKey, `{"stage":"clicked"}`); r.status != 404 {
		t.Fatalf("other app's ack: %d", r.status)
	}
	// A valid ack with the phone's own time.
	at := time.Now().Add(-2 * time.Second).UTC().Format(time.RFC3339)
	if r := e.api(http.MethodPost, "/api/v1/deliveries/"+id+"/ack", e.key, `{"stage":"received","at":"`+at+`"}`); r.status != 200 {
		t.Fatalf("ack: %d %s", r.status, r.body)
	}
	if st := e.getPush(t, admin, p.ID).Deliveries[0].Stage; st != "received" {
		t.Fatalf("stage %s", st)
	}
}
