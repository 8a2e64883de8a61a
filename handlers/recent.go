package handlers

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// Recent lookups are kept per browser and app in a cookie: they are a
// convenience for the person at the keyboard, not shared state.
const recentShown = 6

func recentCookie(appID int64) string { return "pushcheck_recent_" + strconv.FormatInt(appID, 10) }

func (h *Handler) recentUsers(c echo.Context, appID int64) []string {
	ck, err := c.Cookie(recentCookie(appID))
	if err != nil || ck.Value == "" {
		return nil
	}
	raw, err := url.QueryUnescape(ck.Value)
	if err != nil {
		return nil // a mangled cookie only loses the convenience list
	}
	return strings.Split(raw, "\n")
}

func (h *Handler) rememberUser(c echo.Context, appID int64, userID string) {
	users := h.recentUsers(c, appID)
	users = slices.DeleteFunc(users, func(u string) bool { return u == userID || u == "" })
	users = append([]string{userID}, users...)
	if len(users) > recentShown {
		users = users[:recentShown]
	}
	value := url.QueryEscape(strings.Join(users, "\n"))
	if len(value) > 1500 {
		value = url.QueryEscape(userID)
	}
	h.setCookie(c, recentCookie(appID), value, 90*24*3600)
}
