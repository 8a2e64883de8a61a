package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// The virtual phones' pages: the app's phones with a form to make more, and
// each phone's notification shade with its acks.
func (h *Handler) registerPhoneRoutes(g *echo.Group) {
	g.GET("/apps/:app/phones", h.phonesPage)
	g.POST("/apps/:app/phones", h.createPhone, requireRole(models.RoleOperator))
	g.GET("/apps/:app/phones/:phone", h.phonePage)
	g.POST("/apps/:app/phones/:phone/state", h.togglePhone, requireRole(models.RoleOperator))
	g.POST("/apps/:app/phones/:phone/delete", h.deletePhone, requireRole(models.RoleOperator))
}

func (h *Handler) phonesPage(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	return h.renderPhones(c, app, views.PhonesView{Form: models.NewPhone{Behaviour: models.BehaviourHealthy}}, http.StatusOK)
}

func (h *Handler) renderPhones(c echo.Context, app models.App, v views.PhonesView, status int) error {
	lab, err := h.lab()
	if err != nil {
		v.Unavailable = true
	} else if v.Phones, err = lab.Phones(c.Request().Context(), app.ID); err != nil {
		return err
	}
	p, err := h.page(c, tr(c).T("phones.title"), "phones", &app)
	if err != nil {
		return err
	}
	return render(c, status, views.PhonesPage(p, v))
}

func (h *Handler) createPhone(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	lab, err := h.lab()
	if err != nil {
		return err
	}
	in := models.NewPhone{UserID: c.FormValue("user_id"), Vendor: models.Vendor(c.FormValue("vendor")),
		Behaviour: models.PhoneBehaviour(c.FormValue("behaviour"))}
	if in.Behaviour == models.BehaviourTokenDies {
		if in.DieAfter, err = strconv.Atoi(strings.TrimSpace(c.FormValue("die_after"))); err != nil {
			in.DieAfter = 0 // Check names the field
		}
	}
	p, err := h.createPhoneAudited(c, app, lab, in)
	var refused *models.Error
	if errors.As(err, &refused) && (refused.Code == models.CodeInvalid || refused.Code == models.CodeConflict) {
		return h.renderPhones(c, app, views.PhonesView{Form: in, Error: refused.Message}, http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.PhonePath(app.ID, p.ID))
}

func (h *Handler) phonePage(c echo.Context) error {
	app, id, lab, err := h.phoneParam(c)
	if err != nil {
		return err
	}
	var v views.PhoneView
	if v.Phone, v.Shade, err = lab.Phone(c.Request().Context(), app.ID, id, shadeLimit); err != nil {
		return err
	}
	p, err := h.page(c, v.Phone.DeviceID, "phones", &app)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.PhonePage(p, v))
}

func (h *Handler) togglePhone(c echo.Context) error {
	app, id, lab, err := h.phoneParam(c)
	if err != nil {
		return err
	}
	if _, err := lab.SetForeground(c.Request().Context(), app.ID, id, c.FormValue("state") == "foreground"); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.PhonePath(app.ID, id))
}

func (h *Handler) deletePhone(c echo.Context) error {
	app, id, lab, err := h.phoneParam(c)
	if err != nil {
		return err
	}
	if err := h.deletePhoneAudited(c, app, lab, id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.AppPath(app.ID, "/phones"))
}
