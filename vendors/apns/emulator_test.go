package apns

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

const (
	testTeam   = "TEAM123456"
	testKeyID  = "ABC123DEFG"
	testBundle = "com.example.im"
	alertBody  = `{"aps":{"alert":{"title":"Bob","body":"hi"}}}`
)

// rawAPNs is the emulator behind both of Apple's hostnames over TLS and
// HTTP/2, sent hand-made requests, so that each rule is tested with exactly
// the request it refuses.
type rawAPNs struct {
	em     *Emulator
	out    *vendors.ClientFactory
	client *http.Client
	key    *ecdsa.PrivateKey
}

func newRawAPNs(t *testing.T) *rawAPNs {
	t.Helper()
	ca := vendortest.NewCA(t)
	em := NewEmulator()
	hosts := []string{"api.push.apple.com", developmentHost}
	srv := vendortest.Server(t, ca, em, true, hosts...)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	em.AcceptKey(testTeam, testKeyID, testBundle, &key.PublicKey)
	out := vendortest.ClientFactory(srv, ca, hosts...)
	return &rawAPNs{em: em, out: out, client: out.Client(nil), key: key}
}

// signJWT signs header.claims with ES256 as Apple expects: the raw 64-byte
// r||s signature, base64url without padding.
func signJWT(t *testing.T, key *ecdsa.PrivateKey, header, claims map[string]any) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	signing := enc(header) + "." + enc(claims)
	digest := sha256.Sum256([]byte(signing))
	r, s, err := ecdsa.Sign(rand.Reader, key, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return signing + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func (f *rawAPNs) jwt(t *testing.T, iat time.Time) string {
	return signJWT(t, f.key, map[string]any{"alg": "ES256", "kid": testKeyID}, map[string]any{"iss": testTeam, "iat": iat.Unix()})
}

// send posts body to host with a valid alert request's headers, changed by
// edit, and returns the status, the reason and the response headers.
func (f *rawAPNs) send(t *testing.T, host, body string, edit func(http.Header)) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, "https://"+host+"/3/device/"+goodToken, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("authorization", "bearer "+f.jwt(t, time.Now()))
	req.Header.Set("apns-topic", testBundle)
	req.Header.Set("apns-push-type", "alert")
	if edit != nil {
		edit(req.Header)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var answer struct{ Reason string }
	if resp.StatusCode != http.StatusOK {
		if err := json.Unmarshal(raw, &answer); err != nil || answer.Reason == "" {
			t.Fatalf("HTTP %d with a body that is not APNs' {\"reason\"}: %s", resp.StatusCode, raw)
		}
	}
	return resp.StatusCode, answer.Reason, resp.Header
}

func set(kv ...string) func(http.Header) {
	return func(h http.Header) {
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				h.Del(kv[i])
			} else {
				h.Set(kv[i], kv[i+1])
			}
		}
	}
}

type apnsCase struct {
	name, body string
	edit       func(http.Header)
	status     int
	reason     string
}

func runAPNsCases(t *testing.T, f *rawAPNs, cases []apnsCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, reason, _ := f.send(t, "api.push.apple.com", tc.body, tc.edit)
			if status != tc.status || reason != tc.reason {
				t.Fatalf("got %d %q, want %d %q", status, reason, tc.status, tc.reason)
			}
		})
	}
}

func TestEmulatorChecksTheMessageID(t *testing.T) {
	f := newRawAPNs(t)
	runAPNsCases(t, f, []apnsCase{
		{"upper-case UUID", alertBody, set("apns-id", "123E4567-E89B-12D3-A456-426614174000"), 200, ""},
		{"lower-case UUID", alertBody, set("apns-id", "123e4567-e89b-12d3-a456-426614174000"), 200, ""},
		{"not a UUID", alertBody, set("apns-id", "delivery-42"), 400, "BadMessageId"},
		{"UUID without hyphens", alertBody, set("apns-id", "123e4567e89b12d3a456426614174000"), 400, "BadMessageId"},
		{"UUID in braces", alertBody, set("apns-id", "{123e4567-e89b-12d3-a456-426614174000}"), 400, "BadMessageId"},
		{"non-hex digit", alertBody, set("apns-id", "123e4567-e89b-12d3-a456-42661417400g"), 400, "BadMessageId"},
	})
	// A valid apns-id comes back as sent; an invalid one is replaced.
	id := "123e4567-e89b-12d3-a456-426614174000"
	if _, _, h := f.send(t, "api.push.apple.com", alertBody, set("apns-id", id)); h.Get("apns-id") != id {
		t.Fatalf("apns-id not echoed: %q", h.Get("apns-id"))
	}
	if _, _, h := f.send(t, "api.push.apple.com", alertBody, set("apns-id", "delivery-42")); !canonicalUUID(h.Get("apns-id")) {
		t.Fatalf("apns-id for a bad one: %q", h.Get("apns-id"))
	}
}

func TestEmulatorChecksTheTopicAgainstThePushType(t *testing.T) {
	voipBody := `{"aps":{},"call":"c1"}`
	runAPNsCases(t, newRawAPNs(t), []apnsCase{
		{"alert to the bundle ID", alertBody, nil, 200, ""},
		{"no push type to the bundle ID", alertBody, set("apns-push-type", ""), 200, ""},
		{"background to the bundle ID", `{"aps":{"content-available":1}}`, set("apns-push-type", "background", "apns-priority", "5"), 200, ""},
		{"voip to .voip", voipBody, set("apns-push-type", "voip", "apns-topic", testBundle+".voip"), 200, ""},
		{"complication to .complication", alertBody, set("apns-push-type", "complication", "apns-topic", testBundle+".complication"), 200, ""},
		{"fileprovider to .pushkit.fileprovider", `{"aps":{}}`, set("apns-push-type", "fileprovider", "apns-topic", testBundle+".pushkit.fileprovider"), 200, ""},
		{"liveactivity to .push-type.liveactivity", `{"aps":{"event":"update"}}`, set("apns-push-type", "liveactivity", "apns-topic", testBundle+".push-type.liveactivity"), 200, ""},
		{"location to .location-query", `{"aps":{}}`, set("apns-push-type", "location", "apns-topic", testBundle+".location-query"), 200, ""},
		{"pushtotalk to .voip-ptt", `{"aps":{}}`, set("apns-push-type", "pushtotalk", "apns-topic", testBundle+".voip-ptt"), 200, ""},
		{"voip to the plain bundle ID", voipBody, set("apns-push-type", "voip"), 400, "DeviceTokenNotForTopic"},
		{"alert to .voip", alertBody, set("apns-topic", testBundle+".voip"), 400, "DeviceTokenNotForTopic"},
		{"liveactivity to .voip", alertBody, set("apns-push-type", "liveactivity", "apns-topic", testBundle+".voip"), 400, "DeviceTokenNotForTopic"},
		{"complication to the bundle ID", alertBody, set("apns-push-type", "complication"), 400, "DeviceTokenNotForTopic"},
		{"unknown suffix", alertBody, set("apns-topic", testBundle+".widget"), 400, "TopicDisallowed"},
		{"another app", alertBody, set("apns-topic", "com.example.other"), 400, "TopicDisallowed"},
		{"a longer bundle ID with the same start", alertBody, set("apns-topic", testBundle+"poster"), 400, "TopicDisallowed"},
		{"not a bundle ID", alertBody, set("apns-topic", "com.example im"), 400, "BadTopic"},
		{"no topic with a provider token", alertBody, set("apns-topic", ""), 400, "MissingTopic"},
		{"topic sent twice", alertBody, func(h http.Header) { h.Add("apns-topic", testBundle) }, 400, "DuplicateHeaders"},
		{"unknown push type", alertBody, set("apns-push-type", "banana"), 400, "InvalidPushType"},
		{"background at priority 10", `{"aps":{"content-available":1}}`, set("apns-push-type", "background", "apns-priority", "10"), 400, "BadPriority"},
	})
}

func TestEmulatorChecksThePayload(t *testing.T) {
	runAPNsCases(t, newRawAPNs(t), []apnsCase{
		{"empty", "", nil, 400, "PayloadEmpty"},
		{"whitespace", "  \n", nil, 400, "PayloadEmpty"},
		{"not JSON", `{aps:`, nil, 400, "PayloadEmpty"},
		{"JSON null", `null`, nil, 400, "PayloadEmpty"},
		{"an array", `[{"aps":{}}]`, nil, 400, "PayloadEmpty"},
		{"a string", `"hello"`, nil, 400, "PayloadEmpty"},
		{"no aps", `{"alert":"hello"}`, nil, 400, "PayloadEmpty"},
		{"aps not a dictionary", `{"aps":"hello"}`, nil, 400, "PayloadEmpty"},
		{"aps null", `{"aps":null}`, nil, 400, "PayloadEmpty"},
		{"custom keys beside aps", `{"aps":{"alert":"hi"},"ext":"{}"}`, nil, 200, ""},
		{"mdm without aps", `{"mdm":"00000000-1111-2222-3333-444444444444"}`, set("apns-push-type", "mdm"), 200, ""},
		{"4096 bytes", padded(4096), nil, 200, ""},
		{"4097 bytes", padded(4097), nil, 413, "PayloadTooLarge"},
		{"5120 bytes of VoIP", padded(5120), set("apns-push-type", "voip", "apns-topic", testBundle+".voip"), 200, ""},
		{"5121 bytes of VoIP", padded(5121), set("apns-push-type", "voip", "apns-topic", testBundle+".voip"), 413, "PayloadTooLarge"},
	})
}

// padded is an alert payload of exactly n bytes.
func padded(n int) string {
	const head, tail = `{"aps":{"alert":"`, `"}}`
	return head + strings.Repeat("x", n-len(head)-len(tail)) + tail
}

func TestEmulatorChecksTheProviderToken(t *testing.T) {
	f := newRawAPNs(t)
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Now()
	header := map[string]any{"alg": "ES256", "kid": testKeyID}
	claims := map[string]any{"iss": testTeam, "iat": now.Unix()}
	with := func(m map[string]any, k string, v any) map[string]any {
		out := map[string]any{}
		for mk, mv := range m {
			out[mk] = mv
		}
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
		return out
	}
	auth := func(v string) func(http.Header) { return set("authorization", v) }
	runAPNsCases(t, f, []apnsCase{
		{"lower-case bearer", alertBody, nil, 200, ""},
		{"Bearer", alertBody, auth("Bearer " + f.jwt(t, now)), 200, ""},
		{"BEARER", alertBody, auth("BEARER " + f.jwt(t, now)), 200, ""},
		{"no authorization", alertBody, auth(""), 403, "MissingProviderToken"},
		{"scheme without a token", alertBody, auth("bearer"), 403, "MissingProviderToken"},
		{"Basic scheme", alertBody, auth("Basic " + f.jwt(t, now)), 403, "InvalidProviderToken"},
		{"no scheme", alertBody, auth(f.jwt(t, now)), 403, "InvalidProviderToken"},
		{"not a JWT", alertBody, auth("bearer not-a-jwt"), 403, "InvalidProviderToken"},
		{"alg HS256", alertBody, auth("bearer " + signJWT(t, f.key, with(header, "alg", "HS256"), claims)), 403, "InvalidProviderToken"},
		{"alg ES384", alertBody, auth("bearer " + signJWT(t, f.key, with(header, "alg", "ES384"), claims)), 403, "InvalidProviderToken"},
		{"no kid", alertBody, auth("bearer " + signJWT(t, f.key, with(header, "kid", nil), claims)), 403, "InvalidProviderToken"},
		{"unknown kid", alertBody, auth("bearer " + signJWT(t, f.key, with(header, "kid", "ZZZ999ZZZZ"), claims)), 403, "InvalidProviderToken"},
		{"no iss", alertBody, auth("bearer " + signJWT(t, f.key, header, with(claims, "iss", nil))), 403, "InvalidProviderToken"},
		{"another team", alertBody, auth("bearer " + signJWT(t, f.key, header, with(claims, "iss", "TEAM999999"))), 403, "InvalidProviderToken"},
		{"no iat", alertBody, auth("bearer " + signJWT(t, f.key, header, with(claims, "iat", nil))), 403, "InvalidProviderToken"},
		{"iat as a string", alertBody, auth("bearer " + signJWT(t, f.key, header, with(claims, "iat", "1700000000"))), 403, "InvalidProviderToken"},
		{"signed by another key", alertBody, auth("bearer " + signJWT(t, other, header, claims)), 403, "InvalidProviderToken"},
		{"iat 30 s ahead (clock skew)", alertBody, auth("bearer " + f.jwt(t, now.Add(30*time.Second))), 200, ""},
		{"iat 10 min in the future", alertBody, auth("bearer " + f.jwt(t, now.Add(10*time.Minute))), 403, "InvalidProviderToken"},
		{"iat 59 min old", alertBody, auth("bearer " + f.jwt(t, now.Add(-59*time.Minute))), 200, ""},
		{"iat 61 min old", alertBody, auth("bearer " + f.jwt(t, now.Add(-61*time.Minute))), 403, "ExpiredProviderToken"},
	})
}

func TestEmulatorWithACertificate(t *testing.T) {
	f := newRawAPNs(t)
	key, cert := pushCertificate(t, testBundle, false, true, time.Now().Add(300*24*time.Hour))
	f.em.AcceptCertificate(cert, testBundle)
	tlsConfig := f.out.TLSConfig()
	tlsConfig.Certificates = []tls.Certificate{{Certificate: [][]byte{cert.Raw}, PrivateKey: key, Leaf: cert}}
	f.client = f.out.Client(tlsConfig)
	runAPNsCases(t, f, []apnsCase{
		// "the APNs server uses the certificate's Subject as the default topic"
		{"no topic", alertBody, set("apns-topic", "", "authorization", ""), 200, ""},
		// "When the provider certificate is used …, this request header is ignored."
		{"a stray authorization header", alertBody, set("authorization", "bearer junk"), 200, ""},
		// A certificate without Apple's topics extension pushes to its
		// subject's topic only: not to the VoIP topic.
		{"voip to .voip", `{"aps":{}}`, set("authorization", "", "apns-push-type", "voip", "apns-topic", testBundle+".voip"), 400, "TopicDisallowed"},
		{"voip without a topic", `{"aps":{}}`, set("authorization", "", "apns-push-type", "voip", "apns-topic", ""), 400, "DeviceTokenNotForTopic"},
		{"another app", alertBody, set("authorization", "", "apns-topic", "com.example.other"), 400, "TopicDisallowed"},
	})
}

// A certificate with the VoIP service names the VoIP topic in its topics
// extension: it may push calls there, and must name the topic it pushes
// to, since it has several.
func TestEmulatorWithAVoIPCertificate(t *testing.T) {
	f := newRawAPNs(t)
	key, cert := pushCertificate(t, testBundle, false, true, time.Now().Add(300*24*time.Hour), testBundle, testBundle+".voip")
	f.em.AcceptCertificate(cert, testBundle)
	tlsConfig := f.out.TLSConfig()
	tlsConfig.Certificates = []tls.Certificate{{Certificate: [][]byte{cert.Raw}, PrivateKey: key, Leaf: cert}}
	f.client = f.out.Client(tlsConfig)
	runAPNsCases(t, f, []apnsCase{
		{"alert to the bundle ID", alertBody, set("authorization", ""), 200, ""},
		{"voip to .voip", `{"aps":{}}`, set("authorization", "", "apns-push-type", "voip", "apns-topic", testBundle+".voip"), 200, ""},
		{"alert to .voip", alertBody, set("authorization", "", "apns-topic", testBundle+".voip"), 400, "DeviceTokenNotForTopic"},
		{"voip to the bundle ID", `{"aps":{}}`, set("authorization", "", "apns-push-type", "voip"), 400, "DeviceTokenNotForTopic"},
		{"complication it was not made for", alertBody, set("authorization", "", "apns-push-type", "complication", "apns-topic", testBundle+".complication"), 400, "TopicDisallowed"},
		{"no topic on a certificate of several", alertBody, set("authorization", "", "apns-topic", ""), 400, "MissingTopic"},
	})
}

func TestOnlyTheDevelopmentHostSendsAUniqueID(t *testing.T) {
	f := newRawAPNs(t)
	for host, want := range map[string]bool{developmentHost: true, "api.push.apple.com": false} {
		status, _, h := f.send(t, host, alertBody, nil)
		if got := h.Get("apns-unique-id"); status != 200 || (got != "") != want || (want && !canonicalUUID(got)) {
			t.Errorf("%s: HTTP %d, apns-unique-id %q", host, status, got)
		}
	}
}

// pushcheck's own client (apns2) must pass every rule for every push type
// it offers.
func TestTheClientPassesTheRulesForEveryPushType(t *testing.T) {
	ch, em := fakeAPNs(t, 5*time.Second)
	c, secrets := tokenCertificate(t, em, true)
	for _, pt := range []string{"", "alert", "background", "voip", "complication", "fileprovider", "liveactivity", "location", "pushtotalk"} {
		r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d", APNs: vendors.APNsOptions{PushType: pt}}, goodToken)
		if r.Outcome != vendors.Accepted {
			t.Errorf("push type %q: %+v", pt, r)
		}
	}
}
