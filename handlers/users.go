package handlers

import (
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
func (h *Handler) showUser(c echo.Context) error {
	app, userID, err := h.appUser(c)
	if err != nil {
		return err
	}
	msg, msgErr := missedMessage(c)
	// The layout's reads (apps, certificate alerts) and the user's are
	// independent: side by side, the page waits for the longer of them.
	var view views.UserView
	var p views.Page
	var g errgroup.Group
	g.Go(func() (err error) {
		view, err = h.userView(c, app, userID, msg)
		return err
	})
	g.Go(func() (err error) {
		p, err = h.page(c, userID, "check", &app)
		return err
	})
	if err := g.Wait(); err != nil {
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

func (h *Handler) userView(c echo.Context, app models.App, userID string, msg models.MissedMessage) (views.UserView, error) {
	ctx := c.Request().Context()
	devices, err := h.devices.DevicesOfUser(ctx, app.ID, userID)
	if err != nil {
		return views.UserView{}, err
	}
	// Each part reads on its own connection, side by side.
	v := views.UserView{UserID: userID}
	var g errgroup.Group
	g.Go(func() (err error) {
		v.Devices, err = h.deviceRows(c, app.ID, devices)
		return err
	})
	g.Go(func() (err error) {
		v.MovedAway, err = h.devices.DevicesMovedAway(ctx, app.ID, userID, movedAwayShown)
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
	if err := g.Wait(); err != nil {
		return views.UserView{}, err
	}
	return v, nil
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
