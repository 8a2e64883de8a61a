package views

import (
	"context"
	"strings"

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

// VerdictDeviceName is a verdict's device name ("Huawei Mate60", stored
// with the verdict in English) with its vendor in the reader's words.
func VerdictDeviceName(ctx context.Context, name string) string {
	for _, v := range models.AllVendors() {
		if rest, ok := strings.CutPrefix(name, v.Label()+" "); ok {
			return VendorLabel(ctx, v) + " " + rest
		}
	}
	return name
}
