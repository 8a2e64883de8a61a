package handlers_test

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// servedOpenAPI fetches the document the server serves and loads it with
// kin-openapi, refs resolved.
func servedOpenAPI(t *testing.T, e *env) (*openapi3.T, reply) {
	t.Helper()
	r := e.call(nil, http.MethodGet, "/api/v1/openapi.json", "", "", "")
	if r.status != http.StatusOK {
		t.Fatalf("openapi.json: %d %s", r.status, r.body)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData([]byte(r.body))
	if err != nil {
		t.Fatalf("kin-openapi cannot load the served document: %v", err)
	}
	return doc, r
}

// closeObjects makes every object of the document refuse fields it does not
// list, for the tests only: the document leaves replies open (clients are to
// ignore new fields), but a field a handler sends must be documented, and an
// example must not carry a field the schema lost. A schema made of allOf is
// closed with unevaluatedProperties, so its parts stay open.
func closeObjects(doc *openapi3.T) {
	parts := map[*openapi3.Schema]bool{}
	var all []*openapi3.Schema
	seen := map[*openapi3.Schema]bool{}
	var visit func(ref *openapi3.SchemaRef)
	visit = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		all = append(all, s)
		for _, p := range s.AllOf {
			if p.Value != nil {
				parts[p.Value] = true
			}
			visit(p)
		}
		for _, group := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf} {
			for _, p := range group {
				visit(p)
			}
		}
		for _, p := range s.Properties {
			visit(p)
		}
		visit(s.Items)
		visit(s.AdditionalProperties.Schema)
	}
	for _, ref := range doc.Components.Schemas {
		visit(ref)
	}
	for _, op := range operations(doc) {
		for _, p := range op.parameters() {
			visit(p.Value.Schema)
		}
		for _, m := range mediaTypes(op.op) {
			visit(m.media.Schema)
		}
	}
	no := false
	for _, s := range all {
		switch {
		case len(s.AllOf) > 0:
			s.UnevaluatedProperties = openapi3.BoolSchema{Has: &no}
		case parts[s]:
		case len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil:
			s.AdditionalProperties = openapi3.BoolSchema{Has: &no}
		}
	}
}

// documentedOperation is one operation of the document.
type documentedOperation struct {
	method, path string
	item         *openapi3.PathItem
	op           *openapi3.Operation
}

// parameters are the operation's and its path's.
func (o documentedOperation) parameters() openapi3.Parameters {
	return append(append(openapi3.Parameters{}, o.item.Parameters...), o.op.Parameters...)
}

// operations lists the document's operations, sorted.
func operations(doc *openapi3.T) []documentedOperation {
	var out []documentedOperation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			out = append(out, documentedOperation{method: method, path: path, item: item, op: op})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path+out[i].method < out[j].path+out[j].method })
	return out
}

// mediaExample is one media type of a request or response.
type mediaExample struct {
	where string // "request", "response 200"
	media *openapi3.MediaType
}

func mediaTypes(op *openapi3.Operation) []mediaExample {
	var out []mediaExample
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		for ct, m := range op.RequestBody.Value.Content {
			out = append(out, mediaExample{where: "request " + ct, media: m})
		}
	}
	for status, r := range op.Responses.Map() {
		if r.Value == nil {
			continue
		}
		for ct, m := range r.Value.Content {
			out = append(out, mediaExample{where: "response " + status + " " + ct, media: m})
		}
	}
	return out
}

// routeShape turns an echo path (:name) or a document path ({name}) into
// one shape, {} for every parameter: the names differ (echo's :app is the
// document's {app_id}), the places must not.
func routeShape(method, path string) string {
	return strings.ToUpper(method) + " " + regexp.MustCompile(`:[A-Za-z_]+|\{[^}]+\}`).ReplaceAllString(path, "{}")
}

// validateExamples checks every example of the document against its
// schema, as JSON Schema 2020-12 (OpenAPI 3.1's dialect).
func validateExamples(t *testing.T, doc *openapi3.T) int {
	t.Helper()
	n := 0
	check := func(where string, schema *openapi3.SchemaRef, examples openapi3.Examples) {
		for name, ex := range examples {
			if schema == nil || schema.Value == nil {
				t.Errorf("%s: example %q has no schema to fit", where, name)
				continue
			}
			n++
			if err := schema.Value.VisitJSON(ex.Value.Value, openapi3.EnableJSONSchema2020(), openapi3.MultiErrors()); err != nil {
				t.Errorf("%s: example %q does not fit its schema: %v", where, name, err)
			}
		}
	}
	for _, o := range operations(doc) {
		where := o.method + " " + o.path
		for _, p := range o.parameters() {
			check(where+" parameter "+p.Value.Name, p.Value.Schema, p.Value.Examples)
			if p.Value.Example != nil {
				check(where+" parameter "+p.Value.Name, p.Value.Schema, openapi3.Examples{"example": {Value: &openapi3.Example{Value: p.Value.Example}}})
			}
		}
		for _, m := range mediaTypes(o.op) {
			check(where+" "+m.where, m.media.Schema, m.media.Examples)
		}
	}
	return n
}
