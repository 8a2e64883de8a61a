package vendors

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// Rich notifications and call invitations: what every vendor package
// maps the same way. Which field a vendor has for them is its own
// message.go; whether it has one at all is its lint.

// CallTTLSeconds is how long a vendor may keep a call invitation for a
// device that is offline. A call nobody answered within a minute is a
// missed call, and ringing later is wrong; Huawei's Push Kit advises 30
// to 60 s for VoIP messages (docs/vendors/huawei.md §3).
const CallTTLSeconds = 60

// CallInvite is a call invitation with its defaults filled in: the call ID is
// the delivery ID and the caller the push's title unless the composer
// named them.
type CallInvite struct {
	ID     string
	Caller string
	Video  bool
}

// Invitation is the message's call invitation, if it is one.
func (m Message) Invitation() (CallInvite, bool) {
	if m.Call == nil {
		return CallInvite{}, false
	}
	c := CallInvite{ID: m.Call.CallID, Caller: m.Call.Caller, Video: m.Call.Video}
	if c.ID == "" {
		c.ID = m.DeliveryID
	}
	if c.Caller == "" {
		c.Caller = m.Title
	}
	return c, true
}

// CallExtras are a call invitation's keys as the app reads them from the
// push's extras on every vendor: call_id, caller and video ("true" or
// "false"). Nil when the message is no invitation.
func (m Message) CallExtras() map[string]string {
	call, ok := m.Invitation()
	if !ok {
		return nil
	}
	return map[string]string{"call_id": call.ID, "caller": call.Caller, "video": strconv.FormatBool(call.Video)}
}

// ImageProblem says what is wrong with a rich notification's image URL
// for a vendor that fetches it: vendors and phones download images only
// over https, from a host on the internet, and the composer keeps URLs to
// maxImageURL bytes. "" when the URL is fine.
func ImageProblem(raw string) Phrase {
	u, err := url.Parse(raw)
	switch {
	case len(raw) > maxImageURL:
		return Phrased("the image URL is "+strconv.Itoa(len(raw))+" bytes; keep it under "+strconv.Itoa(maxImageURL),
			models.Tf("lint.image.too_long", "Length", len(raw), "Max", maxImageURL))
	case err != nil || u.Host == "":
		return Phrased("the image is not an absolute URL", models.T("lint.image.not_absolute"))
	case !strings.EqualFold(u.Scheme, "https"):
		return Phrased("the image URL is "+u.Scheme+": phones fetch notification images only over https", models.Tf("lint.image.not_https", "Scheme", u.Scheme))
	}
	return Phrase{}
}

// maxImageURL is the composer's limit on an image URL (models/push_rich.go).
const maxImageURL = 1024

// ImageLint is the lint of an image for a vendor that sends it in its own
// field: a blocker for a URL the phone will not fetch, else a warning
// with the vendor's size and shape rules (limits).
func ImageLint(v models.Vendor, msg Message, field string, limits Phrase) []models.Warning {
	if msg.Image == "" {
		return nil
	}
	if p := ImageProblem(msg.Image); p.English != "" {
		return []models.Warning{ImageURLBlocker(v, p)}
	}
	return []models.Warning{Warning("image", "%s shows the image from %s: %s", v.Label(), field, limits.English).
		Says(models.Tf("lint.image.shown", "Vendor", v.Text(), "Field", field, "Limits", limits.Text))}
}

// ImageURLBlocker flags an image URL the phone will not fetch.
func ImageURLBlocker(v models.Vendor, p Phrase) models.Warning {
	return Blocker("image_url", "%s: %s", v.Label(), p.English).Says(models.Tf("lint.image.url", "Vendor", v.Text(), "Problem", p.Text))
}

// NoImage is the lint of an image on a vendor whose push API has no field
// for one: nothing is sent, and why says what the vendor has instead.
func NoImage(v models.Vendor, msg Message, why Phrase) []models.Warning {
	if msg.Image == "" {
		return nil
	}
	return []models.Warning{Warning("image_unsupported", "the image is not sent to %s: %s", v.Label(), why.English).
		Says(models.Tf("lint.image.unsupported", "Vendor", v.Text(), "Why", why.Text))}
}

// CallAsNotification is the lint of a call invitation on a vendor that has
// no call message: it goes as an IM-class notification, which a phone
// shows but cannot turn into a ringing call screen while the app is
// killed.
func CallAsNotification(v models.Vendor, msg Message, how Phrase) []models.Warning {
	if msg.Call == nil {
		return nil
	}
	return []models.Warning{Warning("call_notification", "%s has no call message: the invitation goes as %s; a killed app can only show a notification, not ring (the call screen opens when the user taps it)", v.Label(), how.English).
		Says(models.Tf("lint.call_notification", "Vendor", v.Text(), "How", how.Text))}
}
