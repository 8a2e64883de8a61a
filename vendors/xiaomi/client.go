package xiaomi

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

func sendURL(c models.Certificate) string {
	return "https://" + hostOf(c.Settings.Region) + "/v3/message/regid"
}

// answer is Mi Push's reply: result "ok" with data.id, or "error" with a
// code and reason.
type answer struct {
	Result      string `json:"result"`
	Code        int    `json:"code"`
	Reason      string `json:"reason"`
	Description string `json:"description"`
	TraceID     string `json:"trace_id"`
	Data        struct {
		ID string `json:"id"`
	} `json:"data"`
}

// Send pushes one notification through the certificate's regional host.
// Xiaomi has no validate-only mode: a dry run stops before the call.
func (ch *Channel) Send(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets, msg vendors.Message, token string) vendors.Result {
	client, err := ch.connector.HTTPClient(c, secrets)
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	form := buildForm(msg, c, token)
	result := vendors.Result{Request: vendors.DescribeForm(sendURL(c), []string{"Authorization: key=[redacted]"}, buildForm(msg, c, models.MaskToken(token)))}
	if msg.DryRun {
		return vendors.DryRunNotSent(result, "Xiaomi")
	}
	ctx, cancel := context.WithTimeout(ctx, ch.connector.CallTimeout())
	defer cancel()
	start := time.Now()
	req, err := vendors.PostForm(ctx, sendURL(c), form)
	if err != nil {
		return vendors.UnusableCertificate(err)
	}
	req.Header.Set("Authorization", "key="+secrets.AppSecret)
	ex, err := vendors.Call(client, req)
	result.Latency = time.Since(start)
	if err != nil {
		return vendors.NetworkFailure(result, "Xiaomi Mi Push", err, ch.connector.CallTimeout(), hostOf(c.Settings.Region))
	}
	return readAnswer(result, ex)
}

// readAnswer reads result/code; 20301 "No valid targets" means the regId
// is gone.
func readAnswer(r vendors.Result, ex vendors.Exchange) vendors.Result {
	r.HTTPStatus, r.Response = ex.Status, ex.String()
	var a answer
	if json.Unmarshal(ex.Body, &a) != nil || a.Result == "" {
		return vendors.UnreadableAnswer(r, "Xiaomi", ex)
	}
	r.Code, r.MessageID = strconv.Itoa(a.Code), a.Data.ID
	reason := a.Reason
	if reason == "" && a.Result != "ok" {
		reason = a.Description
	}
	return r.WithCode(explain(a.Code, reason))
}
