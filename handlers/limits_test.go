package handlers_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// htmxPost posts a form the way htmx does and returns the fragment.
func (b *browser) htmxPost(t *testing.T, path string, form url.Values) reply {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: string(body)}
}

func TestComposerLintAsTheOperatorTypes(t *testing.T) {
	d := newDiagnosisEnv(t)
	id := d.certificate(t, "oppo", `"oppo":{"app_key":"k-lint","master_secret":"s","category":"IM","region":"cn"}`) // no channel
	registerAndroid(t, d.env, "oppo-lint", "lint", "oppo", "CN_lint", id)
	registerAndroid(t, d.env, "vivo-lint", "lint", "vivo", "vivo-lint", d.certs["vivo"])
	admin, _ := d.operator("composer@example.com", models.RoleAdmin)
	b := d.browser()
	b.signIn(admin.Email, password)
	page := fmt.Sprintf("/apps/%d/users/lint", d.app.ID)
	if r := b.get(page); !strings.Contains(r.body, `id="lint"`) || !strings.Contains(r.body, "/pushes/lint") {
		t.Fatal("the composer has no lint")
	}
	csrf := b.csrf(page)
	form := url.Values{"_csrf": {csrf}, "target": {"all"}, "mode": {"as_im_server"}, "title": {strings.Repeat("长", 62)}, "desc": {""}, "ext": {"not json"}}
	r := b.htmxPost(t, page+"/pushes/lint", form)
	for _, want := range []string{"OPPO title is 62 characters; OPPO allows 50", "no OPPO channel ID: neither the message nor certificate #" + fmt.Sprint(id),
		"ext is not JSON", `data-code="desc_empty"`, "desc: the default", "vivo title counts 124 (a Chinese character counts 2); vivo allows 40", `data-code="channel_missing"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("lint lacks %q", want)
		}
	}
	if r.status != 200 || strings.Contains(r.body, "<html") {
		t.Fatalf("lint fragment: %d", r.status)
	}
	// The channel typed in the composer clears the blocker.
	form.Set("oppo_channel_id", "im")
	if r := b.htmxPost(t, page+"/pushes/lint", form); strings.Contains(r.body, `data-code="channel_missing"`) {
		t.Fatal("a channel ID in the message still flagged")
	}
	// Half-typed input is explained in place, not as an error page.
	form.Set("badge", "x")
	if r := b.htmxPost(t, page+"/pushes/lint", form); r.status != 200 || !strings.Contains(r.body, "badge must be a whole number") {
		t.Fatalf("bad badge: %d %s", r.status, r.body)
	}

	// The same lint through the API, and stored on each delivery.
	body := `{"target":{"user_id":"lint"},"title":"` + strings.Repeat("长", 62) + `","desc":"d"}`
	lr := d.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes/lint", d.app.ID), d.admin, body)
	var lint models.Lint
	lr.decode(t, &lint)
	if lr.status != 200 || len(lint.Targets) != 2 {
		t.Fatalf("lint API: %d %s", lr.status, lr.body)
	}
	pr := d.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/pushes", d.app.ID), d.admin, body)
	if pr.status != http.StatusCreated || !strings.Contains(pr.body, `"code":"title_too_long","level":"blocker"`) || !strings.Contains(pr.body, `"class":"service"`) {
		t.Fatalf("push warnings: %d %s", pr.status, pr.body)
	}
}

func TestLimitsPageAndQuotas(t *testing.T) {
	d := newDiagnosisEnv(t)
	oppo := d.certs["oppo"]
	admin, _ := d.operator("limits@example.com", models.RoleAdmin)
	b := d.browser()
	b.signIn(admin.Email, password)
	path := fmt.Sprintf("/apps/%d/limits", d.app.ID)
	r := b.get(path)
	for _, want := range []string{"Vendor limits and quotas", `id="limits-oppo"`, "action_parameters", "2024-11-20", "unverified", `id="quota-` + fmt.Sprint(oppo) + `"`, `name="quota.marketing"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("limits page lacks %q", want)
		}
	}
	// An admin copies the vendor console's quota; a bad value changes nothing.
	quotaPath := fmt.Sprintf("/apps/%d/certificates/%d/quotas", d.app.ID, oppo)
	csrf := b.csrf(path)
	if r := b.post(quotaPath, url.Values{"_csrf": {csrf}, "quota.marketing": {"2000"}, "quota.service": {"-5"}}); r.status != 400 || !strings.Contains(r.body, "from 1 to 1,000,000,000") {
		t.Fatalf("bad quota: %d", r.status)
	}
	if r := b.post(quotaPath, url.Values{"_csrf": {csrf}, "quota.marketing": {"2,000"}}); r.status != 200 || !strings.Contains(r.body, "Daily quotas of #") || !strings.Contains(r.body, `value="2000"`) {
		t.Fatalf("save quota: %d", r.status)
	}
	// Sends count against it and show on the certificates list.
	registerAndroid(t, d.env, "oppo-q", "q", "oppo", "CN_q", oppo)
	d.push(t, `{"target":{"user_id":"q"},"title":"t","desc":"d"}`)
	if r := b.get(fmt.Sprintf("/apps/%d/certificates", d.app.ID)); !strings.Contains(r.body, "1 / 2,000") {
		t.Fatalf("certificates list lacks today's quota")
	}
	r = d.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/limits", d.app.ID), d.admin, "")
	if r.status != 200 || !strings.Contains(r.body, `"class":"marketing","sent":1,"limit":2000`) {
		t.Fatalf("limits API: %d %s", r.status, r.body)
	}

	// Operators read the page; only admins set quotas.
	_, opToken := d.operator("op@example.com", models.RoleOperator)
	if r := d.api(http.MethodPut, fmt.Sprintf("/api/v1/apps/%d/certificates/%d/quotas", d.app.ID, oppo), opToken, `{"marketing":1}`); r.status != http.StatusForbidden {
		t.Fatalf("operator set a quota: %d", r.status)
	}
	if r := d.api(http.MethodPut, fmt.Sprintf("/api/v1/apps/%d/certificates/%d/quotas", d.app.ID, oppo), d.admin, `{"standard":1}`); r.status != 400 {
		t.Fatalf("a class OPPO does not have: %d %s", r.status, r.body)
	} else if _, field := r.apiError(t); field != "quotas.standard" {
		t.Fatalf("field = %s", field)
	}
	if r := d.api(http.MethodPut, fmt.Sprintf("/api/v1/apps/%d/certificates/%d/quotas", d.app.ID, oppo), d.admin, `{"marketing":null}`); r.status != 200 || strings.Contains(r.body, `"limit":2000`) {
		t.Fatalf("remove quota: %d %s", r.status, r.body)
	}
}

func TestReportsFreezeTheVerdict(t *testing.T) {
	d := newDiagnosisEnv(t)
	id := d.certificate(t, "oppo", `"oppo":{"app_key":"k-rep","master_secret":"s","category":"IM","region":"cn"}`)
	registerAndroid(t, d.env, "heidi-oppo", "heidi", "oppo", "CN_heidi", id)
	viewer, _ := d.operator("support@example.com", models.RoleViewer)
	b := d.browser()
	b.signIn(viewer.Email, password)
	userPage := fmt.Sprintf("/apps/%d/users/heidi", d.app.ID)
	page := b.get(userPage)
	if !strings.Contains(page.body, "Copy report") || !strings.Contains(page.body, "## Push check: heidi") || !strings.Contains(page.body, "has no OPPO channel ID") {
		t.Fatal("the user page has no report copy")
	}
	r := b.post(userPage+"/reports", url.Values{"_csrf": {b.csrf(userPage)}, "message_type": {"custom"}})
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !strings.Contains(loc, "/reports/rpt_") {
		t.Fatalf("permalink: %d %s", r.status, loc)
	}
	// Fixing the certificate changes the live verdict, not the report.
	d.api(http.MethodPut, fmt.Sprintf("/api/v1/apps/%d/certificates/%d", d.app.ID, id), d.admin, `{"oppo":{"app_key":"k-rep","channel_id":"im","category":"IM"}}`)
	if live := b.get(userPage); strings.Contains(live.body, "has no OPPO channel ID") {
		t.Fatal("the live page still shows the old cause")
	}
	report := b.get(loc)
	for _, want := range []string{"support@example.com", "has no OPPO channel ID", "custom message", "without desc", "Copy report"} {
		if !strings.Contains(report.body, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	md := b.get(loc + "/markdown")
	if md.status != 200 || !strings.HasPrefix(md.header.Get("Content-Type"), "text/markdown") || !strings.Contains(md.body, "### ✗ OPPO heidi-oppo") ||
		!strings.Contains(md.body, "Fix: create the channel") || !strings.Contains(md.body, "Report: http://") {
		t.Fatalf("markdown: %d %s", md.status, md.body)
	}
	// Reports need a session, and belong to their app.
	if r := d.browser().get(loc); r.status != http.StatusSeeOther {
		t.Fatalf("anonymous report: %d", r.status)
	}
	if r := b.get(fmt.Sprintf("/apps/%d/reports/rpt_nope", d.app.ID)); r.status != http.StatusNotFound {
		t.Fatalf("unknown report: %d", r.status)
	}
	// The API makes and reads the same reports.
	ar := d.api(http.MethodPost, fmt.Sprintf("/api/v1/apps/%d/users/heidi/reports", d.app.ID), d.admin, "")
	if ar.status != http.StatusCreated || !strings.Contains(ar.body, `"url":"http://`) || !strings.Contains(ar.body, `"markdown":"## Push check: heidi`) {
		t.Fatalf("API report: %d %s", ar.status, ar.body)
	}
	rid := ar.json(t)["id"].(string)
	if r := d.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/reports/%s", d.app.ID, rid), d.admin, ""); r.status != 200 || !strings.Contains(r.body, `"receives":true`) {
		t.Fatalf("read report: %d %s", r.status, r.body)
	}
	if r := d.api(http.MethodGet, fmt.Sprintf("/api/v1/apps/%d/users/heidi/diagnosis?message_type=voice", d.app.ID), d.admin, ""); r.status != 400 {
		t.Fatalf("bad message type: %d", r.status)
	} else if _, field := r.apiError(t); field != "message_type" {
		t.Fatalf("field = %s", field)
	}
}
