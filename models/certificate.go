package models

import (
	"slices"
	"strings"
	"time"
)

// CertificateEnvironment says where a certificate's pushes go: the vendor's
// development or production service, or pushcheck's built-in emulator.
type CertificateEnvironment string

const (
	CertDevelopment CertificateEnvironment = "development"
	CertProduction  CertificateEnvironment = "production"
	CertSandbox     CertificateEnvironment = "sandbox"
)

// ClickAction is what tapping the notification does, where the vendor lets
// the server choose.
type ClickAction struct {
	Type      string `json:"type"` // open_app | activity | intent
	Activity  string `json:"activity,omitempty"`
	IntentURI string `json:"intent_uri,omitempty"`
}

// CertificateSettings are a certificate's non-secret vendor fields; each
// vendor uses a few of them.
type CertificateSettings struct {
	BundleID    string `json:"bundle_id,omitempty"`    // APNs topic
	Auth        string `json:"auth,omitempty"`         // APNs: token | certificate
	KeyID       string `json:"key_id,omitempty"`       // APNs .p8
	TeamID      string `json:"team_id,omitempty"`      // APNs .p8
	ProjectID   string `json:"project_id,omitempty"`   // FCM, from the service account
	ClientEmail string `json:"client_email,omitempty"` // FCM, from the service account
	AppID       string `json:"app_id,omitempty"`       // Huawei, Honor, vivo, Meizu
	ClientID    string `json:"client_id,omitempty"`    // Huawei, Honor OAuth client
	BadgeClass  string `json:"badge_class,omitempty"`  // Huawei, Honor launcher activity for badges
	PackageName string `json:"package_name,omitempty"` // Xiaomi
	Region      string `json:"region,omitempty"`       // Xiaomi, OPPO, Meizu
	AppKey      string `json:"app_key,omitempty"`      // OPPO, vivo
	ChannelID   string `json:"channel_id,omitempty"`   // OPPO, Xiaomi default channel
	// The message class the IM server asks for when a message names none:
	// a self-classification category (Huawei, OPPO, vivo), an importance
	// (Honor) or private-message rights (Meizu).
	Category   string `json:"category,omitempty"`
	Importance string `json:"importance,omitempty"`
	Private    bool   `json:"private,omitempty"`
	// Unpublished: the vivo app is not yet on the vivo store, so vivo
	// delivers only test pushes to registered test devices.
	Unpublished bool `json:"unpublished,omitempty"`
	// Receipts configured in the vendor's console (Huawei, Honor): the
	// receipt configuration's ID, sent with each message, and the callback
	// user name that signs Huawei's receipts.
	ReceiptID    string `json:"receipt_id,omitempty"`
	CallbackUser string `json:"callback_user,omitempty"`
	// HarmonyOS NEXT (Push Kit v3): the service-account key's sub-account
	// (the JWT's iss; ProjectID and KeyID hold its project and key), the
	// self-classification categories the app was granted (any other is
	// silently sent as MARKETING), and whether it holds the in-app call
	// right (push-type 10).
	SubAccount string   `json:"sub_account,omitempty"`
	Categories []string `json:"categories,omitempty"`
	CallRight  bool     `json:"call_right,omitempty"`
	// Topics are the APNs topics a .p12 certificate may push to, read from
	// the certificate (bundle ID, bundle ID + ".voip", …); empty for a .p8
	// key, which may push to every topic of the team.
	Topics []string `json:"topics,omitempty"`
	// Client values: what the vendor hands out for the app's own SDK, shown
	// in the client config and never used to send. Xiaomi's client AppID
	// and AppKey, Meizu's AppKey, and OPPO's AppSecret (the client's, not
	// the server's MasterSecret); HarmonyOS NEXT's client ID is in
	// ClientID. None is a server secret: each ships inside the app.
	ClientAppID     string `json:"client_app_id,omitempty"`
	ClientAppKey    string `json:"client_app_key,omitempty"`
	ClientAppSecret string `json:"client_app_secret,omitempty"`
}

// CertificateSecrets are the credentials that never leave the server: they
// are stored sealed and never rendered, logged or returned.
type CertificateSecrets struct {
	P12                []byte `json:"p12,omitempty"`
	P12Password        string `json:"p12_password,omitempty"`
	P8                 []byte `json:"p8,omitempty"`
	ServiceAccountJSON []byte `json:"service_account_json,omitempty"`
	ClientSecret       string `json:"client_secret,omitempty"`
	AppSecret          string `json:"app_secret,omitempty"`
	MasterSecret       string `json:"master_secret,omitempty"`
	CallbackKey        string `json:"callback_key,omitempty"` // Huawei receipts' HMAC key
}

// Certificate is one set of vendor credentials with its console-assigned ID,
// the number devices report as certificate_id.
type Certificate struct {
	ID            int64 `gorm:"primaryKey"`
	AppID         int64
	Vendor        Vendor
	Name          string
	Environment   CertificateEnvironment
	Settings      CertificateSettings `gorm:"serializer:json"`
	SealedSecrets string              `gorm:"column:secrets"`
	ClickAction   ClickAction         `gorm:"serializer:json"`
	// ReceiptSecret is the last part of the certificate's receipt URL: a
	// vendor's callback is taken only with it, so nobody can post receipts
	// by guessing certificate IDs. Admins can rotate it.
	ReceiptSecret string `gorm:"column:receipt_secret"`
	// Facts read from the credentials themselves (APNs .p12).
	Topic           string
	APNsEnvironment string `gorm:"column:apns_environment"`
	ExpiresAt       *time.Time
	Warnings        []string `gorm:"serializer:json"`
	// The last health check.
	CheckedAt    *time.Time
	CheckOK      *bool
	CheckMessage string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (Certificate) TableName() string { return "certificates" }

// Sandboxed reports whether pushes go to the built-in emulator.
func (c Certificate) Sandboxed() bool { return c.Environment == CertSandbox }

// ExpiresWithin reports whether the credentials expire before now+d.
func (c Certificate) ExpiresWithin(now time.Time, d time.Duration) bool {
	return c.ExpiresAt != nil && c.ExpiresAt.Before(now.Add(d))
}

// CertificateInput is the body of POST/PUT .../certificates and what the
// forms submit: common fields plus exactly one vendor object. On update an
// omitted secret keeps the stored one.
type CertificateInput struct {
	Vendor      Vendor              `json:"vendor"`
	Name        string              `json:"name"`
	Environment string              `json:"environment"`
	ClickAction *ClickAction        `json:"click_action"`
	APNs        *APNsCredentials    `json:"apns"`
	FCM         *FCMCredentials     `json:"fcm"`
	Huawei      *HuaweiCredentials  `json:"huawei"`
	Harmony     *HarmonyCredentials `json:"harmony"`
	Honor       *HonorCredentials   `json:"honor"`
	Xiaomi      *XiaomiCredentials  `json:"xiaomi"`
	OPPO        *OPPOCredentials    `json:"oppo"`
	Vivo        *VivoCredentials    `json:"vivo"`
	Meizu       *MeizuCredentials   `json:"meizu"`
}

// APNsCredentials: a .p8 signing key (token auth) or a .p12 certificate.
type APNsCredentials struct {
	BundleID string  `json:"bundle_id"`
	Auth     string  `json:"auth"` // token | certificate
	KeyID    string  `json:"key_id"`
	TeamID   string  `json:"team_id"`
	P8       []byte  `json:"p8"`
	P12      []byte  `json:"p12"`
	Password *string `json:"password"`
}

// FCMCredentials: a Firebase service-account JSON key.
type FCMCredentials struct {
	ServiceAccountJSON []byte `json:"service_account_json"`
}

// HuaweiCredentials: Push Kit OAuth client.
type HuaweiCredentials struct {
	AppID        string `json:"app_id"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	BadgeClass   string `json:"badge_class"`
	PackageName  string `json:"package_name"` // the app's, for activity clicks
	Category     string `json:"category"`     // default android.category, e.g. IM
	ReceiptID    string `json:"receipt_id"`
	CallbackUser string `json:"callback_user"`
	CallbackKey  string `json:"callback_key"`
}

// HarmonyCredentials: a Push Kit v3 service-account key (AppGallery
// Connect API Console → Credentials → Service account key), the JSON file
// as downloaded, and the rights the app holds.
type HarmonyCredentials struct {
	ServiceAccountJSON []byte   `json:"service_account_json"`
	Category           string   `json:"category"`   // default category, e.g. IM
	Categories         []string `json:"categories"` // self-classification categories granted
	CallRight          bool     `json:"call_right"` // in-app call (push-type 10) right granted
	ReceiptID          string   `json:"receipt_id"`
	CallbackUser       string   `json:"callback_user"`
	CallbackKey        string   `json:"callback_key"`
	ClientID           string   `json:"client_id"` // module.json5's client_id, for the client config only
}

// HonorCredentials: Honor Push OAuth client.
type HonorCredentials struct {
	AppID        string `json:"app_id"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	BadgeClass   string `json:"badge_class"`
	PackageName  string `json:"package_name"` // the app's, for activity clicks
	Importance   string `json:"importance"`   // default NORMAL (service & communication) or LOW
	ReceiptID    string `json:"receipt_id"`
}

// XiaomiCredentials: Mi Push AppSecret and region.
type XiaomiCredentials struct {
	PackageName string `json:"package_name"`
	AppSecret   string `json:"app_secret"`
	Region      string `json:"region"`
	ChannelID   string `json:"channel_id"` // default extra.channel_id
	// The client SDK's AppID and AppKey (MiPushClient.registerPush), for
	// the client config only.
	ClientAppID  string `json:"client_app_id"`
	ClientAppKey string `json:"client_app_key"`
}

// OPPOCredentials: OPPO Push AppKey and MasterSecret.
type OPPOCredentials struct {
	AppKey       string `json:"app_key"`
	MasterSecret string `json:"master_secret"`
	ChannelID    string `json:"channel_id"`
	Category     string `json:"category"`
	Region       string `json:"region"`
	// ClientAppSecret is the AppSecret the client SDK takes with the
	// AppKey (HeytapPushManager.register): it ships in the app, unlike
	// the MasterSecret, and is shown in the client config.
	ClientAppSecret string `json:"client_app_secret"`
}

// VivoCredentials: vivo Push AppID, AppKey and AppSecret.
type VivoCredentials struct {
	AppID       string `json:"app_id"`
	AppKey      string `json:"app_key"`
	AppSecret   string `json:"app_secret"`
	Category    string `json:"category"`
	Unpublished bool   `json:"unpublished"`
}

// MeizuCredentials: Flyme Push AppID and AppSecret.
type MeizuCredentials struct {
	AppID     string `json:"app_id"`
	AppSecret string `json:"app_secret"`
	Region    string `json:"region"`
	Private   bool   `json:"private"` // the app has private-message (私信) rights
	// ClientAppKey is the AppKey the client SDK takes with the AppID
	// (PushManager.register), for the client config only.
	ClientAppKey string `json:"client_app_key"`
}

// vendorObjects lists which vendor objects an input carries.
func (in CertificateInput) vendorObjects() []Vendor {
	var vs []Vendor
	add := func(present bool, v Vendor) {
		if present {
			vs = append(vs, v)
		}
	}
	add(in.APNs != nil, VendorAPNs)
	add(in.FCM != nil, VendorFCM)
	add(in.Huawei != nil, VendorHuawei)
	add(in.Harmony != nil, VendorHarmony)
	add(in.Honor != nil, VendorHonor)
	add(in.Xiaomi != nil, VendorXiaomi)
	add(in.OPPO != nil, VendorOPPO)
	add(in.Vivo != nil, VendorVivo)
	add(in.Meizu != nil, VendorMeizu)
	return vs
}

// ApplyCommon checks the vendor-independent fields of an input and sets them
// on c. Vendor-specific fields are the vendors package's business.
func (in CertificateInput) ApplyCommon(c *Certificate) error {
	if c.ID != 0 && in.Vendor != "" && in.Vendor != c.Vendor {
		return Invalid("vendor", "a certificate's vendor cannot change; create a new certificate for %s", in.Vendor.Label())
	}
	if c.ID == 0 {
		if !in.Vendor.Valid() {
			return Invalid("vendor", "unknown vendor %q: use apns, fcm, huawei, harmony, honor, xiaomi, oppo, vivo or meizu", in.Vendor)
		}
		c.Vendor = in.Vendor
	}
	objs := in.vendorObjects()
	if len(objs) != 1 || objs[0] != c.Vendor {
		return Invalid(string(c.Vendor), "send exactly one vendor object, %q, with the %s fields", c.Vendor, c.Vendor.Label())
	}
	name := strings.TrimSpace(in.Name)
	switch {
	case name == "" && c.Name == "":
		return Invalid("name", "give the certificate a name people will recognise, e.g. \"iOS production\"")
	case len(name) > 80:
		return Invalid("name", "the name is longer than 80 characters")
	case name != "":
		c.Name = name
	}
	env := CertificateEnvironment(in.Environment)
	switch {
	case in.Environment == "" && c.Environment != "":
	case slices.Contains([]CertificateEnvironment{CertDevelopment, CertProduction, CertSandbox}, env):
		c.Environment = env
	default:
		return Invalid("environment", "environment must be development, production or sandbox")
	}
	if in.ClickAction != nil {
		if err := in.ClickAction.validate(); err != nil {
			return err
		}
		c.ClickAction = *in.ClickAction
	}
	if c.ClickAction.Type == "" {
		c.ClickAction.Type = "open_app"
	}
	return nil
}

func (a ClickAction) validate() error {
	switch a.Type {
	case "", "open_app":
	case "activity":
		if strings.TrimSpace(a.Activity) == "" {
			return Invalid("click_action.activity", "name the activity to open, e.g. com.example.im.ChatActivity")
		}
	case "intent":
		if !strings.HasPrefix(a.IntentURI, "intent:") && !strings.Contains(a.IntentURI, "://") {
			return Invalid("click_action.intent_uri", "the intent URI must look like intent://…#Intent;…;end or scheme://path")
		}
	default:
		return Invalid("click_action.type", "click action must be open_app, activity or intent")
	}
	return nil
}
