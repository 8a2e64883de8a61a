package models

// Text is the vendor's name as a catalogued word, for sentences that
// name it: Chinese pages say 华为 where the English says Huawei (Label,
// which the API and the Markdown report keep).
func (v Vendor) Text() Text {
	switch v {
	case VendorAPNs:
		return T("rest.vendor.apns")
	case VendorFCM:
		return T("rest.vendor.fcm")
	case VendorHuawei:
		return T("rest.vendor.huawei")
	case VendorHarmony:
		return T("rest.vendor.harmony")
	case VendorHonor:
		return T("rest.vendor.honor")
	case VendorXiaomi:
		return T("rest.vendor.xiaomi")
	case VendorOPPO:
		return T("rest.vendor.oppo")
	case VendorVivo:
		return T("rest.vendor.vivo")
	case VendorMeizu:
		return T("rest.vendor.meizu")
	}
	return Text{Plain: v.Label()}
}
