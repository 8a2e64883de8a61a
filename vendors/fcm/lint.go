package fcm

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against FCM's rules before sending.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, _ time.Time) []models.Warning {
	m := message(msg, "")
	content := struct {
		Notification any               `json:"notification"`
		Data         map[string]string `json:"data,omitempty"`
	}{m.Notification, m.Data}
	out := vendors.TooLarge(models.VendorFCM, "notification and data", content, maxPayload, "FCM answers INVALID_ARGUMENT")
	if t := msg.FCM.TTLSeconds; t != nil && *t > maxTTL {
		out = append(out, vendors.Blocker("ttl_too_long", "FCM TTL is %d s; FCM accepts at most %d (4 weeks)", *t, maxTTL))
	}
	// pushcheck sends ext under one data key, but IM servers that spread
	// ext's keys into data (many do) are refused for a reserved key.
	var ext map[string]any
	if json.Unmarshal([]byte(msg.Ext), &ext) == nil {
		var reserved []string
		for k := range ext {
			if reservedDataKey(k) {
				reserved = append(reserved, k)
			}
		}
		if len(reserved) > 0 {
			sort.Strings(reserved)
			out = append(out, vendors.Warning("reserved_data_key", "ext has keys FCM reserves (%s): an IM server that copies ext's keys into FCM data is refused with INVALID_ARGUMENT", strings.Join(reserved, ", ")))
		}
	}
	return out
}
