package fcm

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/vendors/vendortest"
)

const sendURL = "https://fcm.googleapis.com/v1/projects/demo-im/messages:send"

// rawFCM is the emulator behind Google's hostnames over TLS, sent
// hand-made requests, so that each rule is tested with exactly the request
// it refuses.
type rawFCM struct {
	client *http.Client
	sa     serviceAccount
	key    *rsa.PrivateKey
}

func newRawFCM(t *testing.T) *rawFCM {
	t.Helper()
	hosts := []string{"fcm.googleapis.com", "oauth2.googleapis.com"}
	em := NewEmulator()
	sa, err := parseServiceAccount(serviceAccountJSON(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := em.AcceptServiceAccount(sa); err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode([]byte(sa.PrivateKey))
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return &rawFCM{client: vendortest.Fake(t, em, hosts...).Client(nil), sa: sa, key: key.(*rsa.PrivateKey)}
}

// assertion signs header.claims with RS256, as a service account does.
func assertion(t *testing.T, key *rsa.PrivateKey, header, claims map[string]any) string {
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
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	return signing + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func (f *rawFCM) goodClaims(now time.Time) map[string]any {
	return map[string]any{"iss": f.sa.ClientEmail, "scope": scope, "aud": googleTokenURI, "iat": now.Unix() - 10, "exp": now.Unix() - 10 + 3600}
}

// exchange posts the grant to the token endpoint and returns the status
// and the OAuth answer.
func (f *rawFCM) exchange(t *testing.T, grantType, jwt string) (int, map[string]any) {
	t.Helper()
	resp, err := f.client.PostForm(googleTokenURI, url.Values{"grant_type": {grantType}, "assertion": {jwt}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func (f *rawFCM) accessToken(t *testing.T) string {
	t.Helper()
	status, body := f.exchange(t, "urn:ietf:params:oauth:grant-type:jwt-bearer",
		assertion(t, f.key, map[string]any{"alg": "RS256", "typ": "JWT", "kid": f.sa.PrivateKeyID}, f.goodClaims(time.Now())))
	if status != 200 || body["access_token"] == nil {
		t.Fatalf("token exchange: %d %v", status, body)
	}
	return body["access_token"].(string)
}

func TestTokenEndpointChecksTheAssertion(t *testing.T) {
	f := newRawFCM(t)
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	now := time.Now()
	header := map[string]any{"alg": "RS256", "typ": "JWT", "kid": f.sa.PrivateKeyID}
	change := func(m map[string]any, kv ...any) map[string]any {
		out := map[string]any{}
		for k, v := range m {
			out[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(out, kv[i].(string))
			} else {
				out[kv[i].(string)] = kv[i+1]
			}
		}
		return out
	}
	good := f.goodClaims(now)
	iat := now.Unix() - 10
	const grant = "urn:ietf:params:oauth:grant-type:jwt-bearer"
	cases := []struct {
		name, grant, jwt     string
		status               int
		errorCode, errorDesc string
	}{
		{"valid", grant, assertion(t, f.key, header, good), 200, "", ""},
		{"no kid (Google's own example header)", grant, assertion(t, f.key, change(header, "kid", nil), good), 200, "", ""},
		{"lifetime of exactly an hour", grant, assertion(t, f.key, header, change(good, "exp", iat+3600)), 200, "", ""},
		{"kid of another key", grant, assertion(t, f.key, change(header, "kid", "0123456789abcdef"), good), 400, "invalid_grant", grantBadSignature},
		{"signed by another key", grant, assertion(t, other, header, good), 400, "invalid_grant", grantBadSignature},
		{"alg RS512", grant, assertion(t, f.key, change(header, "alg", "RS512"), good), 400, "invalid_grant", grantBadSignature},
		{"unknown account", grant, assertion(t, f.key, header, change(good, "iss", "ghost@demo-im.iam.gserviceaccount.com")), 400, "invalid_grant", grantAccountNotFound},
		{"aud with a trailing slash", grant, assertion(t, f.key, header, change(good, "aud", googleTokenURI+"/")), 400, "invalid_grant", grantBadAudience},
		{"aud of the old endpoint", grant, assertion(t, f.key, header, change(good, "aud", "https://www.googleapis.com/oauth2/v4/token")), 400, "invalid_grant", grantBadAudience},
		{"aud of the FCM API", grant, assertion(t, f.key, header, change(good, "aud", "https://fcm.googleapis.com/")), 400, "invalid_grant", grantBadAudience},
		{"no aud", grant, assertion(t, f.key, header, change(good, "aud", nil)), 400, "invalid_grant", grantBadAudience},
		{"lifetime of an hour and a second", grant, assertion(t, f.key, header, change(good, "exp", iat+3601)), 400, "invalid_grant", grantBadTimes},
		{"a day's lifetime", grant, assertion(t, f.key, header, change(good, "exp", iat+86400)), 400, "invalid_grant", grantBadTimes},
		{"iat in the future", grant, assertion(t, f.key, header, change(good, "iat", now.Unix()+60, "exp", now.Unix()+600)), 400, "invalid_grant", grantBadTimes},
		{"expired", grant, assertion(t, f.key, header, change(good, "iat", now.Unix()-7200, "exp", now.Unix()-3600)), 400, "invalid_grant", grantBadTimes},
		{"exp before iat", grant, assertion(t, f.key, header, change(good, "exp", iat-1)), 400, "invalid_grant", grantBadTimes},
		{"no iat", grant, assertion(t, f.key, header, change(good, "iat", nil)), 400, "invalid_grant", grantBadTimes},
		{"no exp", grant, assertion(t, f.key, header, change(good, "exp", nil)), 400, "invalid_grant", grantBadTimes},
		{"no FCM scope", grant, assertion(t, f.key, header, change(good, "scope", "https://www.googleapis.com/auth/devstorage.read_only")), 400, "invalid_scope", ""},
		{"not a JWT", grant, "abc", 400, "invalid_grant", ""},
		{"client_credentials grant", "client_credentials", assertion(t, f.key, header, good), 400, "unsupported_grant_type", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := f.exchange(t, tc.grant, tc.jwt)
			if status != tc.status {
				t.Fatalf("HTTP %d %v", status, body)
			}
			if tc.status == 200 {
				if body["access_token"] == "" || body["token_type"] != "Bearer" {
					t.Fatalf("answer: %v", body)
				}
				return
			}
			if body["error"] != tc.errorCode || (tc.errorDesc != "" && body["error_description"] != tc.errorDesc) || body["error_description"] == "" {
				t.Fatalf("answer: %v", body)
			}
		})
	}
}

// googleAnswer is the part of Google's error body the tests read.
type googleAnswer struct {
	Error struct {
		Code    int
		Message string
		Status  string
		Details []struct {
			Type            string `json:"@type"`
			ErrorCode       string
			FieldViolations []struct{ Field, Description string }
		}
	}
}

func (f *rawFCM) sendRaw(t *testing.T, access, body string) (int, googleAnswer) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, sendURL, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+access)
	req.Header.Set("Content-Type", "application/json")
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var answer googleAnswer
	if resp.StatusCode != 200 {
		if err := json.Unmarshal(raw, &answer); err != nil {
			t.Fatalf("HTTP %d: %s", resp.StatusCode, raw)
		}
	}
	return resp.StatusCode, answer
}
