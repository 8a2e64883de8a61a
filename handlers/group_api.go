package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

func (h *Handler) registerGroupAPIRoutes(g *echo.Group) {
	g.GET("/:app/groups", h.apiGroups)
	g.POST("/:app/groups", h.apiCreateGroup, requireRole(models.RoleOperator))
	g.GET("/:app/groups/:group", h.apiGroup)
	g.PUT("/:app/groups/:group", h.apiSetGroupDevices, requireRole(models.RoleOperator))
	g.DELETE("/:app/groups/:group", h.apiDeleteGroup, requireRole(models.RoleOperator))
}

type groupJSON struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	DeviceIDs []string  `json:"device_ids"`
	Size      int       `json:"size"`
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

type groupRequest struct {
	Name      string   `json:"name"`
	DeviceIDs []string `json:"device_ids"`
}

func (h *Handler) groupJSONOf(c echo.Context, g models.DeviceGroup) (groupJSON, error) {
	devices, err := h.groups.GroupDevices(c.Request().Context(), g)
	if err != nil {
		return groupJSON{}, err
	}
	out := groupJSON{ID: g.ID, Name: g.Name, DeviceIDs: make([]string, len(devices)), Size: len(devices), CreatedBy: g.CreatedBy, CreatedAt: g.CreatedAt}
	for i, d := range devices {
		out.DeviceIDs[i] = d.DeviceID
	}
	return out, nil
}

func (h *Handler) apiGroups(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	groups, sizes, err := h.groups.Groups(c.Request().Context(), app.ID)
	if err != nil {
		return err
	}
	out := make([]groupJSON, len(groups))
	for i, g := range groups {
		out[i] = groupJSON{ID: g.ID, Name: g.Name, Size: sizes[g.ID], CreatedBy: g.CreatedBy, CreatedAt: g.CreatedAt}
	}
	return c.JSON(http.StatusOK, map[string]any{"groups": out})
}

func (h *Handler) apiCreateGroup(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	return h.writeGroupChange(c, app, models.AuditGroupCreate, http.StatusCreated, func(req groupRequest) (models.DeviceGroup, error) {
		return h.groups.CreateGroup(c.Request().Context(), app.ID, req.Name, currentOperator(c).Email, req.DeviceIDs)
	})
}

func (h *Handler) apiSetGroupDevices(c echo.Context) error {
	app, g, err := h.groupParam(c)
	if err != nil {
		return err
	}
	return h.writeGroupChange(c, app, models.AuditGroupUpdate, http.StatusOK, func(req groupRequest) (models.DeviceGroup, error) {
		return g, h.groups.SetGroupDevices(c.Request().Context(), g, req.DeviceIDs)
	})
}

// writeGroupChange reads a group request, applies it, audits it under
// action and answers with the group as it now stands.
func (h *Handler) writeGroupChange(c echo.Context, app models.App, action string, status int, apply func(groupRequest) (models.DeviceGroup, error)) error {
	var req groupRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	g, err := apply(req)
	target := req.Name
	if g.Name != "" {
		target = g.Name
	}
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: action, Target: target, Detail: strings.Join(req.DeviceIDs, ","), Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	return h.writeGroup(c, status, g)
}

func (h *Handler) apiGroup(c echo.Context) error {
	_, g, err := h.groupParam(c)
	if err != nil {
		return err
	}
	return h.writeGroup(c, http.StatusOK, g)
}

// writeGroup answers with a group and its devices.
func (h *Handler) writeGroup(c echo.Context, status int, g models.DeviceGroup) error {
	out, err := h.groupJSONOf(c, g)
	if err != nil {
		return err
	}
	return c.JSON(status, out)
}

func (h *Handler) apiDeleteGroup(c echo.Context) error {
	app, g, err := h.groupParam(c)
	if err != nil {
		return err
	}
	err = h.groups.DeleteGroup(c.Request().Context(), g)
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditGroupDelete, Target: g.Name, Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
