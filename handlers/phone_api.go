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

// Virtual phones over the API: QA scripts create a group of phones across
// vendors, send, and read each phone's shade and the pushes' traces.
func (h *Handler) registerPhoneAPIRoutes(g *echo.Group) {
	g.GET("/:app/phones", h.apiPhones)
	g.POST("/:app/phones", h.apiCreatePhone, requireRole(models.RoleOperator))
	g.GET("/:app/phones/:phone", h.apiPhone)
	g.DELETE("/:app/phones/:phone", h.apiDeletePhone, requireRole(models.RoleOperator))
	g.POST("/:app/phones/:phone/state", h.apiPhoneState, requireRole(models.RoleOperator))
	g.GET("/:app/phones/:phone/shade", h.apiPhoneShade)
}

// shadeLimit bounds the shade entries a page or reply lists.
const shadeLimit = 100

type phoneJSON struct {
	ID            int64      `json:"id"`
	DeviceID      string     `json:"device_id"`
	UserID        string     `json:"user_id"`
	Vendor        string     `json:"vendor"`
	Behaviour     string     `json:"behaviour"`
	DieAfter      int        `json:"die_after,omitempty"`
	CertificateID int64      `json:"certificate_id"`
	Token         string     `json:"token"`
	TokenDead     bool       `json:"token_dead"`
	State         string     `json:"state"`
	Received      int        `json:"received"`
	RegisteredAt  *time.Time `json:"registered_at"`
	Problem       string     `json:"problem,omitempty"`
	CreatedBy     string     `json:"created_by"`
	CreatedAt     time.Time  `json:"created_at"`
}

func toPhoneJSON(p models.Phone) phoneJSON {
	return phoneJSON{ID: p.ID, DeviceID: p.DeviceID, UserID: p.UserID, Vendor: string(p.Vendor), Behaviour: string(p.Behaviour),
		DieAfter: p.DieAfter, CertificateID: p.CertificateID, Token: models.MaskToken(p.Token), TokenDead: p.TokenDead,
		State: views.PhoneState(p), Received: p.Received, RegisteredAt: p.RegisteredAt, Problem: p.Problem,
		CreatedBy: p.CreatedBy, CreatedAt: p.CreatedAt}
}

type shadeEntryJSON struct {
	At          time.Time          `json:"at"`
	DeliveryID  string             `json:"delivery_id,omitempty"`
	Kind        string             `json:"kind"`
	Title       string             `json:"title"`
	Body        string             `json:"body"`
	Badge       *int               `json:"badge"`
	Sound       string             `json:"sound,omitempty"`
	Image       string             `json:"image,omitempty"`
	ChannelID   string             `json:"channel_id,omitempty"`
	Class       string             `json:"class,omitempty"`
	Click       string             `json:"click,omitempty"`
	Ext         string             `json:"ext,omitempty"`
	Outcome     string             `json:"outcome"`
	Rule        string             `json:"rule"`
	Explanation string             `json:"explanation"`
	Acks        map[string]*string `json:"acks"`
	AckProblem  string             `json:"ack_problem,omitempty"`
}

func toShadeJSON(ctx context.Context, e models.ShadeEntry) shadeEntryJSON {
	at := func(t *time.Time) *string {
		if t == nil {
			return nil
		}
		s := t.UTC().Format(time.RFC3339Nano)
		return &s
	}
	return shadeEntryJSON{At: e.At, DeliveryID: e.DeliveryID, Kind: e.Kind, Title: e.Title, Body: e.Body, Badge: e.Badge,
		Sound: e.Sound, Image: e.Image, ChannelID: e.ChannelID, Class: string(e.Class), Click: e.Click, Ext: e.Ext,
		Outcome: string(e.Outcome), Rule: e.Rule, Explanation: views.ShadeRuleText(ctx, e.Rule),
		Acks:       map[string]*string{"received": at(e.ReceivedAt), "displayed": at(e.DisplayedAt), "clicked": at(e.ClickedAt)},
		AckProblem: e.AckProblem}
}

// lab is the phone lab, or the reason there is none.
func (h *Handler) lab() (phoneLab, error) {
	if h.phones == nil {
		return nil, models.Errorf(models.CodeUnavailable, "virtual phones run beside the sandbox's emulators, and this console runs none")
	}
	return h.phones, nil
}

// phoneParam reads the :app and :phone path parameters.
func (h *Handler) phoneParam(c echo.Context) (models.App, int64, phoneLab, error) {
	app, err := h.appParam(c)
	if err != nil {
		return app, 0, nil, err
	}
	id, err := strconv.ParseInt(c.Param("phone"), 10, 64)
	if err != nil || id <= 0 {
		return app, 0, nil, models.NotFound("virtual phone %q not found", c.Param("phone"))
	}
	lab, err := h.lab()
	return app, id, lab, err
}

func (h *Handler) apiPhones(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	lab, err := h.lab()
	if err != nil {
		return err
	}
	list, err := lab.Phones(c.Request().Context(), app.ID)
	if err != nil {
		return err
	}
	out := make([]phoneJSON, len(list))
	for i, p := range list {
		out[i] = toPhoneJSON(p)
	}
	return c.JSON(http.StatusOK, map[string]any{"phones": out})
}

func (h *Handler) apiCreatePhone(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	lab, err := h.lab()
	if err != nil {
		return err
	}
	var in models.NewPhone
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := h.createPhoneAudited(c, app, lab, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toPhoneJSON(p))
}

func (h *Handler) apiPhone(c echo.Context) error {
	app, id, lab, err := h.phoneParam(c)
	if err != nil {
		return err
	}
	p, _, err := lab.Phone(c.Request().Context(), app.ID, id, 0)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toPhoneJSON(p))
}

func (h *Handler) apiDeletePhone(c echo.Context) error {
	app, id, lab, err := h.phoneParam(c)
	if err != nil {
		return err
	}
	if err := h.deletePhoneAudited(c, app, lab, id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *Handler) apiPhoneState(c echo.Context) error {
	app, id, lab, err := h.phoneParam(c)
	if err != nil {
		return err
	}
	var body struct {
		State string `json:"state"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if body.State != "foreground" && body.State != "background" {
		return models.Invalid("state", "state must be foreground or background")
	}
	p, err := lab.SetForeground(c.Request().Context(), app.ID, id, body.State == "foreground")
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toPhoneJSON(p))
}

func (h *Handler) apiPhoneShade(c echo.Context) error {
	app, id, lab, err := h.phoneParam(c)
	if err != nil {
		return err
	}
	p, shade, err := lab.Phone(c.Request().Context(), app.ID, id, shadeLimit)
	if err != nil {
		return err
	}
	out := make([]shadeEntryJSON, len(shade))
	for i, e := range shade {
		out[i] = toShadeJSON(c.Request().Context(), e)
	}
	return c.JSON(http.StatusOK, map[string]any{"phone": toPhoneJSON(p), "notifications": out})
}

// createPhoneAudited creates a phone and records who did, as for groups.
func (h *Handler) createPhoneAudited(c echo.Context, app models.App, lab phoneLab, in models.NewPhone) (models.Phone, error) {
	p, err := lab.Create(c.Request().Context(), app.ID, in, currentOperator(c).Email)
	target := p.DeviceID
	if target == "" {
		target = string(in.Vendor) + " phone of " + in.UserID
	}
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditPhoneCreate, Target: target, Outcome: outcomeOf(err)})
	return p, err
}

func (h *Handler) deletePhoneAudited(c echo.Context, app models.App, lab phoneLab, id int64) error {
	err := lab.Delete(c.Request().Context(), app.ID, id)
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditPhoneDelete, Target: "virtual phone " + strconv.FormatInt(id, 10), Outcome: outcomeOf(err)})
	return err
}
