package handlers

import (
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
)

// receiptBodyLimit bounds a receipt callback: vendors batch up to a
// thousand statuses of a few hundred bytes each.
const receiptBodyLimit = 1 << 20

// Vendor receipt callbacks are public: vendors cannot sign in. What they
// may do is bounded: the URL must name a certificate with its secret (any
// part wrong, or missing, is the same 404), the vendor's format is checked
// (and Huawei's signature when a key is set), and a receipt only has
// effects on a delivery the certificate sent to the token it names.
func (h *Handler) registerReceiptRoutes(e *echo.Echo) {
	e.POST("/receipts/:vendor/:cert/:secret", h.takeReceipt,
		h.rateLimited(surfaceReceipt, byParam(h.limits.receiptCert, "cert"), byAddress(h.limits.receiptAddress)), limitBody(receiptBodyLimit))
	e.Any("/receipts/*", noReceiptEndpoint)
}

// noReceiptEndpoint answers every other receipt path as an unknown
// certificate does, so nothing is learnt from the difference.
func noReceiptEndpoint(echo.Context) error {
	return models.NotFound("there is no receipt endpoint here")
}

func (h *Handler) takeReceipt(c echo.Context) error {
	vendor := models.Vendor(c.Param("vendor"))
	certID, err := strconv.ParseInt(c.Param("cert"), 10, 64)
	if err != nil {
		return h.refuseReceipt(c, vendor, models.NotFound("there is no receipt endpoint here"))
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return h.refuseReceipt(c, vendor, models.Invalid("body", "the body could not be read: %v", err))
	}
	taken, err := h.receipts.Take(c.Request().Context(), vendor, certID, c.Param("secret"), c.Request(), body)
	if err != nil {
		return h.refuseReceipt(c, vendor, err)
	}
	h.metrics.ReceiptCallback(vendor, "ok")
	h.log.InfoContext(c.Request().Context(), "receipt taken", "vendor", vendor, "certificate_id", certID, "matched", taken.Matched, "unmatched", taken.Unmatched, "duplicates", taken.Duplicates)
	return c.Blob(http.StatusOK, taken.ContentType, taken.Reply)
}

// refuseReceipt logs why a callback was refused, so whoever set up the
// vendor console can see it, counts it, and answers with the error.
func (h *Handler) refuseReceipt(c echo.Context, vendor models.Vendor, err error) error {
	h.metrics.ReceiptCallback(vendor, h.errorCode(c, err))
	if _, ok := models.AsError(err); ok {
		h.log.WarnContext(c.Request().Context(), "receipt refused", "vendor", vendor, "certificate", c.Param("cert"), "err", err, "remote_addr", c.RealIP())
	}
	return err
}
