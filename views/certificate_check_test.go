package views

import (
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// A Test connection's stored message is read back in the reader's
// language when catalogued answers made it; English readers, and words no
// message made, get it as stored.
func TestCertificateCheckMessageInThePagesLanguage(t *testing.T) {
	zh, en := languageContext(t, models.LanguageChinese), languageContext(t, models.LanguageEnglish)
	huawei := models.Certificate{Vendor: models.VendorHuawei}
	coded := "80200003: the access token expired, and so did a fresh one — check the server clock; check the Client ID and Client Secret in AppGallery Connect → Project settings → App information, save the certificate again and run Test connection"
	for _, c := range []struct {
		cert    models.Certificate
		message string
		want    []string
	}{
		{huawei, coded, []string{"80200003：访问令牌已过期，新获取的也已过期——"}},
		{huawei, "the access token expired, and so did a fresh one", []string{"访问令牌已过期，新获取的也已过期"}},
		{huawei, "Huawei could not be reached: dial tcp: i/o timeout", []string{"无法连接 华为：dial tcp: i/o timeout"}},
		{huawei, "the vendor could not be reached: dial tcp: i/o timeout", []string{"无法连接厂商：dial tcp: i/o timeout"}},
		{huawei, "something only the vendor said", []string{"something only the vendor said"}},
	} {
		c.cert.CheckMessage = c.message
		got := CertificateCheckMessage(zh, c.cert)
		for _, want := range c.want {
			if !strings.Contains(got, want) {
				t.Errorf("%q in Chinese: %q, want %q", c.message, got, want)
			}
		}
		if got := CertificateCheckMessage(en, c.cert); got != c.message {
			t.Errorf("%q in English: %q", c.message, got)
		}
	}
}
