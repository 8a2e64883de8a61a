package handlers

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// maxCredentialFile bounds an uploaded .p12, .p8 or service-account JSON;
// real ones are a few kilobytes.
const maxCredentialFile = 64 << 10

// certificateFormInput reads the add/edit form into the API's input shape,
// and returns the non-secret values to show again if the form is refused.
func certificateFormInput(c echo.Context, vendor models.Vendor) (models.CertificateInput, map[string]string, error) {
	values := map[string]string{}
	get := func(name string) string {
		v := strings.TrimSpace(c.FormValue(name))
		values[name] = v
		return v
	}
	secret := func(name string) string { return c.FormValue(name) } // never echoed back
	in := models.CertificateInput{Vendor: vendor, Name: get("name"), Environment: get("environment")}
	if t := get("click_action.type"); t != "" {
		in.ClickAction = &models.ClickAction{Type: t, Activity: get("click_action.activity"), IntentURI: get("click_action.intent_uri")}
	}
	var err error
	file := func(name string) []byte {
		if err != nil {
			return nil
		}
		var b []byte
		b, err = formFile(c, name)
		return b
	}
	switch vendor {
	case models.VendorAPNs:
		a := &models.APNsCredentials{BundleID: get("apns.bundle_id"), Auth: get("apns.auth"), KeyID: get("apns.key_id"), TeamID: get("apns.team_id"),
			P8: file("apns.p8"), P12: file("apns.p12")}
		// An empty password field keeps the stored one, unless a new .p12
		// arrives: its password may really be empty.
		if pw := secret("apns.password"); pw != "" || len(a.P12) > 0 {
			a.Password = &pw
		}
		in.APNs = a
	case models.VendorFCM:
		in.FCM = &models.FCMCredentials{ServiceAccountJSON: file("fcm.service_account_json")}
	case models.VendorHuawei:
		in.Huawei = &models.HuaweiCredentials{AppID: get("huawei.app_id"), ClientID: get("huawei.client_id"), ClientSecret: secret("huawei.client_secret"), BadgeClass: get("huawei.badge_class"), PackageName: get("huawei.package_name"), Category: get("huawei.category"),
			ReceiptID: get("huawei.receipt_id"), CallbackUser: get("huawei.callback_user"), CallbackKey: secret("huawei.callback_key")}
	case models.VendorHarmony:
		in.Harmony = &models.HarmonyCredentials{ServiceAccountJSON: file("harmony.service_account_json"), Category: get("harmony.category"),
			Categories: splitList(get("harmony.categories")), CallRight: get("harmony.call_right") == "1",
			ReceiptID: get("harmony.receipt_id"), CallbackUser: get("harmony.callback_user"), CallbackKey: secret("harmony.callback_key"), ClientID: get("harmony.client_id")}
	case models.VendorHonor:
		in.Honor = &models.HonorCredentials{AppID: get("honor.app_id"), ClientID: get("honor.client_id"), ClientSecret: secret("honor.client_secret"), BadgeClass: get("honor.badge_class"), PackageName: get("honor.package_name"), Importance: get("honor.importance"),
			ReceiptID: get("honor.receipt_id")}
	case models.VendorXiaomi:
		in.Xiaomi = &models.XiaomiCredentials{PackageName: get("xiaomi.package_name"), AppSecret: secret("xiaomi.app_secret"), Region: get("xiaomi.region"), ChannelID: get("xiaomi.channel_id"),
			ClientAppID: get("xiaomi.client_app_id"), ClientAppKey: get("xiaomi.client_app_key")}
	case models.VendorOPPO:
		in.OPPO = &models.OPPOCredentials{AppKey: get("oppo.app_key"), MasterSecret: secret("oppo.master_secret"), ChannelID: get("oppo.channel_id"), Category: get("oppo.category"), Region: get("oppo.region"),
			ClientAppSecret: get("oppo.client_app_secret")}
	case models.VendorVivo:
		in.Vivo = &models.VivoCredentials{AppID: get("vivo.app_id"), AppKey: get("vivo.app_key"), AppSecret: secret("vivo.app_secret"),
			Category: get("vivo.category"), Unpublished: get("vivo.unpublished") == "1"}
	case models.VendorMeizu:
		in.Meizu = &models.MeizuCredentials{AppID: get("meizu.app_id"), AppSecret: secret("meizu.app_secret"), Region: get("meizu.region"), Private: get("meizu.private") == "1",
			ClientAppKey: get("meizu.client_app_key")}
	default:
		return in, values, models.Invalid("vendor", "unknown vendor %q", vendor)
	}
	return in, values, err
}

// splitList reads a list typed into one field: "IM, VOIP" or "IM VOIP".
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '、' || r == '，' })
}

func formFile(c echo.Context, name string) ([]byte, error) {
	fh, err := c.FormFile(name)
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil {
		return nil, models.Invalid(name, "the upload could not be read: %v", err)
	}
	if fh.Size > maxCredentialFile {
		return nil, models.Invalid(name, "the file is %d bytes; credential files are a few kilobytes", fh.Size)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, models.Invalid(name, "the upload could not be read: %v", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCredentialFile))
	if err != nil {
		return nil, models.Invalid(name, "the upload could not be read: %v", err)
	}
	return b, nil
}

// secretsSet names the secret fields a certificate has stored, for the
// forms' "set — replace" controls and the API's secrets_set.
func secretsSet(v models.Vendor, s models.CertificateSecrets) map[string]bool {
	set := map[string]bool{}
	mark := func(name string, present bool) {
		if present {
			set[string(v)+"."+name] = true
		}
	}
	mark("p8", len(s.P8) > 0)
	mark("p12", len(s.P12) > 0)
	mark("password", s.P12Password != "")
	mark("service_account_json", len(s.ServiceAccountJSON) > 0)
	mark("client_secret", s.ClientSecret != "")
	mark("app_secret", s.AppSecret != "")
	mark("master_secret", s.MasterSecret != "")
	mark("callback_key", s.CallbackKey != "")
	return set
}

// certificateValues are a stored certificate's non-secret form values.
func certificateValues(c models.Certificate) map[string]string {
	v := string(c.Vendor) + "."
	s := c.Settings
	values := map[string]string{
		"name": c.Name, "environment": string(c.Environment),
		"click_action.type": c.ClickAction.Type, "click_action.activity": c.ClickAction.Activity, "click_action.intent_uri": c.ClickAction.IntentURI,
		v + "bundle_id": s.BundleID, v + "auth": s.Auth, v + "key_id": s.KeyID, v + "team_id": s.TeamID,
		v + "app_id": s.AppID, v + "client_id": s.ClientID, v + "badge_class": s.BadgeClass,
		v + "package_name": s.PackageName, v + "region": s.Region, v + "app_key": s.AppKey, v + "channel_id": s.ChannelID,
		v + "receipt_id": s.ReceiptID, v + "callback_user": s.CallbackUser, v + "categories": strings.Join(s.Categories, ", "), v + "call_right": checked(s.CallRight), v + "category": s.Category, v + "importance": s.Importance, v + "unpublished": checked(s.Unpublished), v + "private": checked(s.Private),
		v + "client_app_id": s.ClientAppID, v + "client_app_key": s.ClientAppKey, v + "client_app_secret": s.ClientAppSecret,
	}
	return values
}

func checked(b bool) string {
	if b {
		return "1"
	}
	return ""
}
