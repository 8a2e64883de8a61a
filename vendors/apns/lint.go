package apns

import (
	"encoding/json"
	"time"

	"github.com/sideshow/apns2"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Lint checks a message against APNs' rules before sending.
func (ch *Channel) Lint(msg vendors.Message, c models.Certificate, _ time.Time) []models.Warning {
	n := notification(c, msg, "")
	raw, err := json.Marshal(n.Payload)
	if err != nil {
		return []models.Warning{vendors.Blocker("payload_unencodable", "the APNs payload cannot be encoded: %v", err)}
	}
	out := vendors.TooManyBytes(models.VendorAPNs, "payload", len(raw), payloadLimit(n.PushType), "APNs answers 413 PayloadTooLarge")
	if len(msg.APNs.CollapseID) > maxCollapseID {
		out = append(out, vendors.Blocker("collapse_id_too_long", "APNs collapse ID is %d bytes; APNs accepts %d (BadCollapseId)", len(msg.APNs.CollapseID), maxCollapseID))
	}
	if n.PushType == apns2.PushTypeBackground {
		out = append(out, vendors.Warning("background_push", "background push: iOS shows nothing and throttles delivery; title, desc, sound and badge are not sent"))
	}
	return out
}
