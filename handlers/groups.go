package handlers

import (
	"net/http"
	"slices"
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
	g.GET("/apps/:app/groups/device-search", h.groupDeviceSearch, requireRole(models.RoleOperator))
	g.GET("/apps/:app/groups/:group", h.groupPage)
	g.POST("/apps/:app/groups/:group/devices", h.setGroupDevices, requireRole(models.RoleOperator))
	g.POST("/apps/:app/groups/:group/delete", h.deleteGroup, requireRole(models.RoleOperator))
	g.POST("/apps/:app/groups/:group/pushes", h.sendGroupPush, requireRole(models.RoleOperator))
}

// deviceIDList reads device IDs typed one per line, or separated by commas
// or spaces, each once.
func deviceIDList(s string) []string {
	ids := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' || r == ' ' || r == '\t' })
	seen := make(map[string]bool, len(ids))
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// groupMembers reads a group form's device IDs and finds those no device
// of the app has. With drop_unknown (the operator chose to leave them out)
// only the known IDs are kept; otherwise the form is shown again with the
// unknown ones listed, and nothing is saved.
func (h *Handler) groupMembers(c echo.Context, appID int64) (ids, unknown []string, err error) {
	ids = deviceIDList(c.FormValue("device_ids"))
	found, err := h.groups.DevicesByDeviceIDs(c.Request().Context(), appID, ids)
	if err != nil {
		return nil, nil, err
	}
	known := make([]string, 0, len(found))
	for _, id := range ids {
		if _, ok := found[id]; ok {
			known = append(known, id)
		} else {
			unknown = append(unknown, id)
		}
	}
	if c.FormValue("drop_unknown") == "1" {
		return known, nil, nil
	}
	return ids, unknown, nil
}

// groupDeviceSearch is the device picker's answer (htmx): the devices of a
// user, the device with that ID, or the devices whose token starts so.
func (h *Handler) groupDeviceSearch(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	v := views.DevicePickerView{Query: strings.TrimSpace(c.QueryParam("q"))}
	if v.Query != "" {
		ctx := c.Request().Context()
		page, err := h.devices.ListDevices(ctx, app.ID, models.DeviceFilter{Query: v.Query, Limit: pickerMax})
		if err != nil {
			return err
		}
		v.Devices = page.Devices
		byID, err := h.groups.DevicesByDeviceIDs(ctx, app.ID, []string{v.Query})
		if err != nil {
			return err
		}
		if d, ok := byID[v.Query]; ok && !slices.ContainsFunc(v.Devices, func(x models.Device) bool { return x.ID == d.ID }) {
			v.Devices = append([]models.Device{d}, v.Devices...)
		}
	}
	p, err := h.page(c, "", "groups", &app)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.DevicePickerResults(p, v))
}

// pickerMax bounds the devices one picker search lists.
const pickerMax = 25

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
	p, err := h.page(c, tr(c).T("title.groups"), "groups", &app)
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
	ids, unknown, err := h.groupMembers(c, app.ID)
	if err != nil {
		return err
	}
	var g models.DeviceGroup
	if len(unknown) > 0 {
		err = models.UnregisteredDevices(unknown)
	} else {
		g, err = h.groups.CreateGroup(c.Request().Context(), app.ID, name, currentOperator(c).Email, ids)
	}
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditGroupCreate, Target: strings.TrimSpace(name), Detail: strings.Join(ids, "\n"), Outcome: outcomeOf(err)})
	if len(unknown) > 0 {
		return h.renderGroups(c, app, views.GroupsView{Name: name, DeviceIDs: devices, Unknown: unknown}, http.StatusBadRequest)
	}
	if e, ok := models.AsError(err); ok && (e.Code == models.CodeInvalid || e.Code == models.CodeConflict) {
		return h.renderGroups(c, app, views.GroupsView{Error: tr(c).Error(e), Name: name, DeviceIDs: devices}, http.StatusBadRequest)
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
	p, err := h.page(c, tr(c).Tf("title.group", "Name", v.Group.Name), "groups", &app)
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
	ids, unknown, err := h.groupMembers(c, app.ID)
	if err != nil {
		return err
	}
	if len(unknown) > 0 {
		err = models.UnregisteredDevices(unknown)
	} else {
		err = h.groups.SetGroupDevices(c.Request().Context(), g, ids)
	}
	h.audit(c, models.AuditEntry{AppID: &app.ID, Action: models.AuditGroupUpdate, Target: g.Name, Detail: strings.Join(ids, "\n"), Outcome: outcomeOf(err)})
	if len(unknown) > 0 {
		return h.renderGroup(c, app, views.GroupView{Group: g, DeviceIDs: devices, Unknown: unknown}, http.StatusBadRequest)
	}
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		return h.renderGroup(c, app, views.GroupView{Group: g, Error: tr(c).Error(e), DeviceIDs: devices}, http.StatusBadRequest)
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
	kept := views.GroupCompose{Title: req.Title, Desc: req.Desc, Ext: req.Ext, OPPOChannelID: req.OPPOChannelID, Mode: req.Mode, DryRun: req.DryRun}
	if kept.Blockers, err = h.unconfirmedBlockers(c, app, req); err != nil {
		return err
	}
	if len(kept.Blockers) > 0 {
		return h.renderGroup(c, app, views.GroupView{Group: g, Error: tr(c).Tn("flash.group_not_sent", int64(len(kept.Blockers))), Compose: kept}, http.StatusBadRequest)
	}
	push, deliveries, err := h.sender.Send(c.Request().Context(), app, currentOperator(c), req)
	h.auditPush(c, app, models.AuditPushSend, req, push, deliveries, err, "")
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		return h.renderGroup(c, app, views.GroupView{Group: g, Error: tr(c).Error(e), Compose: kept}, http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.PushPath(app.ID, push.ID))
}
