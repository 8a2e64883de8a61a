package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/clientconfig"
)

// contract checks real exchanges with the server against the document:
// the request as the document describes requests, the reply (status,
// headers, body) as it describes that operation's replies, with every
// object closed so an undocumented field fails.
type contract struct {
	t      *testing.T
	e      *env
	router routers.Router
}

func newContract(t *testing.T, e *env) contract {
	t.Helper()
	doc, _ := servedOpenAPI(t, e)
	closeObjects(doc)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return contract{t: t, e: e, router: router}
}

// call sends the request, checks both sides and returns the reply.
func (c contract) call(method, path, bearer, body string, wantStatus int) reply {
	c.t.Helper()
	req, err := http.NewRequest(method, c.e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		c.t.Fatalf("%s %s: not in the document: %v", method, path, err)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	ctx := context.Background()
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil && wantStatus < 400 {
		c.t.Errorf("%s %s: the request does not fit the document: %v", method, path, err)
	}
	// Validation read the body: send a fresh one.
	req.Body = io.NopCloser(strings.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	if resp.StatusCode != wantStatus {
		c.t.Fatalf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, wantStatus, got)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Options: opts}
	out.SetBodyBytes(got)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		c.t.Errorf("%s %s: the %d reply does not fit the document: %v\n%s", method, path, resp.StatusCode, err, bytes.TrimSpace(got))
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: string(got)}
}

func TestOpenAPIDescribesRealResponses(t *testing.T) {
	e := newEnv(t)
	c := newContract(t, e)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	app := fmt.Sprintf("/api/v1/apps/%d", e.app.ID)
	cert := sandboxAPNs(t, e, admin)

	// The device side: an iPhone with a VoIP token registers, goes to the
	// background; an unknown certificate is a warning; a bad report a 400.
	alert, voip := strings.Repeat("4f2a", 16), strings.Repeat("9a8b", 16)
	c.call(http.MethodPut, "/api/v1/devices/qa-iphone", e.key, fmt.Sprintf(`{"user_id":"qa-1","platform":"ios","vendor":"apns","token":%q,"voip_token":%q,"certificate_id":%d,"environment":"production","app_version":"6.2.0","model":"iPhone 15","notifications_enabled":true,"locale":"en-US"}`, alert, voip, cert), http.StatusOK)
	r := c.call(http.MethodPut, "/api/v1/devices/pixel", e.key, `{"user_id":"qa-1","platform":"android","vendor":"fcm","token":"fcm-token","certificate_id":99}`, http.StatusOK)
	if !strings.Contains(r.body, "certificate_unknown") {
		t.Errorf("no warning for an unknown certificate: %s", r.body)
	}
	c.call(http.MethodPost, "/api/v1/devices/qa-iphone/state", e.key, `{"state":"background","unread":3}`, http.StatusOK)
	c.call(http.MethodPut, "/api/v1/devices/pixel", e.key, `{"user_id":"qa-1","platform":"ios","vendor":"fcm"}`, http.StatusBadRequest)
	c.call(http.MethodPost, "/api/v1/devices/pixel/logout", e.key, `{"reason":"kicked"}`, http.StatusOK)

	// The operator side: a call invitation, the push read back, acked,
	// the verdict; errors of every kind of caller.
	r = c.call(http.MethodPost, app+"/pushes", admin, `{"target":{"user_id":"qa-1"},"mode":"force","title":"Bob","call":{"caller":"Bob","call_id":"call-42","video":true}}`, http.StatusCreated)
	var push pushView
	r.decode(t, &push)
	if len(push.Deliveries) == 0 {
		t.Fatalf("no deliveries: %s", r.body)
	}
	c.call(http.MethodGet, fmt.Sprintf("%s/pushes/%d", app, push.ID), admin, "", http.StatusOK)
	c.call(http.MethodGet, fmt.Sprintf("%s/pushes/%d?deliveries=false", app, push.ID), admin, "", http.StatusOK)
	c.call(http.MethodPost, "/api/v1/deliveries/"+push.Deliveries[0].ID+"/ack", e.key, `{"stage":"clicked"}`, http.StatusOK)
	c.call(http.MethodGet, app+"/pushes", admin, "", http.StatusOK)
	c.call(http.MethodGet, app+"/users/qa-1/diagnosis?message_type=custom&desc=", admin, "", http.StatusOK)
	c.call(http.MethodGet, app+"/users/qa-1/devices", admin, "", http.StatusOK)
	c.call(http.MethodGet, app+"/devices/qa-iphone", admin, "", http.StatusOK)
	c.call(http.MethodGet, app+"/devices?vendor=apns&limit=1", admin, "", http.StatusOK)
	c.call(http.MethodGet, fmt.Sprintf("%s/certificates/%d", app, cert), admin, "", http.StatusOK)
	c.call(http.MethodPost, app+"/pushes/lint", admin, `{"target":{"user_id":"qa-1"},"desc":""}`, http.StatusOK)
	c.call(http.MethodGet, app+"/limits", admin, "", http.StatusOK)

	c.call(http.MethodPost, app+"/pushes", "", `{"target":{"user_id":"qa-1"}}`, http.StatusUnauthorized)
	c.call(http.MethodPost, app+"/pushes", e.key, `{"target":{"user_id":"qa-1"}}`, http.StatusUnauthorized)
	c.call(http.MethodPost, app+"/pushes", admin, `{"target":{"user_id":"qa-1"},"mode":"loud"}`, http.StatusBadRequest)
	c.call(http.MethodGet, "/api/v1/apps/999/users/qa-1/diagnosis", admin, "", http.StatusNotFound)
	c.call(http.MethodPost, fmt.Sprintf("/receipts/vivo/%d/wrong-secret", cert), "", `{}`, http.StatusNotFound)
	c.call(http.MethodGet, "/healthz", "", "", http.StatusOK)
	c.call(http.MethodGet, "/readyz", "", "", http.StatusOK)
}

// The closing the tests apply is what makes an undocumented field fail:
// check that it does.
func TestOpenAPIContractRefusesAnUndocumentedField(t *testing.T) {
	e := newEnv(t)
	doc, _ := servedOpenAPI(t, e)
	closeObjects(doc)
	state := doc.Components.Schemas["DeviceStateReply"].Value
	ok := map[string]any{"device_id": "d", "state": "background", "unread": 1, "state_since": "2026-11-30T18:43:35Z"}
	if err := state.VisitJSON(ok, openapi3.EnableJSONSchema2020()); err != nil {
		t.Fatalf("a documented reply is refused: %v", err)
	}
	ok["battery"] = 80
	if err := state.VisitJSON(ok, openapi3.EnableJSONSchema2020()); err == nil {
		t.Error("a reply with an undocumented field passed")
	}
	registered := doc.Components.Schemas["RegisteredDevice"].Value
	if err := registered.VisitJSON(map[string]any{"warnings": []any{}, "battery": 80}, openapi3.EnableJSONSchema2020()); err == nil || !strings.Contains(err.Error(), "battery") {
		t.Errorf("allOf schemas are not closed: %v", err)
	}
}

// The client config, the alert webhook and the certificates' client values
// against the document: JSON and text snippets, a webhook set, tested, read
// and removed, and a report whose verdict links to the client config.
func TestOpenAPIDescribesClientConfigAndWebhook(t *testing.T) {
	bot := newChatBot(t, `{"errcode":310000,"errmsg":"sign not match"}`)
	e := newAlertsEnv(t, bot)
	c := newContract(t, e)
	_, admin := e.operator("admin@example.com", models.RoleAdmin)
	app := fmt.Sprintf("/api/v1/apps/%d", e.app.ID)

	c.call(http.MethodPost, app+"/certificates", admin, `{"vendor":"xiaomi","name":"Mi production","environment":"production","xiaomi":{"package_name":"com.example.im","app_secret":"mi-app-secret-value","client_app_id":"2882303761520000001","client_app_key":"5102000000001"}}`, http.StatusCreated)
	c.call(http.MethodPost, app+"/certificates", admin, `{"vendor":"oppo","name":"OPPO production","environment":"production","oppo":{"app_key":"oppoAppKey","master_secret":"oppo-master-secret-value","channel_id":"im","client_app_secret":"oppoClientAppSecret"}}`, http.StatusCreated)
	if r := c.call(http.MethodGet, app+"/certificates", admin, "", http.StatusOK); !strings.Contains(r.body, `"client_app_secret":"oppoClientAppSecret"`) {
		t.Errorf("the certificates lack their client values: %s", r.body)
	}
	for _, platform := range clientconfig.Platforms() {
		c.call(http.MethodGet, app+"/client-config?platform="+string(platform), admin, "", http.StatusOK)
	}
	if r := c.call(http.MethodGet, app+"/client-config?platform=android&snippet=android-kotlin", admin, "", http.StatusOK); !strings.Contains(r.body, "XM_PUSH_APPKEY") {
		t.Errorf("the Kotlin snippet: %s", r.body)
	}
	c.call(http.MethodGet, app+"/client-config?platform=android&snippet=ios-swift", admin, "", http.StatusBadRequest)

	c.call(http.MethodGet, app+"/webhook", admin, "", http.StatusNotFound)
	hook := bot.srv.URL + "/robot/send?access_token=tok-0123456789abcdef"
	c.call(http.MethodPut, app+"/webhook", admin, `{"kind":"dingtalk","url":"`+hook+`","secret":"SECtopsecret"}`, http.StatusOK)
	if r := c.call(http.MethodPost, app+"/webhook/test", admin, "", http.StatusOK); !strings.Contains(r.body, `"ok":false`) {
		t.Errorf("a refused test message: %s", r.body)
	}
	c.call(http.MethodGet, app+"/webhook", admin, "", http.StatusOK)
	c.call(http.MethodPut, app+"/webhook", admin, `{"kind":"slack","url":"http://hooks.slack.com/services/x"}`, http.StatusBadRequest)
	c.call(http.MethodDelete, app+"/webhook", admin, "", http.StatusNoContent)
	c.call(http.MethodPost, app+"/webhook/test", admin, "", http.StatusNotFound)

	c.call(http.MethodPut, "/api/v1/devices/pixel", e.key, `{"user_id":"qa-1","platform":"android","vendor":"fcm","token":"fcm-token","certificate_id":99}`, http.StatusOK)
	r := c.call(http.MethodPost, app+"/users/qa-1/reports", admin, "", http.StatusCreated)
	var report struct {
		ID string `json:"id"`
	}
	r.decode(t, &report)
	if r := c.call(http.MethodGet, app+"/reports/"+report.ID, admin, "", http.StatusOK); !strings.Contains(r.body, `"fix_link"`) {
		t.Errorf("the report's verdict has no fix link: %s", r.body)
	}
}
