package views

import (
	"context"
	"strings"
)

// APIReference is the OpenAPI document as the /api/docs page shows it:
// operations by tag with their parameters, bodies, responses and examples,
// then the schemas they name.
type APIReference struct {
	Title       string
	Version     string
	Description string
	// BaseURL is the server the document names for this request;
	// DocumentURL is where the JSON document is.
	BaseURL     string
	DocumentURL string
	Auth        []APIAuth
	Tags        []APITag
	Schemas     []APISchema
}

// APIAuth is one security scheme.
type APIAuth struct {
	Name        string
	Format      string // pck_…
	Description string
}

// APITag groups operations.
type APITag struct {
	Name        string
	Description string
	Operations  []APIOperation
}

// APIOperation is one method on one path.
type APIOperation struct {
	ID          string
	Method      string
	Path        string
	Summary     string
	Description string
	// Auth names the credential ("app API key", "operator token") or
	// "none"; Role is the least operator role, when one is needed.
	Auth       string
	Role       string
	Parameters []APIField
	Body       *APIBody
	Responses  []APIResponse
}

// APIField is a parameter or a schema property. TypeRef names the schema
// the type links to, if any; Values are the allowed values.
type APIField struct {
	Name        string
	In          string
	Type        string
	TypeRef     string
	Required    bool
	Description string
	Values      []string
}

// APIBody is a request body.
type APIBody struct {
	ContentType string
	Type        string
	TypeRef     string
	Required    bool
	Description string
	Examples    []APIExample
}

// APIResponse is one status of an operation. Errors are listed in one line
// each: their shape is the same everywhere.
type APIResponse struct {
	Status      string
	Description string
	ContentType string
	Type        string
	TypeRef     string
	Error       bool
	Examples    []APIExample
}

// APIExample is a named example, as indented JSON.
type APIExample struct {
	Name    string
	Summary string
	JSON    string
}

// APISchema is a named schema: its fields, flattened (nested objects as
// dotted names), or what it is made of.
type APISchema struct {
	Name        string
	Description string
	Type        string
	AllOf       []string
	Fields      []APIField
	Values      []string
}

// ProseBlock is a paragraph or a list of the documents' light Markdown:
// blank lines part paragraphs, "- " starts a list item, `code` is code.
type ProseBlock struct {
	List  bool
	Items [][]ProseSpan
}

// ProseSpan is a run of text, code or not.
type ProseSpan struct {
	Text string
	Code bool
}

// Prose splits a description into blocks for the page.
func Prose(text string) []ProseBlock {
	var out []ProseBlock
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		lines := strings.Split(strings.TrimSpace(para), "\n")
		if len(lines) == 0 || lines[0] == "" {
			continue
		}
		if !strings.HasPrefix(lines[0], "- ") {
			out = append(out, ProseBlock{Items: [][]ProseSpan{spans(strings.Join(trimAll(lines), " "))}})
			continue
		}
		block := ProseBlock{List: true}
		var item []string
		flush := func() {
			if len(item) > 0 {
				block.Items = append(block.Items, spans(strings.Join(item, " ")))
			}
		}
		for _, l := range trimAll(lines) {
			if rest, ok := strings.CutPrefix(l, "- "); ok {
				flush()
				item = []string{rest}
				continue
			}
			item = append(item, l)
		}
		flush()
		out = append(out, block)
	}
	return out
}

func trimAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimSpace(l)
	}
	return out
}

// spans cuts text at backticks: every other run is code. An unpaired
// backtick stays text.
func spans(text string) []ProseSpan {
	parts := strings.Split(text, "`")
	if len(parts)%2 == 0 {
		return []ProseSpan{{Text: text}}
	}
	var out []ProseSpan
	for i, p := range parts {
		if p != "" {
			out = append(out, ProseSpan{Text: p, Code: i%2 == 1})
		}
	}
	return out
}

// MethodClass is the CSS class of an HTTP method's badge.
func MethodClass(method string) string { return "method m-" + strings.ToLower(method) }

// AuthLabel says what credential an operation takes, by its security
// scheme's name in the document.
func AuthLabel(ctx context.Context, scheme string) string {
	switch scheme {
	case "appKey":
		return T(ctx, "api_docs.auth_app_key")
	case "operatorToken":
		return T(ctx, "api_docs.auth_operator_token")
	case "none":
		return T(ctx, "api_docs.auth_none")
	}
	return scheme
}

// tagAnchor is a tag's fragment: "Device reports" → tag-device-reports.
func tagAnchor(name string) string {
	return "tag-" + strings.ToLower(strings.ReplaceAll(name, " ", "-"))
}

// errorCode is the error code an error response's description starts
// with, in backticks.
func errorCode(description string) string {
	for _, s := range spans(description) {
		if s.Code {
			return s.Text
		}
	}
	return ""
}
