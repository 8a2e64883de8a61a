package harmony

import (
	"crypto/rsa"
	"encoding/base64"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Emulator answers like Push Kit's v3 send API: PS256 JWTs checked against
// the service-account keys each project registered, the push-type header,
// the body rules of emulator_rules.go with Huawei's codes, refused tokens
// grouped by reason in msg, the rights the app holds (an in-app call
// without the call right is refused per token; a category without its
// right travels as MARKETING and is capped at 2 a day per device), and V2
// receipts to the configured URL.
//
// Tokens are judged per token: one holding "unregistered" is malformed
// (tokenFormatError, as the other emulators' invalid-token answer), one
// holding "noright" belongs to another project (noRight). The first
// token's "quota", "down" and "slow" script the whole answer (README
// "Sandbox").
type Emulator struct {
	slow time.Duration
	now  func() time.Time

	mu sync.Mutex
	vendors.ReceiptPosterSlot
	projects map[string]project
	// day is the Beijing day the counters below are of.
	day       string
	marketing map[string]int          // token → MARKETING notifications today
	tests     map[string]int          // project → test messages today
	book      vendors.CertificateBook // by "project/key ID"
}

// project is what the sandbox's AppGallery Connect knows of a project:
// its service-account keys by key ID, the rights of its app, and its
// receipt configuration.
type project struct {
	keys       map[string]signingKey
	categories []string
	callRight  bool
	receipt    receiptConfig
}

// receiptConfig is a V2 receipt configuration: the URL and the callback
// user name and secret that sign it.
type receiptConfig struct {
	url, user, secret string
}

// NewEmulator knows no projects.
func NewEmulator() *Emulator {
	return &Emulator{slow: 3 * time.Second, now: time.Now, projects: map[string]project{}, marketing: map[string]int{}, tests: map[string]int{}}
}

// Register makes a service-account key known, as creating it in the API
// Console does.
func (e *Emulator) Register(projectID, keyID, subAccount string, pub *rsa.PublicKey) {
	e.mu.Lock()
	defer e.mu.Unlock()
	p := e.projects[projectID]
	if p.keys == nil {
		p.keys = map[string]signingKey{}
	}
	p.keys[keyID] = signingKey{subAccount: subAccount, pub: pub}
	e.projects[projectID] = p
}

// Grant sets the self-classification categories and the call right the
// project's app holds.
func (e *Emulator) Grant(projectID string, categories []string, callRight bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	p := e.projects[projectID]
	p.categories, p.callRight = slices.Clone(categories), callRight
	e.projects[projectID] = p
}

// Accept registers a sandbox certificate's key, rights and receipt URL
// (vendors.Connector). A key file that does not parse is not registered,
// so its sends are refused with 80200001, as Huawei refuses an unknown
// key; PrepareCertificate refuses such a file before it is ever stored.
func (e *Emulator) Accept(c models.Certificate, s models.CertificateSecrets) {
	sa, key, err := parseServiceAccount(s.ServiceAccountJSON)
	if err != nil {
		return
	}
	e.Register(sa.ProjectID, sa.KeyID, sa.SubAccount, &key.PublicKey)
	e.book.Remember(sa.ProjectID+"/"+sa.KeyID, c)
	e.Grant(sa.ProjectID, c.Settings.Categories, c.Settings.CallRight)
	if poster := e.ReceiptPoster(); poster != nil {
		e.mu.Lock()
		p := e.projects[sa.ProjectID]
		p.receipt = receiptConfig{url: poster.ConsoleReceiptURL(c), user: c.Settings.CallbackUser, secret: s.CallbackKey}
		e.projects[sa.ProjectID] = p
		e.mu.Unlock()
	}
}

// rights are the categories and call right a project's app holds.
func (e *Emulator) rights(projectID string) ([]string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	p := e.projects[projectID]
	return slices.Clone(p.categories), p.callRight
}

func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	project, ok := strings.CutPrefix(r.URL.Path, "/v3/")
	project, send := strings.CutSuffix(project, "/messages:send")
	if r.Method != http.MethodPost || !ok || !send || project == "" || strings.Contains(project, "/") {
		http.NotFound(w, r)
		return
	}
	e.send(w, r, project)
}

func reply(w http.ResponseWriter, status int, code, msg string) string {
	id := vendors.RandomID("")
	vendors.WriteJSON(w, status, map[string]string{"code": code, "msg": msg, "requestId": id})
	return id
}

func (e *Emulator) send(w http.ResponseWriter, r *http.Request, projectID string) {
	if refused := e.authenticate(r, projectID); refused != nil {
		reply(w, refused.status, refused.code, refused.msg)
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		reply(w, http.StatusBadRequest, "80100001", "Check Parameter Error. the body could not be read")
		return
	}
	header := strings.TrimSpace(r.Header.Get("push-type"))
	pushType, err := strconv.ParseInt(header, 10, 64)
	switch {
	case header == "":
		reply(w, http.StatusBadRequest, "80100001", "Check Parameter Error. the push-type header is required")
		return
	case err != nil || !slices.Contains(pushTypes(), pushType):
		reply(w, http.StatusBadRequest, "80100001", "Check Parameter Error. push-type "+strconv.Quote(header)+" is not 0, 1, 2, 6, 7, 10 or 11")
		return
	}
	req, refused := validate(raw, pushType)
	if refused != nil {
		reply(w, refused.status, refused.code, refused.msg)
		return
	}
	switch vendors.TokenScriptOf(req.tokens[0]) {
	case vendors.ScriptQuota:
		http.Error(w, "Service Unavailable: flow control", http.StatusServiceUnavailable)
		return
	case vendors.ScriptDown:
		reply(w, http.StatusInternalServerError, "81000001", "Inner Error.")
		return
	case vendors.ScriptSlow:
		if !vendors.Sleep(r.Context(), e.slow) {
			return
		}
	}
	illegalTokens, accepted := e.judge(projectID, req, pushType)
	if len(accepted) == 0 {
		msg := vendors.MustJSON(map[string]any{"failure": len(req.tokens), "illegalTokens": illegalTokens})
		reply(w, http.StatusBadRequest, "80300007", string(msg))
		return
	}
	var requestID string
	if len(illegalTokens) > 0 {
		msg := vendors.MustJSON(map[string]any{"illegalTokens": illegalTokens, "success": len(accepted), "failure": len(req.tokens) - len(accepted)})
		requestID = reply(w, http.StatusOK, "80100000", string(msg))
	} else {
		requestID = reply(w, http.StatusOK, "80000000", "Success.")
	}
	e.sendReceipts(projectID, pushType, req, e.results(projectID, pushType, req, accepted), requestID)
}

// judge groups the refused tokens by Huawei's reason and lists the rest.
func (e *Emulator) judge(projectID string, req sent, pushType int64) (map[string][]string, []string) {
	e.mu.Lock()
	callRight := e.projects[projectID].callRight
	e.mu.Unlock()
	refused := map[string][]string{}
	var accepted []string
	for _, token := range req.tokens {
		reason := ""
		switch {
		case req.refusedAll != "":
			reason = req.refusedAll
		case pushType == pushTypeCall && !callRight:
			reason = "noPushTypeRight"
		case vendors.TokenScriptOf(token) == vendors.ScriptUnregistered:
			reason = "tokenFormatError"
		case strings.Contains(token, "noright"):
			reason = "noRight"
		}
		if reason == "" {
			accepted = append(accepted, token)
			continue
		}
		refused[reason] = append(refused[reason], token)
	}
	return refused, accepted
}

// results are the receipt results of the accepted tokens, counting the
// caps as Huawei does: test messages per project (1000 a day), MARKETING
// notifications (a category the app holds no right for included) per
// device (2 a day). Over a cap the receipt says 256.
func (e *Emulator) results(projectID string, pushType int64, req sent, accepted []string) map[string]int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if day := models.QuotaDay(models.VendorHarmony, e.now()); day != e.day {
		e.day, e.marketing, e.tests = day, map[string]int{}, map[string]int{}
	}
	p := e.projects[projectID]
	marketing := pushType == pushTypeAlert && !req.test && (req.category == "MARKETING" || !slices.Contains(p.categories, req.category))
	if req.test {
		e.tests[projectID]++
	}
	out := map[string]int{}
	for _, token := range accepted {
		if marketing {
			e.marketing[token]++
		}
		switch {
		case req.test && e.tests[projectID] > testPerDay, marketing && e.marketing[token] > marketingCap:
			out[token] = 256
		case vendors.ReceiptScriptOf(token) == vendors.ReceiptNotificationsOff:
			out[token] = 6
		case vendors.ReceiptScriptOf(token) == vendors.ReceiptInactive:
			out[token] = 10
		default:
			out[token] = 0
		}
	}
	return out
}

// sendReceipts reports the accepted tokens' fate in one V2 receipt, as
// Huawei does a moment after delivery; tokens scripted "noreceipt" get
// none.
func (e *Emulator) sendReceipts(projectID string, pushType int64, req sent, results map[string]int, requestID string) {
	e.mu.Lock()
	cfg := e.projects[projectID].receipt
	e.mu.Unlock()
	poster := e.ReceiptPoster()
	if poster == nil || cfg.url == "" {
		return
	}
	var tokens []string
	for _, token := range req.tokens {
		if _, ok := results[token]; ok && vendors.ReceiptScriptOf(token) != vendors.ReceiptNone {
			tokens = append(tokens, token)
		}
	}
	if len(tokens) == 0 {
		return
	}
	statuses := make([]map[string]any, 0, len(tokens))
	for _, token := range tokens {
		statuses = append(statuses, map[string]any{"token": token, "pushType": pushType, "appPackageName": "com.example.sandbox",
			"biTag": req.biTag, "requestId": requestID, "deliveryStatus": map[string]any{"result": results[token]}})
	}
	write := func(entries []any) ([]byte, http.Header) {
		now := time.Now().UnixMilli()
		vendors.StampEntries(entries, func(m map[string]any) { m["deliveryStatus"].(map[string]any)["timestamp"] = now })
		header := http.Header{}
		if cfg.secret != "" {
			ts := strconv.FormatInt(now, 10)
			header.Set(vendors.HMSCallbackHeader, vendors.HMSCallbackID(signingSecret(cfg.secret), ts, vendors.RandomID(""), cfg.user))
		}
		return vendors.StatusesBody(entries), header
	}
	poster.Post(vendors.ReceiptCallback{URL: cfg.url, ContentType: "application/json", Key: projectID + "\x00" + cfg.secret + "\x00" + cfg.user, Write: write}, statuses, 0)
}

// signingSecret is the HMAC key a receipt configuration signs with: the
// Base64-decoded secret for the configurations AppGallery Connect makes
// now, the secret's own bytes for old ones (push-msg-receipt).
func signingSecret(secret string) string {
	if key, err := base64.StdEncoding.DecodeString(secret); err == nil && len(key) > 0 {
		return string(key)
	}
	return secret
}
