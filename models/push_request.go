package models

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// PushRequest is the body of POST /api/v1/apps/{app}/pushes and what the
// composer submits.
type PushRequest struct {
	Target        PushTarget `json:"target"`
	Mode          Mode       `json:"mode"`
	DryRun        bool       `json:"dry_run"`
	Title         string     `json:"title"`
	Desc          string     `json:"desc"`
	Ext           string     `json:"ext"`
	Sound         string     `json:"sound"`
	Badge         *int       `json:"badge"`
	IgnoreBadge   bool       `json:"ignore_badge"`
	OPPOChannelID string     `json:"oppo_channel_id"`
	// ClickAction overrides the certificate's for this push.
	ClickAction *ClickAction `json:"click_action"`
	// Image is a rich notification's picture, an https URL, sent in each
	// vendor's own image field where it has one.
	Image   string              `json:"image"`
	Call    *CallInvitation     `json:"call"`
	APNs    *APNsPushOptions    `json:"apns"`
	FCM     *FCMPushOptions     `json:"fcm"`
	Huawei  *HuaweiPushOptions  `json:"huawei"`
	Harmony *HarmonyPushOptions `json:"harmony"`
	Honor   *HonorPushOptions   `json:"honor"`
	Xiaomi  *XiaomiPushOptions  `json:"xiaomi"`
	OPPO    *OPPOPushOptions    `json:"oppo"`
	Vivo    *VivoPushOptions    `json:"vivo"`
	Meizu   *MeizuPushOptions   `json:"meizu"`
}

// PushTarget names the devices: a user's, or a list.
type PushTarget struct {
	UserID    string   `json:"user_id"`
	DeviceIDs []string `json:"device_ids"`
	Group     string   `json:"group"`
}

// DefaultDesc is sent when the operator leaves desc empty: IM servers do not
// push custom messages without a desc, so a test push always has one.
const DefaultDesc = "Test notification from pushcheck"

// Normalize checks a push request and fills its defaults. titleFallback is
// what an empty title becomes: IM servers use the sender's nickname, and the
// sender of a test push is the operator.
func (r PushRequest) Normalize(titleFallback string) (PushRequest, error) {
	targets := 0
	if r.Target.UserID != "" {
		targets++
		if err := ValidateUserID(r.Target.UserID); err != nil {
			return r, Invalid("target.user_id", "%s", err.(*Error).Message)
		}
	}
	if len(r.Target.DeviceIDs) > 0 {
		targets++
		if len(r.Target.DeviceIDs) > MaxPushDeviceIDs {
			return r, Invalid("target.device_ids", "at most %d device IDs in one test push (a group reaches up to %d)", MaxPushDeviceIDs, MaxPushDevices)
		}
		for _, id := range r.Target.DeviceIDs {
			if err := ValidateDeviceID(id); err != nil {
				return r, Invalid("target.device_ids", "%q: %s", id, err.(*Error).Message)
			}
		}
		r.Target.DeviceIDs = distinct(r.Target.DeviceIDs)
	}
	if r.Target.Group != "" {
		targets++
		if _, err := CleanGroupName(r.Target.Group); err != nil {
			return r, Invalid("target.group", "%s", err.(*Error).Message)
		}
	}
	if targets != 1 {
		return r, Invalid("target", "name exactly one target: {\"user_id\":…}, {\"device_ids\":[…]} or {\"group\":…}")
	}
	switch r.Mode {
	case "":
		r.Mode = ModeAsIMServer
	case ModeAsIMServer, ModeForce:
	default:
		return r, Invalid("mode", "mode must be as_im_server or force")
	}
	if strings.TrimSpace(r.Title) == "" {
		r.Title = titleFallback
	}
	if strings.TrimSpace(r.Desc) == "" {
		r.Desc = DefaultDesc
	}
	for _, f := range []struct {
		field, value string
		max          int
	}{{"title", r.Title, 256}, {"desc", r.Desc, 2048}, {"ext", r.Ext, 4096}, {"sound", r.Sound, 128}, {"oppo_channel_id", r.OPPOChannelID, 128}} {
		if utf8.RuneCountInString(f.value) > f.max {
			return r, Invalid(f.field, "%s is longer than %d characters", f.field, f.max)
		}
	}
	if r.Badge != nil && (*r.Badge < 0 || *r.Badge > 99999) {
		return r, Invalid("badge", "badge must be between 0 and 99999")
	}
	if a := r.APNs; a != nil {
		switch a.Priority {
		case 0, 1, 5, 10:
		default:
			return r, Invalid("apns.priority", "APNs priority is 10 (immediate), 5 (power-aware) or 1")
		}
	}
	if f := r.FCM; f != nil {
		if f.Priority != "" && f.Priority != "high" && f.Priority != "normal" {
			return r, Invalid("fcm.priority", "FCM priority is high or normal")
		}
		if f.TTLSeconds != nil && *f.TTLSeconds < 0 {
			return r, Invalid("fcm.ttl_seconds", "the TTL cannot be negative")
		}
	}
	if r.ClickAction != nil {
		if err := r.ClickAction.validate(); err != nil {
			return r, err
		}
		if r.ClickAction.Type == "" {
			r.ClickAction = nil
		}
	}
	// oppo_channel_id is the Tencent-style top-level field; oppo.channel_id
	// wins when both are given.
	if r.OPPOChannelID != "" {
		if r.OPPO == nil {
			r.OPPO = &OPPOPushOptions{}
		}
		if r.OPPO.ChannelID == "" {
			r.OPPO.ChannelID = r.OPPOChannelID
		}
	}
	if err := validateVendorOptions(r); err != nil {
		return r, err
	}
	if err := validateRichOptions(r); err != nil {
		return r, err
	}
	return r, nil
}

// Message is what gets stored with the push.
func (r PushRequest) Message() PushMessage {
	return PushMessage{Title: r.Title, Desc: r.Desc, Ext: r.Ext, Sound: r.Sound, Badge: r.Badge, IgnoreBadge: r.IgnoreBadge,
		OPPOChannel: r.OPPOChannelID, ClickAction: r.ClickAction, Image: r.Image, Call: r.Call, APNs: r.APNs, FCM: r.FCM,
		Huawei: r.Huawei, Harmony: r.Harmony, Honor: r.Honor, Xiaomi: r.Xiaomi, OPPO: r.OPPO, Vivo: r.Vivo, Meizu: r.Meizu}
}

// TargetLabel is the target as stored and shown.
func (r PushRequest) TargetLabel() string {
	switch {
	case r.Target.UserID != "":
		return "user:" + r.Target.UserID
	case r.Target.Group != "":
		return "group:" + r.Target.Group
	}
	return deviceListLabel(r.Target.DeviceIDs)
}

// deviceListLabel names a list of devices in full while it is short; a
// long list is counted and begun ("1000 devices: a, b, c …"), and a replay
// takes the devices from the push's deliveries.
func deviceListLabel(ids []string) string {
	full := "devices:" + strings.Join(ids, ",")
	if len(ids) <= maxListedDevices && len(full) <= maxTargetLabel {
		return full
	}
	shown := ids[:min(len(ids), 3)]
	label := strconv.Itoa(len(ids)) + " devices: " + strings.Join(shown, ", ") + " …"
	for len(label) > maxTargetLabel && len(shown) > 1 {
		shown = shown[:len(shown)-1]
		label = strconv.Itoa(len(ids)) + " devices: " + strings.Join(shown, ", ") + " …"
	}
	return label
}

const (
	maxListedDevices = 5
	maxTargetLabel   = 200
)

// distinct drops repeated IDs, keeping the first of each: a device gets
// one delivery per push.
func distinct(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// RequestOf is the stored push as the request that is sent: its message,
// mode and dry run, without the target (the deliveries name the devices).
func RequestOf(p Push) PushRequest {
	m := p.Message
	return PushRequest{Mode: p.Mode, DryRun: p.DryRun, Title: m.Title, Desc: m.Desc, Ext: m.Ext, Sound: m.Sound, Badge: m.Badge,
		IgnoreBadge: m.IgnoreBadge, OPPOChannelID: m.OPPOChannel, ClickAction: m.ClickAction, Image: m.Image, Call: m.Call, APNs: m.APNs, FCM: m.FCM,
		Huawei: m.Huawei, Harmony: m.Harmony, Honor: m.Honor, Xiaomi: m.Xiaomi, OPPO: m.OPPO, Vivo: m.Vivo, Meizu: m.Meizu}
}

// ReplayOf is the request that sends a push's message again to the same
// targets, in the same mode. A user or group target is resolved again, so
// the replay reaches the devices it has now. deviceIDs are the devices the
// push's deliveries went to, for a list too long for its label.
func ReplayOf(p Push, deviceIDs []string) (PushRequest, error) {
	r := RequestOf(p)
	kind, rest, _ := strings.Cut(p.Target, ":")
	switch {
	case kind == "user":
		r.Target.UserID = rest
	case kind == "group":
		r.Target.Group = rest
	case kind == "devices":
		r.Target.DeviceIDs = strings.Split(rest, ",")
	case strings.HasSuffix(kind, " devices") && len(deviceIDs) > 0:
		r.Target.DeviceIDs = deviceIDs
	default:
		return r, Errorf(CodeInternal, "push %d has an unreadable target %q", p.ID, p.Target)
	}
	if a := r.APNs; a != nil && a.Expiration != nil && a.Expiration.Unix() > 0 {
		// An expiration is stored as a time; the replay keeps its span
		// from the original send, not a time that has passed.
		at := time.Now().Add(a.Expiration.Sub(p.CreatedAt))
		copied := *a
		copied.Expiration = &at
		r.APNs = &copied
	}
	return r, nil
}
