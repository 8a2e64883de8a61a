package handlers

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// fuzzNow is the fixed clock of the device fuzz targets.
var fuzzNow = time.Date(2025, 11, 22, 10, 0, 0, 0, time.UTC)

// fuzzPrevious is a device already registered: the fuzzed registration
// is also applied over it, so every kind of timeline entry is built.
func fuzzPrevious() models.Device {
	cert, off := int64(15518), false
	return models.Device{ID: 7, AppID: 1, DeviceID: "alice-oppo", UserID: "alice", Platform: models.PlatformAndroid, Vendor: models.VendorOPPO,
		Token: "CN_8d3f1a2b4c5d6e7f8091a2b3c4d5e602", CertificateID: &cert, NotificationsEnabled: &off, State: models.StateBackground,
		StateSince: fuzzNow.Add(-time.Hour), RegisteredAt: fuzzNow.Add(-24 * time.Hour), LastSeenAt: fuzzNow.Add(-time.Hour)}
}

// FuzzDeviceRegistration sends a body to PUT /api/v1/devices/{device}
// down the handler's path: the escaped path segment, decodeJSON, the
// store's ValidateDeviceID and Registration.Normalize, then
// ApplyRegistration on a new device and over a registered one. A refusal
// is invalid_argument; an accepted registration has valid UTF-8 in every
// field, is already normal (normalising again changes nothing) and reads
// back the same from its JSON; the device and its timeline entries hold
// valid UTF-8 and stay in proportion to the body.
func FuzzDeviceRegistration(f *testing.F) {
	for _, seed := range []struct{ device, body string }{
		// handlers/device_api_test.go: the iOS body and the refusals.
		{"iphone-1", `{"user_id":"alice","platform":"ios","vendor":"apns","token":"4F2A000000000000000000000000000000000000000000000000000000009C1E","certificate_id":15518,"environment":"production","model":"iPhone 15","notifications_enabled":true}`},
		{"d1", `{"user_id":"a","platform":"android","vendor":"oppo","token":""}`},
		{"d1", `{"user_id":"a","platform":"android","vendor":"oppo","token":"t","certificate_id":-1}`},
		{"d1", `{"user_id":"a","platform":"android","vendor":"oppo","token":"t","certificate_id":"15518"}`},
		{"d1", `{"user_id":"a","platform":"android","vendor":"oppo","token":"t","certificateId":1}`},
		{"d1", `{"user_id":`},
		{"d1", `{"user_id":"a","platform":"android","vendor":"oppo","token":"t"}{}`},
		{"bad%20id", `{"user_id":"a","platform":"android","vendor":"oppo","token":"t"}`},
		// registerAndroid (pushes_vendors_test.go) and the demo's cast
		// (models/demo/demo_devices.go).
		{"huawei-phone", `{"user_id":"qa","platform":"android","vendor":"huawei","token":"IQAAAACy0bob-mate60-huawei-token","certificate_id":10003,"notifications_enabled":true}`},
		{"alice-oppo", `{"user_id":"alice","platform":"android","vendor":"oppo","token":"CN_8d3f1a2b4c5d6e7f8091a2b3c4d5e602","certificate_id":15518,"model":"PHB110","os_version":"14","rom":"ColorOS 14","app_version":"6.2.0","sdk_version":"8.1.6","notifications_enabled":true,"locale":"zh-CN"}`},
		{"ivan-web", `{"user_id":"ivan","platform":"web","vendor":"fcm","token":"fcm-web:ivan-chrome-token","model":"Chrome 131","app_version":"web 6.2.0"}`},
		{"frank%40mi", `{"user_id":"弗兰克","platform":"harmony","vendor":"huawei","token":"令牌-frank-Redmi-Note-13-令牌","environment":"development","locale":"zh-Hans-CN"}`},
	} {
		f.Add(seed.device, []byte(seed.body))
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, device string, body []byte) {
		c := fuzzContext(e, http.MethodPut, "/api/v1/devices/x", body)
		c.SetParamNames("device")
		c.SetParamValues(device)
		reg, err := registration(c)
		if err != nil {
			requireInvalid(t, err)
			return
		}
		if bad := invalidUTF8(reg); bad != "" {
			t.Fatalf("accepted registration with invalid UTF-8: %s", bad)
		}
		if again, err := reg.Normalize(); err != nil || !reflect.DeepEqual(again, reg) {
			t.Fatalf("normalising again: %v\n%+v\n%+v", err, reg, again)
		}
		b, err := json.Marshal(reg)
		if err != nil {
			t.Fatal(err)
		}
		var back models.Registration
		if err := decodeJSON(fuzzContext(e, http.MethodPut, "/", b), &back); err != nil {
			t.Fatalf("the registration's own JSON %s: %v", b, err)
		}
		if back, err = back.Normalize(); err != nil || !reflect.DeepEqual(back, reg) {
			t.Fatalf("round trip through %s: %v\n%+v\n%+v", b, err, reg, back)
		}
		deviceID, _ := pathUnescape(device)
		prev := fuzzPrevious()
		for _, p := range []*models.Device{nil, &prev} {
			d, events := models.ApplyRegistration(p, 1, deviceID, reg, fuzzNow)
			if bad := invalidUTF8(d); bad != "" {
				t.Fatalf("device with invalid UTF-8: %s", bad)
			}
			for _, ev := range events {
				if !utf8.ValidString(ev.Detail) || len(ev.Detail) > 2*len(body)+256 {
					t.Fatalf("timeline entry %s of %d bytes: %q", ev.Kind, len(ev.Detail), ev.Detail)
				}
			}
		}
	})
}

// registration is apiRegisterDevice and the store's RegisterDevice up to
// the database: what a PUT body becomes before it is saved.
func registration(c echo.Context) (models.Registration, error) {
	deviceID, err := pathUnescape(c.Param("device"))
	if err != nil {
		return models.Registration{}, err
	}
	var reg models.Registration
	if err := decodeJSON(c, &reg); err != nil {
		return reg, err
	}
	if err := models.ValidateDeviceID(deviceID); err != nil {
		return reg, err
	}
	return reg.Normalize()
}

// FuzzStateReport sends a body to POST .../state: decodeJSON,
// StateReport.Validate, StateReport.Change. A refusal is invalid_argument;
// an accepted report is foreground or background with a sane unread count,
// and its timeline entry is valid UTF-8.
func FuzzStateReport(f *testing.F) {
	for _, body := range []string{
		`{"state":"background","unread":3}`, `{"state":"foreground"}`, `{"state":"background","unread":1}`,
		`{"state":"background","unread":-1}`, `{"state":"asleep"}`, `{"state":"background","unread":1e3}`, ``, `[]`,
	} {
		f.Add([]byte(body))
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, body []byte) {
		var report models.StateReport
		err := decodeJSON(fuzzContext(e, http.MethodPost, "/api/v1/devices/d1/state", body), &report)
		if err == nil {
			err = report.Validate()
		}
		if err != nil {
			requireInvalid(t, err)
			return
		}
		if report.State != models.StateForeground && report.State != models.StateBackground {
			t.Fatalf("accepted state %q", report.State)
		}
		if report.Unread != nil && (*report.Unread < 0 || *report.Unread > 1_000_000) {
			t.Fatalf("accepted unread %d", *report.Unread)
		}
		if c := report.Change(); c.State != report.State || !utf8.ValidString(c.Detail) || len(c.Detail) > 64 {
			t.Fatalf("state %q, entry %+v", c.State, c)
		}
	})
}

// FuzzLogoutReport sends a body to POST .../logout: decodeJSON,
// LogoutReport.State, LogoutReport.Change. A refusal is invalid_argument; an
// accepted report leads to logged_out or kicked.
func FuzzLogoutReport(f *testing.F) {
	for _, body := range []string{`{"reason":"kicked"}`, `{"reason":"logout"}`, `{}`, `{"reason":"bored"}`, `{"reason":null}`, `{"reason":"kicked"} x`} {
		f.Add([]byte(body))
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, body []byte) {
		var report models.LogoutReport
		err := decodeJSON(fuzzContext(e, http.MethodPost, "/api/v1/devices/d1/logout", body), &report)
		var state models.State
		if err == nil {
			state, err = report.State()
		}
		if err != nil {
			requireInvalid(t, err)
			return
		}
		if state != models.StateLoggedOut && state != models.StateKicked {
			t.Fatalf("logout to state %q", state)
		}
		if c, err := report.Change(); err != nil || c.State != state {
			t.Fatalf("device state %q after a logout to %q (%v)", c.State, state, err)
		}
	})
}
