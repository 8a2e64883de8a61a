package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
	"github.com/pushcheck/pushcheck/views"
)

func (h *Handler) registerHistoryRoutes(g *echo.Group) {
	g.GET("/apps/:app/pushes", h.historyPage)
	g.GET("/apps/:app/receipts", h.receiptsPage)
}

// historyValues are the history filter's query parameters.
func historyValues() []string {
	return []string{"user", "device", "vendor", "certificate", "stage", "operator", "from", "to", "group"}
}

// pushFilter reads the history filter the page and the API share.
func (h *Handler) pushFilter(c echo.Context, app models.App) (models.PushFilter, error) {
	q := func(k string) string { return strings.TrimSpace(c.QueryParam(k)) }
	f := models.PushFilter{UserID: q("user"), DeviceID: q("device"), Vendor: models.Vendor(q("vendor")), Stage: models.Stage(q("stage")), Operator: q("operator")}
	if f.Vendor != "" && !f.Vendor.Valid() {
		return f, models.Invalid("vendor", "unknown vendor %q", f.Vendor)
	}
	if f.Stage != "" && (!f.Stage.Valid() || f.Stage == models.StageNote) {
		return f, models.Invalid("stage", "unknown stage %q", f.Stage)
	}
	var err error
	if v := q("certificate"); v != "" {
		if f.CertificateID, err = strconv.ParseInt(strings.TrimPrefix(v, "#"), 10, 64); err != nil {
			return f, models.Invalid("certificate", "certificate must be a certificate ID such as 10001")
		}
	}
	if v := q("before"); v != "" {
		if f.Before, err = strconv.ParseInt(v, 10, 64); err != nil {
			return f, models.Invalid("before", "before must be a push ID")
		}
	}
	if v := q("group"); v != "" {
		g, err := h.groups.Group(c.Request().Context(), app.ID, v)
		if err != nil {
			return f, err
		}
		f.GroupID = g.ID
	}
	if f.From, err = dayOrTime(q("from"), "from", false); err != nil {
		return f, err
	}
	if f.To, err = dayOrTime(q("to"), "to", true); err != nil {
		return f, err
	}
	return f, nil
}

func (h *Handler) historyPage(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	p, err := h.page(c, tr(c).T("history.title"), "history", &app)
	if err != nil {
		return err
	}
	v := views.HistoryView{Values: map[string]string{}}
	for _, k := range historyValues() {
		v.Values[k] = c.QueryParam(k)
	}
	status := http.StatusOK
	f, err := h.pushFilter(c, app)
	if e, ok := models.AsError(err); ok && (e.Code == models.CodeInvalid || e.Code == models.CodeNotFound) {
		v.Error, status, err = tr(c).Error(e), http.StatusBadRequest, nil
	} else if err == nil {
		f.Limit = 50
		if v.Pushes, err = h.pushes.PushHistory(c.Request().Context(), app.ID, f, h.now()); err == nil && len(v.Pushes) == f.Limit {
			v.Next = v.Pushes[len(v.Pushes)-1].ID
		}
	}
	if err != nil {
		return err
	}
	return render(c, status, views.HistoryPage(p, v))
}

func (h *Handler) receiptsPage(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	v := views.ReceiptsView{UnmatchedOnly: c.QueryParam("unmatched") == "1"}
	if v.Receipts, err = h.pushes.Receipts(c.Request().Context(), app.ID, v.UnmatchedOnly, 200); err != nil {
		return err
	}
	certs, err := h.certificates.CertificatesOfApp(c.Request().Context(), app.ID)
	if err != nil {
		return err
	}
	base := h.baseURL(c)
	for _, cert := range certs {
		ch, err := h.vendors.Channel(cert.Vendor)
		if err != nil {
			return err
		}
		if reader, ok := ch.(vendors.ReceiptReader); ok {
			v.Endpoints = append(v.Endpoints, views.ReceiptEndpoint{Certificate: cert, URL: vendors.ReceiptURL(base, cert), PerMessage: reader.ReceiptsPerMessage()})
		}
	}
	p, err := h.page(c, tr(c).T("title.receipts"), "history", &app)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ReceiptsPage(p, v))
}
