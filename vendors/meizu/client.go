package meizu

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"sort"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

func sendURL(c models.Certificate) string { return "https://" + hostOf(c.Settings.Region) + sendPath }

// answer is Flyme's reply. code is a string; per-target failures come back
// under code "200" in value, keyed by code.
type answer struct {
	Code    string              `json:"code"`
	Message string              `json:"message"`
	MsgID   string              `json:"msgId"`
	Value   map[string][]string `json:"value"`
}

// signedForm is the request: the parameters and their sign (§8.1).
func signedForm(p map[string]string, appSecret string) url.Values {
	f := url.Values{}
	for k, v := range p {
		f.Set(k, v)
	}
	f.Set("sign", vendors.SortedParamsMD5(p, appSecret))
	return f
}

// Send pushes one notification, signed. Meizu has no validate-only mode:
// a dry run stops before the call.
func (ch *Channel) Send(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets, msg vendors.Message, token string) vendors.Result {
	client, err := ch.connector.HTTPClient(c, secrets)
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	m := buildMessage(msg, c)
	p, err := params(c, m, token)
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	shown, err := params(c, m, models.MaskToken(token))
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	shownForm := signedForm(shown, "")
	shownForm.Set("sign", "[redacted]")
	result := vendors.Result{Request: vendors.DescribeForm(sendURL(c), nil, shownForm)}
	if msg.DryRun {
		return vendors.DryRunNotSent(result, "Meizu")
	}
	ctx, cancel := context.WithTimeout(ctx, ch.connector.CallTimeout())
	defer cancel()
	start := time.Now()
	req, err := vendors.PostForm(ctx, sendURL(c), signedForm(p, secrets.AppSecret))
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	ex, err := vendors.Call(client, req)
	result.Latency = time.Since(start)
	if err != nil {
		return vendors.NetworkFailure(result, "Meizu Flyme Push", err, ch.connector.CallTimeout(), hostOf(c.Settings.Region))
	}
	return readAnswer(result, ex, token, noticeMsgType(msg, c) == 1)
}

// readAnswer reads code, and under code 200 the value map: a target listed
// there was not sent to, whatever the top-level code says.
func readAnswer(r vendors.Result, ex vendors.Exchange, token string, private bool) vendors.Result {
	r.HTTPStatus, r.Response = ex.Status, ex.String()
	var a answer
	if json.Unmarshal(ex.Body, &a) != nil || a.Code == "" {
		return vendors.UnreadableAnswer(r, "Meizu", ex)
	}
	r.Code, r.MessageID = a.Code, a.MsgID
	if a.Code == "200" {
		// Map order is random; look the codes up in a fixed order.
		keys := make([]string, 0, len(a.Value))
		for k := range a.Value {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if slices.Contains(a.Value[k], token) {
				r.Code = k
				return r.WithCode(explainTarget(k, a.Message, private))
			}
		}
	}
	return r.WithCode(explain(r.Code, a.Message))
}
