package handlers

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// Outcomes of audited actions.
const (
	outcomeOK      = "ok"
	outcomeRefused = "refused"
	outcomeFailed  = "failed"
)

// audit records an action of the signed-in operator (or e.Actor when set,
// for sign-in attempts). The action has already happened, so a failed write
// is logged loudly rather than turned into an error for the user.
func (h *Handler) audit(c echo.Context, e models.AuditEntry) {
	if e.Actor == "" {
		op := currentOperator(c)
		e.ActorID, e.Actor = op.ID, op.Email
	}
	if e.Outcome == "" {
		e.Outcome = outcomeOK
	}
	e.RemoteAddr = c.RealIP()
	if err := h.auditLog.Audit(c.Request().Context(), e); err != nil {
		h.log.ErrorContext(c.Request().Context(), "audit entry not written", "action", e.Action, "actor", e.Actor, "target", e.Target, "err", err)
	}
}

// outcomeOf names how an action ended: refused (with why) for bad input
// or missing rights, failed for anything else.
func outcomeOf(err error) string {
	e, ok := models.AsError(err)
	switch {
	case err == nil:
		return outcomeOK
	case !ok || e.Code == models.CodeInternal || e.Code == models.CodeUnavailable:
		return outcomeFailed
	}
	return outcomeRefused + ": " + e.Message
}

// auditPush records a test push: who, the target, the fields, and what
// the vendors answered.
func (h *Handler) auditPush(c echo.Context, app models.App, action string, req models.PushRequest, push models.Push, ds []models.Delivery, err error, note string) {
	fields, merr := json.Marshal(req)
	if merr != nil {
		h.log.Error("audit: push fields", "err", merr)
	}
	counts := map[string]int{}
	for _, d := range ds {
		st := string(d.Status)
		if d.Status == models.DeliverySending {
			st = "queued" // audited as the push is recorded, before its calls
		}
		counts[st]++
	}
	var parts []string
	for st, n := range counts {
		parts = append(parts, fmt.Sprintf("%d %s", n, st))
	}
	sort.Strings(parts)
	outcome := outcomeOf(err)
	if err == nil {
		outcome = "push #" + strconv.FormatInt(push.ID, 10) + ": " + strings.Join(parts, ", ")
	}
	detail := string(fields)
	if note != "" {
		detail = note + " " + detail
	}
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: action, Target: req.TargetLabel(), Detail: detail, Outcome: outcome})
}

func (h *Handler) registerAuditRoutes(admin *echo.Group) {
	admin.GET("/audit", h.auditPage)
}

func (h *Handler) registerAuditAPIRoutes(g *echo.Group) {
	g.GET("", h.apiAuditLog, requireRole(models.RoleAdmin))
}

// auditFilter reads the filter both the page and the API take.
func auditFilter(c echo.Context) (models.AuditFilter, error) {
	f := models.AuditFilter{Action: c.QueryParam("action"), Actor: strings.TrimSpace(c.QueryParam("actor"))}
	var err error
	if v := c.QueryParam("app"); v != "" {
		if f.AppID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return f, models.Invalid("app", "app must be an app ID")
		}
	}
	if v := c.QueryParam("before"); v != "" {
		if f.Before, err = strconv.ParseInt(v, 10, 64); err != nil {
			return f, models.Invalid("before", "before must be an entry ID")
		}
	}
	if f.From, err = dayOrTime(c.QueryParam("from"), "from", false); err != nil {
		return f, err
	}
	if f.To, err = dayOrTime(c.QueryParam("to"), "to", true); err != nil {
		return f, err
	}
	return f, nil
}

// dayOrTime reads a date (2026-11-22, as the date inputs send) or an
// RFC 3339 time. A date used as an upper bound includes the whole day.
func dayOrTime(v, field string, end bool) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, models.Invalid(field, "%s must be a date (2026-11-22) or an RFC 3339 time", field)
	}
	if end {
		t = t.Add(24 * time.Hour)
	}
	return t, nil
}

func (h *Handler) auditPage(c echo.Context) error {
	p, err := h.page(c, tr(c).T("title.audit"), "audit", nil)
	if err != nil {
		return err
	}
	v := views.AuditView{Values: map[string]string{"action": c.QueryParam("action"), "actor": c.QueryParam("actor"), "from": c.QueryParam("from"), "to": c.QueryParam("to")}}
	f, err := auditFilter(c)
	status := http.StatusOK
	if err != nil {
		v.Error, status = tr(c).Error(err.(*models.Error)), http.StatusBadRequest
	} else {
		f.Limit = 100
		if v.Entries, err = h.auditLog.AuditLog(c.Request().Context(), f); err != nil {
			return err
		}
		if len(v.Entries) == f.Limit {
			v.Next = v.Entries[len(v.Entries)-1].ID
		}
	}
	return render(c, status, views.AuditPage(p, v))
}

type auditJSON struct {
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	AppID      *int64    `json:"app_id"`
	Actor      string    `json:"actor"`
	Action     string    `json:"action"`
	Target     string    `json:"target"`
	Detail     string    `json:"detail"`
	Outcome    string    `json:"outcome"`
	RemoteAddr string    `json:"remote_addr"`
}

func (h *Handler) apiAuditLog(c echo.Context) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	entries, err := h.auditLog.AuditLog(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := make([]auditJSON, len(entries))
	for i, e := range entries {
		out[i] = auditJSON{ID: e.ID, At: e.At, AppID: e.AppID, Actor: e.Actor, Action: e.Action, Target: e.Target, Detail: e.Detail, Outcome: e.Outcome, RemoteAddr: e.RemoteAddr}
	}
	return c.JSON(http.StatusOK, map[string]any{"entries": out})
}
