package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/handlers/openapi"
	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/views"
)

// The API's own description: the OpenAPI document for generators, and the
// same document as a page for people. Both are public, like the document
// itself (it holds no secrets), so that an app team without a console
// account can integrate.
func (h *Handler) registerAPIDocRoutes(e *echo.Echo) {
	e.GET("/api/v1/openapi.json", h.openAPIDocument)
	e.GET("/api/docs", h.apiDocsPage, h.optionalSession)
}

// loadAPIDocsOnce sets up the document to be read on first use and kept:
// the embedded file cannot change while the process runs, and a console
// nobody asks for its API description does not hold it in memory.
func (h *Handler) loadAPIDocsOnce() {
	h.apiDocument = sync.OnceValues(openapi.Load)
}

// openAPIMaxAge is how long a client may reuse the document without asking:
// it changes only with a new version of pushcheck.
const openAPIMaxAge = "public, max-age=300"

func (h *Handler) openAPIDocument(c echo.Context) error {
	doc, err := h.apiDocument()
	if err != nil {
		return err
	}
	body, err := doc.JSON(h.baseURL(c))
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	hdr := c.Response().Header()
	hdr.Set("Cache-Control", openAPIMaxAge)
	hdr.Set("ETag", etag)
	if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, body)
}

// etagMatches reads If-None-Match: a list of tags, weak or strong, or *.
func etagMatches(header, etag string) bool {
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag {
			return true
		}
	}
	return false
}

func (h *Handler) apiDocsPage(c echo.Context) error {
	doc, err := h.apiDocument()
	if err != nil {
		return err
	}
	ref := doc.Reference()
	ref.BaseURL = h.baseURL(c)
	p, err := h.page(c, tr(c).T("layout.api_reference"), "api", nil)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.APIDocsPage(p, ref))
}

// optionalSession reads the session cookie when there is one, so that a
// signed-in operator keeps the console's header on a public page; anyone
// else gets the page without it.
func (h *Handler) optionalSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		cookie, err := c.Cookie(h.sessionCookieName())
		if err != nil || cookie.Value == "" {
			return next(c)
		}
		sess, op, err := h.sessions.SessionByToken(c.Request().Context(), cookie.Value)
		switch {
		case models.ErrorCode(err) == models.CodeUnauthenticated:
			return next(c)
		case err != nil:
			return err
		}
		c.Set(sessionKey, sess)
		c.Set(operatorKey, op)
		return next(c)
	}
}
