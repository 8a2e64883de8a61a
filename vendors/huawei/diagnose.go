package huawei

import (
	"fmt"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Diagnose adds Huawei's class and its per-device marketing cap, and for
// a HarmonyOS phone whether v1 can reach it at all.
func (ch *Channel) Diagnose(in models.DiagnosisInput) []models.Check {
	checks := []models.Check{classCheck(in), vendors.DeviceCapOf(in, marketingCap)}
	if in.Device.Platform == models.PlatformHarmony {
		checks = append([]models.Check{reachCheck(in)}, checks...)
	}
	return checks
}

// reachCheck: Push Kit v1/v2 reach Android and HarmonyOS 3.x–4.x; a
// HarmonyOS NEXT (5.0 and later) phone answers only to v3, which is the
// harmony channel (docs/vendors/harmony.md §1). Without a readable
// version the phone may be either, so it is a warning, not a failure.
func reachCheck(in models.DiagnosisInput) models.Check {
	const id, title = "harmony_next", "HarmonyOS version"
	d := in.Device
	next, known := vendors.HarmonyOSNext(d.OSVersion)
	fix := "Push Kit v1/v2 cannot reach HarmonyOS NEXT: register with vendor harmony and a HarmonyOS NEXT certificate (the project's service-account key), with the token from pushService.getToken()"
	switch {
	case next:
		return models.Fail(id, title, fmt.Sprintf("the phone reports HarmonyOS %s (HarmonyOS NEXT), and certificate #%d speaks Push Kit v1, which cannot reach it", d.OSVersion, in.Certificate.ID),
			fix, "is a HarmonyOS NEXT phone on the Huawei v1 channel, which cannot reach it").
			Says(models.Tf("verdict.huawei.harmony_next.next.evidence", "Version", d.OSVersion, "ID", in.Certificate.ID),
				models.T("verdict.huawei.harmony_next.next.fix"), models.T("verdict.huawei.harmony_next.next.cause"))
	case !known:
		return models.Warn(id, title, fmt.Sprintf("a HarmonyOS phone whose os_version %q does not say whether it runs HarmonyOS NEXT (5.0 and later), which Push Kit v1 cannot reach", d.OSVersion),
			"make the app report the HarmonyOS version as os_version (e.g. 4.2.0 or 5.0.1); if it is 5.0 or later: "+fix,
			"may be a HarmonyOS NEXT phone, which the Huawei v1 channel cannot reach").
			Says(models.Tf("verdict.huawei.harmony_next.unknown.evidence", "Version", fmt.Sprintf("%q", d.OSVersion)),
				models.T("verdict.huawei.harmony_next.unknown.fix"), models.T("verdict.huawei.harmony_next.unknown.cause"))
	}
	return models.Pass(id, title, fmt.Sprintf("HarmonyOS %s: Push Kit v1 reaches HarmonyOS 3.x and 4.x", d.OSVersion)).
		Says(models.Tf("verdict.huawei.harmony_next.pass", "Version", d.OSVersion))
}

func classCheck(in models.DiagnosisInput) models.Check {
	const id, title = "message_class", "Huawei message class"
	c := in.Certificate
	switch cat := c.Settings.Category; {
	case in.Class == models.ClassService:
		return models.Pass(id, title, fmt.Sprintf("category %s on #%d: service & communication, rings, no daily cap", cat, c.ID)).
			Says(models.Tf("verdict.huawei.class.service", "Category", cat, "ID", c.ID))
	case cat == "MARKETING":
		return models.Warn(id, title, fmt.Sprintf("category MARKETING on #%d: silent, at most %d a day per device", c.ID, marketingCap),
			"send chat messages with category IM", "sends chat as marketing (silent, capped)").
			Says(models.Tf("verdict.huawei.class.marketing.evidence", "ID", c.ID, "Cap", marketingCap),
				models.T("verdict.huawei.class.marketing.fix"), models.T("verdict.huawei.class.marketing.cause"))
	}
	return models.Warn(id, title, fmt.Sprintf("no category on #%d: Huawei's classifier decides, and information & marketing messages are silent, at most %d a day per device", c.ID, marketingCap),
		"apply for self-classification (自分类权益) in AppGallery Connect, then set category IM on the certificate",
		"may be classed as marketing by Huawei (silent, capped)").
		Says(models.Tf("verdict.huawei.class.none.evidence", "ID", c.ID, "Cap", marketingCap),
			models.T("verdict.huawei.class.none.fix"), models.T("verdict.huawei.class.none.cause"))
}
