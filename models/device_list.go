package models

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// StateFilter values: the stored states plus "stale", a foreground device
// silent for longer than the staleness window. "foreground" means fresh.
const StateFilterStale = "stale"

// StateFilters is the state filter's vocabulary, in the order pages show
// it.
func StateFilters() []string {
	return []string{string(StateForeground), StateFilterStale, string(StateBackground), string(StateLoggedOut), string(StateKicked)}
}

// DeviceFilter narrows the devices list. Zero values mean "any".
type DeviceFilter struct {
	Vendor        Vendor
	State         string
	Platform      Platform
	CertificateID int64
	// Query matches a user ID exactly or a token by prefix.
	Query string
	// Before is the keyset cursor: the smallest ID on the previous page.
	Before int64
	Limit  int
	// StaleBefore is now minus the staleness window.
	StaleBefore time.Time
}

// DeviceListPage is one page of devices, newest registration first.
type DeviceListPage struct {
	Devices []Device
	// Next is the cursor for the following page, 0 on the last one.
	Next int64
}

// DeviceCounts summarise an app's devices for the list header.
type DeviceCounts struct {
	Total    int64
	ByVendor map[Vendor]int64
	// ByState uses the filter vocabulary: foreground (fresh), stale,
	// background, logged_out, kicked.
	ByState map[string]int64
	// The numbers marked here are lower bounds: counting them stopped at a
	// cap, so that the list answers as fast with a million devices as with
	// ten. Totals by vendor and state are kept exact by counters; what
	// depends on the clock (fresh or stale foreground) is counted up to
	// DeviceCountCap, what a free-text query matches up to SearchCountCap.
	TotalAtLeast  bool
	VendorAtLeast bool            // every ByVendor number
	StateAtLeast  map[string]bool // by ByState key
}

// The caps of the bounded device counts. Each device counted is read from
// the table: a foreground device reports often, so its row's page is
// rarely marked all-visible and the index alone cannot answer. At a
// million devices, counting up to 10,000 fresh and 10,000 stale ones took
// 35 ms a list on a freshly written table, narrowed to a platform 25 ms
// even at 1,000 (bench/pages.sh); up to 200 takes a few. A search's
// matches lie apart too: a token prefix that matches more than a thousand
// devices is not a search.
const (
	DeviceCountCap = 200
	SearchCountCap = 1000
)

// ParseDeviceFilter reads filters from query parameters, rejecting values
// that cannot match anything.
func ParseDeviceFilter(get func(string) string) (DeviceFilter, error) {
	f := DeviceFilter{Query: strings.TrimSpace(get("q")), Limit: 50}
	if v := get("vendor"); v != "" {
		f.Vendor = Vendor(v)
		if !f.Vendor.Valid() {
			return f, Invalid("vendor", "unknown vendor %q", v)
		}
	}
	if v := get("state"); v != "" {
		if v != StateFilterStale && !slices.Contains(AllStates(), State(v)) {
			return f, Invalid("state", "state must be foreground, stale, background, logged_out or kicked")
		}
		f.State = v
	}
	if v := get("platform"); v != "" {
		f.Platform = Platform(v)
		if !slices.Contains(AllPlatforms(), f.Platform) {
			return f, Invalid("platform", "unknown platform %q", v)
		}
	}
	if v := strings.TrimPrefix(get("certificate_id"), "#"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, Invalid("certificate_id", "certificate_id must be a positive number")
		}
		f.CertificateID = id
	}
	if v := get("before"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, Invalid("before", "before must be a device cursor from the previous page")
		}
		f.Before = id
	}
	if v := get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			return f, Invalid("limit", "limit must be between 1 and 500")
		}
		f.Limit = n
	}
	return f, nil
}

// TokenPrefixRange is the half-open range of tokens starting with p. Token
// columns compare bytewise (C collation), and U+10FFFF sorts after any
// character a token can contain.
func TokenPrefixRange(p string) (string, string) {
	if isHex(p) {
		p = strings.ToLower(p) // APNs tokens are stored lower-case
	}
	return p, p + "\U0010FFFF"
}

func isHex(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F')
	}) < 0
}
