package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/receipts"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// The HTTP layer's view of the rest of the program: one small interface
// per thing it uses, so that a handler can be tested with a fake where that
// is clearer than the real store. New fills them all with the real parts.

type deviceStore interface {
	RegisterDevice(ctx context.Context, appID int64, deviceID string, reg models.Registration, now time.Time) (models.Device, error)
	ReportState(ctx context.Context, appID int64, deviceID string, report models.StateReport, now time.Time) (models.DeviceState, error)
	LogoutDevice(ctx context.Context, appID int64, deviceID string, report models.LogoutReport, now time.Time) (models.DeviceState, error)
	DeleteDevice(ctx context.Context, appID int64, deviceID string) error
	DeviceByDeviceID(ctx context.Context, appID int64, deviceID string) (models.Device, error)
	DeviceTimeline(ctx context.Context, devicePK int64, before int64, limit int) ([]models.DeviceEvent, error)
	ListDevices(ctx context.Context, appID int64, f models.DeviceFilter) (models.DeviceListPage, error)
	CountDevices(ctx context.Context, appID int64, f models.DeviceFilter) (models.DeviceCounts, error)
	DevicesOfUser(ctx context.Context, appID int64, userID string) ([]models.Device, error)
	DevicesMovedAway(ctx context.Context, appID int64, userID string, limit int) ([]models.DeviceEvent, error)
	DevicesByPK(ctx context.Context, appID int64, pks []int64) (map[string]models.Device, error)
}

type certificateStore interface {
	CertificateByID(ctx context.Context, appID, id int64) (models.Certificate, error)
	CertificatesOfApp(ctx context.Context, appID int64) ([]models.Certificate, error)
	KnownCertificates(ctx context.Context, appID int64, ids []int64) (map[int64]models.Certificate, error)
	SaveCertificate(ctx context.Context, sealer *secrets.Sealer, appID, id int64, apply func(*models.Certificate, *models.CertificateSecrets) error) (models.Certificate, error)
	DeleteCertificate(ctx context.Context, appID, id int64) error
	RecordCertificateCheck(ctx context.Context, appID, id int64, ok bool, message string, at time.Time) error
	QuotasToday(ctx context.Context, certs []models.Certificate, now time.Time) (map[int64]models.CertificateQuota, error)
	SetQuotaLimits(ctx context.Context, appID, certificateID int64, limits map[models.MessageClass]*int, by string, now time.Time) error
	RotateReceiptSecret(ctx context.Context, appID, id int64) (models.Certificate, error)
	SandboxCertificates(ctx context.Context) ([]models.Certificate, error)
}

type pushStore interface {
	PushSummaryByID(ctx context.Context, appID, id int64, now time.Time) (models.PushSummary, error)
	PushProgress(ctx context.Context, pushID int64) (models.PushProgress, error)
	PushByID(ctx context.Context, appID, id int64) (models.Push, []models.Delivery, error)
	PushHistory(ctx context.Context, appID int64, f models.PushFilter, now time.Time) ([]models.PushSummary, error)
	TracesOf(ctx context.Context, deliveryIDs []string) (map[string][]models.DeliveryEvent, error)
	Receipts(ctx context.Context, appID int64, unmatchedOnly bool, limit int) ([]models.DeliveryEvent, error)
	Ack(ctx context.Context, appID int64, deliveryID string, stage models.Stage, at time.Time, raw string) (models.Delivery, error)
}

type groupStore interface {
	CreateGroup(ctx context.Context, appID int64, name, createdBy string, deviceIDs []string) (models.DeviceGroup, error)
	SetGroupDevices(ctx context.Context, g models.DeviceGroup, deviceIDs []string) error
	Groups(ctx context.Context, appID int64) ([]models.DeviceGroup, map[int64]int, error)
	Group(ctx context.Context, appID int64, ref string) (models.DeviceGroup, error)
	GroupDevices(ctx context.Context, g models.DeviceGroup) ([]models.Device, error)
	DeleteGroup(ctx context.Context, g models.DeviceGroup) error
	DevicesByDeviceIDs(ctx context.Context, appID int64, ids []string) (map[string]models.Device, error)
}

type appStore interface {
	Apps(ctx context.Context) ([]models.App, error)
	AppByID(ctx context.Context, id int64) (models.App, error)
	CreateAppWithKey(ctx context.Context, name string) (models.App, string, error)
	CreateAPIKey(ctx context.Context, appID int64, label string) (string, models.APIKey, error)
	APIKeysOfApp(ctx context.Context, appID int64) ([]models.APIKey, error)
	RevokeAPIKey(ctx context.Context, appID, keyID int64) error
}

// appKeyChecker authenticates the device API: the app an API key belongs
// to, answered from memory (models/apikeys). Forget drops what it
// remembers, so a key revoked here stops at once on this instance.
type appKeyChecker interface {
	AppByAPIKey(ctx context.Context, secret string) (models.App, error)
	Forget()
}

type operatorStore interface {
	Operators(ctx context.Context) ([]models.Operator, error)
	OperatorByEmail(ctx context.Context, email string) (models.Operator, error)
	OperatorByToken(ctx context.Context, secret string) (models.Operator, error)
	CreateOperator(ctx context.Context, n models.NewOperator) (models.Operator, error)
	UpdateOperatorAccess(ctx context.Context, id int64, role models.Role, disabled bool) (models.Operator, error)
	OperatorTokens(ctx context.Context, operatorID int64) ([]models.OperatorToken, error)
	CreateOperatorToken(ctx context.Context, operatorID int64, name string) (string, models.OperatorToken, error)
	RevokeOperatorToken(ctx context.Context, operatorID, tokenID int64) error
	SetOperatorLanguage(ctx context.Context, id int64, l models.Language) error
}

// sessionStore holds sign-in state: sessions, the guessing throttle and
// the one-time setup link.
type sessionStore interface {
	SessionByToken(ctx context.Context, token string) (models.Session, models.Operator, error)
	CreateSession(ctx context.Context, operatorID int64, userAgent, ip string) (string, models.Session, error)
	DeleteSession(ctx context.Context, id string) error
	DeleteOtherSessions(ctx context.Context, operatorID int64, keepID string) error
	SessionsOfOperator(ctx context.Context, operatorID int64) ([]models.Session, error)
	LoginLockedUntil(ctx context.Context, now time.Time, subjects ...string) (time.Time, error)
	RecordLoginFailure(ctx context.Context, subject string, now time.Time, p models.LoginPolicy) error
	ClearLoginFailures(ctx context.Context, subject string) error
	CheckSetupToken(ctx context.Context, secret string) error
	CompleteSetup(ctx context.Context, secret string, n models.NewOperator) (models.Operator, error)
}

type auditLog interface {
	Audit(ctx context.Context, e models.AuditEntry) error
	AuditLog(ctx context.Context, f models.AuditFilter) ([]models.AuditEntry, error)
}

type reportStore interface {
	SaveReport(ctx context.Context, v models.Verdict, devices []models.ReportDevice, operatorEmail string) (models.Report, error)
	ReportByID(ctx context.Context, appID int64, id string) (models.Report, error)
}

// database is what the readiness probe asks, and what tells the
// database's own conditions (an outage, text it cannot store) from bugs.
type database interface {
	Ping(ctx context.Context) error
	Dialect() storage.Dialect
	Classify(err error) *models.Error
}

// pushSender sends test pushes and lints them first (models/sending): Send
// records the push and queues its calls, Wait follows them.
type pushSender interface {
	Send(ctx context.Context, app models.App, op models.Operator, raw models.PushRequest) (models.Push, []models.Delivery, error)
	Wait(ctx context.Context, pushID int64, max time.Duration) (models.PushProgress, error)
	Lint(ctx context.Context, app models.App, op models.Operator, raw models.PushRequest) (models.Lint, error)
}

// diagnoser decides the "why no push?" verdict (models/diagnosis).
type diagnoser interface {
	Diagnose(ctx context.Context, appID int64, userID string, msg models.MissedMessage, now time.Time) (models.Verdict, error)
	DiagnoseDevices(ctx context.Context, appID int64, userID string, devices []models.Device, msg models.MissedMessage, now time.Time) (models.Verdict, error)
	DiagnoseOne(ctx context.Context, dev models.Device, now time.Time) (models.DeviceVerdict, error)
}

// alerter finds the certificates admins must act on and keeps each app's
// alert webhook (models/alerts).
type alerter interface {
	Current(ctx context.Context, now time.Time) ([]models.CertificateAlert, error)
	Webhook(ctx context.Context, appID int64) (models.AlertWebhook, error)
	SaveWebhook(ctx context.Context, appID int64, in models.WebhookInput) (models.AlertWebhook, error)
	DeleteWebhook(ctx context.Context, appID int64) error
	SendTestMessage(ctx context.Context, app models.App, now time.Time) (models.WebhookDelivery, error)
}

// receiptRecorder takes the vendors' receipt callbacks (models/receipts).
type receiptRecorder interface {
	Take(ctx context.Context, vendor models.Vendor, certID int64, secret string, r *http.Request, body []byte) (receipts.Recorded, error)
}

// sandboxService is the sandbox's emulators as the console offers them to
// other servers.
type sandboxService interface {
	CA() (*vendors.CA, error)
	Settings() vendors.SandboxSettings
	Accept(models.Certificate, models.CertificateSecrets)
}

// vendorRegistry finds each vendor's channel and its certificate checks.
type vendorRegistry interface {
	Channel(v models.Vendor) (vendors.Channel, error)
	PrepareCertificate(in models.CertificateInput, c *models.Certificate, secrets *models.CertificateSecrets, now time.Time) error
}

// phoneLab runs the virtual phones (models/phones).
type phoneLab interface {
	Create(ctx context.Context, appID int64, in models.NewPhone, by string) (models.Phone, error)
	Phones(ctx context.Context, appID int64) ([]models.Phone, error)
	Phone(ctx context.Context, appID, id int64, limit int) (models.Phone, []models.ShadeEntry, error)
	SetForeground(ctx context.Context, appID, id int64, foreground bool) (models.Phone, error)
	Delete(ctx context.Context, appID, id int64) error
}
