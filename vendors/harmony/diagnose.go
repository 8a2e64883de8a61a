package harmony

import (
	"fmt"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Diagnose adds what decides a HarmonyOS NEXT push: that the phone runs
// NEXT at all, the message class the certificate's rights give, the call
// right, receipts, and the marketing cap.
func (ch *Channel) Diagnose(in models.DiagnosisInput) []models.Check {
	return []models.Check{versionCheck(in), classCheck(in), callCheck(in).ForCalls(in.Message), receiptCheck(in), vendors.DeviceCapOf(in, marketingCap)}
}

// versionCheck: Push Kit v3 reaches HarmonyOS NEXT (5.0 and later) only,
// as Huawei's guide says (push-jwt-token); an older phone needs v1/v2.
func versionCheck(in models.DiagnosisInput) models.Check {
	const id, title = "harmony_next", "HarmonyOS version"
	d := in.Device
	next, known := vendors.HarmonyOSNext(d.OSVersion)
	switch {
	case next:
		return models.Pass(id, title, fmt.Sprintf("HarmonyOS %s: HarmonyOS NEXT, which Push Kit v3 reaches", d.OSVersion)).
			Says(models.Tf("verdict.harmony.version.next", "Version", d.OSVersion))
	case known:
		return models.Fail(id, title, fmt.Sprintf("the phone reports HarmonyOS %s, and Push Kit v3 reaches only HarmonyOS NEXT (5.0 and later)", d.OSVersion),
			"register this phone with vendor huawei, a Huawei (Push Kit v1/v2) certificate and the token from HmsInstanceId.getToken(); once it is upgraded to NEXT, register again with vendor harmony",
			"runs HarmonyOS "+d.OSVersion+", which Push Kit v3 cannot reach").
			Says(models.Tf("verdict.harmony.version.old.evidence", "Version", d.OSVersion),
				models.T("verdict.harmony.version.old.fix"), models.Tf("verdict.harmony.version.old.cause", "Version", d.OSVersion))
	}
	return models.Warn(id, title, fmt.Sprintf("os_version %q does not say which HarmonyOS this is; Push Kit v3 reaches only HarmonyOS NEXT (5.0 and later)", d.OSVersion),
		"make the app report the HarmonyOS version as os_version (e.g. 5.0.1, from deviceInfo.osFullName)", "reports no readable HarmonyOS version").
		Says(models.Tf("verdict.harmony.version.unknown.evidence", "Version", fmt.Sprintf("%q", d.OSVersion)),
			models.T("verdict.harmony.version.unknown.fix"), models.T("verdict.harmony.version.unknown.cause"))
}

// classCheck: a category the app holds no right for travels as
// MARKETING, silently (Huawei's push-apply-right).
func classCheck(in models.DiagnosisInput) models.Check {
	const id, title = "message_class", "HarmonyOS message class"
	c := in.Certificate
	cat := c.Settings.Category
	rights := "apply for the self-classification right (AppGallery Connect → Push Kit → rights), then set category IM and tick IM among the certificate's granted categories"
	switch {
	case in.Class == models.ClassService:
		return models.Pass(id, title, fmt.Sprintf("category %s on #%d, granted: service & communication, rings, no daily cap", cat, c.ID)).
			Says(models.Tf("verdict.harmony.class.service", "Category", cat, "ID", c.ID))
	case cat == "":
		return models.Warn(id, title, fmt.Sprintf("no default category on #%d: messages go as MARKETING, silent, at most %d a day per device", c.ID, marketingCap), rights,
			"gets its messages as marketing (silent, capped)").
			Says(models.Tf("verdict.harmony.class.none.evidence", "ID", c.ID, "Cap", marketingCap),
				models.T("verdict.harmony.class.rights"), models.T("verdict.harmony.class.none.cause"))
	case cat == "MARKETING":
		return models.Warn(id, title, fmt.Sprintf("category MARKETING on #%d: silent, at most %d a day per device", c.ID, marketingCap), "send chat messages with category IM",
			"gets chat as marketing (silent, capped)").
			Says(models.Tf("verdict.harmony.class.marketing.evidence", "ID", c.ID, "Cap", marketingCap),
				models.T("verdict.harmony.class.marketing.fix"), models.T("verdict.harmony.class.marketing.cause"))
	}
	return models.Warn(id, title, fmt.Sprintf("category %s on #%d is not among its granted categories (%s): Huawei sends these messages as MARKETING, silent, at most %d a day per device", cat, c.ID, orNone(c.Settings.Categories), marketingCap),
		rights+" (tick it if Huawei already granted it)", "gets its messages as marketing: the category's right is not granted").
		Says(models.Tf("verdict.harmony.class.not_granted.evidence", "Category", cat, "ID", c.ID, "Granted", orNone(c.Settings.Categories), "Cap", marketingCap),
			models.T("verdict.harmony.class.not_granted.fix"), models.T("verdict.harmony.class.not_granted.cause"))
}

// callCheck: an in-app call (push-type 10) needs its own right; without
// it Huawei refuses every call invitation, and a killed app never rings.
func callCheck(in models.DiagnosisInput) models.Check {
	const id, title = "call_right", "In-app call right"
	c := in.Certificate
	if c.Settings.CallRight {
		return models.Pass(id, title, fmt.Sprintf("#%d holds the in-app call right: call invitations (push-type 10) wake the app", c.ID)).
			Says(models.Tf("verdict.harmony.call_right.pass", "ID", c.ID))
	}
	return models.Warn(id, title, fmt.Sprintf("#%d does not hold the in-app call right: Huawei refuses call invitations (push-type 10, noPushTypeRight), so calls ring only while the app runs", c.ID),
		"apply for the in-app call right in AppGallery Connect (it needs a B22 licence or a stamped letter), then tick it on the certificate",
		"cannot ring for calls: no in-app call right").
		Says(models.Tf("verdict.harmony.call_right.missing.evidence", "ID", c.ID),
			models.T("verdict.harmony.call_right.missing.fix"), models.T("verdict.harmony.call_right.missing.cause"))
}

// receiptCheck: v3 messages report only in the V2 receipt format, which
// the receipt configuration must be set to.
func receiptCheck(in models.DiagnosisInput) models.Check {
	const id, title = "receipts", "Receipts"
	c := in.Certificate
	if c.Settings.ReceiptID != "" || c.Settings.CallbackUser != "" {
		return models.Pass(id, title, fmt.Sprintf("#%d names receipt configuration %s: it must be version V2 (V1 carries no v3 receipts)", c.ID, vendors.OrNone(c.Settings.ReceiptID))).
			Says(models.Tf("verdict.harmony.receipts.pass", "ID", c.ID, "Receipt", vendors.OrNoneText(c.Settings.ReceiptID)))
	}
	return models.Warn(id, title, fmt.Sprintf("no receipt configuration on #%d: Huawei sends receipts only if the app's or project's default configuration is version V2 and points at this console; without them a message dropped by the marketing cap (receipt 256) looks accepted", c.ID),
		"create a V2 receipt configuration in AppGallery Connect → Push Kit → configuration with the certificate's receipt URL, and set its receipt ID on the certificate",
		"may send no receipts").
		Says(models.Tf("verdict.harmony.receipts.missing.evidence", "ID", c.ID),
			models.T("verdict.harmony.receipts.missing.fix"), models.T("verdict.harmony.receipts.missing.cause"))
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}
