package clientconfig

import (
	"fmt"
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// apnsBuilds are the APNs certificates an iOS app reports: a development
// build's token (aps-environment development, Xcode builds) is valid only on
// APNs's development host, a production build's (TestFlight, App Store,
// Ad Hoc) only on the production host. A sandbox certificate stands in for
// either: the emulator accepts both.
type apnsBuilds struct {
	development, production *models.Certificate
	others                  []models.Certificate
}

func chooseAPNs(certs []models.Certificate) apnsBuilds {
	dev, _ := choose(certs, models.VendorAPNs, models.CertDevelopment, models.CertSandbox)
	prod, _ := choose(certs, models.VendorAPNs, models.CertProduction, models.CertSandbox)
	b := apnsBuilds{development: dev, production: prod}
	for _, c := range certs {
		if c.Vendor == models.VendorAPNs && (dev == nil || c.ID != dev.ID) && (prod == nil || c.ID != prod.ID) {
			b.others = append(b.others, c)
		}
	}
	return b
}

func (a apnsBuilds) lacks(w *writer) {
	if a.development == nil {
		w.lack(noCertificate(models.VendorAPNs, "development"))
	}
	if a.production == nil {
		w.lack(noCertificate(models.VendorAPNs, "production"))
	}
}

func iosConfig(app models.App, certs []models.Certificate) writer {
	var w writer
	a := chooseAPNs(certs)
	a.lacks(&w)
	w.add(Snippet{ID: "ios-swift", Title: "Swift constants", Language: "swift", File: "PushCertificate.swift", Text: swiftConstants(app, a)})
	w.add(entitlements("ios-entitlements", "App.entitlements"))
	return w
}

// idOrZero is a certificate's ID for code, 0 where there is none.
func idOrZero(c *models.Certificate) string {
	if c == nil {
		return "0"
	}
	return fmt.Sprint(c.ID)
}

// buildNote says which certificate a build reports, or that none exists.
func buildNote(c *models.Certificate, env string) string {
	if c == nil {
		return "TODO: no APNs " + env + " certificate yet: add one on the Certificates page"
	}
	n := "certificate " + describe(*c)
	if c.Topic != "" {
		n += ", topic " + c.Topic
	}
	if c.Environment == models.CertSandbox {
		n += "; the sandbox emulator takes both builds' tokens, real pushes need a " + env + " certificate"
	}
	return n
}

func swiftConstants(app models.App, a apnsBuilds) string {
	var b strings.Builder
	lineComments(&b, "", "APNs certificate IDs of \""+app.Name+"\" from pushcheck's Client config. Report",
		"certificateID as certificate_id and apsEnvironment as environment with the APNs",
		"device token (and the PushKit VoIP token, which uses the same certificate).",
		"A build's aps-environment decides which APNs host its token is valid on.")
	if len(a.others) > 0 {
		also := "other APNs certificates:"
		for _, o := range a.others {
			also += " " + describe(o)
		}
		lineComments(&b, "", also)
	}
	b.WriteString("enum PushCertificate {\n#if DEBUG\n")
	lineComments(&b, "    ", "Xcode builds: aps-environment development", buildNote(a.development, "development"))
	b.WriteString("    static let certificateID: Int64 = " + idOrZero(a.development) + "\n")
	b.WriteString("    static let apsEnvironment = \"development\"\n#else\n")
	lineComments(&b, "    ", "TestFlight, App Store and Ad Hoc builds: aps-environment production", buildNote(a.production, "production"))
	b.WriteString("    static let certificateID: Int64 = " + idOrZero(a.production) + "\n")
	b.WriteString("    static let apsEnvironment = \"production\"\n#endif\n}\n")
	return b.String()
}

// entitlements is the aps-environment entitlement. Xcode signs development
// builds with the file's value; an archive exported for TestFlight or the
// App Store gets production from the distribution profile.
func entitlements(id, file string) Snippet {
	text := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Push Notifications capability: Xcode builds are signed with development;
     archives for TestFlight and the App Store get production from the
     distribution profile. Each reports its own certificate ID (PushCertificate). -->
<plist version="1.0">
<dict>
	<key>aps-environment</key>
	<string>development</string>
</dict>
</plist>
`
	return Snippet{ID: id, Title: "aps-environment entitlement", Language: "xml", File: file, Text: text}
}
