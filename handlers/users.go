package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

func (h *Handler) registerUserRoutes(g *echo.Group) {
	g.GET("/apps/:app/users/:user", h.showUser)
	g.GET("/apps/:app/users/:user/verdict", h.showVerdict)
}

// showUser is the push-check page: every device of one user and the
// verdict on why an offline push would or would not reach each.
//
// The support engineer opens it during an incident, when the console is
// busiest, so its reads go side by side in two rounds: the app, the
// user's devices, the devices that left the user and the layout's reads,
// then what needs the devices (their certificates, the verdict's counts
// and limits). The devices are read before the app is confirmed; if the
// app does not exist they are none, and the page is a 404 all the same.
func (h *Handler) showUser(c echo.Context) error {
	appID, err := appIDParam(c)
	if err != nil {
		return err
	}
	userID, err := pathUnescape(c.Param("user"))
	if err != nil {
		return err
	}
	msg, msgErr := missedMessage(c)
	ctx := c.Request().Context()
	var (
		app     models.App
		devices []models.Device
		view    = views.UserView{UserID: userID}
		p       views.Page
		g       errgroup.Group
	)
	g.Go(func() (err error) {
		app, err = h.apps.AppByID(ctx, appID)
		return err
	})
	g.Go(func() (err error) {
		devices, view.MovedAway, err = h.userDevices(ctx, appID, userID)
		return err
	})
	g.Go(func() (err error) {
		p, err = h.page(c, userID, "check", nil)
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	p.App = &app
	if err := h.withDevices(c, app, userID, devices, msg, &view); err != nil {
		return err
	}
	view.Verdict.Error = msgErr
	h.rememberUser(c, app.ID, userID)
	return render(c, http.StatusOK, views.UserPage(p, view))
}

// showVerdict re-checks a user's devices against a described message, for
// the verdict section (htmx).
func (h *Handler) showVerdict(c echo.Context) error {
	app, userID, err := h.appUser(c)
	if err != nil {
		return err
	}
	msg, msgErr := missedMessage(c)
	status := http.StatusOK
	if msgErr != "" {
		status = http.StatusBadRequest
	}
	view, err := h.verdictView(c, app, userID, msg)
	if err != nil {
		return err
	}
	view.Error = msgErr
	p, err := h.page(c, userID, "check", &app)
	if err != nil {
		return err
	}
	return render(c, status, views.VerdictSection(p, view))
}

// missedMessage reads the optional description of the message the user
// missed; a bad one is shown beside the verdict, which is checked without
// it.
func missedMessage(c echo.Context) (models.MissedMessage, string) {
	msg, err := models.ParseMissedMessage(c.QueryParam)
	if e, ok := models.AsError(err); ok {
		return models.MissedMessage{}, tr(c).Error(e)
	}
	return msg, ""
}

// movedAwayShown bounds the "devices that left this user" list.
const movedAwayShown = 10

// userView reads a user's devices and what pages and the API show beside
// them.
func (h *Handler) userView(c echo.Context, app models.App, userID string, msg models.MissedMessage) (views.UserView, error) {
	v := views.UserView{UserID: userID}
	devices, movedAway, err := h.userDevices(c.Request().Context(), app.ID, userID)
	if err != nil {
		return views.UserView{}, err
	}
	v.MovedAway = movedAway
	if err := h.withDevices(c, app, userID, devices, msg, &v); err != nil {
		return views.UserView{}, err
	}
	return v, nil
}

// userDevices reads a user's devices and the devices that left the user,
// side by side.
func (h *Handler) userDevices(ctx context.Context, appID int64, userID string) ([]models.Device, []models.DeviceEvent, error) {
	var (
		devices   []models.Device
		movedAway []models.DeviceEvent
		g         errgroup.Group
	)
	g.Go(func() (err error) {
		devices, err = h.devices.DevicesOfUser(ctx, appID, userID)
		return err
	})
	g.Go(func() (err error) {
		movedAway, err = h.devices.DevicesMovedAway(ctx, appID, userID, movedAwayShown)
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	return devices, movedAway, nil
}

// withDevices fills in what needs the user's devices: each device's row
// and the verdict, side by side.
func (h *Handler) withDevices(c echo.Context, app models.App, userID string, devices []models.Device, msg models.MissedMessage, v *views.UserView) error {
	ctx := c.Request().Context()
	var g errgroup.Group
	g.Go(func() (err error) {
		v.Devices, err = h.deviceRows(c, app.ID, devices)
		return err
	})
	g.Go(func() error {
		verdict, err := h.diagnoser.DiagnoseDevices(ctx, app.ID, userID, devices, msg, h.now())
		if err != nil {
			return err
		}
		v.Verdict = h.verdictOf(c, app, verdict, msg)
		return nil
	})
	return g.Wait()
}

func (h *Handler) verdictView(c echo.Context, app models.App, userID string, msg models.MissedMessage) (views.VerdictView, error) {
	v, err := h.diagnoser.Diagnose(c.Request().Context(), app.ID, userID, msg, h.now())
	if err != nil {
		return views.VerdictView{}, err
	}
	return h.verdictOf(c, app, v, msg), nil
}

func (h *Handler) verdictOf(c echo.Context, app models.App, v models.Verdict, msg models.MissedMessage) views.VerdictView {
	return views.VerdictView{Verdict: v, Markdown: views.ReportMarkdown(c.Request().Context(), v, app.Name, ""), Message: msg}
}
