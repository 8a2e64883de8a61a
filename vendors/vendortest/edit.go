package vendortest

import "strings"

// Removed, given to Edit as the value, deletes the field: the emulator
// tests break a valid request one field at a time.
type Removed struct{}

// Edit sets (or, with Removed{}, deletes) the field at a dotted path of a
// decoded JSON object, making the objects on the way.
func Edit(m map[string]any, path string, v any) {
	keys := strings.Split(path, ".")
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	if _, ok := v.(Removed); ok {
		delete(m, keys[len(keys)-1])
		return
	}
	m[keys[len(keys)-1]] = v
}
