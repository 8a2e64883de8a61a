package apns

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sideshow/apns2"
)

// Apple's request rules, from "Sending notification requests to APNs"
// (https://developer.apple.com/documentation/usernotifications/sending-notification-requests-to-apns)
// and the reasons of "Handling error responses from APNs"
// (https://developer.apple.com/documentation/usernotifications/handling-error-responses-from-apns).

// apnsHeaders() are the request headers APNs reads; one sent twice is
// DuplicateHeaders ("One or more headers were repeated").
func apnsHeaders() []string {
	return []string{"authorization", "apns-id", "apns-push-type", "apns-expiration", "apns-priority", "apns-topic", "apns-collapse-id"}
}

// topicSuffixes() is what Apple's apns-push-type table asks to append to the
// bundle ID in apns-topic for each push type; the others (alert,
// background, mdm, none) use the topic as registered.
func topicSuffixes() map[string]string {
	return map[string]string{
		"voip":         ".voip",
		"complication": ".complication",
		"fileprovider": ".pushkit.fileprovider",
		"liveactivity": ".push-type.liveactivity",
		"location":     ".location-query",
		"pushtotalk":   ".voip-ptt",
	}
}

// bundleIDChars() is what a bundle identifier may hold: "alphanumeric
// characters (A–Z, a–z, and 0–9), hyphens (-), and periods (.)"
// (https://developer.apple.com/documentation/bundleresources/information-property-list/cfbundleidentifier).
func bundleIDChars() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9.-]+$`) }

// check applies APNs' validation in its order: authentication, headers
// (duplicates, push type, topic), token, the other headers, payload.
func (e *Emulator) check(r *http.Request, token string) (int, string) {
	cred, status, reason := e.authenticate(r)
	if reason != "" {
		return status, reason
	}
	for _, h := range apnsHeaders() {
		if len(r.Header.Values(h)) > 1 {
			return http.StatusBadRequest, "DuplicateHeaders"
		}
	}
	pushType := r.Header.Get("apns-push-type")
	if !validPushType(pushType) {
		return http.StatusBadRequest, "InvalidPushType"
	}
	if reason := checkTopic(cred, r.Header.Get("apns-topic"), pushType); reason != "" {
		return http.StatusBadRequest, reason
	}
	switch {
	case token == "":
		return http.StatusBadRequest, "MissingDeviceToken"
	case !isHex(token) || len(token) < 64 || strings.Trim(token, "0") == "":
		// No device has an all-zero token: APNs answers it like any
		// unknown token.
		return http.StatusBadRequest, "BadDeviceToken"
	}
	if reason := checkHeaders(r.Header, pushType); reason != "" {
		return http.StatusBadRequest, reason
	}
	limit := payloadLimit(apns2.EPushType(pushType))
	body, err := io.ReadAll(io.LimitReader(r.Body, int64(limit)+1))
	switch {
	case err != nil:
		return http.StatusBadRequest, "PayloadEmpty"
	case len(body) > limit:
		return http.StatusRequestEntityTooLarge, "PayloadTooLarge"
	}
	if reason := checkPayload(body, pushType); reason != "" {
		return http.StatusBadRequest, reason
	}
	return 0, ""
}

// checkTopic compares apns-topic with the topic the credentials were
// registered for (the app's bundle ID). Apple: "If you omit this header and
// your APNs certificate doesn't specify multiple topics, the APNs server
// uses the certificate's Subject as the default topic"; a provider token,
// or a certificate that names several topics, must always name it
// (MissingTopic: "The apns-topic header is mandatory when the client is
// connected using a certificate that supports multiple topics"). A client
// certificate may push only to the topics it names: another topic, such
// as the ".voip" topic on a certificate made without the VoIP service, is
// TopicDisallowed ("Pushing to this topic is not allowed"), which is what
// senders of VoIP pushes with a plain push certificate are told
// (github.com/yubang/applepush/issues/1, github.com/jchambers/pushy/issues/522).
// The topic must be the bundle ID with the suffix of the push type:
//   - a topic of the app with another push type's suffix (a voip push to the
//     plain bundle ID, an alert to bundle.voip) addresses the app's other
//     kind of token, which APNs answers with DeviceTokenNotForTopic ("The
//     device token does not match the specified topic"), as senders that
//     forget the .voip suffix are told (github.com/edamov/pushok/issues/97);
//   - a topic outside the app is TopicDisallowed;
//   - a topic that cannot be a bundle ID at all is BadTopic ("The
//     apns-topic was invalid").
func checkTopic(cred credentials, topic, pushType string) string {
	registered := cred.topic
	if topic == "" {
		if !cred.certAuth || len(cred.topics) > 1 {
			return "MissingTopic"
		}
		topic = registered
	}
	if !bundleIDChars().MatchString(topic) {
		return "BadTopic"
	}
	if cred.certAuth && !slices.Contains(cred.topics, topic) {
		return "TopicDisallowed"
	}
	if topic == registered+topicSuffixes()[pushType] {
		return ""
	}
	if topic == registered {
		return "DeviceTokenNotForTopic"
	}
	for _, suffix := range topicSuffixes() {
		if topic == registered+suffix {
			return "DeviceTokenNotForTopic"
		}
	}
	return "TopicDisallowed"
}

// checkHeaders reads the optional headers: apns-id "a canonical UUID"
// (BadMessageId), apns-priority 10, 5 or 1 with background pushes at 5
// (BadPriority), apns-collapse-id at most 64 bytes (BadCollapseId) and
// apns-expiration a UNIX time (BadExpirationDate).
func checkHeaders(h http.Header, pushType string) string {
	if id := h.Get("apns-id"); id != "" && !canonicalUUID(id) {
		return "BadMessageId"
	}
	switch p := h.Get("apns-priority"); p {
	case "", "10", "5", "1":
		if pushType == "background" && p == "10" {
			return "BadPriority"
		}
	default:
		return "BadPriority"
	}
	if len(h.Get("apns-collapse-id")) > maxCollapseID {
		return "BadCollapseId"
	}
	if exp := h.Get("apns-expiration"); exp != "" {
		if _, err := strconv.ParseInt(exp, 10, 64); err != nil {
			return "BadExpirationDate"
		}
	}
	return ""
}

// checkPayload requires what Apple's Payload Key Reference requires: "The
// payload is a JSON dictionary object … The JSON dictionary object must
// contain an aps key, the value of which is a dictionary"
// (https://developer.apple.com/library/archive/documentation/NetworkingInternet/Conceptual/RemoteNotificationsPG/PayloadKeyReference.html,
// restated in https://developer.apple.com/documentation/usernotifications/generating-a-remote-notification).
// Apple's error table has one reason for the payload's content,
// PayloadEmpty ("The message payload was empty"), so every payload that
// carries no notification gets it: an empty body, a body that is not a
// JSON object, and an object without an aps dictionary. APNs has been seen
// to accept an aps-less payload and never show it
// (github.com/node-apn/node-apn/issues/344); the emulator refuses it so that
// a test cannot pass with a push no device would display. MDM pushes carry
// {"mdm": …} and no aps, so only they are spared the aps rule.
func checkPayload(body []byte, pushType string) string {
	var payload map[string]json.RawMessage
	if len(bytes.TrimSpace(body)) == 0 || json.Unmarshal(body, &payload) != nil || payload == nil {
		return "PayloadEmpty"
	}
	if pushType == "mdm" {
		return ""
	}
	var aps map[string]json.RawMessage
	if raw, ok := payload["aps"]; !ok || json.Unmarshal(raw, &aps) != nil || aps == nil {
		return "PayloadEmpty"
	}
	return ""
}

// canonicalUUID is the 8-4-4-4-12 hexadecimal form Apple asks of apns-id,
// in either case.
func canonicalUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range []byte(s) {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHexDigit(c) {
				return false
			}
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func validPushType(t string) bool {
	switch t {
	case "", "alert", "background", "location", "voip", "complication", "fileprovider", "mdm", "liveactivity", "pushtotalk":
		return true
	}
	return false
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}
