package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/clientconfig"
	"github.com/pushcheck/pushcheck/models/demo"
	"github.com/pushcheck/pushcheck/vendors"
)

func TestOpenAPIDocumentIsServedAndValid(t *testing.T) {
	e := newEnv(t)
	doc, r := servedOpenAPI(t, e)
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	if cc := r.header.Get("Cache-Control"); !strings.Contains(cc, "max-age=") {
		t.Errorf("Cache-Control %q", cc)
	}
	etag := r.header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	req, err := http.NewRequest(http.MethodGet, e.srv.URL+"/api/v1/openapi.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("If-None-Match", `W/"other", `+etag)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the ETag: %d, want 304", resp.StatusCode)
	}

	if doc.OpenAPI != "3.1.0" || !doc.IsOpenAPI31OrLater() {
		t.Errorf("openapi %q, want 3.1.0", doc.OpenAPI)
	}
	// Validate checks the document's structure, refs, and (for 3.1 as
	// JSON Schema 2020-12) every example against its schema.
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		t.Fatalf("the document does not validate: %v", err)
	}
	if len(doc.Servers) == 0 || doc.Servers[0].URL != e.srv.URL {
		t.Errorf("servers %v, want this server %s first", doc.Servers, e.srv.URL)
	}
	for _, scheme := range []string{"appKey", "operatorToken"} {
		s := doc.Components.SecuritySchemes[scheme]
		if s == nil || s.Value.Type != "http" || s.Value.Scheme != "bearer" {
			t.Errorf("security scheme %s: %+v", scheme, s)
		}
	}
	for _, secret := range []string{demo.APIKey, demo.OperatorToken, e.key} {
		if strings.Contains(r.body, secret) {
			t.Errorf("the document holds a real credential %q", secret)
		}
	}
}

func TestOpenAPIDocumentsEveryRouteAndNoOther(t *testing.T) {
	e := newEnv(t)
	doc, _ := servedOpenAPI(t, e)
	routed := map[string]bool{}
	for _, r := range e.handler.(interface{ Routes() []*echo.Route }).Routes() {
		documentable := strings.HasPrefix(r.Path, "/api/v1/") || strings.HasPrefix(r.Path, "/receipts/") || r.Path == "/healthz" || r.Path == "/readyz" || r.Path == "/sandbox/ca.pem"
		// The catch-alls, and the not-found handlers echo adds to each
		// group, answer 404 for every unknown path.
		if !documentable || strings.HasSuffix(r.Path, "*") || r.Method == echo.RouteNotFound {
			continue
		}
		for _, path := range expandVendor(t, e, r.Path) {
			routed[routeShape(r.Method, path)] = true
		}
	}
	documented := map[string]bool{}
	for _, o := range operations(doc) {
		documented[routeShape(o.method, o.path)] = true
	}
	if len(routed) < 40 {
		t.Fatalf("only %d routes found: %v", len(routed), routed)
	}
	for _, r := range sortedKeys(routed) {
		if !documented[r] {
			t.Errorf("route %s is not in openapi.yaml", r)
		}
	}
	for _, d := range sortedKeys(documented) {
		if !routed[d] {
			t.Errorf("openapi.yaml documents %s, which the router does not serve", d)
		}
	}
}

// expandVendor turns the receipt route's :vendor into the vendors that take
// receipts, which the document lists one by one.
func expandVendor(t *testing.T, e *env, path string) []string {
	if !strings.Contains(path, ":vendor") {
		return []string{path}
	}
	var out []string
	for _, v := range models.AllVendors() {
		ch, err := e.registry.Channel(v)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := ch.(vendors.ReceiptReader); ok {
			out = append(out, strings.Replace(path, ":vendor", string(v), 1))
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestOpenAPIExamplesFitTheirSchemas(t *testing.T) {
	e := newEnv(t)
	doc, _ := servedOpenAPI(t, e)
	closeObjects(doc)
	if n := validateExamples(t, doc); n < 40 {
		t.Errorf("only %d examples checked", n)
	}
	// The main calls keep their examples: a device registers and reports,
	// a push is sent (a chat message with every vendor's options, a call
	// invitation, HarmonyOS NEXT options) and read, a verdict is read.
	want := map[string][]string{
		"PUT /api/v1/devices/{device_id} request":                          {"user_id", "voip_token"},
		"PUT /api/v1/devices/{device_id} response 200":                     {"warnings"},
		"POST /api/v1/devices/{device_id}/state request":                   {"state"},
		"POST /api/v1/apps/{app_id}/pushes request":                        {"call", "harmony", "huawei", "xiaomi", "oppo", "vivo", "meizu", "apns", "fcm"},
		"POST /api/v1/apps/{app_id}/pushes response 201":                   {"deliveries"},
		"GET /api/v1/apps/{app_id}/pushes/{push_id} response 200":          {"deliveries", "progress"},
		"GET /api/v1/apps/{app_id}/users/{user_id}/diagnosis response 200": {"devices", "summary"},
	}
	for where, keys := range want {
		for _, key := range keys {
			if !exampleHasKey(doc, where, key) {
				t.Errorf("%s: no example with %q", where, key)
			}
		}
	}
}

// exampleHasKey reports whether some example at where (method, path,
// "request" or "response STATUS") has key at its top level.
func exampleHasKey(doc *openapi3.T, where, key string) bool {
	for _, o := range operations(doc) {
		for _, m := range mediaTypes(o.op) {
			if !strings.HasPrefix(o.method+" "+o.path+" "+m.where, where+" ") {
				continue
			}
			for _, ex := range m.media.Examples {
				if obj, ok := ex.Value.Value.(map[string]any); ok && obj[key] != nil {
					return true
				}
			}
		}
	}
	return false
}

func TestOpenAPIEnumsFollowTheModels(t *testing.T) {
	e := newEnv(t)
	doc, _ := servedOpenAPI(t, e)
	schema := func(path ...string) *openapi3.Schema {
		s := doc.Components.Schemas[path[0]].Value
		for _, p := range path[1:] {
			s = s.Properties[p].Value
		}
		return s
	}
	param := func(method, path, name string) *openapi3.Schema {
		op := doc.Paths.Find(path).GetOperation(method)
		return op.Parameters.GetByInAndName("query", name).Schema.Value
	}
	cases := []struct {
		name string
		got  *openapi3.Schema
		want []string
	}{
		{"Vendor", schema("Vendor"), texts(models.AllVendors())},
		{"Platform", schema("Platform"), texts(models.AllPlatforms())},
		{"DeviceState", schema("DeviceState"), texts(models.AllStates())},
		{"Stage", schema("Stage"), texts(models.Stages())},
		{"MessageClass", schema("MessageClass"), texts(models.AllMessageClasses())},
		{"Delivery.kind", schema("Delivery", "kind"), texts(models.AnswerKinds())},
		{"AckRequest.stage", schema("AckRequest", "stage"), texts(models.AckStages())},
		{"devices ?state", param(http.MethodGet, "/api/v1/apps/{app_id}/devices", "state"), models.StateFilters()},
		{"Error.error.code", schema("Error", "error", "code"), []string{models.CodeInvalid, models.CodeUnauthenticated, models.CodePermissionDenied,
			models.CodeNotFound, models.CodeConflict, models.CodeTooLarge, models.CodeTooManyRequests, models.CodeUnavailable, models.CodeInternal}},
		{"LintFinding.level", schema("LintFinding", "level"), []string{models.LevelNote, models.LevelWarning, models.LevelBlocker}},
		{"WebhookKind", schema("WebhookKind"), texts(models.WebhookKinds())},
		{"ClientPlatform", schema("ClientPlatform"), texts(clientconfig.Platforms())},
		{"client-config ?snippet", param(http.MethodGet, "/api/v1/apps/{app_id}/client-config", "snippet"), snippetIDs()},
	}
	for _, c := range cases {
		var got []string
		for _, v := range c.got.Enum {
			got = append(got, fmt.Sprint(v))
		}
		if !slices.Equal(sorted(got), sorted(c.want)) {
			t.Errorf("%s: the document lists %v, the models %v", c.name, got, c.want)
		}
	}
}

// snippetIDs are the IDs of every platform's snippets.
func snippetIDs() []string {
	var out []string
	for _, p := range clientconfig.Platforms() {
		for _, s := range clientconfig.Build(p, models.App{ID: 1, Name: "Test IM"}, nil).Snippets {
			out = append(out, s.ID)
		}
	}
	return out
}

func texts[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

func TestAPIDocsPage(t *testing.T) {
	e := newEnv(t)
	doc, _ := servedOpenAPI(t, e)
	r := e.call(nil, http.MethodGet, "/api/docs", "", "", "")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Fatalf("docs page: %d %s", r.status, r.header.Get("Content-Type"))
	}
	for _, o := range operations(doc) {
		if !strings.Contains(r.body, `id="op-`+o.op.OperationID+`"`) {
			t.Errorf("the page lacks %s %s", o.method, o.path)
		}
	}
	for _, s := range []string{`id="schema-PushRequest"`, `href="#schema-Registration"`, "harmonyos-next", "Authorization: Bearer pck_…",
		"openapi-generator-cli generate -i " + e.srv.URL + "/api/v1/openapi.json", `href="/static/api-docs.css"`} {
		if !strings.Contains(r.body, s) {
			t.Errorf("the page lacks %q", s)
		}
	}
	if strings.Contains(r.body, `class="topbar"`) {
		t.Error("an anonymous visitor got the console's header")
	}

	// Signed in, the page keeps the console's header, and every page's
	// footer links to it.
	_, _ = e.operator("admin@example.com", models.RoleAdmin)
	b := e.browser()
	if r := b.signIn("admin@example.com", "correct horse battery"); r.status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", r.status)
	}
	r = b.get("/api/docs")
	if r.status != http.StatusOK || !strings.Contains(r.body, `class="topbar"`) {
		t.Errorf("signed in: %d, header shown %v", r.status, strings.Contains(r.body, `class="topbar"`))
	}
	if r := b.get("/apps"); !strings.Contains(r.body, `href="/api/docs"`) {
		t.Error("the console's footer does not link the API reference")
	}
}
