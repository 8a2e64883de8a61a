package handlers_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// verdictOf reads the diagnosis API for a user.
func verdictOf(t *testing.T, e *env, token, user string, query url.Values) models.Verdict {
	t.Helper()
	path := fmt.Sprintf("/api/v1/apps/%d/users/%s/diagnosis", e.app.ID, user)
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	r := e.api(http.MethodGet, path, token, "")
	if r.status != http.StatusOK {
		t.Fatalf("diagnosis of %s: %d %s", user, r.status, r.body)
	}
	var v models.Verdict
	r.decode(t, &v)
	return v
}

// deviceVerdict finds one device's verdict.
func deviceVerdict(t *testing.T, v models.Verdict, deviceID string) models.DeviceVerdict {
	t.Helper()
	for _, d := range v.Devices {
		if d.DeviceID == deviceID {
			return d
		}
	}
	t.Fatalf("no verdict for %s in %+v", deviceID, v)
	return models.DeviceVerdict{}
}

// checkOf finds one check of a device.
func checkOf(t *testing.T, d models.DeviceVerdict, id string) models.Check {
	t.Helper()
	for _, c := range d.Checks {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("%s has no %s check: %+v", d.DeviceID, id, d.Checks)
	return models.Check{}
}

// wantWorst asserts the device's first failing (else warning) check: its
// ID, status, and words in its evidence.
func wantWorst(t *testing.T, d models.DeviceVerdict, id string, status models.CheckStatus, words string) {
	t.Helper()
	w := d.Worst()
	if w.ID != id || w.Status != status || !strings.Contains(w.Evidence, words) || (status != models.CheckPass && w.Fix == "") {
		t.Fatalf("%s: worst check = %s %s %q (fix %q); want %s %s containing %q\nall: %+v", d.DeviceID, w.Status, w.ID, w.Evidence, w.Fix, status, id, words, d.Checks)
	}
	if status == models.CheckFail && d.Receives {
		t.Fatalf("%s fails %s but is said to receive", d.DeviceID, id)
	}
}

type diagnosisEnv struct {
	*env
	admin string
	certs map[string]int64
}

func newDiagnosisEnv(t *testing.T) diagnosisEnv {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	return diagnosisEnv{env: e, admin: admin, certs: androidCertificates(t, e, admin)}
}

// certificate creates one more sandbox certificate through the API.
func (d diagnosisEnv) certificate(t *testing.T, vendor, creds string) int64 {
	t.Helper()
	r := d.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates", d.app.ID), d.admin,
		fmt.Sprintf(`{"vendor":%q,"name":"%s %d","environment":"sandbox",%s}`, vendor, vendor, time.Now().UnixNano(), creds))
	if r.status != http.StatusCreated {
		t.Fatalf("%s certificate: %d %s", vendor, r.status, r.body)
	}
	return int64(r.json(t)["id"].(float64))
}

func (d diagnosisEnv) push(t *testing.T, body string) {
	t.Helper()
	r := d.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes", d.app.ID), d.admin, body)
	if r.status != http.StatusCreated {
		t.Fatalf("push: %d %s", r.status, r.body)
	}
}

// The device-side and certificate links, each reported the way a real app
// reports, and the verdict naming it first.
func TestVerdictNamesTheBrokenLink(t *testing.T) {
	d := newDiagnosisEnv(t)
	hw := d.certs["huawei"]

	// A registration without a token is refused, so no device ever lacks one.
	r := d.api(http.MethodPut, "/api/v1/devices/no-token", d.key, `{"user_id":"u0","platform":"android","vendor":"huawei","certificate_id":1}`)
	if code, field := r.apiError(t); r.status != 400 || field != "token" {
		t.Fatalf("no token: %d %s %s", r.status, code, field)
	}
	if v := verdictOf(t, d.env, d.admin, "u0", nil); len(v.Devices) != 0 || !strings.Contains(v.Summary, "never reported a push token") {
		t.Fatalf("user without devices: %+v", v)
	}

	cases := []struct {
		name, body, state, id, words string
		status                       models.CheckStatus
	}{
		{"no certificate ID", `{"user_id":"u1","platform":"android","vendor":"huawei","token":"IQAAAACy0-u1"}`, "background", "certificate_id", "without a certificate ID", models.CheckFail},
		{"unknown certificate", `{"user_id":"u2","platform":"android","vendor":"huawei","token":"IQAAAACy0-u2","certificate_id":99999}`, "background", "certificate", "#99999 does not exist", models.CheckFail},
		{"certificate of another vendor", fmt.Sprintf(`{"user_id":"u3","platform":"android","vendor":"xiaomi","token":"mi-u3","certificate_id":%d}`, hw), "background", "certificate", "is for Huawei, but the token is from Xiaomi", models.CheckFail},
		{"foreground", fmt.Sprintf(`{"user_id":"u4","platform":"android","vendor":"huawei","token":"IQAAAACy0-u4","certificate_id":%d,"notifications_enabled":true}`, hw), "foreground", "app_state", "in the foreground", models.CheckFail},
		{"notifications off", fmt.Sprintf(`{"user_id":"u5","platform":"android","vendor":"huawei","token":"IQAAAACy0-u5","certificate_id":%d,"notifications_enabled":false}`, hw), "background", "notifications", "turned off", models.CheckFail},
		{"permission not reported", fmt.Sprintf(`{"user_id":"u6","platform":"android","vendor":"huawei","token":"IQAAAACy0-u6","certificate_id":%d}`, hw), "background", "notifications", "did not report", models.CheckWarn},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dev := strings.ReplaceAll(c.name, " ", "-")
			if r := d.api(http.MethodPut, "/api/v1/devices/"+dev, d.key, c.body); r.status != 200 {
				t.Fatalf("register: %d %s", r.status, r.body)
			}
			d.api(http.MethodPost, "/api/v1/devices/"+dev+"/state", d.key, `{"state":"`+c.state+`"}`)
			user := strings.Split(strings.Split(c.body, `"user_id":"`)[1], `"`)[0]
			wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, user, nil), dev), c.id, c.status, c.words)
		})
	}

	t.Run("logged out and kicked", func(t *testing.T) {
		for _, reason := range []string{"logout", "kicked"} {
			dev := "gone-" + reason
			registerAndroid(t, d.env, dev, "u7", "huawei", "IQAAAACy0-"+reason, hw)
			d.api(http.MethodPost, "/api/v1/devices/"+dev+"/logout", d.key, `{"reason":"`+reason+`"}`)
		}
		v := verdictOf(t, d.env, d.admin, "u7", nil)
		wantWorst(t, deviceVerdict(t, v, "gone-logout"), "app_state", models.CheckFail, "logged out")
		wantWorst(t, deviceVerdict(t, v, "gone-kicked"), "app_state", models.CheckFail, "kicked")
		if !strings.HasPrefix(v.Summary, "0 of 2 devices") {
			t.Fatalf("summary: %s", v.Summary)
		}
	})

	t.Run("dead token", func(t *testing.T) {
		oppo := d.certificate(t, "oppo", `"oppo":{"app_key":"k","master_secret":"s","channel_id":"im","category":"IM"}`)
		registerAndroid(t, d.env, "dead", "u8", "oppo", "CN_unregistered-u8", oppo)
		d.push(t, `{"target":{"user_id":"u8"},"title":"t","desc":"d"}`)
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "u8", nil), "dead"), "token_alive", models.CheckFail, "registration ID is invalid")
	})

	t.Run("an ambiguous invalid-token answer condemns no token", func(t *testing.T) {
		// Huawei's 80300007 also means "another app's token": the device
		// is told, its token is not marked dead.
		registerAndroid(t, d.env, "maybe", "u8b", "huawei", "IQAAAACy0-unregistered-u8b", hw)
		d.push(t, `{"target":{"user_id":"u8b"},"title":"t","desc":"d"}`)
		if c := checkOf(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "u8b", nil), "maybe"), "token_alive"); c.Status != models.CheckPass {
			t.Fatalf("token_alive: %+v", c)
		}
	})

	t.Run("certificate failing its health check", func(t *testing.T) {
		id := d.certificate(t, "huawei", `"huawei":{"app_id":"104000009","client_id":"104000009","client_secret":"s","badge_class":"a.B","category":"IM"}`)
		if err := d.store.RecordCertificateCheck(context.Background(), d.app.ID, id, false, "Huawei refused the client secret (80200001)", time.Now()); err != nil {
			t.Fatal(err)
		}
		registerAndroid(t, d.env, "sick", "u9", "huawei", "IQAAAACy0-u9", id)
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "u9", nil), "sick"), "certificate_health", models.CheckFail, "80200001")
	})

	t.Run("expired certificate", func(t *testing.T) {
		id := d.certificate(t, "huawei", `"huawei":{"app_id":"104000010","client_id":"104000010","client_secret":"s","badge_class":"a.B","category":"IM"}`)
		cert, err := d.store.CertificateByID(context.Background(), d.app.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		past := time.Now().Add(-24 * time.Hour)
		cert.ExpiresAt = &past // as time passes for a .p12
		if _, err := d.store.UpdateCertificate(context.Background(), cert); err != nil {
			t.Fatal(err)
		}
		registerAndroid(t, d.env, "expired", "u10", "huawei", "IQAAAACy0-u10", id)
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "u10", nil), "expired"), "certificate_expiry", models.CheckFail, "expired on")
	})

	t.Run("APNs development build on a production certificate", func(t *testing.T) {
		p8 := base64.StdEncoding.EncodeToString(p8PEM(t))
		r := d.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates", d.app.ID), d.admin,
			`{"vendor":"apns","name":"iOS prod","environment":"production","apns":{"bundle_id":"com.example.im","auth":"token","key_id":"ABC123DEFG","team_id":"TEAM123456","p8":"`+p8+`"}}`)
		if r.status != http.StatusCreated {
			t.Fatalf("apns certificate: %d %s", r.status, r.body)
		}
		id := int64(r.json(t)["id"].(float64))
		body := fmt.Sprintf(`{"user_id":"u11","platform":"ios","vendor":"apns","token":"%s","certificate_id":%d,"environment":"development","notifications_enabled":true}`, strings.Repeat("ab", 32), id)
		if r := d.api(http.MethodPut, "/api/v1/devices/xcode-build", d.key, body); r.status != 200 {
			t.Fatalf("register: %d %s", r.status, r.body)
		}
		d.api(http.MethodPost, "/api/v1/devices/xcode-build/state", d.key, `{"state":"background"}`)
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "u11", nil), "xcode-build"), "apns_environment", models.CheckFail, "BadDeviceToken")
	})

	t.Run("custom message without desc", func(t *testing.T) {
		registerAndroid(t, d.env, "custom", "u12", "huawei", "IQAAAACy0-u12", hw)
		q := url.Values{"message_type": {"custom"}}
		v := verdictOf(t, d.env, d.admin, "u12", q)
		wantWorst(t, deviceVerdict(t, v, "custom"), "message", models.CheckFail, "without offlinePushInfo.desc")
		q.Set("desc", "You have a new order")
		if c := checkOf(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "u12", q), "custom"), "message"); c.Status != models.CheckPass {
			t.Fatalf("custom message with desc: %+v", c)
		}
	})
}

// The vendors' own rules, each set up through the certificate and device
// APIs.
func TestVerdictNamesVendorRules(t *testing.T) {
	d := newDiagnosisEnv(t)

	t.Run("OPPO without channel ID, and ext that is not JSON", func(t *testing.T) {
		id := d.certificate(t, "oppo", `"oppo":{"app_key":"k-nochan","master_secret":"s","category":"IM","region":"cn"}`)
		registerAndroid(t, d.env, "oppo-nochan", "o1", "oppo", "CN_o1", id)
		v := verdictOf(t, d.env, d.admin, "o1", nil)
		wantWorst(t, deviceVerdict(t, v, "oppo-nochan"), "oppo_channel", models.CheckFail, fmt.Sprintf("neither the message nor certificate #%d", id))
		if !strings.Contains(v.Summary, "has no OPPO channel ID") {
			t.Fatalf("summary: %s", v.Summary)
		}
		q := url.Values{"oppo_channel_id": {"im"}, "ext": {"conversation=c2c_bob"}}
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "o1", q), "oppo-nochan"), "oppo_ext", models.CheckFail, "not JSON")
	})

	t.Run("Xiaomi default channel: one a day", func(t *testing.T) {
		registerAndroid(t, d.env, "mi", "x1", "xiaomi", "mi-x1", d.certs["xiaomi"])
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "x1", nil), "mi"), "xiaomi_channel", models.CheckWarn, "default channel")
		d.push(t, `{"target":{"user_id":"x1"},"title":"t","desc":"d"}`)
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "x1", nil), "mi"), "device_cap", models.CheckFail, "1 default-channel messages accepted")
	})

	t.Run("vivo app not published", func(t *testing.T) {
		id := d.certificate(t, "vivo", `"vivo":{"app_id":"104000011","app_key":"k","app_secret":"s","category":"IM","unpublished":true}`)
		registerAndroid(t, d.env, "vivo-test", "v1", "vivo", "vivo-v1", id)
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "v1", nil), "vivo-test"), "vivo_publication", models.CheckWarn, "not yet published")
	})

	t.Run("vivo operation message outside 07:00-23:00", func(t *testing.T) {
		registerAndroid(t, d.env, "vivo-op", "v2", "vivo", "vivo-v2", d.certs["vivo"]) // no category: operation
		late := url.Values{"at": {"2026-11-21T23:40:00+08:00"}}
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "v2", late), "vivo-op"), "message_class", models.CheckFail, "23:40 Beijing time")
		noon := url.Values{"at": {"2026-11-21T12:00:00+08:00"}}
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "v2", noon), "vivo-op"), "message_class", models.CheckWarn, "07:00-23:00")
	})

	t.Run("Huawei marketing cap", func(t *testing.T) {
		registerAndroid(t, d.env, "mate", "h1", "huawei", "IQAAAACy0-h1", d.certs["huawei"]) // no category
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "h1", nil), "mate"), "message_class", models.CheckWarn, "classifier decides")
		for range 2 {
			d.push(t, `{"target":{"user_id":"h1"},"title":"t","desc":"d"}`)
		}
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "h1", nil), "mate"), "device_cap", models.CheckFail, "2 marketing messages accepted")
	})

	t.Run("Honor without importance", func(t *testing.T) {
		registerAndroid(t, d.env, "magic", "n1", "honor", "honor-n1", d.certs["honor"])
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "n1", nil), "magic"), "message_class", models.CheckWarn, "information & marketing")
	})

	t.Run("quota entered by the admin, used up", func(t *testing.T) {
		id := d.certificate(t, "meizu", `"meizu":{"app_id":"104000012","app_secret":"s","region":"cn","private":true}`)
		r := d.api(http.MethodPut, fmt.Sprintf("/api/v1/apps/%d/certificates/%d/quotas", d.app.ID, id), d.admin, `{"service":2}`)
		if r.status != 200 {
			t.Fatalf("set quota: %d %s", r.status, r.body)
		}
		registerAndroid(t, d.env, "mz", "q1", "meizu", "mz-q1", id)
		d.push(t, `{"target":{"user_id":"q1"},"title":"t","desc":"d"}`)
		if c := checkOf(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "q1", nil), "mz"), "quota"); c.Status != models.CheckPass || !strings.Contains(c.Evidence, "1 of 2") {
			t.Fatalf("quota after one of two: %+v", c)
		}
		d.push(t, `{"target":{"user_id":"q1"},"title":"t","desc":"d"}`)
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "q1", nil), "mz"), "quota", models.CheckFail, "2 of 2")
	})

	t.Run("the vendor's own over-quota answer", func(t *testing.T) {
		id := d.certificate(t, "oppo", `"oppo":{"app_key":"k-quota","master_secret":"s","channel_id":"im","category":"IM","region":"cn"}`)
		registerAndroid(t, d.env, "oppo-quota", "q2", "oppo", "CN_quota_q2", id)
		registerAndroid(t, d.env, "oppo-fine", "q3", "oppo", "CN_fine_q3", id)
		d.push(t, `{"target":{"user_id":"q2"},"title":"t","desc":"d"}`)
		// Another user on the same certificate: the whole app is over quota.
		wantWorst(t, deviceVerdict(t, verdictOf(t, d.env, d.admin, "q3", nil), "oppo-fine"), "quota", models.CheckFail, "answered over quota (33)")
	})
}
