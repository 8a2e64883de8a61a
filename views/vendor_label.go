package views

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
)

// VendorLabel is a vendor's name as the reader's language says it: Chinese
// users say 华为 and 小米, not Huawei and Xiaomi. models.Vendor.Label stays
// the English name, which the API, the Markdown report and English pages use.
func VendorLabel(ctx context.Context, v models.Vendor) string {
	switch v {
	case models.VendorAPNs:
		return T(ctx, "rest.vendor.apns")
	case models.VendorFCM:
		return T(ctx, "rest.vendor.fcm")
	case models.VendorHuawei:
		return T(ctx, "rest.vendor.huawei")
	case models.VendorHarmony:
		return T(ctx, "rest.vendor.harmony")
	case models.VendorHonor:
		return T(ctx, "rest.vendor.honor")
	case models.VendorXiaomi:
		return T(ctx, "rest.vendor.xiaomi")
	case models.VendorOPPO:
		return T(ctx, "rest.vendor.oppo")
	case models.VendorVivo:
		return T(ctx, "rest.vendor.vivo")
	case models.VendorMeizu:
		return T(ctx, "rest.vendor.meizu")
	}
	return v.Label()
}
