package handlers_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// fcmKeyFile is a Firebase service-account key with a fresh RSA key.
func fcmKeyFile(t *testing.T) []byte {
	t.Helper()
	raw, _ := json.Marshal(map[string]string{"type": "service_account", "project_id": "demo-project", "private_key_id": "fcm-key-id-secret-value",
		"private_key": rsaKeyPEM(t), "client_email": "push@demo-project.iam.gserviceaccount.com"})
	return raw
}

// clientConfigSetup creates a certificate of every vendor through the API,
// each with secrets of known text and the client values a finished setup
// has, and returns the secrets.
func clientConfigSetup(t *testing.T, e *env, admin string) []string {
	t.Helper()
	b64 := base64.StdEncoding.EncodeToString
	p8, fcm, harmony := p8PEM(t), fcmKeyFile(t), harmonyKeyFile(t)
	bodies := []string{
		`{"vendor":"apns","name":"iOS prod","environment":"production","apns":{"bundle_id":"com.example.im","auth":"token","key_id":"ABC123DEFG","team_id":"TEAM123456","p8":"` + b64(p8) + `"}}`,
		`{"vendor":"fcm","name":"FCM","environment":"production","fcm":{"service_account_json":"` + b64(fcm) + `"}}`,
		`{"vendor":"huawei","name":"Huawei","environment":"production","huawei":{"app_id":"104000001","client_id":"104000001","client_secret":"hw-client-secret-value","callback_user":"cb","callback_key":"hw-callback-secret-value"}}`,
		`{"vendor":"honor","name":"Honor","environment":"production","honor":{"app_id":"104000002","client_id":"honor-client","client_secret":"honor-client-secret-value"}}`,
		`{"vendor":"xiaomi","name":"Mi","environment":"production","xiaomi":{"package_name":"com.example.im","app_secret":"mi-app-secret-value","client_app_id":"2882303761520000001","client_app_key":"5102000000001"}}`,
		`{"vendor":"oppo","name":"OPPO","environment":"production","oppo":{"app_key":"oppoAppKey","master_secret":"oppo-master-secret-value","channel_id":"im","client_app_secret":"oppoClientAppSecret"}}`,
		`{"vendor":"vivo","name":"vivo","environment":"production","vivo":{"app_id":"104000003","app_key":"vivoAppKey","app_secret":"vivo-app-secret-value"}}`,
		`{"vendor":"meizu","name":"Meizu","environment":"production","meizu":{"app_id":"104000004","app_secret":"meizu-app-secret-value","client_app_key":"meizuClientAppKey"}}`,
		`{"vendor":"harmony","name":"HarmonyOS NEXT","environment":"production","harmony":{"service_account_json":"` + b64(harmony) + `","category":"IM","categories":["IM"],"callback_user":"cb","callback_key":"harmony-callback-secret-value","client_id":"111222333"}}`,
	}
	for _, body := range bodies {
		if r := e.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/certificates", e.app.ID), admin, body); r.status != http.StatusCreated {
			t.Fatalf("%d %s", r.status, r.body)
		}
	}
	secrets := []string{"secret-value", "PRIVATE KEY", "fcm-key-id-secret-value"}
	keys := []string{string(p8)}
	for _, file := range [][]byte{fcm, harmony} {
		var sa struct {
			PrivateKey string `json:"private_key"`
		}
		if err := json.Unmarshal(file, &sa); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, sa.PrivateKey)
	}
	for _, k := range keys {
		// A line from the middle of each key's base64, as it would leak.
		secrets = append(secrets, strings.Split(k, "\n")[2][:40])
	}
	certs, err := e.store.CertificatesOfApp(context.Background(), e.app.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range certs {
		secrets = append(secrets, c.SealedSecrets)
	}
	return secrets
}

// No server secret appears in any snippet, page or API answer of the
// client config, while the client values do.
func TestClientConfigShowsNoSecret(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	viewerOp, viewer := e.operator("viewer@example.com", models.RoleViewer)
	secrets := clientConfigSetup(t, e, admin)
	b := e.browser()
	b.signIn(viewerOp.Email, password)
	var everything strings.Builder
	for _, platform := range []string{"android", "ios", "flutter", "harmony"} {
		api := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/client-config?platform=%s", e.app.ID, platform), viewer, "")
		if api.status != http.StatusOK {
			t.Fatalf("%s: %d %s", platform, api.status, api.body)
		}
		var got struct {
			Platform string `json:"platform"`
			Snippets []struct{ ID, Text string }
			Missing  []any `json:"missing"`
		}
		api.decode(t, &got)
		if got.Platform != platform || len(got.Snippets) < 2 || got.Missing == nil {
			t.Fatalf("%s: %s", platform, api.body)
		}
		everything.WriteString(api.body)
		for _, s := range got.Snippets {
			text := e.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/client-config?platform=%s&snippet=%s", e.app.ID, platform, s.ID), viewer, "")
			if text.status != http.StatusOK || text.body != s.Text || !strings.HasPrefix(text.header.Get("Content-Type"), "text/plain") {
				t.Fatalf("snippet %s as text: %d %s", s.ID, text.status, text.header.Get("Content-Type"))
			}
		}
		page := b.get(fmt.Sprintf("/apps/%d/client-config?platform=%s", e.app.ID, platform))
		if page.status != http.StatusOK {
			t.Fatalf("%s page: %d", platform, page.status)
		}
		everything.WriteString(html.UnescapeString(page.body))
	}
	all := everything.String()
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Errorf("the client config shows the secret %q", s)
		}
	}
	for _, want := range []string{"const val OPPO_PUSH_APPSECRET = \"oppoClientAppSecret\"", "oppo_app_secret: \"oppoClientAppSecret\"",
		"XM_PUSH_APPKEY = \"5102000000001\"", "mz_app_key: \"meizuClientAppKey\"", `\"value\": \"111222333\"`, "HARMONY_CERTIFICATE_ID: number = 10009;"} {
		if !strings.Contains(all, want) {
			t.Errorf("the client config lacks %s", want)
		}
	}
}

func TestClientConfigAPIAndPage(t *testing.T) {
	e := newEnv(t)
	adminOp, admin := e.operator("admin@example.com", models.RoleAdmin)
	_, viewer := e.operator("viewer@example.com", models.RoleViewer)
	path := fmt.Sprintf("/api/v1/apps/%d/client-config", e.app.ID)

	// An app without certificates gets placeholders and a list of what to add.
	r := e.api(http.MethodGet, path+"?platform=ios", viewer, "")
	if r.status != 200 || !strings.Contains(r.body, "an APNs development certificate") || !strings.Contains(r.body, "certificateID: Int64 = 0") {
		t.Fatalf("empty app: %d %s", r.status, r.body)
	}
	for query, field := range map[string]string{"?platform=web": "platform", "?platform=android&snippet=ios-swift": "snippet"} {
		r := e.api(http.MethodGet, path+query, viewer, "")
		if code, f := r.apiError(t); r.status != 400 || code != "invalid_argument" || f != field {
			t.Errorf("%s: %d %s", query, r.status, r.body)
		}
	}
	if r := e.api(http.MethodGet, path, "", ""); r.status != http.StatusUnauthorized {
		t.Fatalf("without a token: %d", r.status)
	}
	if r := e.api(http.MethodGet, path, viewer, ""); r.status != 200 || !strings.Contains(r.body, `"platform":"android"`) {
		t.Fatalf("default platform: %d %s", r.status, r.body)
	}

	clientConfigSetup(t, e, admin)
	b := e.browser()
	b.signIn(adminOp.Email, password)
	certs := b.get(fmt.Sprintf("/apps/%d/certificates", e.app.ID))
	link := fmt.Sprintf(`href="/apps/%d/client-config"`, e.app.ID)
	if !strings.Contains(certs.body, `id="client-config-link" `+link) || strings.Count(certs.body, link) < 2 {
		t.Fatalf("the Certificates page and the nav do not link to the client config")
	}
	page := b.get(fmt.Sprintf("/apps/%d/client-config?platform=flutter", e.app.ID))
	for _, want := range []string{`aria-current="page">Flutter</a>`, `id="snippet-flutter-dart"`, `id="snippet-flutter-manifest"`, `class="copy" data-copy="`,
		"  mi_buz_id: 10005,", `aria-label="Copy Dart PushAppInfo"`} {
		if !strings.Contains(html.UnescapeString(page.body), want) {
			t.Errorf("Flutter tab lacks %s", want)
		}
	}
	// The one thing this setup lacks is a development APNs certificate
	// for debug builds.
	_, missing, _ := strings.Cut(page.body, `id="client-config-missing"`)
	missing, _, _ = strings.Cut(missing, "</ul>")
	if strings.Count(missing, "<li>") != 1 || !strings.Contains(missing, "an APNs development certificate") || !strings.Contains(missing, "certificates/new?vendor=apns") {
		t.Errorf("the TODO list: %s", missing)
	}
	if r := b.get(fmt.Sprintf("/apps/%d/client-config?platform=symbian", e.app.ID)); r.status != 400 || !strings.Contains(r.body, "platform is android, ios, flutter or harmony") {
		t.Fatalf("unknown platform page: %d", r.status)
	}
}

// A client value may not be the certificate's server secret, even the
// stored one an update leaves out (TestCertificateAPIFieldErrorsAndKeptSecrets
// has the other checks).
func TestClientValuesAreCheckedAgainstTheSecrets(t *testing.T) {
	e := newEnv(t)
	adminOp, admin := e.operator("admin@example.com", models.RoleAdmin)
	path := fmt.Sprintf("/api/v1/apps/%d/certificates", e.app.ID)
	// On an update without the secret, the stored one is compared.
	r := e.api(http.MethodPost, path, admin, `{"vendor":"oppo","name":"OPPO","environment":"production","oppo":{"app_key":"k","master_secret":"stored-master"}}`)
	if r.status != http.StatusCreated {
		t.Fatalf("%d %s", r.status, r.body)
	}
	id := int64(r.json(t)["id"].(float64))
	r = e.api(http.MethodPut, fmt.Sprintf("%s/%d", path, id), admin, `{"vendor":"oppo","oppo":{"app_key":"k","client_app_secret":"stored-master"}}`)
	if _, field := r.apiError(t); r.status != 400 || field != "oppo.client_app_secret" || strings.Contains(r.body, "stored-master") {
		t.Fatalf("update: %d %s", r.status, r.body)
	}

	// Through the form: the value is kept and shown, a refused one is not
	// shown back.
	b := e.browser()
	b.signIn(adminOp.Email, password)
	certPath := fmt.Sprintf("/apps/%d/certificates/%d", e.app.ID, id)
	csrf := b.csrf(certPath)
	fields := map[string]string{"_csrf": csrf, "name": "OPPO", "environment": "production", "oppo.app_key": "k", "oppo.client_app_secret": "stored-master"}
	ct, body := multipartForm(t, fields, nil)
	if r := e.call(b.client, http.MethodPost, certPath, "", ct, body.String()); r.status != 400 || strings.Contains(r.body, "stored-master") || !strings.Contains(r.body, "server&#39;s secret") {
		t.Fatalf("form with the MasterSecret as client value: %d", r.status)
	}
	fields["oppo.client_app_secret"] = "oppoClientAppSecret"
	ct, body = multipartForm(t, fields, nil)
	if r := e.call(b.client, http.MethodPost, certPath, "", ct, body.String()); r.status != http.StatusSeeOther {
		t.Fatalf("form: %d %s", r.status, r.body)
	}
	if page := b.get(certPath); !strings.Contains(page.body, `name="oppo.client_app_secret" value="oppoClientAppSecret"`) {
		t.Fatalf("the edit form does not show the client AppSecret")
	}
}

// The verdict's fix for an unknown certificate links to the Client config.
func TestVerdictLinksToTheClientConfig(t *testing.T) {
	e := newEnv(t)
	op, token := e.operator("viewer@example.com", models.RoleViewer)
	r := e.api(http.MethodPut, "/api/v1/devices/phone-1", e.key, `{"user_id":"u1","platform":"android","vendor":"oppo","token":"CN_abc","certificate_id":99999}`)
	if r.status >= 300 {
		t.Fatalf("report: %d %s", r.status, r.body)
	}
	want := fmt.Sprintf("/apps/%d/client-config?platform=android", e.app.ID)
	check := checkOf(t, deviceVerdict(t, verdictOf(t, e, token, "u1", nil), "phone-1"), "certificate")
	if check.FixLink == nil || check.FixLink.Path != want {
		t.Fatalf("diagnosis API: %+v", check)
	}
	b := e.browser()
	b.signIn(op.Email, password)
	page := b.get(fmt.Sprintf("/apps/%d/users/u1", e.app.ID))
	if !strings.Contains(html.UnescapeString(page.body), `<a class="fix-link" href="`+want+`">Client config ›</a>`) {
		t.Fatalf("the user page's fix does not link to the client config (%d)", page.status)
	}
}
