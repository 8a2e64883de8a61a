package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pushcheck/pushcheck/views"
)

// methods are the operations a path item may hold, in the order a reader
// expects them.
func methods() []string { return []string{"get", "put", "post", "patch", "delete"} }

// reader reads the YAML tree of the document, following its $refs.
type reader struct {
	root *yaml.Node
}

// readReference reads the document into the docs page's model, in the
// document's order: tags as listed, operations as their paths come.
func readReference(root *yaml.Node) (views.APIReference, error) {
	d := reader{root: root}
	ref := views.APIReference{
		Title: str(d.root, "info", "title"), Version: str(d.root, "info", "version"),
		Description: str(d.root, "info", "description"), DocumentURL: "/api/v1/openapi.json",
	}
	for _, p := range pairs(lookup(d.root, "components", "securitySchemes")) {
		ref.Auth = append(ref.Auth, views.APIAuth{Name: p.key, Format: str(p.value, "bearerFormat"), Description: str(p.value, "description")})
	}
	byTag := map[string]int{}
	for _, t := range items(lookup(d.root, "tags")) {
		byTag[str(t, "name")] = len(ref.Tags)
		ref.Tags = append(ref.Tags, views.APITag{Name: str(t, "name"), Description: str(t, "description")})
	}
	for _, path := range pairs(lookup(d.root, "paths")) {
		for _, method := range methods() {
			opNode := lookup(path.value, method)
			if opNode == nil {
				continue
			}
			op, err := d.operation(path.key, method, path.value, opNode)
			if err != nil {
				return views.APIReference{}, err
			}
			tag := str(opNode, "tags", "0")
			i, ok := byTag[tag]
			if !ok {
				return views.APIReference{}, fmt.Errorf("openapi: %s %s: tag %q is not in the tags list", method, path.key, tag)
			}
			ref.Tags[i].Operations = append(ref.Tags[i].Operations, op)
		}
	}
	for _, s := range pairs(lookup(d.root, "components", "schemas")) {
		ref.Schemas = append(ref.Schemas, schema(s.key, s.value))
	}
	return ref, nil
}

func (d reader) operation(path, method string, item, n *yaml.Node) (views.APIOperation, error) {
	op := views.APIOperation{
		ID: str(n, "operationId"), Method: strings.ToUpper(method), Path: path,
		Summary: str(n, "summary"), Description: str(n, "description"),
		Auth: d.auth(n), Role: str(n, "x-pushcheck-role"),
	}
	for _, p := range append(items(lookup(item, "parameters")), items(lookup(n, "parameters"))...) {
		p = d.follow(p)
		t := describe(lookup(p, "schema"))
		op.Parameters = append(op.Parameters, views.APIField{
			Name: str(p, "name"), In: str(p, "in"), Type: t.label, TypeRef: t.ref, Values: t.values,
			Required: str(p, "required") == "true", Description: str(p, "description"),
		})
	}
	if body := d.follow(lookup(n, "requestBody")); body != nil {
		contentType, media := firstMedia(body)
		t := describe(lookup(media, "schema"))
		examples, err := d.examples(media)
		if err != nil {
			return op, fmt.Errorf("openapi: %s %s request: %w", method, path, err)
		}
		op.Body = &views.APIBody{ContentType: contentType, Type: t.label, TypeRef: t.ref, Required: str(body, "required") == "true",
			Description: str(body, "description"), Examples: examples}
	}
	for _, r := range pairs(lookup(n, "responses")) {
		resp := d.follow(r.value)
		contentType, media := firstMedia(resp)
		t := describe(lookup(media, "schema"))
		examples, err := d.examples(media)
		if err != nil {
			return op, fmt.Errorf("openapi: %s %s response %s: %w", method, path, r.key, err)
		}
		op.Responses = append(op.Responses, views.APIResponse{Status: r.key, Description: str(resp, "description"),
			ContentType: contentType, Type: t.label, TypeRef: t.ref, Error: t.ref == "Error", Examples: examples})
	}
	return op, nil
}

// auth names what an operation takes: its own security, else the
// document's.
func (d reader) auth(op *yaml.Node) string {
	security := lookup(op, "security")
	if security == nil {
		security = lookup(d.root, "security")
	}
	for _, requirement := range items(security) {
		for _, scheme := range pairs(requirement) {
			return scheme.key
		}
	}
	return "none"
}

// follow replaces a local $ref by what it names.
func (d reader) follow(n *yaml.Node) *yaml.Node {
	for range 8 { // a chain of refs is short; a loop is a broken document
		target := str(n, "$ref")
		if target == "" {
			return n
		}
		n = lookup(d.root, strings.Split(strings.TrimPrefix(target, "#/"), "/")...)
	}
	return n
}

func (d reader) examples(media *yaml.Node) ([]views.APIExample, error) {
	var out []views.APIExample
	for _, e := range pairs(lookup(media, "examples")) {
		ex := d.follow(e.value)
		value := lookup(ex, "value")
		if value == nil {
			return nil, fmt.Errorf("example %q has no value", e.key)
		}
		text, err := indentedJSON(value)
		if err != nil {
			return nil, fmt.Errorf("example %q: %w", e.key, err)
		}
		out = append(out, views.APIExample{Name: e.key, Summary: str(ex, "summary"), JSON: text})
	}
	return out, nil
}

func schema(name string, n *yaml.Node) views.APISchema {
	t := describe(n)
	s := views.APISchema{Name: name, Description: str(n, "description"), Type: t.label, Values: t.values}
	for _, part := range items(lookup(n, "allOf")) {
		if r := str(part, "$ref"); r != "" {
			s.AllOf = append(s.AllOf, refName(r))
			continue
		}
		s.Fields = append(s.Fields, fields("", part)...)
	}
	if len(s.AllOf) > 0 {
		s.Type = "object"
	}
	s.Fields = append(s.Fields, fields("", n)...)
	return s
}

// fields flattens an object's properties; nested inline objects (and
// arrays of them) follow as dotted names, so one table shows them all.
func fields(prefix string, n *yaml.Node) []views.APIField {
	required := map[string]bool{}
	for _, r := range items(lookup(n, "required")) {
		required[r.Value] = true
	}
	var out []views.APIField
	for _, p := range pairs(lookup(n, "properties")) {
		t := describe(p.value)
		out = append(out, views.APIField{Name: prefix + p.key, Type: t.label, TypeRef: t.ref, Values: t.values,
			Required: required[p.key], Description: str(p.value, "description")})
		switch {
		case lookup(p.value, "properties") != nil:
			out = append(out, fields(prefix+p.key+".", p.value)...)
		case lookup(p.value, "items", "properties") != nil:
			out = append(out, fields(prefix+p.key+"[].", lookup(p.value, "items"))...)
		}
	}
	return out
}

// typeInfo is a schema said in a few words, with the schema it links to.
type typeInfo struct {
	label  string
	ref    string
	values []string
}

// describe says what a schema is: a named schema, a type (or several), an
// array or map of something.
func describe(n *yaml.Node) typeInfo {
	if n == nil {
		return typeInfo{}
	}
	if r := str(n, "$ref"); r != "" {
		return typeInfo{label: refName(r), ref: refName(r)}
	}
	var t typeInfo
	for _, v := range items(lookup(n, "enum")) {
		t.values = append(t.values, scalarText(v))
	}
	if c := lookup(n, "const"); c != nil {
		t.values = []string{scalarText(c)}
	}
	for _, key := range []string{"oneOf", "anyOf"} {
		if alts := items(lookup(n, key)); len(alts) > 0 {
			var labels []string
			for _, a := range alts {
				at := describe(a)
				labels = append(labels, at.label)
				if t.ref == "" {
					t.ref = at.ref
				}
			}
			t.label = strings.Join(labels, " or ")
			return t
		}
	}
	var types []string
	if tn := lookup(n, "type"); tn != nil && tn.Kind == yaml.SequenceNode {
		for _, v := range tn.Content {
			types = append(types, v.Value)
		}
	} else if tn != nil {
		types = []string{tn.Value}
	}
	var labels []string
	for _, typ := range types {
		switch typ {
		case "array":
			inner := describe(lookup(n, "items"))
			typ = "array of " + orWord(inner.label, "values")
			t.ref = inner.ref
		case "object":
			if extra := lookup(n, "additionalProperties"); extra != nil && extra.Kind == yaml.MappingNode && lookup(n, "properties") == nil {
				inner := describe(extra)
				typ = "map of " + orWord(inner.label, "values")
				t.ref = inner.ref
			}
		}
		if f := str(n, "format"); f != "" && typ != "null" {
			typ += " (" + f + ")"
		}
		labels = append(labels, typ)
	}
	t.label = strings.Join(labels, " or ")
	return t
}

func orWord(label, word string) string {
	if label == "" {
		return word
	}
	return label
}

func refName(ref string) string { return ref[strings.LastIndex(ref, "/")+1:] }

func scalarText(n *yaml.Node) string {
	if n.ShortTag() == "!!null" {
		return "null"
	}
	return n.Value
}

// indentedJSON is an example value as readable JSON.
func indentedJSON(n *yaml.Node) (string, error) {
	var compact, out bytes.Buffer
	if err := writeJSON(&compact, n); err != nil {
		return "", err
	}
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return "", err
	}
	return out.String(), nil
}

// firstMedia is a body's or response's first content type and its media
// object.
func firstMedia(n *yaml.Node) (string, *yaml.Node) {
	for _, c := range pairs(lookup(n, "content")) {
		return c.key, c.value
	}
	return "", nil
}

// str is the text of the scalar at path, "" when there is none.
func str(n *yaml.Node, path ...string) string {
	v := lookup(n, path...)
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}

type pair struct {
	key   string
	value *yaml.Node
}

// pairs lists a mapping's entries in order.
func pairs(n *yaml.Node) []pair {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]pair, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, pair{key: resolve(n.Content[i]).Value, value: resolve(n.Content[i+1])})
	}
	return out
}

// items lists a sequence's entries.
func items(n *yaml.Node) []*yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = resolve(c)
	}
	return out
}
