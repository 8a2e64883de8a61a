package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// lintComposer checks the composer's message as the operator types
// (htmx): the same lint the send stores on each delivery.
func (h *Handler) lintComposer(c echo.Context) error {
	app, userID, err := h.appUser(c)
	if err != nil {
		return err
	}
	view := views.LintView{Confirmed: c.FormValue("confirm_blockers") == "1"}
	req, err := composerRequest(c, userID)
	view.DryRun = req.DryRun
	if err == nil {
		view.Lint, err = h.sender.Lint(c.Request().Context(), app, currentOperator(c), req)
	}
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		// Half-typed input is normal here: say what is wrong, in place.
		view.Error, err = tr(c).Error(e), nil
	}
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.LintFragment(view))
}

// apiLintPush checks a push request without sending it.
func (h *Handler) apiLintPush(c echo.Context) error {
	app, err := h.appParam(c)
	if err != nil {
		return err
	}
	var req models.PushRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	lint, err := h.sender.Lint(c.Request().Context(), app, currentOperator(c), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, lint)
}
