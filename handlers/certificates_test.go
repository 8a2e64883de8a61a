package handlers_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

func p8PEM(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// harmonyKeyFile is a HarmonyOS service-account key file as Huawei's API
// Console hands it out, with a fresh RSA key.
func harmonyKeyFile(t *testing.T) []byte {
	t.Helper()
	raw, _ := json.Marshal(map[string]string{"project_id": "388421841221892187", "key_id": "a1b2c3d4", "sub_account": "1234567890",
		"private_key": rsaKeyPEM(t)})
	return raw
}

// rsaKeyPEM is a fresh PKCS#8 RSA key, as service-account files hold.
func rsaKeyPEM(t *testing.T) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

func TestCertificateAPIForEveryVendor(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	_, viewer := e.operator("viewer@example.com", models.RoleViewer)
	path := fmt.Sprintf("/api/v1/apps/%d/certificates", e.app.ID)
	p8 := base64.StdEncoding.EncodeToString(p8PEM(t))
	bodies := map[string]string{
		"apns":    `{"vendor":"apns","name":"iOS prod","environment":"production","apns":{"bundle_id":"com.example.im","auth":"token","key_id":"ABC123DEFG","team_id":"TEAM123456","p8":"` + p8 + `"}}`,
		"huawei":  `{"vendor":"huawei","name":"Huawei","environment":"production","huawei":{"app_id":"104000001","client_id":"104000001","client_secret":"hw-secret-value","badge_class":"com.example.im.Main"}}`,
		"harmony": `{"vendor":"harmony","name":"HarmonyOS NEXT","environment":"production","harmony":{"service_account_json":"` + base64.StdEncoding.EncodeToString(harmonyKeyFile(t)) + `","category":"IM","categories":["IM"]}}`,
		"honor":   `{"vendor":"honor","name":"Honor","environment":"production","honor":{"app_id":"104000002","client_id":"c","client_secret":"honor-secret-value"}}`,
		"xiaomi":  `{"vendor":"xiaomi","name":"Mi","environment":"production","xiaomi":{"package_name":"com.example.im","app_secret":"mi-secret-value","region":"global"}}`,
		"oppo":    `{"vendor":"oppo","name":"OPPO","environment":"production","click_action":{"type":"intent","intent_uri":"intent://chat#Intent;scheme=im;end"},"oppo":{"app_key":"k","master_secret":"oppo-secret-value","channel_id":"im","region":"cn"}}`,
		"vivo":    `{"vendor":"vivo","name":"vivo","environment":"production","vivo":{"app_id":"104000003","app_key":"k","app_secret":"vivo-secret-value"}}`,
		"meizu":   `{"vendor":"meizu","name":"Meizu","environment":"production","meizu":{"app_id":"104000004","app_secret":"meizu-secret-value"}}`,
	}
	var firstID float64
	for vendor, body := range bodies {
		r := e.api(http.MethodPost, path, viewer, body)
		if r.status != http.StatusForbidden {
			t.Fatalf("viewer created a %s certificate: %d", vendor, r.status)
		}
		r = e.api(http.MethodPost, path, admin, body)
		if r.status != http.StatusCreated {
			t.Fatalf("%s: %d %s", vendor, r.status, r.body)
		}
		if strings.Contains(r.body, "secret-value") || strings.Contains(r.body, "PRIVATE KEY") {
			t.Fatalf("%s reply leaks a secret: %s", vendor, r.body)
		}
		got := r.json(t)
		if got["id"].(float64) < 10001 || len(got["secrets_set"].([]any)) != 1 {
			t.Fatalf("%s reply: %s", vendor, r.body)
		}
		if firstID == 0 || got["id"].(float64) < firstID {
			firstID = got["id"].(float64)
		}
		stored, err := e.store.CertificateByID(context.Background(), e.app.ID, int64(got["id"].(float64)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(stored.SealedSecrets, "secret-value") || !strings.HasPrefix(stored.SealedSecrets, "v1:") {
			t.Fatalf("%s secrets stored in clear: %q", vendor, stored.SealedSecrets)
		}
	}
	r := e.api(http.MethodGet, path, viewer, "")
	if r.status != 200 || len(r.json(t)["certificates"].([]any)) != len(bodies) || strings.Contains(r.body, "secret-value") {
		t.Fatalf("list: %d %s", r.status, r.body)
	}
	if !strings.Contains(r.body, `"warnings":[]`) {
		t.Fatalf("warnings list: %s", r.body)
	}
}

func TestCertificateAPIFieldErrorsAndKeptSecrets(t *testing.T) {
	e := newEnv(t)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	path := fmt.Sprintf("/api/v1/apps/%d/certificates", e.app.ID)
	for _, c := range []struct{ body, field string }{
		{`{"vendor":"nokia","name":"x","environment":"production"}`, "vendor"},
		{`{"vendor":"oppo","name":"x","environment":"production"}`, "oppo"},
		{`{"vendor":"oppo","name":"x","environment":"production","oppo":{},"vivo":{}}`, "oppo"},
		{`{"vendor":"oppo","name":"","environment":"production","oppo":{"app_key":"k","master_secret":"s"}}`, "name"},
		{`{"vendor":"oppo","name":"x","environment":"staging","oppo":{"app_key":"k","master_secret":"s"}}`, "environment"},
		{`{"vendor":"oppo","name":"x","environment":"production","oppo":{"app_key":"k"}}`, "oppo.master_secret"},
		{`{"vendor":"oppo","name":"x","environment":"production","oppo":{"app_key":"k","master_secret":"s","region":"mars"}}`, "oppo.region"},
		{`{"vendor":"vivo","name":"x","environment":"production","vivo":{"app_id":"abc","app_key":"k","app_secret":"s"}}`, "vivo.app_id"},
		{`{"vendor":"xiaomi","name":"x","environment":"production","xiaomi":{"package_name":"not a package","app_secret":"s"}}`, "xiaomi.package_name"},
		{`{"vendor":"huawei","name":"x","environment":"production","click_action":{"type":"activity"},"huawei":{"app_id":"1","client_id":"1","client_secret":"s"}}`, "click_action.activity"},
		{`{"vendor":"fcm","name":"x","environment":"production","fcm":{"service_account_json":"eyJ0eXBlIjoiYXV0aG9yaXplZF91c2VyIn0="}}`, "fcm.service_account_json"},
		{`{"vendor":"apns","name":"x","environment":"production","apns":{"auth":"token","key_id":"ABC123DEFG","team_id":"TEAM123456","bundle_id":"a.b","p8":"bm90IGEga2V5"}}`, "apns.p8"},
		// Client values: one word, IDs digits only, never the server secret.
		{`{"vendor":"oppo","name":"x","environment":"production","oppo":{"app_key":"k","master_secret":"same-value","client_app_secret":"same-value"}}`, "oppo.client_app_secret"},
		{`{"vendor":"xiaomi","name":"x","environment":"production","xiaomi":{"package_name":"a.b","app_secret":"s","client_app_id":"abc"}}`, "xiaomi.client_app_id"},
		{`{"vendor":"meizu","name":"x","environment":"production","meizu":{"app_id":"1","app_secret":"s","client_app_key":"two words"}}`, "meizu.client_app_key"},
		{`{"vendor":"harmony","name":"x","environment":"production","harmony":{"service_account_json":"` + base64.StdEncoding.EncodeToString(harmonyKeyFile(t)) + `","client_id":"x1"}}`, "harmony.client_id"},
	} {
		r := e.api(http.MethodPost, path, admin, c.body)
		if code, field := r.apiError(t); r.status != 400 || code != "invalid_argument" || field != c.field {
			t.Errorf("%s\n→ %d %s", c.body, r.status, r.body)
		}
	}
	if certs, _ := e.store.CertificatesOfApp(context.Background(), e.app.ID); len(certs) != 0 {
		t.Fatalf("refused certificates were stored: %d", len(certs))
	}

	r := e.api(http.MethodPost, path, admin, `{"vendor":"oppo","name":"OPPO","environment":"production","oppo":{"app_key":"k","master_secret":"first-secret"}}`)
	if r.status != 201 || !strings.Contains(r.body, "no default channel ID") {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	id := int64(r.json(t)["id"].(float64))
	r = e.api(http.MethodPut, fmt.Sprintf("%s/%d", path, id), admin, `{"name":"OPPO China","oppo":{"app_key":"k2","channel_id":"im","category":"IM"}}`)
	if r.status != 200 || !strings.Contains(r.body, `"name":"OPPO China"`) || !strings.Contains(r.body, `"warnings":[]`) {
		t.Fatalf("update: %d %s", r.status, r.body)
	}
	cert, _ := e.store.CertificateByID(context.Background(), e.app.ID, id)
	secrets, err := e.sealer.OpenCertificateSecrets(cert)
	if err != nil || secrets.MasterSecret != "first-secret" || cert.Settings.AppKey != "k2" {
		t.Fatalf("an omitted secret must keep its value: %+v %v", secrets, err)
	}
	r = e.api(http.MethodPut, fmt.Sprintf("%s/%d", path, id), admin, `{"vendor":"vivo","vivo":{}}`)
	if _, field := r.apiError(t); r.status != 400 || field != "vendor" {
		t.Fatalf("changing vendor: %d %s", r.status, r.body)
	}
	if r = e.api(http.MethodDelete, fmt.Sprintf("%s/%d", path, id), admin, ""); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d", r.status)
	}
	if r = e.api(http.MethodGet, fmt.Sprintf("%s/%d", path, id), admin, ""); r.status != http.StatusNotFound {
		t.Fatalf("after delete: %d", r.status)
	}
}

// multipartForm builds a certificate form post with files.
func multipartForm(t *testing.T, fields map[string]string, files map[string][]byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for k, b := range files {
		fw, err := w.CreateFormFile(k, k+".bin")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(b)
	}
	w.Close()
	return w.FormDataContentType(), &buf
}

func TestCertificatePages(t *testing.T) {
	e := newEnv(t)
	admin, _ := e.operator("admin@example.com", models.RoleAdmin)
	viewer, _ := e.operator("viewer@example.com", models.RoleViewer)
	b := e.browser()
	b.signIn(admin.Email, password)
	csrf := b.csrf(fmt.Sprintf("/apps/%d/certificates/new?vendor=apns", e.app.ID))
	fields := map[string]string{"_csrf": csrf, "vendor": "apns", "name": "iOS token", "environment": "production",
		"apns.auth": "token", "apns.bundle_id": "com.example.im", "apns.key_id": "ABC123DEFG", "apns.team_id": "TEAM123456"}

	// Without the .p8 the form comes back with the message, and the typed
	// values kept.
	ct, body := multipartForm(t, fields, nil)
	r := e.call(b.client, http.MethodPost, fmt.Sprintf("/apps/%d/certificates", e.app.ID), "", ct, body.String())
	if r.status != 400 || !strings.Contains(r.body, "upload the .p8 key file") || !strings.Contains(r.body, `value="ABC123DEFG"`) {
		t.Fatalf("missing p8: %d", r.status)
	}
	ct, body = multipartForm(t, fields, map[string][]byte{"apns.p8": p8PEM(t)})
	r = e.call(b.client, http.MethodPost, fmt.Sprintf("/apps/%d/certificates", e.app.ID), "", ct, body.String())
	if r.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	page := b.get(r.header.Get("Location"))
	if page.status != 200 || !strings.Contains(page.body, "certificate_id: 10001") || !strings.Contains(page.body, "set — choose a file to replace") || strings.Contains(page.body, "PRIVATE KEY") {
		t.Fatalf("certificate page: %d", page.status)
	}
	// Saving again without a file keeps the key.
	ct, body = multipartForm(t, map[string]string{"_csrf": csrf, "name": "iOS token (renamed)", "environment": "production",
		"apns.auth": "token", "apns.bundle_id": "com.example.im", "apns.key_id": "ABC123DEFG", "apns.team_id": "TEAM123456"}, nil)
	if r = e.call(b.client, http.MethodPost, fmt.Sprintf("/apps/%d/certificates/10001", e.app.ID), "", ct, body.String()); r.status != http.StatusSeeOther {
		t.Fatalf("update without a new file: %d %s", r.status, r.body)
	}
	list := b.get(fmt.Sprintf("/apps/%d/certificates", e.app.ID))
	if !strings.Contains(list.body, "iOS token (renamed)") || !strings.Contains(list.body, "#10001") {
		t.Fatalf("list: %d", list.status)
	}

	vb := e.browser()
	vb.signIn(viewer.Email, password)
	if r := vb.get(fmt.Sprintf("/apps/%d/certificates/10001", e.app.ID)); r.status != 200 || strings.Contains(r.body, `id="certificate-form"`) {
		t.Fatalf("viewer sees the edit form: %d", r.status)
	}
	vcsrf := vb.csrf("/profile")
	ct, body = multipartForm(t, map[string]string{"_csrf": vcsrf, "vendor": "oppo", "name": "x"}, nil)
	if r := e.call(vb.client, http.MethodPost, fmt.Sprintf("/apps/%d/certificates", e.app.ID), "", ct, body.String()); r.status != http.StatusForbidden {
		t.Fatalf("viewer created a certificate: %d", r.status)
	}
}

// The HarmonyOS form takes the key file as an upload and the granted
// categories as one typed list; a save without the file keeps it.
func TestHarmonyCertificateForm(t *testing.T) {
	e := newEnv(t)
	admin, _ := e.operator("admin@example.com", models.RoleAdmin)
	b := e.browser()
	b.signIn(admin.Email, password)
	page := b.get(fmt.Sprintf("/apps/%d/certificates/new?vendor=harmony", e.app.ID))
	if page.status != 200 || !strings.Contains(page.body, `name="harmony.service_account_json"`) || !strings.Contains(page.body, `name="harmony.categories"`) {
		t.Fatalf("new HarmonyOS certificate page: %d", page.status)
	}
	csrf := b.csrf(fmt.Sprintf("/apps/%d/certificates/new?vendor=harmony", e.app.ID))
	fields := map[string]string{"_csrf": csrf, "vendor": "harmony", "name": "HarmonyOS NEXT", "environment": "production",
		"harmony.category": "IM", "harmony.categories": "IM, VOIP", "harmony.call_right": "1"}
	ct, body := multipartForm(t, fields, map[string][]byte{"harmony.service_account_json": harmonyKeyFile(t)})
	r := e.call(b.client, http.MethodPost, fmt.Sprintf("/apps/%d/certificates", e.app.ID), "", ct, body.String())
	if r.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	stored, err := e.store.CertificateByID(context.Background(), e.app.ID, 10001)
	if err != nil {
		t.Fatal(err)
	}
	st := stored.Settings
	if st.ProjectID != "388421841221892187" || st.KeyID != "a1b2c3d4" || st.SubAccount != "1234567890" || strings.Join(st.Categories, ",") != "IM,VOIP" || !st.CallRight || st.Category != "IM" {
		t.Fatalf("settings: %+v", st)
	}
	if page := b.get(r.header.Get("Location")); strings.Contains(page.body, "PRIVATE KEY") || !strings.Contains(page.body, `value="IM, VOIP"`) {
		t.Fatalf("certificate page leaks the key or loses the categories: %d", page.status)
	}
	delete(fields, "harmony.call_right")
	ct, body = multipartForm(t, fields, nil)
	if r = e.call(b.client, http.MethodPost, fmt.Sprintf("/apps/%d/certificates/10001", e.app.ID), "", ct, body.String()); r.status != http.StatusSeeOther {
		t.Fatalf("update without a new file: %d %s", r.status, r.body)
	}
	if stored, err = e.store.CertificateByID(context.Background(), e.app.ID, 10001); err != nil || stored.Settings.CallRight || stored.Settings.KeyID != "a1b2c3d4" {
		t.Fatalf("after update: %v %+v", err, stored.Settings)
	}
}
