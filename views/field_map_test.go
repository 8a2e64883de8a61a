package views

import (
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// The rows of rich notifications, calls and web push say, for each of the
// eight vendors pushcheck maps them to, the field they land in or why
// they are not sent: an empty cell would read as "unknown".
func TestFieldMapCoversTheRichFieldsForEveryVendor(t *testing.T) {
	rows := map[string]FieldRoute{}
	for _, f := range FieldMap() {
		rows[f.Field] = f
	}
	want := map[string]map[models.Vendor]string{
		"image":                 {models.VendorAPNs: "mutable-content", models.VendorFCM: "notification.image", models.VendorHuawei: "android.notification.image", models.VendorOPPO: "not sent"},
		"call invitation":       {models.VendorAPNs: "voip", models.VendorFCM: "HIGH", models.VendorHuawei: "VOIP", models.VendorVivo: "classification 1"},
		"interruption level":    {models.VendorAPNs: "aps.interruption-level", models.VendorXiaomi: "not sent"},
		"thread ID":             {models.VendorAPNs: "aps.thread-id", models.VendorFCM: "apns.payload.aps.thread-id"},
		"notification group":    {models.VendorHuawei: "android.notification.group", models.VendorHonor: "android.notification.group", models.VendorMeizu: "not sent"},
		"web push link, icon":   {models.VendorFCM: "webpush.fcm_options.link", models.VendorAPNs: "not sent"},
		"web push TTL, urgency": {models.VendorFCM: "webpush.headers"},
	}
	for field, cells := range want {
		row, ok := rows[field]
		if !ok {
			t.Errorf("no %q row", field)
			continue
		}
		for _, v := range models.AllVendors() {
			if v != models.VendorHarmony && row.Where[v] == "" {
				t.Errorf("%s: no entry for %s", field, v.Label())
			}
		}
		for v, words := range cells {
			if !strings.Contains(row.Where[v], words) {
				t.Errorf("%s for %s is %q, want it to mention %q", field, v.Label(), row.Where[v], words)
			}
		}
	}
}
