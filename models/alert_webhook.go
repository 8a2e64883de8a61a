package models

import (
	"net/url"
	"strings"
	"time"
)

// WebhookKind is the chat platform an app's alerts are posted to; each
// takes its own message shape.
type WebhookKind string

const (
	WebhookFeishu   WebhookKind = "feishu"
	WebhookDingTalk WebhookKind = "dingtalk"
	WebhookWeCom    WebhookKind = "wecom"
	WebhookSlack    WebhookKind = "slack"
	WebhookGeneric  WebhookKind = "generic"
)

// WebhookKinds lists the kinds in the order the settings form offers them.
func WebhookKinds() []WebhookKind {
	return []WebhookKind{WebhookFeishu, WebhookDingTalk, WebhookWeCom, WebhookSlack, WebhookGeneric}
}

// Valid reports whether k is a known kind.
func (k WebhookKind) Valid() bool {
	switch k {
	case WebhookFeishu, WebhookDingTalk, WebhookWeCom, WebhookSlack, WebhookGeneric:
		return true
	}
	return false
}

// Label is the platform's name as people write it.
func (k WebhookKind) Label() string {
	switch k {
	case WebhookFeishu:
		return "Feishu (Lark)"
	case WebhookDingTalk:
		return "DingTalk"
	case WebhookWeCom:
		return "WeCom"
	case WebhookSlack:
		return "Slack"
	}
	return "Generic JSON"
}

// Language is the language a kind's posts are written in. Feishu,
// DingTalk and WeCom are the chat tools of teams in China, whose groups
// read Chinese, and a bot that posts English there reads as something
// foreign to ignore; Slack teams and the scripts behind the generic kind
// read English. One language per post keeps a message short enough for
// WeCom's 2,048 bytes and its keyword ("pushcheck") easy to spot.
func (k WebhookKind) Language() Language {
	switch k {
	case WebhookFeishu, WebhookDingTalk, WebhookWeCom:
		return LanguageChinese
	}
	return LanguageEnglish
}

// Signs reports whether the kind takes a signing secret: Feishu's and
// DingTalk's custom bots check one when their "signature" security
// setting is on, and the generic kind signs its body with it. WeCom and
// Slack put their only secret in the URL.
func (k WebhookKind) Signs() bool {
	return k == WebhookFeishu || k == WebhookDingTalk || k == WebhookGeneric
}

// AlertWebhook is where an app's certificate alerts are posted. The URL
// and the signing secret are stored sealed: a chat bot's URL is itself a
// credential (anyone holding it can post to the group), so only a masked
// form is ever shown back.
type AlertWebhook struct {
	AppID     int64 `gorm:"primaryKey;autoIncrement:false"`
	Kind      WebhookKind
	URLShown  string `gorm:"column:url_shown"`
	Sealed    string `gorm:"column:secrets"`
	SecretSet bool
	// The last delivery: the check's batches and test messages alike.
	LastDeliveryAt      *time.Time
	LastDeliveryOK      *bool
	LastDeliveryMessage string
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

func (AlertWebhook) TableName() string { return "alert_webhooks" }

// WebhookSecrets are the sealed part of a webhook.
type WebhookSecrets struct {
	URL    string `json:"url"`
	Secret string `json:"secret,omitempty"`
}

// WebhookDelivery is how one post to a webhook ended.
type WebhookDelivery struct {
	OK      bool
	Message string
	At      time.Time
}

// WebhookInput is the body of PUT .../webhook and what the settings form
// submits. An omitted URL or secret keeps the stored one, unless the kind
// changes (another platform needs its own URL); an empty secret removes it.
type WebhookInput struct {
	Kind   string  `json:"kind"`
	URL    *string `json:"url"`
	Secret *string `json:"secret"`
}

const (
	maxWebhookURLLen    = 2048
	maxWebhookSecretLen = 256
)

// Apply checks the input and sets it on the webhook and its secrets;
// exists says whether w and s hold a stored webhook.
func (in WebhookInput) Apply(w *AlertWebhook, s *WebhookSecrets, exists bool) error {
	kind := WebhookKind(strings.TrimSpace(in.Kind))
	if kind == "" && exists {
		kind = w.Kind
	}
	if !kind.Valid() {
		return Invalid("kind", "unknown webhook kind %q: use feishu, dingtalk, wecom, slack or generic", kind)
	}
	newKind := !exists || kind != w.Kind
	if newKind {
		*s = WebhookSecrets{}
	}
	if err := in.applyURL(s, newKind); err != nil {
		return err
	}
	if err := in.applySecret(kind, s); err != nil {
		return err
	}
	if s.Secret != "" && !kind.Signs() {
		s.Secret = "" // kept from another kind would never be used
	}
	w.Kind, w.URLShown, w.SecretSet = kind, MaskWebhookURL(s.URL), s.Secret != ""
	return nil
}

func (in WebhookInput) applyURL(s *WebhookSecrets, newKind bool) error {
	if in.URL == nil || strings.TrimSpace(*in.URL) == "" {
		if newKind {
			return Invalid("url", "the webhook needs the URL the platform gave its bot")
		}
		return nil
	}
	raw := strings.TrimSpace(*in.URL)
	if err := CheckText("url", raw); err != nil {
		return err
	}
	if len(raw) > maxWebhookURLLen {
		return Invalid("url", "the webhook URL is longer than %d bytes", maxWebhookURLLen)
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "":
		return Invalid("url", "the webhook URL is not a URL: paste the one the platform gave its bot")
	case !strings.EqualFold(u.Scheme, "https"):
		return Invalid("url", "the webhook URL must start with https://: alerts name certificates and are signed, so they never travel in clear text")
	case u.User != nil:
		return Invalid("url", "the webhook URL must not carry a user name or password")
	}
	s.URL = raw
	return nil
}

func (in WebhookInput) applySecret(kind WebhookKind, s *WebhookSecrets) error {
	if in.Secret == nil {
		return nil
	}
	secret := strings.TrimSpace(*in.Secret)
	if err := CheckText("secret", secret); err != nil {
		return err
	}
	switch {
	case secret != "" && !kind.Signs():
		return Invalid("secret", "%s webhooks are not signed (the URL is the secret): leave the secret empty", kind.Label())
	case len(secret) > maxWebhookSecretLen:
		return Invalid("secret", "the secret is longer than %d bytes", maxWebhookSecretLen)
	}
	s.Secret = secret
	return nil
}

// MaskWebhookURL shows enough of a webhook URL to recognise it (the host
// and the last four characters) and not enough to post to it.
func MaskWebhookURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	shown := u.Scheme + "://" + u.Host
	rest := []rune(strings.TrimPrefix(u.String(), shown))
	if len(rest) <= 4 {
		return shown + string(rest)
	}
	return shown + "/…" + string(rest[len(rest)-4:])
}
