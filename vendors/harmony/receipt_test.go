package harmony

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// v2Receipt is a V2 receipt as Huawei's receipt API page shows it.
func v2Receipt(result int, biTag string) string {
	return `{"statuses":[{"biTag":"` + biTag + `","pushType":0,"appPackageName":"com.example.im","token":"MsDZmCSyuS+Gd-token","requestId":"169802171701",` +
		`"deliveryStatus":{"result":` + strconv.Itoa(result) + `,"timestamp":1697741455082}}]}`
}

func TestReadReceiptsExplainsEveryResult(t *testing.T) {
	for _, code := range []int{0, 2, 5, 6, 10, 14, 15, 22, 27, 31, 51, 102, 144, 151, 155, 156, 158, 188, 191, 256, 259, 261, 262, 264, 265, 268, 269} {
		rs, err := readReceipts([]byte(v2Receipt(code, "dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa")))
		if err != nil || len(rs) != 1 {
			t.Fatalf("%d: %v %v", code, err, rs)
		}
		r := rs[0]
		if _, known := resultCodes()[code]; !known || r.Code != strconv.Itoa(code) || r.DeliveryID != "dlv_7kq2m4xz9p3hr6tb5nwc8jdyfa" || r.MessageID != "169802171701" ||
			r.Token != "MsDZmCSyuS+Gd-token" || r.At.UnixMilli() != 1697741455082 || r.Explanation == "" || strings.Contains(r.Explanation, "not in Huawei's") {
			t.Errorf("%d: %+v", code, r)
		}
		if dead := code == 2 || code == 5; r.TokenDead != dead {
			t.Errorf("%d: token dead %v", code, r.TokenDead)
		}
		want := models.StageUndelivered
		switch code {
		case 0:
			want = models.StageDelivered
		case 27:
			want = models.StageNote
		}
		if r.Stage != want {
			t.Errorf("%d: stage %s, want %s", code, r.Stage, want)
		}
	}
	if rs, _ := readReceipts([]byte(v2Receipt(256, "d"))); !strings.Contains(rs[0].Explanation, "MARKETING") || !strings.Contains(rs[0].Explanation, "2 a day") {
		t.Errorf("256 does not name the marketing cap: %s", rs[0].Explanation)
	}
	// An undocumented result, a widget's formStatus, an empty biTag.
	rs, err := readReceipts([]byte(`{"statuses":[{"token":"t","pushType":0,"biTag":"","requestId":"r","deliveryStatus":{"result":999,"timestamp":1}},` +
		`{"token":"t2","pushType":1,"biTag":"b","requestId":"r","formStatus":{"formId":10086,"result":151,"timestamp":2}}]}`))
	if err != nil || len(rs) != 2 || rs[0].Stage != models.StageUndelivered || !strings.Contains(rs[0].Explanation, "999") || rs[1].Code != "151" || rs[1].DeliveryID != "b" {
		t.Fatalf("%v %+v", err, rs)
	}
	// A V1 receipt (status, not deliveryStatus) is not what v3 sends.
	for _, body := range []string{`{"statuses":[{"biTag":"b","token":"t","status":0,"timestamp":1}]}`, `{"nope":1}`, `not json`} {
		if _, err := readReceipts([]byte(body)); models.ErrorCode(err) != models.CodeInvalid {
			t.Errorf("%s: %v", body, err)
		}
	}
}

func TestReceiptSignatureTakesNewAndOldSecrets(t *testing.T) {
	const user = "pushcheck"
	secret := base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))
	ts := strconv.FormatInt(time.Now().UnixMilli(), 10)
	cert := models.Certificate{Vendor: models.VendorHarmony, Settings: models.CertificateSettings{CallbackUser: user}}
	body := []byte(v2Receipt(0, "b"))
	for _, tc := range []struct {
		name, secret, header string
		ok                   bool
	}{
		// New configurations sign with the Base64-decoded secret, old
		// ones with the secret's own bytes (push-msg-receipt).
		{"new configuration", secret, vendors.HMSCallbackID("0123456789abcdef0123456789abcdef", ts, "n1", user), true},
		{"old configuration", secret, vendors.HMSCallbackID(secret, ts, "n2", user), true},
		{"a secret that is not Base64", "my secret!", vendors.HMSCallbackID("my secret!", ts, "n3", user), true},
		{"another user", secret, vendors.HMSCallbackID("0123456789abcdef0123456789abcdef", ts, "n4", "someone"), false},
		{"another key", secret, vendors.HMSCallbackID("nope", ts, "n5", user), false},
		{"unsigned", secret, "", false},
		{"an hour old", secret, vendors.HMSCallbackID("0123456789abcdef0123456789abcdef", strconv.FormatInt(time.Now().Add(-time.Hour).UnixMilli(), 10), "n6", user), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/receipts/harmony/1/s", nil)
			if tc.header != "" {
				r.Header.Set(vendors.HMSCallbackHeader, tc.header)
			}
			s := models.CertificateSecrets{CallbackKey: tc.secret}
			rs, err := new(Channel).ReadReceipts(r, body, cert, s)
			if tc.ok != (err == nil) || (!tc.ok && models.ErrorCode(err) != models.CodeUnauthenticated) || (tc.ok && len(rs) != 1) {
				t.Fatalf("%v %v", err, rs)
			}
			if tc.ok && new(Channel).ReceiptNonce(r, s) == "" {
				t.Fatal("no nonce remembered for a signed receipt")
			}
		})
	}
	if ct, reply := new(Channel).ReceiptReply(); ct != "application/json" || string(reply) != `{"code":"0","message":"success"}` {
		t.Fatalf("reply %s %s", ct, reply)
	}
}

// The sandbox's receipts: a V2 batch signed with the certificate's key,
// which the channel reads back and matches by biTag; the third MARKETING
// message of the day to a device is dropped by the cap (256).
func TestEmulatorSendsV2ReceiptsAndCapsMarketing(t *testing.T) {
	var mu sync.Mutex
	var got []*http.Request
	var bodies [][]byte
	console := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, bodies = append(got, r), append(bodies, b)
		mu.Unlock()
	}))
	t.Cleanup(console.Close)
	sandbox, err := vendors.NewSandbox(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sandbox.Close() })
	sandbox.SendReceiptsTo(console.URL, nil, 0)
	ch := New(vendors.NewClientFactory(vendors.ClientConfig{}), sandbox)
	key := newKey(t)
	c := testCert(10020)
	c.Environment, c.ReceiptSecret, c.Settings.Category, c.Settings.CallbackUser = models.CertSandbox, "rs3cret", "MARKETING", "pushcheck"
	secrets := models.CertificateSecrets{ServiceAccountJSON: keyFile(t, key), CallbackKey: base64.StdEncoding.EncodeToString([]byte("k3y-k3y-k3y"))}
	for i := 0; i < 3; i++ {
		if r := ch.Send(context.Background(), c, secrets, vendors.Message{Title: "t", Desc: "d", DeliveryID: "dlv-" + strconv.Itoa(i)}, sentToken); r.Outcome != vendors.Accepted {
			t.Fatalf("send %d: %+v", i, r)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n := len(bodies)
		mu.Unlock()
		if n == 3 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(bodies) != 3 {
		t.Fatalf("%d receipts, want 3", len(bodies))
	}
	results := map[string]string{}
	for i, b := range bodies {
		if got[i].URL.Path != "/receipts/harmony/10020/rs3cret" {
			t.Fatalf("receipt posted to %s", got[i].URL.Path)
		}
		rs, err := new(Channel).ReadReceipts(got[i], b, c, secrets)
		if err != nil || len(rs) != 1 || rs[0].Token != sentToken {
			t.Fatalf("the emulator's receipt does not read back: %v %s", err, b)
		}
		results[rs[0].DeliveryID] = rs[0].Code
	}
	if results["dlv-0"] != "0" || results["dlv-1"] != "0" || results["dlv-2"] != "256" {
		t.Fatalf("results by delivery: %v", results)
	}
}
