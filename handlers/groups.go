package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// Test-device groups: QA names devices across users and vendors, sends one
// push to all of them, and compares the results in one matrix.
func (h *Handler) registerGroupRoutes(g *echo.Group) {
	g.GET("/apps/:app/groups", h.groupsPage)
	g.POST("/apps/:app/groups", h.createGroup, requireRole(models.RoleOperator))
	g.GET("/apps/:app/groups/:group", h.groupPage)
	g.POST("/apps/:app/groups/:group/devices", h.setGroupDevices, requireRole(models.RoleOperator))
	g.POST("/apps/:app/groups/:group/delete", h.deleteGroup, requireRole(models.RoleOperator))
	g.POST("/apps/:app/groups/:group/pushes", h.sendGroupPush, requireRole(models.RoleOperator))
}

// deviceIDList reads device IDs typed one per line, or separated by commas
// or spaces.
func deviceIDList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' || r == ' ' || r == '\t' })
}

func (h *Handler) groupsPage(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	return h.renderGroups(c, app, views.GroupsView{}, http.StatusOK)
}

func (h *Handler) renderGroups(c echo.Context, app models.App, v views.GroupsView, status int) error {
	var err error
	if v.Groups, v.Sizes, err = h.groups.Groups(c.Request().Context(), app.ID); err != nil {
		return err
	}
	p, err := h.page(c, "Test-device groups", "groups", &app)
	if err != nil {
		return err
	}
	return render(c, status, views.GroupsPage(p, v))
}

func (h *Handler) createGroup(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	name, devices := c.FormValue("name"), c.FormValue("device_ids")
	g, err := h.groups.CreateGroup(c.Request().Context(), app.ID, name, currentOperator(c).Email, deviceIDList(devices))
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditGroupCreate, Target: strings.TrimSpace(name), Detail: devices, Outcome: outcomeOf(err)})
	if e, ok := models.AsError(err); ok && (e.Code == models.CodeInvalid || e.Code == models.CodeConflict) {
		return h.renderGroups(c, app, views.GroupsView{Error: e.Message, Name: name, DeviceIDs: devices}, http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.GroupPath(app.ID, g.ID))
}

// groupParam finds the group the path names.
func (h *Handler) groupParam(c echo.Context) (models.App, models.DeviceGroup, error) {
	app, err := h.appParam(c)
	if err != nil {
		return app, models.DeviceGroup{}, err
	}
	g, err := h.groups.Group(c.Request().Context(), app.ID, c.Param("group"))
	return app, g, err
}

func (h *Handler) groupPage(c echo.Context) error {
	app, g, err := h.groupParam(c)
	if err != nil {
		return err
	}
	return h.renderGroup(c, app, views.GroupView{Group: g}, http.StatusOK)
}

func (h *Handler) renderGroup(c echo.Context, app models.App, v views.GroupView, status int) error {
	ctx := c.Request().Context()
	var err error
	if v.Devices, err = h.groups.GroupDevices(ctx, v.Group); err != nil {
		return err
	}
	if v.Pushes, err = h.pushes.PushHistory(ctx, app.ID, models.PushFilter{GroupID: v.Group.ID, Limit: 10}, h.now()); err != nil {
		return err
	}
	if len(v.Pushes) > 0 {
		push, deliveries, err := h.pushes.PushByID(ctx, app.ID, v.Pushes[0].ID)
		if err != nil {
			return err
		}
		last, err := h.results(ctx, app.ID, push, deliveries)
		if err != nil {
			return err
		}
		last.Matrix = true
		v.Last = &last
	}
	p, err := h.page(c, "Group "+v.Group.Name, "groups", &app)
	if err != nil {
		return err
	}
	return render(c, status, views.GroupPage(p, v))
}

func (h *Handler) setGroupDevices(c echo.Context) error {
	app, g, err := h.groupParam(c)
	if err != nil {
		return err
	}
	devices := c.FormValue("device_ids")
	err = h.groups.SetGroupDevices(c.Request().Context(), g, deviceIDList(devices))
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditGroupUpdate, Target: g.Name, Detail: devices, Outcome: outcomeOf(err)})
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		return h.renderGroup(c, app, views.GroupView{Group: g, Error: e.Message, DeviceIDs: devices}, http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.GroupPath(app.ID, g.ID))
}

func (h *Handler) deleteGroup(c echo.Context) error {
	app, g, err := h.groupParam(c)
	if err != nil {
		return err
	}
	err = h.groups.DeleteGroup(c.Request().Context(), g)
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditGroupDelete, Target: g.Name, Outcome: outcomeOf(err)})
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.AppPath(app.ID, "/groups"))
}

// sendGroupPush sends the group composer's message to every device of the
// group and opens the push's page with its matrix.
func (h *Handler) sendGroupPush(c echo.Context) error {
	app, g, err := h.groupParam(c)
	if err != nil {
		return err
	}
	form := func(name string) string { return strings.TrimSpace(c.FormValue(name)) }
	req := models.PushRequest{Target: models.PushTarget{Group: g.Name}, Mode: models.Mode(form("mode")), DryRun: form("dry_run") == "1",
		Title: form("title"), Desc: form("desc"), Ext: form("ext"), OPPOChannelID: form("oppo_channel_id")}
	push, deliveries, err := h.sender.Send(c.Request().Context(), app, currentOperator(c), req)
	h.auditPush(c, app, models.AuditPushSend, req, push, deliveries, err, "")
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		return h.renderGroup(c, app, views.GroupView{Group: g, Error: e.Message}, http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.PushPath(app.ID, push.ID))
}
