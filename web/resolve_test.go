package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/vendors/apns"
	"github.com/pushcheck/pushcheck/vendors/honor"
	"github.com/pushcheck/pushcheck/vendors/huawei"
	"github.com/pushcheck/pushcheck/vendors/meizu"
	"github.com/pushcheck/pushcheck/vendors/oppo"
	"github.com/pushcheck/pushcheck/vendors/vendortest"
	"github.com/pushcheck/pushcheck/vendors/vivo"
	"github.com/pushcheck/pushcheck/vendors/xiaomi"
)

// A production APNs certificate reaches a fake APNs through the real
// hostname when PUSHCHECK_RESOLVE pins it and SSL_CERT_FILE trusts the
// fake's CA: nothing in pushcheck knows it is not Apple.
func TestProductionCertificateThroughResolveAndSSLCertFile(t *testing.T) {
	ca := vendortest.NewCA(t)
	caFile := filepath.Join(t.TempDir(), "fake-ca.pem")
	if err := os.WriteFile(caFile, ca.PEM, 0o600); err != nil {
		t.Fatal(err)
	}
	// Go reads SSL_CERT_FILE when it first loads the system roots, which no
	// earlier test in this binary does.
	t.Setenv("SSL_CERT_FILE", caFile)
	fake := apns.NewEmulator()
	srv := vendortest.Server(t, ca, fake, true, "api.push.apple.com")

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	fake.AcceptKey("TEAM123456", "ABC123DEFG", "com.example.im", &key.PublicKey)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	p8 := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})

	// The six Android vendors' emulators behind one fake answering all
	// their production hostnames, each knowing the app's credentials.
	android, androidHosts := androidFakes()
	androidSrv := vendortest.Server(t, ca, android, false, androidHosts...)
	resolve := []string{"api.push.apple.com:443=" + srv.Listener.Addr().String()}
	for _, h := range androidHosts {
		resolve = append(resolve, h+":443="+androidSrv.Listener.Addr().String())
	}

	env := serverEnv(t, map[string]string{
		"PUSHCHECK_RESOLVE":        strings.Join(resolve, ","),
		"PUSHCHECK_ADMIN_EMAIL":    "root@example.com",
		"PUSHCHECK_ADMIN_PASSWORD": "a long passphrase",
	})
	cfg, err := loadConfig(nil, envOf(env), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	server, err := newServer(ctx, cfg, io.Discard, testLog{t})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- server.run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"token", "create", "--email", "root@example.com"}, envOf(env), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(out.String())
	call := func(method, path, bearer, body string) map[string]any {
		t.Helper()
		req, _ := http.NewRequest(method, server.URL()+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+bearer)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		b, _ := io.ReadAll(resp.Body)
		if err := json.Unmarshal(b, &m); err != nil || resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
		}
		return m
	}
	app := call(http.MethodPost, "/api/v1/apps", token, `{"name":"Prod IM"}`)
	appPath := "/api/v1/apps/" + jsonNumber(app["id"])
	cert := call(http.MethodPost, appPath+"/certificates", token, `{"vendor":"apns","name":"iOS production","environment":"production",
		"apns":{"bundle_id":"com.example.im","auth":"token","key_id":"ABC123DEFG","team_id":"TEAM123456","p8":"`+base64.StdEncoding.EncodeToString(p8)+`"}}`)
	call(http.MethodPut, "/api/v1/devices/iphone", app["api_key"].(string), `{"user_id":"alice","platform":"ios","vendor":"apns","environment":"production",
		"token":"`+strings.Repeat("4f2a", 16)+`","certificate_id":`+jsonNumber(cert["id"])+`}`)
	call(http.MethodPost, "/api/v1/devices/iphone/state", app["api_key"].(string), `{"state":"background"}`)
	push := call(http.MethodPost, appPath+"/pushes", token, `{"target":{"user_id":"alice"},"desc":"through the real hostname"}`)
	d := push["deliveries"].([]any)[0].(map[string]any)
	if d["status"] != "accepted" || d["vendor_message_id"] == "" || !strings.Contains(d["request"].(string), "https://api.push.apple.com/3/device/") {
		t.Fatalf("delivery: %v", d)
	}
	check := call(http.MethodPost, appPath+"/certificates/"+jsonNumber(cert["id"])+"/check", token, "")
	if check["ok"] != true {
		t.Fatalf("check: %v", check)
	}

	// Production certificates of the six Android vendors: each device of
	// bob gets its vendor's message ID, and each Test connection passes.
	for _, a := range androidCases() {
		c := call(http.MethodPost, appPath+"/certificates", token, `{"vendor":"`+a.vendor+`","name":"`+a.vendor+` production","environment":"production",`+a.credentials+`}`)
		call(http.MethodPut, "/api/v1/devices/bob-"+a.vendor, app["api_key"].(string), `{"user_id":"bob","platform":"android","vendor":"`+a.vendor+`",
			"token":"`+a.token+`","certificate_id":`+jsonNumber(c["id"])+`}`)
		call(http.MethodPost, "/api/v1/devices/bob-"+a.vendor+"/state", app["api_key"].(string), `{"state":"background"}`)
		if check := call(http.MethodPost, appPath+"/certificates/"+jsonNumber(c["id"])+"/check", token, ""); check["ok"] != true {
			t.Errorf("%s check: %v", a.vendor, check)
		}
	}
	push = call(http.MethodPost, appPath+"/pushes", token, `{"target":{"user_id":"bob"},"desc":"through the real hostnames"}`)
	for _, raw := range push["deliveries"].([]any) {
		d := raw.(map[string]any)
		if d["status"] != "accepted" || d["vendor_message_id"] == "" {
			t.Errorf("%s: %v", d["vendor"], d)
		}
	}
	if n := len(push["deliveries"].([]any)); n != 6 {
		t.Fatalf("%d deliveries to bob, want 6", n)
	}
}

type androidCase struct{ vendor, credentials, token string }

func androidCases() []androidCase {
	return []androidCase{
		{"huawei", `"huawei":{"app_id":"104123456","client_id":"104123456","client_secret":"hw-secret","badge_class":"com.example.im.MainActivity"}`, "IQAAAACy0-bob"},
		{"honor", `"honor":{"app_id":"104400001","client_id":"honor-client","client_secret":"honor-secret"}`, "honor-bob"},
		{"xiaomi", `"xiaomi":{"package_name":"com.example.im","app_secret":"mi-secret","region":"cn"}`, "mi-regid-bob"},
		{"oppo", `"oppo":{"app_key":"oppo-key","master_secret":"oppo-master","channel_id":"im","region":"cn"}`, "CN_oppo-bob"},
		{"vivo", `"vivo":{"app_id":"10004321","app_key":"vivo-key","app_secret":"vivo-secret"}`, "vivo-regid-bob"},
		{"meizu", `"meizu":{"app_id":"100999","app_secret":"mz-secret","region":"cn"}`, "meizu-pushid-bob"},
	}
}

// androidFakes routes each production hostname to its vendor's emulator,
// registered with the credentials of androidCases.
func androidFakes() (http.Handler, []string) {
	hw, ho, mi, op, vv, mz := huawei.NewEmulator(), honor.NewEmulator(), xiaomi.NewEmulator(), oppo.NewEmulator(), vivo.NewEmulator(), meizu.NewEmulator()
	hw.Register("104123456", "hw-secret")
	ho.Register("honor-client", "104400001", "honor-secret")
	mi.Register("com.example.im", "mi-secret")
	op.Register("oppo-key", "oppo-master")
	vv.Register("10004321", "vivo-key", "vivo-secret")
	mz.Register("100999", "mz-secret")
	byHost := map[string]http.Handler{
		"oauth-login.cloud.huawei.com": hw, "push-api.cloud.huawei.com": hw,
		"iam.developer.honor.com": ho, "push-api.cloud.honor.com": ho,
		"api.xmpush.xiaomi.com": mi, "api.push.oppomobile.com": op, "api-push.vivo.com.cn": vv, "server-api-push.meizu.com": mz,
	}
	hosts := make([]string, 0, len(byHost))
	for h := range byHost {
		hosts = append(hosts, h)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, ok := byHost[r.Host]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}), hosts
}

func jsonNumber(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
