package views

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
)

// VendorLabel is a vendor's name as the reader's language says it: Chinese
// users say 华为 and 小米, not Huawei and Xiaomi. models.Vendor.Label stays
// the English name, which the API, the Markdown report and English pages use.
func VendorLabel(ctx context.Context, v models.Vendor) string {
	t := v.Text()
	return i18n.From(ctx).Say(&t, v.Label())
}
