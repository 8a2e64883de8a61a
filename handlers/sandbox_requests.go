package handlers

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// The Sandbox requests page and API: every request the sandbox emulators
// received, from the console or any other client, with its verdict.

type sandboxRequestStore interface {
	SandboxRequests(ctx context.Context, f models.SandboxRequestFilter) ([]models.SandboxRequest, error)
}

func (h *Handler) registerSandboxRequestRoutes(g *echo.Group) {
	g.GET("/apps/:app/sandbox/requests", h.sandboxRequestsPage, requireRole(models.RoleOperator))
}

func (h *Handler) registerSandboxRequestAPIRoutes(g *echo.Group) {
	g.GET("/:app/sandbox/requests", h.apiSandboxRequests, requireRole(models.RoleOperator))
}

// sandboxRequestValues are the filter's query parameters.
func sandboxRequestValues() []string {
	return []string{"vendor", "certificate_id", "token", "verdict"}
}

// sandboxRequestFilter reads the filter the page and the API share.
func sandboxRequestFilter(c echo.Context, appID int64) (models.SandboxRequestFilter, error) {
	q := func(k string) string { return strings.TrimSpace(c.QueryParam(k)) }
	f := models.SandboxRequestFilter{AppID: appID, Vendor: models.Vendor(q("vendor")), Verdict: models.SandboxVerdict(q("verdict"))}
	if f.Vendor != "" && !f.Vendor.Valid() {
		return f, models.Invalid("vendor", "unknown vendor %q", f.Vendor)
	}
	if f.Verdict != "" && !validVerdict(f.Verdict) {
		return f, models.Invalid("verdict", "verdict must be accepted, refused-auth, refused-rule or error")
	}
	if t := q("token"); t != "" {
		f.TokenHash = models.HashDeviceToken(t)
	}
	var err error
	if v := q("certificate_id"); v != "" {
		if f.CertificateID, err = strconv.ParseInt(strings.TrimPrefix(v, "#"), 10, 64); err != nil {
			return f, models.Invalid("certificate_id", "certificate_id must be a certificate ID such as 10001")
		}
	}
	if v := q("before"); v != "" {
		if f.Before, err = strconv.ParseInt(v, 10, 64); err != nil {
			return f, models.Invalid("before", "before must be a request ID")
		}
	}
	return f, nil
}

func validVerdict(v models.SandboxVerdict) bool {
	for _, ok := range models.SandboxVerdicts() {
		if v == ok {
			return true
		}
	}
	return false
}

// sandboxRequestPage is how many requests a page lists.
const sandboxRequestPage = 50

func (h *Handler) sandboxRequestsPage(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	p, err := h.page(c, tr(c).T("sandboxlog.title"), "sandbox-requests", &app)
	if err != nil {
		return err
	}
	v := views.SandboxRequestsView{Values: map[string]string{}}
	for _, k := range sandboxRequestValues() {
		v.Values[k] = c.QueryParam(k)
	}
	ctx := c.Request().Context()
	if v.Certificates, err = h.certificates.CertificatesOfApp(ctx, app.ID); err != nil {
		return err
	}
	status := http.StatusOK
	f, err := sandboxRequestFilter(c, app.ID)
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		v.Error, status, err = e.Message, http.StatusBadRequest, nil
	} else if err == nil {
		f.Limit = sandboxRequestPage
		if v.Requests, err = h.sandboxRequests.SandboxRequests(ctx, f); err == nil && len(v.Requests) == f.Limit {
			v.Next = v.Requests[len(v.Requests)-1].ID
		}
	}
	if err != nil {
		return err
	}
	return render(c, status, views.SandboxRequestsPage(p, v))
}

type sandboxFindingJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

type sandboxRequestJSON struct {
	ID            int64                `json:"id"`
	At            time.Time            `json:"at"`
	Vendor        models.Vendor        `json:"vendor"`
	CertificateID *int64               `json:"certificate_id"`
	Credential    string               `json:"credential"`
	RemoteAddr    string               `json:"remote_addr"`
	Host          string               `json:"host"`
	Method        string               `json:"method"`
	Path          string               `json:"path"`
	Tokens        []string             `json:"tokens"`
	Status        int                  `json:"status"`
	Code          string               `json:"code"`
	Verdict       string               `json:"verdict"`
	Grant         bool                 `json:"grant"`
	AuthProblem   string               `json:"auth_problem"`
	Explanation   string               `json:"explanation"`
	Broken        []sandboxFindingJSON `json:"broken"`
	Notes         []sandboxFindingJSON `json:"notes"`
	Delivered     int                  `json:"delivered"`
	DurationMS    int64                `json:"duration_ms"`
	Request       string               `json:"request"`
	Answer        string               `json:"answer"`
}

func findingsJSON(fs []models.Finding) []sandboxFindingJSON {
	out := make([]sandboxFindingJSON, len(fs))
	for i, f := range fs {
		out[i] = sandboxFindingJSON{Code: f.Code, Message: f.Message}
	}
	return out
}

func (h *Handler) apiSandboxRequests(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	f, err := sandboxRequestFilter(c, app.ID)
	if err != nil {
		return err
	}
	f.Limit = sandboxRequestPage
	rs, err := h.sandboxRequests.SandboxRequests(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := make([]sandboxRequestJSON, len(rs))
	for i, r := range rs {
		out[i] = sandboxRequestJSON{ID: r.ID, At: r.At.UTC(), Vendor: r.Vendor, CertificateID: r.CertificateID, Credential: r.Credential,
			RemoteAddr: r.RemoteAddr, Host: r.Host, Method: r.Method, Path: r.Path, Tokens: r.Tokens, Status: r.Status, Code: r.Code,
			Verdict: string(r.Verdict), Grant: r.Grant, AuthProblem: r.AuthProblem, Explanation: r.Explanation, Broken: findingsJSON(r.Broken),
			Notes: findingsJSON(r.Notes), Delivered: r.Delivered, DurationMS: r.Duration.Milliseconds(), Request: r.Request, Answer: r.Answer}
		if out[i].Tokens == nil {
			out[i].Tokens = []string{}
		}
	}
	body := map[string]any{"requests": out}
	if len(rs) == f.Limit {
		body["next_before"] = rs[len(rs)-1].ID
	}
	return c.JSON(http.StatusOK, body)
}
