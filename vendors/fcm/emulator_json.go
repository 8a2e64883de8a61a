package fcm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// node is a JSON value with its object keys in the order sent, which
// Google's error paths count ("message.data[2].value"). kind is '{', '[',
// 's' (string), '0' (number), 'b' (true/false) or 'n' (null).
type node struct {
	kind byte
	text string // a string's value, a number's or literal's text
	keys []string
	vals []*node
}

func parseJSON(raw []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	n, err := parseNode(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("trailing data")
	}
	return n, nil
}

func parseNode(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		n := &node{kind: byte(t)}
		for dec.More() {
			if t == '{' {
				key, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key.(string))
			}
			v, err := parseNode(dec)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, v)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		return &node{kind: 's', text: t}, nil
	case json.Number:
		return &node{kind: '0', text: t.String()}, nil
	case bool:
		return &node{kind: 'b', text: strconv.FormatBool(t)}, nil
	}
	return &node{kind: 'n', text: "null"}, nil
}

// get is the value of a field given by its proto name or JSON name.
func (n *node) get(m *protoMessage, name string) *node {
	if n == nil || n.kind != '{' {
		return nil
	}
	for i, key := range n.keys {
		if got, _ := m.lookup(key); got == name && n.vals[i].kind != 'n' {
			return n.vals[i]
		}
	}
	return nil
}

// String prints a value as Google's errors quote it: strings quoted, other
// scalars as sent, objects and arrays as compact JSON.
func (n *node) String() string {
	switch n.kind {
	case 's':
		b, _ := json.Marshal(n.text)
		return string(b)
	case '{', '[':
		var b strings.Builder
		b.WriteByte(n.kind)
		for i, v := range n.vals {
			if i > 0 {
				b.WriteByte(',')
			}
			if n.kind == '{' {
				k, _ := json.Marshal(n.keys[i])
				b.Write(k)
				b.WriteByte(':')
			}
			b.WriteString(v.String())
		}
		b.WriteByte(map[byte]byte{'{': '}', '[': ']'}[n.kind])
		return b.String()
	}
	return n.text
}
