package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

func (h *Handler) registerPushAPIRoutes(g *echo.Group) {
	g.POST("/:app/pushes", h.apiSendPush, requireRole(models.RoleOperator))
	g.POST("/:app/pushes/lint", h.apiLintPush, requireRole(models.RoleOperator))
	g.GET("/:app/pushes", h.apiListPushes)
	g.GET("/:app/pushes/:push", h.apiPush)
	g.POST("/:app/pushes/:push/replay", h.apiReplayPush, requireRole(models.RoleOperator))
	g.GET("/:app/receipts", h.apiReceipts)
}

type traceEventJSON struct {
	Stage       string    `json:"stage"`
	At          time.Time `json:"at"`
	Source      string    `json:"source"`
	Code        string    `json:"code,omitempty"`
	Explanation string    `json:"explanation,omitempty"`
}

type deliveryJSON struct {
	ID              string           `json:"id"`
	DeviceID        string           `json:"device_id"`
	UserID          string           `json:"user_id"`
	Vendor          string           `json:"vendor"`
	CertificateID   *int64           `json:"certificate_id"`
	Class           string           `json:"class,omitempty"`
	Status          string           `json:"status"`
	Kind            string           `json:"kind,omitempty"`
	HTTPStatus      int              `json:"http_status,omitempty"`
	Code            string           `json:"code"`
	Explanation     string           `json:"explanation"`
	Fix             string           `json:"fix"`
	VendorMessageID string           `json:"vendor_message_id"`
	UniqueID        string           `json:"apns_unique_id,omitempty"`
	LatencyMS       int64            `json:"latency_ms"`
	Request         string           `json:"request,omitempty"`
	Response        string           `json:"response,omitempty"`
	Warnings        []models.Warning `json:"warnings"`
	Stage           string           `json:"stage"`
	StageAt         *time.Time       `json:"stage_at"`
	Final           bool             `json:"final"`
	Trace           []traceEventJSON `json:"trace"`
}

type pushJSON struct {
	ID        int64              `json:"id"`
	Target    string             `json:"target"`
	Mode      string             `json:"mode"`
	DryRun    bool               `json:"dry_run"`
	Operator  string             `json:"operator"`
	Message   models.PushMessage `json:"message"`
	CreatedAt time.Time          `json:"created_at"`
	// Final: no delivery can move any more (each clicked, or at a dead
	// end); Stages counts the deliveries per stage.
	Final  bool           `json:"final"`
	Stages map[string]int `json:"stages"`
	// Progress counts the deliveries that have their vendor's answer;
	// shown with the deliveries (not in the history list).
	Progress   *models.PushProgress `json:"progress,omitempty"`
	Deliveries []deliveryJSON       `json:"deliveries,omitempty"`
}

// pushHeader is a push without its deliveries.
func pushHeader(p models.Push) pushJSON {
	return pushJSON{ID: p.ID, Target: p.Target, Mode: string(p.Mode), DryRun: p.DryRun, Operator: p.OperatorEmail, Message: p.Message, CreatedAt: p.CreatedAt,
		Stages: map[string]int{}}
}

func (h *Handler) toPushJSON(p models.Push, ds []models.Delivery, traces map[string][]models.DeliveryEvent) pushJSON {
	out := pushHeader(p)
	out.Final = true
	now := h.now()
	for _, d := range ds {
		st := d.ShownStage(now)
		dj := deliveryJSON{
			ID: d.ID, DeviceID: d.DeviceID, UserID: d.UserID, Vendor: string(d.Vendor), CertificateID: d.CertificateID, Class: string(d.Class),
			Status: string(d.Shown(now)), Kind: string(d.Kind), HTTPStatus: d.HTTPStatus, Code: d.Code, Explanation: d.Explanation, Fix: d.Fix,
			VendorMessageID: d.VendorMessageID, UniqueID: d.UniqueID, LatencyMS: d.LatencyMS, Request: d.Request, Response: d.Response,
			Warnings: d.Warnings, Stage: string(st), StageAt: d.StageAt, Final: st.Final(), Trace: []traceEventJSON{},
		}
		for _, e := range traces[d.ID] {
			dj.Trace = append(dj.Trace, traceEventJSON{Stage: string(e.Stage), At: e.At, Source: string(e.Source), Code: e.Code, Explanation: e.Explanation})
		}
		out.Final = out.Final && dj.Final
		out.Stages[dj.Stage]++
		out.Deliveries = append(out.Deliveries, dj)
	}
	if ds != nil {
		progress := models.ProgressOf(ds)
		out.Progress = &progress
	}
	return out
}

// pushReply is a push as the API answers with it: whole, every delivery
// with its trace, or with ?deliveries=false only its counts per stage and
// its progress, which is what a script following a 10,000-device push
// should poll.
func (h *Handler) pushReply(c echo.Context, appID, pushID int64) (pushJSON, error) {
	switch c.QueryParam("deliveries") {
	case "", "true":
		return h.pushWithTraces(c, appID, pushID)
	case "false":
	default:
		// Read as "true", a script's ?deliveries=0 would load every
		// delivery's trace on each poll of a large push.
		return pushJSON{}, models.Invalid("deliveries", "deliveries must be true or false")
	}
	ctx := c.Request().Context()
	sum, err := h.pushes.PushSummaryByID(ctx, appID, pushID, h.now())
	if err != nil {
		return pushJSON{}, err
	}
	progress, err := h.pushes.PushProgress(ctx, pushID)
	if err != nil {
		return pushJSON{}, err
	}
	out := pushHeader(sum.Push)
	out.Final, out.Progress = sum.Final(), &progress
	for st, n := range sum.Stages {
		out.Stages[string(st)] = n
	}
	return out, nil
}

// pushWithTraces reads a push back whole, as the API shows it.
func (h *Handler) pushWithTraces(c echo.Context, appID, pushID int64) (pushJSON, error) {
	push, deliveries, err := h.pushes.PushByID(c.Request().Context(), appID, pushID)
	if err != nil {
		return pushJSON{}, err
	}
	traces, err := h.traces(c.Request().Context(), deliveries)
	if err != nil {
		return pushJSON{}, err
	}
	return h.toPushJSON(push, deliveries, traces), nil
}

func (h *Handler) apiSendPush(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	var req models.PushRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	push, deliveries, err := h.sender.Send(c.Request().Context(), app, currentOperator(c), req)
	h.auditPush(c, app, models.AuditPushSend, req, push, deliveries, err, "")
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "test push sent", "app_id", app.ID, "push_id", push.ID, "target", push.Target, "operator", currentOperator(c).Email)
	if _, err := h.sender.Wait(c.Request().Context(), push.ID, h.cfg.SendWait); err != nil {
		return err
	}
	out, err := h.pushReply(c, app.ID, push.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

func (h *Handler) apiReplayPush(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	original, deliveries, err := h.pushParam(c, app)
	if err != nil {
		return err
	}
	push, _, err := h.replay(c, app, original, deliveries)
	if err != nil {
		return err
	}
	if _, err := h.sender.Wait(c.Request().Context(), push.ID, h.cfg.SendWait); err != nil {
		return err
	}
	out, err := h.pushReply(c, app.ID, push.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

func (h *Handler) apiPush(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Param("push"), 10, 64)
	if err != nil {
		return models.NotFound("push %q does not exist", c.Param("push"))
	}
	out, err := h.pushReply(c, app.ID, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// apiListPushes is the history: the page's filters as query parameters.
func (h *Handler) apiListPushes(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	f, err := h.pushFilter(c, app)
	if err != nil {
		return err
	}
	f.Limit = 50
	pushes, err := h.pushes.PushHistory(c.Request().Context(), app.ID, f, h.now())
	if err != nil {
		return err
	}
	out := make([]pushJSON, len(pushes))
	for i, p := range pushes {
		out[i] = h.toPushJSON(p.Push, nil, nil)
		out[i].Final = p.Final()
		for st, n := range p.Stages {
			out[i].Stages[string(st)] = n
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"pushes": out})
}

type receiptJSON struct {
	ReceivedAt      time.Time `json:"received_at"`
	At              time.Time `json:"at"`
	Vendor          string    `json:"vendor"`
	CertificateID   *int64    `json:"certificate_id"`
	DeliveryID      *string   `json:"delivery_id"`
	Stage           string    `json:"stage"`
	Code            string    `json:"code"`
	Explanation     string    `json:"explanation"`
	VendorMessageID string    `json:"vendor_message_id"`
	Token           string    `json:"token"`
	Raw             string    `json:"raw"`
}

// apiReceipts lists the latest receipts; ?unmatched=1 only those that
// matched no test push.
func (h *Handler) apiReceipts(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	evs, err := h.pushes.Receipts(c.Request().Context(), app.ID, c.QueryParam("unmatched") == "1", 200)
	if err != nil {
		return err
	}
	out := make([]receiptJSON, len(evs))
	for i, e := range evs {
		out[i] = receiptJSON{ReceivedAt: e.ReceivedAt, At: e.At, Vendor: string(e.Vendor), CertificateID: e.CertificateID, DeliveryID: e.DeliveryID,
			Stage: string(e.Stage), Code: e.Code, Explanation: e.Explanation, VendorMessageID: e.VendorMessageID, Token: e.Token, Raw: e.Raw}
	}
	return c.JSON(http.StatusOK, map[string]any{"receipts": out})
}
