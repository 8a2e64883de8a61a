package vendors_test

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// scoped answers only the paths under its prefix, as HarmonyOS NEXT's
// emulator does on the host it shares with Huawei's.
type scoped struct{ http.Handler }

func (scoped) PathPrefix() string { return "/v3/" }

func answering(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, name+" "+r.Host) })
}

// Two vendors' emulators on one hostname are told apart by path; a
// hostname no emulator serves gets 421; a vendor's TLS client
// certificates are asked for on its hostnames only.
func TestSandboxRoutesByHostAndPath(t *testing.T) {
	sandbox := vendors.NewSandboxWith(vendors.SandboxOptions{})
	t.Cleanup(func() { sandbox.Close() })
	const shared = "push-api.cloud.huawei.com"
	if _, err := sandbox.Start(models.VendorHuawei, answering("huawei"), false, "oauth-login.cloud.huawei.com", shared); err != nil {
		t.Fatal(err)
	}
	clients, err := sandbox.Start(models.VendorHarmony, scoped{answering("harmony")}, false, shared)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sandbox.Start(models.VendorAPNs, answering("apns"), true, "api.push.apple.com"); err != nil {
		t.Fatal(err)
	}
	client := clients.Client(nil)
	for path, want := range map[string]string{"/v3/1/messages:send": "harmony " + shared, "/v1/1/messages:send": "huawei " + shared} {
		resp, err := client.Post("https://"+shared+path, "application/json", nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body) // the body is the assertion
		resp.Body.Close()
		if string(b) != want {
			t.Errorf("%s: %q, want %q", path, b, want)
		}
	}
	set := sandbox.Settings()
	ca, err := sandbox.CA()
	if err != nil {
		t.Fatal(err)
	}
	// asked reports whether the handshake for name asked for a client
	// certificate.
	asked := func(name string) bool {
		t.Helper()
		var asked bool
		conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 2 * time.Second}, "tcp", set.Address, &tls.Config{ServerName: name, RootCAs: ca.Pool,
			GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
				asked = true
				return &tls.Certificate{}, nil
			}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		conn.Close()
		return asked
	}
	if !asked("api.push.apple.com") || asked(shared) {
		t.Error("client certificates are asked for on APNs' hostnames only")
	}
	// An unserved name gets a certificate that does not name it.
	if _, err := tls.Dial("tcp", set.Address, &tls.Config{ServerName: "push.example.com", RootCAs: ca.Pool}); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("an unserved hostname verified: %v", err)
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://"+set.Address+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "push.example.com"
	plain := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.Pool, ServerName: shared}}}
	resp, err := plain.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("a host no emulator serves: %d", resp.StatusCode)
	}
}

// The settings print the pins in each stack's own syntax.
func TestSandboxSettingsFormats(t *testing.T) {
	on443 := vendors.SandboxSettings{Address: "10.0.0.5:443", Hosts: []vendors.SandboxHost{{Vendor: models.VendorHuawei, Host: "push-api.cloud.huawei.com"}, {Vendor: models.VendorHarmony, Host: "push-api.cloud.huawei.com"}}}
	if got := on443.Resolve(); got != "push-api.cloud.huawei.com:443=10.0.0.5:443" {
		t.Errorf("resolve: %s", got)
	}
	if got := on443.CurlFlags(); len(got) != 1 || got[0] != "--resolve push-api.cloud.huawei.com:443:10.0.0.5" {
		t.Errorf("curl on 443: %v", got)
	}
	if got := on443.EtcHosts(); len(got) != 1 || got[0] != "10.0.0.5 push-api.cloud.huawei.com" {
		t.Errorf("/etc/hosts: %v", got)
	}
	on8443 := on443
	on8443.Address = "127.0.0.1:8443"
	if got := on8443.CurlFlags(); got[0] != "--connect-to push-api.cloud.huawei.com:443:127.0.0.1:8443" {
		t.Errorf("curl on 8443: %v", got)
	}
}

// A CA survives Encode and ParseCA; anything else is refused with a reason.
func TestSandboxCARoundTrip(t *testing.T) {
	ca, err := vendors.NewCA("test")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ca.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := vendors.ParseCA(b)
	if err != nil || string(back.PEM) != string(ca.PEM) {
		t.Fatalf("round trip: %v", err)
	}
	other, err := vendors.NewCA("other")
	if err != nil {
		t.Fatal(err)
	}
	otherKey, err := other.Encode()
	if err != nil {
		t.Fatal(err)
	}
	mixed := append(append([]byte{}, ca.PEM...), otherKey[len(other.PEM):]...)
	for name, file := range map[string][]byte{"empty": nil, "certificate only": ca.PEM, "another key": mixed} {
		if _, err := vendors.ParseCA(file); err == nil {
			t.Errorf("%s: taken", name)
		}
	}
}
