package metrics

import (
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/pushcheck/pushcheck/models"
)

// other stands for any value a label would not stay bounded with.
const other = "other"

// Bounds on the code label. Each vendor's table has a few dozen codes
// (docs/vendors/<vendor>.md §5), plus pushcheck's own (skipped, network,
// credentials, interrupted); a code the table does not know, a code spelt
// at length, and any past the first maxCodesPerVendor seen by the process
// all count as "other", so an odd proxy or vendor cannot grow the series.
const (
	maxCodesPerVendor = 200
	maxCodeLength     = 48
)

// codeLabels remembers the codes already given a series, per vendor.
type codeLabels struct {
	mu   sync.Mutex
	seen map[models.Vendor]map[string]bool
}

func newCodeLabels() *codeLabels {
	return &codeLabels{seen: map[models.Vendor]map[string]bool{}}
}

// label is the code as the vendor answered it, or "other".
func (c *codeLabels) label(v models.Vendor, kind models.AnswerKind, code string) string {
	if kind == models.AnswerUnknown || code == "" || utf8.RuneCountInString(code) > maxCodeLength || !utf8.ValidString(code) {
		if code == "" && kind != models.AnswerUnknown {
			return "none"
		}
		return other
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	codes := c.seen[v]
	if codes == nil {
		codes = map[string]bool{}
		c.seen[v] = codes
	}
	if !codes[code] {
		if len(codes) >= maxCodesPerVendor {
			return other
		}
		codes[code] = true
	}
	return code
}

// vendorLabel is a vendor's name, or "other" for a name that is none.
func vendorLabel(v models.Vendor) string {
	if slices.Contains(models.AllVendors(), v) {
		return string(v)
	}
	return other
}

// stageLabel is a stage's name, or "other" for one the table lacks (a
// receipt's note is a stage of its own).
func stageLabel(s models.Stage) string {
	if s == models.StageNote || slices.Contains(models.Stages(), s) {
		return string(s)
	}
	return other
}
