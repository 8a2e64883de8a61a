package vendors

import (
	"encoding/json"
	"strings"
)

// BusinessCode is a Huawei Push Kit answer's code as text (v1 and v3):
// Huawei writes it as a JSON string, and a number is read the same; ""
// when there is none.
func BusinessCode(raw json.RawMessage) string {
	c := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	if c == "null" {
		return ""
	}
	return c
}
