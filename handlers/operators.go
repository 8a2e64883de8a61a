package handlers

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// Admins add operators, change their role and disable them.
func (h *Handler) registerOperatorRoutes(g *echo.Group) {
	g.GET("/operators", h.listOperators)
	g.POST("/operators", h.addOperator)
	g.POST("/operators/:id", h.updateOperator)
}

func (h *Handler) listOperators(c echo.Context) error {
	return h.renderOperators(c, http.StatusOK, views.OperatorsView{Form: views.NewOperatorForm{Role: models.RoleOperator}})
}

func (h *Handler) renderOperators(c echo.Context, status int, v views.OperatorsView) error {
	ops, err := h.operators.Operators(c.Request().Context())
	if err != nil {
		return err
	}
	v.Operators = ops
	p, err := h.page(c, tr(c).T("nav.operators"), "operators", nil)
	if err != nil {
		return err
	}
	return render(c, status, views.OperatorsPage(p, v))
}

func (h *Handler) addOperator(c echo.Context) error {
	role := models.Role(c.FormValue("role"))
	form := views.NewOperatorForm{Email: c.FormValue("email"), Name: c.FormValue("name"), Role: role}
	op, err := h.operators.CreateOperator(c.Request().Context(), models.NewOperator{
		Email: form.Email, Name: form.Name, Password: c.FormValue("password"), Role: role,
	})
	h.audit(c, models.AuditEntry{Action: models.AuditOperatorCreate, Target: form.Email, Detail: "role " + string(role), Outcome: outcomeOf(err)})
	if e, ok := models.AsError(err); ok && (e.Code == models.CodeInvalid || e.Code == models.CodeConflict) {
		return h.renderOperators(c, httpStatus(e.Code), views.OperatorsView{Form: form, Error: tr(c).Error(e)})
	}
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "operator added", "email", op.Email, "role", op.Role, "operator", currentOperator(c).Email)
	return h.renderOperators(c, http.StatusCreated, views.OperatorsView{
		Form:   views.NewOperatorForm{Role: models.RoleOperator},
		Notice: tr(c).Tf("operators.added", "Email", op.Email, "Role", views.RoleLabel(c.Request().Context(), op.Role)),
	})
}

func (h *Handler) updateOperator(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return models.NotFound("operator %q does not exist", c.Param("id"))
	}
	role, err := models.ParseRole(c.FormValue("role"))
	if err != nil {
		return err
	}
	disabled := c.FormValue("disabled") == "1"
	op, err := h.operators.UpdateOperatorAccess(c.Request().Context(), id, role, disabled)
	h.audit(c, models.AuditEntry{Action: models.AuditOperatorUpdate, Target: "operator " + strconv.FormatInt(id, 10) + " " + op.Email,
		Detail: fmt.Sprintf("role %s, disabled %t", role, disabled), Outcome: outcomeOf(err)})
	if e, ok := models.AsError(err); ok && e.Code == models.CodeConflict {
		return h.renderOperators(c, http.StatusConflict, views.OperatorsView{Form: views.NewOperatorForm{Role: models.RoleOperator}, Error: tr(c).Error(e)})
	}
	if err != nil {
		return err
	}
	h.log.InfoContext(c.Request().Context(), "operator updated", "email", op.Email, "role", op.Role, "disabled", op.Disabled, "operator", currentOperator(c).Email)
	state := tr(c).T("operators.enabled")
	if op.Disabled {
		state = tr(c).T("operators.disabled_everywhere")
	}
	return h.renderOperators(c, http.StatusOK, views.OperatorsView{
		Form:   views.NewOperatorForm{Role: models.RoleOperator},
		Notice: tr(c).Tf("operators.updated", "Email", op.Email, "Role", views.RoleLabel(c.Request().Context(), op.Role), "State", state),
	})
}
