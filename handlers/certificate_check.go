package handlers

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// checkCertificate runs the vendor's "Test connection" and stores the
// outcome with its time.
func (h *Handler) checkCertificate(c echo.Context, cert models.Certificate) (bool, string, time.Time, error) {
	ok, message, at, err := h.runCheck(c.Request().Context(), cert)
	outcome := outcomeOf(err)
	if err == nil {
		outcome = "passed: " + message
		if !ok {
			outcome = "failed: " + message
		}
	}
	h.audit(c, models.AuditEntry{AppID: &cert.AppID, Action: models.AuditCertificateCheck, Target: "#" + strconv.FormatInt(cert.ID, 10), Detail: string(cert.Vendor) + " " + cert.Name, Outcome: outcome})
	return ok, message, at, err
}

func (h *Handler) runCheck(ctx context.Context, cert models.Certificate) (bool, string, time.Time, error) {
	channel, err := h.vendors.Channel(cert.Vendor)
	if err != nil {
		return false, "", time.Time{}, err
	}
	secrets, err := h.cfg.Sealer.OpenCertificateSecrets(cert)
	if err != nil {
		return false, "", time.Time{}, err
	}
	result := channel.Check(ctx, cert, secrets)
	at := h.now()
	if err := h.certificates.RecordCertificateCheck(ctx, cert.AppID, cert.ID, result.OK, result.Message, at); err != nil {
		return false, "", time.Time{}, err
	}
	return result.OK, result.Message, at, nil
}

func (h *Handler) testConnection(c echo.Context) error {
	app, cert, err := h.appCertificate(c)
	if err != nil {
		return err
	}
	ok, message, _, err := h.checkCertificate(c, cert)
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "certificate checked", "app_id", app.ID, "certificate_id", cert.ID, "ok", ok, "message", message, "operator", currentOperator(c).Email)
	return c.Redirect(http.StatusSeeOther, views.AppPath(app.ID, "/certificates/"+strconv.FormatInt(cert.ID, 10)))
}

func (h *Handler) apiCheckCertificate(c echo.Context) error {
	_, cert, err := h.appCertificate(c)
	if err != nil {
		return err
	}
	ok, message, at, err := h.checkCertificate(c, cert)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, checkJSON{OK: ok, Message: message, At: at})
}
