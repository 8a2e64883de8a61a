package views

import "github.com/pushcheck/pushcheck/models"

// FieldSpec describes one input of a vendor's certificate form. Name is the
// API's field name ("oppo.app_key"), so validation errors point at it.
type FieldSpec struct {
	Name, Label, Help string
	Kind              string // text | secret | file | select | checkbox
	Options           []string
	Required          bool
}

// CertificateFields lists each vendor's real credential fields, in the
// order its console shows them.
func CertificateFields(v models.Vendor) []FieldSpec {
	switch v {
	case models.VendorAPNs:
		return []FieldSpec{
			{Name: "apns.bundle_id", Label: "Bundle ID (topic)", Kind: "text", Help: "e.g. com.example.im; read from the .p12 when left empty"},
			{Name: "apns.auth", Label: "Authentication", Kind: "select", Options: []string{"token", "certificate"}, Help: "token: a .p8 signing key (never expires); certificate: a .p12 push certificate"},
			{Name: "apns.key_id", Label: "Key ID", Kind: "text", Help: "token auth: 10 characters, beside the key in Certificates, Identifiers & Profiles → Keys"},
			{Name: "apns.team_id", Label: "Team ID", Kind: "text", Help: "token auth: 10 characters, under Membership"},
			{Name: "apns.p8", Label: ".p8 key file", Kind: "file", Help: "token auth: AuthKey_XXXXXXXXXX.p8"},
			{Name: "apns.p12", Label: ".p12 certificate file", Kind: "file", Help: "certificate auth: exported from Keychain Access with its private key"},
			{Name: "apns.password", Label: ".p12 password", Kind: "secret"},
		}
	case models.VendorFCM:
		return []FieldSpec{
			{Name: "fcm.service_account_json", Label: "Service-account JSON", Kind: "file", Required: true, Help: "Firebase console → Project settings → Service accounts → Generate new private key"},
		}
	case models.VendorHuawei:
		return []FieldSpec{
			{Name: "huawei.app_id", Label: "App ID", Kind: "text", Required: true, Help: "AppGallery Connect → Project settings → App information"},
			{Name: "huawei.client_id", Label: "OAuth client ID", Kind: "text", Required: true},
			{Name: "huawei.client_secret", Label: "OAuth client secret", Kind: "secret", Required: true},
			{Name: "huawei.badge_class", Label: "Badge class", Kind: "text", Help: "the launcher activity, e.g. com.example.im.MainActivity; without it no badge number shows"},
			{Name: "huawei.package_name", Label: "Package name", Kind: "text", Help: "the app's package, e.g. com.example.im; an activity click travels as an intent URI naming it"},
			{Name: "huawei.category", Label: "Default category", Kind: "select", Options: []string{"", "IM", "VOIP", "SUBSCRIPTION", "TRAVEL", "HEALTH", "WORK", "ACCOUNT", "EXPRESS", "FINANCE", "DEVICE_REMINDER", "SYSTEM_REMINDER", "MAIL", "PLAY_VOICE", "MARKETING"},
				Help: "sent when a message names none; needs Huawei's self-classification rights. Empty: Huawei's classifier decides, and marketing is silent, 2 a day per device"},
			{Name: "huawei.receipt_id", Label: "Receipt ID", Kind: "text", Help: "AppGallery Connect → Push Kit → Receipt: the ID of the receipt configuration whose URL is this certificate's receipt URL (shown on the certificate's page); empty: the default configuration"},
			{Name: "huawei.callback_user", Label: "Receipt callback user name", Kind: "text", Help: "optional; with the key, every receipt's X-HUAWEI-CALLBACK-ID signature is checked"},
			{Name: "huawei.callback_key", Label: "Receipt callback key", Kind: "secret", Help: "the HMAC key set with the receipt configuration"},
		}
	case models.VendorHarmony:
		return []FieldSpec{
			{Name: "harmony.service_account_json", Label: "Service-account key (JSON)", Kind: "file", Required: true,
				Help: "API Console of HUAWEI Developers → Credentials → Service account key, in the app's project: the file as downloaded (project_id, key_id, sub_account, private_key)"},
			{Name: "harmony.category", Label: "Default category", Kind: "select", Options: []string{"", "IM", "VOIP", "MISS_CALL", "SUBSCRIPTION", "TRAVEL", "HEALTH", "WORK", "ACCOUNT", "EXPRESS", "FINANCE", "DEVICE_REMINDER", "MAIL", "MARKETING"},
				Help: "sent when a message names none. Empty, MARKETING, or a category not granted below: Huawei sends it as MARKETING, silent, 2 a day per device"},
			{Name: "harmony.categories", Label: "Granted categories", Kind: "text",
				Help: "the self-classification rights Huawei granted the app, e.g. IM, VOIP (AppGallery Connect → Push Kit → rights); any other category travels as MARKETING"},
			{Name: "harmony.call_right", Label: "In-app call right (push-type 10)", Kind: "checkbox", Help: "granted by Huawei for VoIP apps; without it call invitations are refused and a killed app never rings"},
			{Name: "harmony.receipt_id", Label: "Receipt ID", Kind: "text", Help: "AppGallery Connect → Push Kit → configuration: a receipt of version V2 whose URL is this certificate's receipt URL; empty: the app's or project's default"},
			{Name: "harmony.callback_user", Label: "Receipt callback user name", Kind: "text", Help: "optional; with the key, every receipt's X-HUAWEI-CALLBACK-ID signature is checked"},
			{Name: "harmony.callback_key", Label: "Receipt callback key", Kind: "secret", Help: "the receipt configuration's secret, as AppGallery Connect shows it"},
			{Name: "harmony.client_id", Label: "Client ID (client config)", Kind: "text", Help: clientConfigHelp + "module.json5's client_id: AppGallery Connect → Project settings → General information → App → Client ID"},
		}
	case models.VendorHonor:
		return []FieldSpec{
			{Name: "honor.app_id", Label: "App ID", Kind: "text", Required: true},
			{Name: "honor.client_id", Label: "Client ID", Kind: "text", Required: true},
			{Name: "honor.client_secret", Label: "Client secret", Kind: "secret", Required: true},
			{Name: "honor.badge_class", Label: "Badge class", Kind: "text", Help: "the launcher activity, e.g. com.example.im.MainActivity; without it no badge number shows"},
			{Name: "honor.package_name", Label: "Package name", Kind: "text", Help: "the app's package, e.g. com.example.im; an activity click travels as an intent URI naming it"},
			{Name: "honor.importance", Label: "Default importance", Kind: "select", Options: []string{"", "NORMAL", "LOW"},
				Help: "NORMAL: service & communication (needs self-classification rights); LOW or empty: marketing, silent, 2 a day per device"},
			{Name: "honor.receipt_id", Label: "Receipt ID", Kind: "text", Help: "Honor developer console → receipt configuration whose URL is this certificate's receipt URL; empty: the default one"},
		}
	case models.VendorXiaomi:
		return []FieldSpec{
			{Name: "xiaomi.package_name", Label: "Package name", Kind: "text", Required: true},
			{Name: "xiaomi.app_secret", Label: "AppSecret", Kind: "secret", Required: true},
			{Name: "xiaomi.region", Label: "Region", Kind: "select", Options: []string{"cn", "global", "ru", "in", "eu"}},
			{Name: "xiaomi.channel_id", Label: "Default channel ID", Kind: "text", Help: "sent when a message names none; without a channel Xiaomi's default channel shows 1 message a day per device"},
			{Name: "xiaomi.client_app_id", Label: "AppID (client config)", Kind: "text", Help: clientConfigHelp + "MiPushClient.registerPush takes it; Xiaomi open platform → the app → 应用信息, beside the AppSecret"},
			{Name: "xiaomi.client_app_key", Label: "AppKey (client config)", Kind: "text", Help: clientConfigHelp + "MiPushClient.registerPush takes it with the AppID"},
		}
	case models.VendorOPPO:
		return []FieldSpec{
			{Name: "oppo.app_key", Label: "AppKey", Kind: "text", Required: true},
			{Name: "oppo.master_secret", Label: "MasterSecret", Kind: "secret", Required: true, Help: "the MasterSecret, not the AppSecret"},
			{Name: "oppo.channel_id", Label: "Default channel ID", Kind: "text", Help: "used when a message names none; OPPO hides notifications without a channel on Android 8+"},
			{Name: "oppo.category", Label: "Default category", Kind: "select", Options: []string{"", "IM", "ACCOUNT", "DEVICE_REMINDER", "ORDER", "TODO", "SUBSCRIPTION", "NEWS", "CONTENT", "MARKETING", "SOCIAL"},
				Help: "communication & service categories (IM…) need OPPO's approval; empty or marketing ones are capped at 2 a day per device"},
			{Name: "oppo.region", Label: "Region", Kind: "select", Options: []string{"cn", "intl"}},
			{Name: "oppo.client_app_secret", Label: "AppSecret (client config)", Kind: "text", Help: clientConfigHelp + "HeytapPushManager.register takes the AppKey and this AppSecret, which ships in the app; OPPO push platform → 配置管理 → 应用配置. Not the MasterSecret"},
		}
	case models.VendorVivo:
		return []FieldSpec{
			{Name: "vivo.app_id", Label: "AppID", Kind: "text", Required: true},
			{Name: "vivo.app_key", Label: "AppKey", Kind: "text", Required: true},
			{Name: "vivo.app_secret", Label: "AppSecret", Kind: "secret", Required: true},
			{Name: "vivo.category", Label: "Default category", Kind: "select", Options: []string{"", "IM", "ACCOUNT", "TODO", "DEVICE_REMINDER", "ORDER", "SUBSCRIPTION", "NEWS", "CONTENT", "MARKETING", "SOCIAL"},
				Help: "a system category (IM…) makes messages system messages; empty or operation ones arrive only 07:00-23:00, 5 a day per user"},
			{Name: "vivo.unpublished", Label: "Not yet published on the vivo store", Kind: "checkbox", Help: "vivo then delivers only test pushes, to devices registered as test devices"},
		}
	case models.VendorMeizu:
		return []FieldSpec{
			{Name: "meizu.app_id", Label: "AppID", Kind: "text", Required: true},
			{Name: "meizu.app_secret", Label: "AppSecret", Kind: "secret", Required: true},
			{Name: "meizu.region", Label: "Region", Kind: "select", Options: []string{"cn", "intl"}},
			{Name: "meizu.private", Label: "Private-message (私信) rights", Kind: "checkbox", Help: "messages go as private; without, public messages are capped at 3 a day per device"},
			{Name: "meizu.client_app_key", Label: "AppKey (client config)", Kind: "text", Help: clientConfigHelp + "PushManager.register takes the AppID and this AppKey; Flyme push platform → the app. Not the AppSecret"},
		}
	}
	return nil
}

// clientConfigHelp opens the help of the optional client values: the
// console never sends with them, it only shows them to the app team.
const clientConfigHelp = "optional, shown in the Client config for the app's SDK, never used to send: "

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
