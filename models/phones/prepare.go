// Package phones runs virtual phones: simulated devices of any vendor that
// register through the console's own device API as an app would, receive
// what the sandbox's emulator accepted for their token, show it in a
// notification shade under the vendor's client-side rules, and post acks
// according to a behaviour chosen per phone. They close the loop of a test
// push — sent, accepted, delivered, displayed, clicked — without hardware.
package phones

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// Prepare makes a new phone's row: its device ID, a token of its vendor's
// shape (scripted for its behaviour) and the certificate ID it reports,
// chosen among the app's certificates. Nothing is registered yet.
func Prepare(appID int64, in models.NewPhone, certs []models.Certificate, by string, now time.Time) (models.Phone, error) {
	if err := in.Check(); err != nil {
		return models.Phone{}, err
	}
	cert, err := sandboxCertificate(in, certs)
	if err != nil {
		return models.Phone{}, err
	}
	token, err := newToken(in.Vendor, in.Behaviour)
	if err != nil {
		return models.Phone{}, err
	}
	suffix, err := randomHex(3)
	if err != nil {
		return models.Phone{}, err
	}
	reported := cert.ID
	if in.Behaviour == models.BehaviourWrongCertificate {
		reported = unusedCertificateID(cert.ID, certs)
	}
	return models.Phone{
		AppID: appID, DeviceID: "vphone-" + string(in.Vendor) + "-" + suffix, UserID: in.UserID, Vendor: in.Vendor,
		Behaviour: in.Behaviour, DieAfter: in.DieAfter, CertificateID: reported, Token: token,
		CreatedBy: by, CreatedAt: now.UTC(),
	}, nil
}

// sandboxCertificate is the certificate a phone's pushes come through: only
// the sandbox's emulators can hand a message to a virtual phone.
func sandboxCertificate(in models.NewPhone, certs []models.Certificate) (models.Certificate, error) {
	for _, c := range certs {
		if in.CertificateID != 0 && c.ID != in.CertificateID {
			continue
		}
		if in.CertificateID != 0 && (c.Vendor != in.Vendor || !c.Sandboxed()) {
			return c, models.Invalid("certificate_id", "certificate %d is not a sandbox certificate of %s: virtual phones receive only from the sandbox's emulators", c.ID, in.Vendor.Label())
		}
		if c.Vendor == in.Vendor && c.Sandboxed() {
			return c, nil
		}
	}
	if in.CertificateID != 0 {
		return models.Certificate{}, models.Invalid("certificate_id", "certificate %d does not exist in this app", in.CertificateID)
	}
	return models.Certificate{}, models.Invalid("vendor", "the app has no sandbox certificate of %s: add one first (virtual phones receive only from the sandbox's emulators)", in.Vendor.Label())
}

// unusedCertificateID is a certificate ID near the right one that no
// certificate of the app has: what an app built with a stale config reports.
func unusedCertificateID(right int64, certs []models.Certificate) int64 {
	id := right + 10000
	for slices.ContainsFunc(certs, func(c models.Certificate) bool { return c.ID == id }) {
		id++
	}
	return id
}

// newToken is a token of the vendor's shape. The Android vendors' emulators
// read scripts in a token's text (README "Sandbox"): a phone whose
// notifications are off or that is offline carries the word that makes the
// emulator's receipts say so, as the vendor's would.
func newToken(v models.Vendor, b models.PhoneBehaviour) (string, error) {
	if v == models.VendorAPNs {
		return randomHex(32)
	}
	r, err := randomHex(8)
	if err != nil {
		return "", err
	}
	token := map[models.Vendor]string{
		models.VendorFCM: "vp" + r + ":APA91b-virtual-phone", models.VendorHuawei: "IQAAAACy0vphone" + r,
		models.VendorHarmony: "MAAALgE4vphone" + r, models.VendorHonor: "honor-vphone-" + r, models.VendorXiaomi: "mi:vphone/" + r,
		models.VendorOPPO: "CN_vphone" + r, models.VendorVivo: "vivo-vphone-" + r, models.VendorMeizu: "meizu-vphone-" + r,
	}[v]
	switch b {
	case models.BehaviourNotificationsOff:
		token += "-notifoff"
	case models.BehaviourNoReceipt:
		token += "-noreceipt"
	}
	return token, nil
}

// deadToken is the token a phone switches to when its token dies: one the
// emulator answers with the vendor's dead-token code (APNs' deaddead
// marker, the other vendors' "unregistered").
func deadToken(v models.Vendor, token string) string {
	if v == models.VendorAPNs {
		return "deaddead" + token[8:]
	}
	return strings.TrimSuffix(token, "-unregistered") + "-unregistered"
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("phones: random: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// registration is what the phone reports to the device API, as the app on
// a real phone of its vendor would.
func registration(p models.Phone) map[string]any {
	platform, model, osVersion := "android", map[models.Vendor]string{
		models.VendorFCM: "Pixel 9 (virtual)", models.VendorHuawei: "Mate 60 (virtual)", models.VendorHonor: "Magic7 (virtual)",
		models.VendorXiaomi: "Xiaomi 15 (virtual)", models.VendorOPPO: "Find X8 (virtual)", models.VendorVivo: "X200 (virtual)",
		models.VendorMeizu: "Meizu 21 (virtual)",
	}[p.Vendor], "15"
	switch p.Vendor {
	case models.VendorAPNs:
		platform, model, osVersion = "ios", "iPhone 16 (virtual)", "18.2"
	case models.VendorHarmony:
		platform, model, osVersion = "harmony", "Mate 70 (virtual)", "5.0.1"
	}
	body := map[string]any{
		"user_id": p.UserID, "platform": platform, "vendor": string(p.Vendor), "token": p.Token,
		"certificate_id": p.CertificateID, "model": model, "os_version": osVersion, "app_version": "virtual phone",
		"notifications_enabled": p.Behaviour != models.BehaviourNotificationsOff,
	}
	if p.Vendor == models.VendorAPNs {
		body["environment"] = "production"
	}
	return body
}
