package handlers

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// fuzzGroups knows one group, android-matrix (#7), as the store would.
type fuzzGroups struct{ groupStore }

func (fuzzGroups) Group(_ context.Context, _ int64, ref string) (models.DeviceGroup, error) {
	if ref == "android-matrix" || ref == "7" {
		return models.DeviceGroup{ID: 7, AppID: 1, Name: "android-matrix"}, nil
	}
	return models.DeviceGroup{}, models.NotFound("group %s does not exist in this app", ref)
}

// FuzzPushFilter reads any query as the push history page and API do. A
// refusal is invalid_argument, or not_found for an unknown group; a
// filter has trimmed text fields, valid UTF-8 when the query is, a known
// vendor and stage, and reads back the same from the query its own values
// make (the page's links).
func FuzzPushFilter(f *testing.F) {
	for _, q := range []string{
		"", "user=alice", "user=+alice+&vendor=huawei&stage=delivered", "device=alice-iphone&certificate=%2310003",
		"operator=admin%40example.com&from=2026-11-22&to=2026-11-22", "from=2026-11-22T10:00:00%2B08:00&before=120",
		"group=android-matrix", "group=7&stage=clicked", "group=nope", "group=%81", "vendor=nokia", "stage=note", "certificate=abc",
		"before=-1", "from=22/11/2026", "user=%E5%9B%9E%E6%89%A7&user=second", "user=%ff", "from=2026-13-40",
	} {
		f.Add(q)
	}
	e := echo.New()
	h := &Handler{groups: fuzzGroups{}}
	app := models.App{ID: 1}
	f.Fuzz(func(t *testing.T, rawQuery string) {
		pf, err := h.pushFilter(queryContext(e, "/apps/1/pushes", rawQuery), app)
		if err != nil {
			requireCode(t, err, queryUTF8(rawQuery), models.CodeInvalid, models.CodeNotFound)
			return
		}
		for _, s := range []string{pf.UserID, pf.DeviceID, pf.Operator} {
			if s != strings.TrimSpace(s) || (queryUTF8(rawQuery) && !utf8.ValidString(s)) {
				t.Fatalf("filter text %q from %q", s, rawQuery)
			}
		}
		if (pf.Vendor != "" && !pf.Vendor.Valid()) || (pf.Stage != "" && (!pf.Stage.Valid() || pf.Stage == models.StageNote)) ||
			(pf.GroupID != 0 && pf.GroupID != 7) {
			t.Fatalf("filter %+v from %q", pf, rawQuery)
		}
		q := url.Values{"user": {pf.UserID}, "device": {pf.DeviceID}, "vendor": {string(pf.Vendor)}, "stage": {string(pf.Stage)}, "operator": {pf.Operator}}
		if pf.CertificateID != 0 {
			q.Set("certificate", strconv.FormatInt(pf.CertificateID, 10))
		}
		if pf.Before != 0 {
			q.Set("before", strconv.FormatInt(pf.Before, 10))
		}
		if pf.GroupID != 0 {
			q.Set("group", strconv.FormatInt(pf.GroupID, 10))
		}
		for k, at := range map[string]time.Time{"from": pf.From, "to": pf.To} {
			if at.Year() < 0 || at.Year() > 9999 {
				return // "to=9999-12-31" is the next day: no RFC 3339 to write it back in
			}
			if !at.IsZero() {
				q.Set(k, at.Format(time.RFC3339Nano))
			}
		}
		back, err := h.pushFilter(queryContext(e, "/apps/1/pushes", q.Encode()), app)
		if err != nil || back.UserID != pf.UserID || back.DeviceID != pf.DeviceID || back.Vendor != pf.Vendor || back.Stage != pf.Stage ||
			back.Operator != pf.Operator || back.CertificateID != pf.CertificateID || back.Before != pf.Before || back.GroupID != pf.GroupID ||
			!back.From.Equal(pf.From) || !back.To.Equal(pf.To) {
			t.Fatalf("%q read back from %q: %v\n%+v\n%+v", q.Encode(), rawQuery, err, pf, back)
		}
	})
}
