package vendors_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// hmsHeader reads a callback header as Huawei documents it, independently
// of VerifyHMSCallback: ';'-separated key=value pairs around which spaces
// do not count; a part without '=' is ignored, a repeated key's last value
// wins.
func hmsHeader(h string) (timestamp, nonce, value string) {
	for _, p := range strings.Split(h, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		switch {
		case !ok:
		case k == "timestamp":
			timestamp = v
		case k == "nonce":
			nonce = v
		case k == "value":
			value = v
		}
	}
	return timestamp, nonce, value
}

// FuzzVerifyHMSCallback signs (timestamp, nonce) as Huawei does, with a
// key no seed holds a signature for, then splices the header: insert
// replaces drop bytes at at. The signed header always verifies; a
// mutation that still verifies must be the signed header again (the same
// timestamp+nonce and value, whatever the spacing, order or extra parts):
// the fuzzer has no other signature to offer. Huawei signs timestamp+nonce
// without a separator, so the boundary between the two is not protected;
// that is the vendor's scheme, and the one latitude allowed here.
func FuzzVerifyHMSCallback(f *testing.F) {
	const key, user = "fuzz-callback-key", "pushcheck"
	f.Add("1700000000000", "n1", uint(0), uint(0), "")
	f.Add("1700000000000", "n1", uint(0), uint(0), " ")
	f.Add("1763800000000", "Vz2kQ8mXr1bN", uint(200), uint(0), ";value=")
	f.Add("1763800000000", "Vz2kQ8mXr1bN", uint(14), uint(0), "1")
	f.Add("1763800000000", "Vz2kQ8mXr1bN", uint(24), uint(13), "nonce=Vz2kQ8mXr1bN;timestamp=1763800000000;")
	f.Add("1763800000000", "Vz2kQ8mXr1bN", uint(0), uint(24), "timestamp=176380000000;nonce=0")
	f.Add("1763800000000", "Vz2kQ8mXr1bN", uint(59), uint(1), "")
	f.Add("1763800000000", "随机", uint(0), uint(1000), "timestamp=1763800000000;nonce=随机;value=AAAA")
	f.Fuzz(func(t *testing.T, timestamp, nonce string, at, drop uint, insert string) {
		signed := vendors.HMSCallbackID(key, timestamp, nonce, user)
		sig := vendors.HMSCallbackSignature(key, timestamp, nonce, user)
		if ts, n, v := hmsHeader(signed); ts != timestamp || n != nonce || v != sig {
			return // a ';' or trailing space in a field: not a header Huawei sends
		}
		ms, err := strconv.ParseInt(timestamp, 10, 64)
		if err != nil || nonce == "" {
			return // Huawei's timestamps are milliseconds, and it always sends a nonce
		}
		now := time.UnixMilli(ms)
		if err := vendors.VerifyHMSCallback(signed, key, user, now); err != nil {
			t.Fatalf("the correctly signed header %q does not verify: %v", signed, err)
		}
		at = min(at, uint(len(signed)))
		drop = min(drop, uint(len(signed))-at)
		mutated := signed[:at] + insert + signed[at+drop:]
		if err := vendors.VerifyHMSCallback(mutated, "", user, now); err != nil {
			t.Fatalf("no callback key configured, yet refused: %v", err)
		}
		err = vendors.VerifyHMSCallback(mutated, key, user, now)
		if err != nil {
			if e, ok := models.AsError(err); !ok || e.Code != models.CodeUnauthenticated {
				t.Fatalf("refusal is not unauthenticated: %T %v", err, err)
			}
			return
		}
		if ts, n, v := hmsHeader(mutated); v != sig || ts+n != timestamp+nonce {
			t.Fatalf("%q verified, but it is not the signed header %q", mutated, signed)
		}
	})
}
