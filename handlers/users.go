package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/views"
)

func (h *Handler) registerUserRoutes(g *echo.Group) {
	g.GET("/apps/:app/users/:user", h.showUser)
}

// showUser is the push-check page: every device of one user and whether an
// offline push would reach it.
func (h *Handler) showUser(c echo.Context) error {
	app, userID, err := h.appUser(c)
	if err != nil {
		return err
	}
	view, err := h.userView(c, app.ID, userID)
	if err != nil {
		return err
	}
	p, err := h.page(c, userID, "check", &app)
	if err != nil {
		return err
	}
	h.rememberUser(c, app.ID, userID)
	return render(c, http.StatusOK, views.UserPage(p, view))
}

// movedAwayShown bounds the "devices that left this user" list.
const movedAwayShown = 10

func (h *Handler) userView(c echo.Context, appID int64, userID string) (views.UserView, error) {
	ctx := c.Request().Context()
	devices, err := h.store.DevicesOfUser(ctx, appID, userID)
	if err != nil {
		return views.UserView{}, err
	}
	rows, err := h.deviceRows(c, appID, devices)
	if err != nil {
		return views.UserView{}, err
	}
	moved, err := h.store.DevicesMovedAway(ctx, appID, userID, movedAwayShown)
	if err != nil {
		return views.UserView{}, err
	}
	return views.UserView{UserID: userID, Devices: rows, MovedAway: moved}, nil
}
