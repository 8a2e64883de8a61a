package sandbox_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/sandbox"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/vendors/all"
)

// Every vendor's generated credentials pass that vendor's own certificate
// checks, differ from one certificate to the next, and export with their
// secrets; a real certificate exports nothing.
func TestGeneratedCredentialsPassEachVendorsChecks(t *testing.T) {
	registry, err := all.Registry(vendors.NewClientFactory(vendors.ClientConfig{}), nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []sandbox.Options{{}, {APNsAuth: "certificate", Package: "com.example.p12"}}
	for _, v := range models.AllVendors() {
		for _, o := range cases {
			if o.APNsAuth != "" && v != models.VendorAPNs {
				continue
			}
			in, err := sandbox.New(v, o)
			if err != nil {
				t.Fatalf("%s: %v", v, err)
			}
			var c models.Certificate
			var s models.CertificateSecrets
			if err := registry.PrepareCertificate(in, &c, &s, time.Now()); err != nil {
				t.Fatalf("%s %+v: the vendor's checks refuse the generated credentials: %v", v, o, err)
			}
			c.ID, c.AppID = 10001, 1
			creds, err := sandbox.Export(c, s)
			if err != nil {
				t.Fatal(err)
			}
			if len(creds.Fields) == 0 || (len(creds.Files) == 0 && s.ClientSecret == "" && s.AppSecret == "" && s.MasterSecret == "") {
				t.Errorf("%s: exported %+v", v, creds)
			}
			if o.Package != "" {
				continue
			}
			// A second certificate is another app at the emulator.
			again, err := sandbox.New(v, o)
			if err != nil {
				t.Fatal(err)
			}
			var c2 models.Certificate
			if err := registry.PrepareCertificate(again, &c2, &models.CertificateSecrets{}, time.Now()); err != nil {
				t.Fatal(err)
			}
			if reflect.DeepEqual(c.Settings, c2.Settings) {
				t.Errorf("%s: two certificates got the same identifiers %+v", v, c.Settings)
			}
		}
	}
	if _, err := sandbox.New(models.VendorAPNs, sandbox.Options{APNsAuth: "password"}); models.ErrorCode(err) != models.CodeInvalid {
		t.Errorf("an unknown APNs auth: %v", err)
	}
	real := models.Certificate{ID: 1, Vendor: models.VendorVivo, Environment: models.CertProduction}
	if _, err := sandbox.Export(real, models.CertificateSecrets{AppSecret: "real"}); models.ErrorCode(err) != models.CodeInvalid {
		t.Errorf("a production certificate exported: %v", err)
	}
}
