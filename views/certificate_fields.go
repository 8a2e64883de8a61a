package views

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
)

// FieldSpec describes one input of a vendor's certificate form. Name is the
// API's field name ("oppo.app_key"), so validation errors point at it.
type FieldSpec struct {
	Name, Label, Help string
	Kind              string // text | secret | file | select | checkbox
	Options           []string
	Required          bool
}

// CertificateFields lists each vendor's real credential fields, in the
// order its console shows them, with labels and help in the page's
// language. Vendor field names (AppKey, MasterSecret, Key ID…) stay as the
// vendors' consoles spell them; words several vendors share have one
// message each.
func CertificateFields(ctx context.Context, v models.Vendor) []FieldSpec {
	client := T(ctx, "cert_field.client_config_prefix")
	switch v {
	case models.VendorAPNs:
		return []FieldSpec{
			{Name: "apns.bundle_id", Label: T(ctx, "cert_field.apns_bundle_id"), Kind: "text", Help: T(ctx, "cert_field.apns_bundle_id_help")},
			{Name: "apns.auth", Label: T(ctx, "cert_field.apns_auth"), Kind: "select", Options: []string{"token", "certificate"}, Help: T(ctx, "cert_field.apns_auth_help")},
			{Name: "apns.key_id", Label: "Key ID", Kind: "text", Help: T(ctx, "cert_field.apns_key_id_help")},
			{Name: "apns.team_id", Label: "Team ID", Kind: "text", Help: T(ctx, "cert_field.apns_team_id_help")},
			{Name: "apns.p8", Label: T(ctx, "cert_field.apns_p8"), Kind: "file", Help: T(ctx, "cert_field.apns_p8_help")},
			{Name: "apns.p12", Label: T(ctx, "cert_field.apns_p12"), Kind: "file", Help: T(ctx, "cert_field.apns_p12_help")},
			{Name: "apns.password", Label: T(ctx, "cert_field.apns_password"), Kind: "secret"},
		}
	case models.VendorFCM:
		return []FieldSpec{
			{Name: "fcm.service_account_json", Label: T(ctx, "cert_field.fcm_service_account"), Kind: "file", Required: true, Help: T(ctx, "cert_field.fcm_service_account_help")},
		}
	case models.VendorHuawei:
		return []FieldSpec{
			{Name: "huawei.app_id", Label: "App ID", Kind: "text", Required: true, Help: T(ctx, "cert_field.huawei_app_id_help")},
			{Name: "huawei.client_id", Label: T(ctx, "cert_field.huawei_client_id"), Kind: "text", Required: true},
			{Name: "huawei.client_secret", Label: T(ctx, "cert_field.huawei_client_secret"), Kind: "secret", Required: true},
			{Name: "huawei.badge_class", Label: T(ctx, "cert_field.badge_class"), Kind: "text", Help: T(ctx, "cert_field.badge_class_help")},
			{Name: "huawei.package_name", Label: T(ctx, "cert_field.package_name"), Kind: "text", Help: T(ctx, "cert_field.package_name_help")},
			{Name: "huawei.category", Label: T(ctx, "cert_field.default_category"), Kind: "select", Options: []string{"", "IM", "VOIP", "SUBSCRIPTION", "TRAVEL", "HEALTH", "WORK", "ACCOUNT", "EXPRESS", "FINANCE", "DEVICE_REMINDER", "SYSTEM_REMINDER", "MAIL", "PLAY_VOICE", "MARKETING"},
				Help: T(ctx, "cert_field.huawei_category_help")},
			{Name: "huawei.receipt_id", Label: T(ctx, "cert_field.receipt_id"), Kind: "text", Help: T(ctx, "cert_field.huawei_receipt_id_help")},
			{Name: "huawei.callback_user", Label: T(ctx, "cert_field.callback_user"), Kind: "text", Help: T(ctx, "cert_field.callback_user_help")},
			{Name: "huawei.callback_key", Label: T(ctx, "cert_field.callback_key"), Kind: "secret", Help: T(ctx, "cert_field.huawei_callback_key_help")},
		}
	case models.VendorHarmony:
		return []FieldSpec{
			{Name: "harmony.service_account_json", Label: T(ctx, "cert_field.harmony_service_account"), Kind: "file", Required: true,
				Help: T(ctx, "cert_field.harmony_service_account_help")},
			{Name: "harmony.category", Label: T(ctx, "cert_field.default_category"), Kind: "select", Options: []string{"", "IM", "VOIP", "MISS_CALL", "SUBSCRIPTION", "TRAVEL", "HEALTH", "WORK", "ACCOUNT", "EXPRESS", "FINANCE", "DEVICE_REMINDER", "MAIL", "MARKETING"},
				Help: T(ctx, "cert_field.harmony_category_help")},
			{Name: "harmony.categories", Label: T(ctx, "cert_field.harmony_categories"), Kind: "text",
				Help: T(ctx, "cert_field.harmony_categories_help")},
			{Name: "harmony.call_right", Label: T(ctx, "cert_field.harmony_call_right"), Kind: "checkbox", Help: T(ctx, "cert_field.harmony_call_right_help")},
			{Name: "harmony.receipt_id", Label: T(ctx, "cert_field.receipt_id"), Kind: "text", Help: T(ctx, "cert_field.harmony_receipt_id_help")},
			{Name: "harmony.callback_user", Label: T(ctx, "cert_field.callback_user"), Kind: "text", Help: T(ctx, "cert_field.callback_user_help")},
			{Name: "harmony.callback_key", Label: T(ctx, "cert_field.callback_key"), Kind: "secret", Help: T(ctx, "cert_field.harmony_callback_key_help")},
			{Name: "harmony.client_id", Label: T(ctx, "cert_field.harmony_client_id"), Kind: "text", Help: client + T(ctx, "cert_field.harmony_client_id_help")},
		}
	case models.VendorHonor:
		return []FieldSpec{
			{Name: "honor.app_id", Label: "App ID", Kind: "text", Required: true},
			{Name: "honor.client_id", Label: "Client ID", Kind: "text", Required: true},
			{Name: "honor.client_secret", Label: "Client secret", Kind: "secret", Required: true},
			{Name: "honor.badge_class", Label: T(ctx, "cert_field.badge_class"), Kind: "text", Help: T(ctx, "cert_field.badge_class_help")},
			{Name: "honor.package_name", Label: T(ctx, "cert_field.package_name"), Kind: "text", Help: T(ctx, "cert_field.package_name_help")},
			{Name: "honor.importance", Label: T(ctx, "cert_field.honor_importance"), Kind: "select", Options: []string{"", "NORMAL", "LOW"},
				Help: T(ctx, "cert_field.honor_importance_help")},
			{Name: "honor.receipt_id", Label: T(ctx, "cert_field.receipt_id"), Kind: "text", Help: T(ctx, "cert_field.honor_receipt_id_help")},
		}
	case models.VendorXiaomi:
		return []FieldSpec{
			{Name: "xiaomi.package_name", Label: T(ctx, "cert_field.package_name"), Kind: "text", Required: true},
			{Name: "xiaomi.app_secret", Label: "AppSecret", Kind: "secret", Required: true},
			{Name: "xiaomi.region", Label: T(ctx, "cert_field.region"), Kind: "select", Options: []string{"cn", "global", "ru", "in", "eu"}},
			{Name: "xiaomi.channel_id", Label: T(ctx, "cert_field.default_channel_id"), Kind: "text", Help: T(ctx, "cert_field.xiaomi_channel_id_help")},
			{Name: "xiaomi.client_app_id", Label: T(ctx, "cert_field.client_app_id"), Kind: "text", Help: client + T(ctx, "cert_field.xiaomi_client_app_id_help")},
			{Name: "xiaomi.client_app_key", Label: T(ctx, "cert_field.client_app_key"), Kind: "text", Help: client + T(ctx, "cert_field.xiaomi_client_app_key_help")},
		}
	case models.VendorOPPO:
		return []FieldSpec{
			{Name: "oppo.app_key", Label: "AppKey", Kind: "text", Required: true},
			{Name: "oppo.master_secret", Label: "MasterSecret", Kind: "secret", Required: true, Help: T(ctx, "cert_field.oppo_master_secret_help")},
			{Name: "oppo.channel_id", Label: T(ctx, "cert_field.default_channel_id"), Kind: "text", Help: T(ctx, "cert_field.oppo_channel_id_help")},
			{Name: "oppo.category", Label: T(ctx, "cert_field.default_category"), Kind: "select", Options: []string{"", "IM", "ACCOUNT", "DEVICE_REMINDER", "ORDER", "TODO", "SUBSCRIPTION", "NEWS", "CONTENT", "MARKETING", "SOCIAL"},
				Help: T(ctx, "cert_field.oppo_category_help")},
			{Name: "oppo.region", Label: T(ctx, "cert_field.region"), Kind: "select", Options: []string{"cn", "intl"}},
			{Name: "oppo.client_app_secret", Label: T(ctx, "cert_field.client_app_secret"), Kind: "text", Help: client + T(ctx, "cert_field.oppo_client_app_secret_help")},
		}
	case models.VendorVivo:
		return []FieldSpec{
			{Name: "vivo.app_id", Label: "AppID", Kind: "text", Required: true},
			{Name: "vivo.app_key", Label: "AppKey", Kind: "text", Required: true},
			{Name: "vivo.app_secret", Label: "AppSecret", Kind: "secret", Required: true},
			{Name: "vivo.category", Label: T(ctx, "cert_field.default_category"), Kind: "select", Options: []string{"", "IM", "ACCOUNT", "TODO", "DEVICE_REMINDER", "ORDER", "SUBSCRIPTION", "NEWS", "CONTENT", "MARKETING", "SOCIAL"},
				Help: T(ctx, "cert_field.vivo_category_help")},
			{Name: "vivo.unpublished", Label: T(ctx, "cert_field.vivo_unpublished"), Kind: "checkbox", Help: T(ctx, "cert_field.vivo_unpublished_help")},
		}
	case models.VendorMeizu:
		return []FieldSpec{
			{Name: "meizu.app_id", Label: "AppID", Kind: "text", Required: true},
			{Name: "meizu.app_secret", Label: "AppSecret", Kind: "secret", Required: true},
			{Name: "meizu.region", Label: T(ctx, "cert_field.region"), Kind: "select", Options: []string{"cn", "intl"}},
			{Name: "meizu.private", Label: T(ctx, "cert_field.meizu_private"), Kind: "checkbox", Help: T(ctx, "cert_field.meizu_private_help")},
			{Name: "meizu.client_app_key", Label: T(ctx, "cert_field.client_app_key"), Kind: "text", Help: client + T(ctx, "cert_field.meizu_client_app_key_help")},
		}
	}
	return nil
}

// HasClickAction tells whether the vendor lets the server choose what a tap
// opens; on iOS and FCM the app decides.
func HasClickAction(v models.Vendor) bool {
	return v != models.VendorAPNs && v != models.VendorFCM
}

// CertificateForm is the add/edit form's state. Values hold non-secret
// inputs by field name; SecretsSet says which secrets are stored (their
// values never reach a page).
type CertificateForm struct {
	Vendor      models.Vendor
	Certificate *models.Certificate // nil when adding
	Values      map[string]string
	SecretsSet  map[string]bool
	Error       string
	ErrorField  string
	// ReceiptURL is where the vendor posts receipts, with the secret; empty
	// for vendors without receipts.
	ReceiptURL string
}

// CertificatesView is the certificates list.
type CertificatesView struct {
	Certificates []models.Certificate
	Quotas       map[int64]models.CertificateQuota // today's counters
	Notice       string
}
