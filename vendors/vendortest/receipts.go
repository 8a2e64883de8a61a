package vendortest

import (
	"slices"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// CheckReceipts asserts what a receipt reader owes any body a stranger can
// post to the public receipt endpoint (the fuzz targets' invariants):
//
//   - a refusal is a models.Error with one of codes (invalid_argument when
//     none are given), never an untyped error, and comes with no receipts;
//   - at most perByte receipts per byte of the body;
//   - every receipt has a known stage and an explanation, and valid UTF-8
//     in every string (the body itself is kept once per callback by the
//     store, made storable there);
//   - the memory behind all the receipts' strings is linear in the body:
//     fields repeated on every receipt of a batch (the echoed parameter,
//     the message ID) must be shared, not copied per receipt.
func CheckReceipts(t testing.TB, body []byte, perByte int, rs []vendors.Receipt, err error, codes ...string) {
	t.Helper()
	if len(codes) == 0 {
		codes = []string{models.CodeInvalid}
	}
	if err != nil {
		e, ok := models.AsError(err)
		if !ok {
			t.Fatalf("untyped error %T: %v", err, err)
		}
		if !slices.Contains(codes, e.Code) {
			t.Fatalf("error code %s, want one of %v: %v", e.Code, codes, err)
		}
		if !utf8.ValidString(e.Message) || !utf8.ValidString(e.Field) {
			t.Fatalf("error message is not valid UTF-8: %q", e.Message)
		}
		if len(e.Message) > 4*len(body)+1024 {
			t.Fatalf("error message of %d bytes for a body of %d", len(e.Message), len(body))
		}
		if len(rs) != 0 {
			t.Fatalf("an error and %d receipts", len(rs))
		}
		return
	}
	if len(rs) > perByte*(len(body)+1) {
		t.Fatalf("%d receipts from a body of %d bytes", len(rs), len(body))
	}
	var all []string
	for i, r := range rs {
		if !r.Stage.Valid() || r.Explanation == "" {
			t.Fatalf("receipt %d: stage %q, explanation %q", i, r.Stage, r.Explanation)
		}
		fields := []string{r.DeliveryID, r.MessageID, r.Token, string(r.Stage), r.Code, r.Explanation}
		for _, s := range fields {
			if !utf8.ValidString(s) {
				t.Fatalf("receipt %d: invalid UTF-8 %q in %+v", i, s, r)
			}
		}
		all = append(all, fields...)
	}
	// Generated words (a code, "status N is not in the table") take a few
	// dozen bytes per receipt; everything else comes from the body.
	if n, limit := stringMemory(all), 4*len(body)+1024+128*len(rs); n > limit {
		t.Fatalf("%d receipts hold %d bytes of strings from a body of %d (limit %d)", len(rs), n, len(body), limit)
	}
}

// stringMemory is the number of distinct bytes behind the strings: a
// string shared by many receipts, or a substring of another, counts once.
func stringMemory(ss []string) int {
	type span struct{ from, to uintptr }
	var spans []span
	for _, s := range ss {
		if s != "" {
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			spans = append(spans, span{p, p + uintptr(len(s))})
		}
	}
	slices.SortFunc(spans, func(a, b span) int {
		switch {
		case a.from < b.from:
			return -1
		case a.from > b.from:
			return 1
		}
		return 0
	})
	total, end := uintptr(0), uintptr(0)
	for _, s := range spans {
		if s.from > end {
			end = s.from
		}
		if s.to > end {
			total += s.to - end
			end = s.to
		}
	}
	return int(total)
}
