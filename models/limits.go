package models

// Limit is one documented vendor figure for the Limits page: what is
// limited, the number, what crossing it changes, and where and when the
// figure was read. Confidence follows docs/vendors/README.md: solid (official
// doc or repo), 2nd-hand (aggregators, SDKs), unverified.
type Limit struct {
	Item       string `json:"item"`
	Value      string `json:"value"`
	Effect     string `json:"effect"`
	Source     string `json:"source"`
	AsOf       string `json:"as_of"`
	Confidence string `json:"confidence"`
}

// Confidence marks.
const (
	Solid      = "solid"
	SecondHand = "2nd-hand"
	Unverified = "unverified"
)
