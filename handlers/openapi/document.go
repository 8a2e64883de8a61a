// Package openapi holds the HTTP API's OpenAPI 3.1 document: openapi.yaml,
// embedded, turned into the JSON served at /api/v1/openapi.json, and read
// into the model of the /api/docs page. It parses YAML only; validating the
// document is the tests' job (kin-openapi, in handlers/openapi_test.go).
package openapi

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/pushcheck/pushcheck/views"
)

//go:embed openapi.yaml
var source []byte

// serverPlaceholder stands for servers[0].url in the JSON built once, so that
// each request can name the console's own address without building it again.
const serverPlaceholder = "pushcheck-openapi-server-url"

// Document is the API document, built once: its JSON and its reference
// page's model. The YAML tree is not kept: it is several times their size.
type Document struct {
	// The indented JSON before and after servers[0].url's quoted value.
	before, after []byte
	reference     views.APIReference
}

// Load parses the embedded document and builds its JSON and reference.
func Load() (*Document, error) {
	var file yaml.Node
	if err := yaml.Unmarshal(source, &file); err != nil {
		return nil, fmt.Errorf("openapi: read openapi.yaml: %w", err)
	}
	if file.Kind != yaml.DocumentNode || len(file.Content) != 1 || file.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("openapi: openapi.yaml is not one mapping")
	}
	root := file.Content[0]
	server := lookup(root, "servers", "0", "url")
	if server == nil || server.Kind != yaml.ScalarNode {
		return nil, errors.New("openapi: openapi.yaml has no servers[0].url")
	}
	saved := server.Value
	server.Value = serverPlaceholder
	var compact bytes.Buffer
	err := writeJSON(&compact, root)
	server.Value = saved
	if err != nil {
		return nil, err
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
		return nil, fmt.Errorf("openapi: indent: %w", err)
	}
	parts := bytes.Split(indented.Bytes(), []byte(strconv.Quote(serverPlaceholder)))
	if len(parts) != 2 {
		return nil, fmt.Errorf("openapi: the server placeholder occurs %d times", len(parts)-1)
	}
	reference, err := readReference(root)
	if err != nil {
		return nil, err
	}
	return &Document{before: parts[0], after: parts[1], reference: reference}, nil
}

// Reference is the document as the docs page shows it.
func (d *Document) Reference() views.APIReference { return d.reference }

// JSON is the document naming base (scheme and host, no trailing slash) as
// its server, so that generated clients call this console.
func (d *Document) JSON(base string) ([]byte, error) {
	quoted, err := json.Marshal(base)
	if err != nil {
		return nil, fmt.Errorf("openapi: server URL: %w", err)
	}
	out := make([]byte, 0, len(d.before)+len(quoted)+len(d.after))
	out = append(append(append(out, d.before...), quoted...), d.after...)
	return out, nil
}

// lookup follows keys through mappings (and indexes through sequences);
// nil when a step is missing.
func lookup(n *yaml.Node, path ...string) *yaml.Node {
	for _, key := range path {
		n = resolve(n)
		if n == nil {
			return nil
		}
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == key {
					next = n.Content[i+1]
					break
				}
			}
			n = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	return resolve(n)
}

// resolve follows a YAML alias to what it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// writeJSON writes a YAML node as compact JSON, keeping the order of keys
// (a map would sort them, and the document reads in its own order).
func writeJSON(buf *bytes.Buffer, n *yaml.Node) error {
	n = resolve(n)
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return errors.New("openapi: an empty YAML document")
		}
		return writeJSON(buf, n.Content[0])
	case yaml.MappingNode:
		buf.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				buf.WriteByte(',')
			}
			key, err := marshal(resolve(n.Content[i]).Value)
			if err != nil {
				return fmt.Errorf("openapi: key at line %d: %w", n.Content[i].Line, err)
			}
			buf.Write(key)
			buf.WriteByte(':')
			if err := writeJSON(buf, n.Content[i+1]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for i, item := range n.Content {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := writeJSON(buf, item); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case yaml.ScalarNode:
		return writeScalar(buf, n)
	default:
		return fmt.Errorf("openapi: unexpected YAML node at line %d", n.Line)
	}
	return nil
}

// writeScalar writes a YAML scalar by its resolved tag. Timestamps stay the
// text they were written as: JSON has no time type and the document's times
// are strings.
func writeScalar(buf *bytes.Buffer, n *yaml.Node) error {
	var v any
	switch n.ShortTag() {
	case "!!null":
		buf.WriteString("null")
		return nil
	case "!!bool":
		var b bool
		v = &b
	case "!!int":
		var i int64
		v = &i
	case "!!float":
		var f float64
		v = &f
	default:
		v = n.Value
	}
	if _, ok := v.(string); !ok {
		if err := n.Decode(v); err != nil {
			return fmt.Errorf("openapi: value at line %d: %w", n.Line, err)
		}
	}
	b, err := marshal(v)
	if err != nil {
		return fmt.Errorf("openapi: value at line %d: %w", n.Line, err)
	}
	buf.Write(b)
	return nil
}

// marshal is json.Marshal without its HTML escaping: examples hold XML
// snippets (manifest entries, entitlements), which should read as written
// in the document and on the docs page, not as \u003c…\u003e.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
