package emulatorlog

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// maxBody is how much of a request or answer body a row keeps.
const maxBody = 4 << 10

// Row is the log's row of an exchange and what its reader made of it:
// tokens masked and fingerprinted, credentials redacted, bodies cut.
func Row(x vendors.EmulatorExchange, o vendors.Observed) models.SandboxRequest {
	r := models.SandboxRequest{
		At: x.At, Vendor: x.Vendor, Credential: o.Credential, RemoteAddr: x.Remote, Host: x.Host, Method: x.Method, Path: maskPath(x.Path, o.Tokens),
		Status: x.Status, Code: o.Code, Verdict: Verdict(o), Grant: o.Grant, AuthProblem: o.AuthProblem, Explanation: o.Explanation,
		Broken: o.Broken, Notes: o.Notes, Delivered: len(o.Notifications), Duration: x.Duration,
	}
	if o.CertificateID > 0 {
		r.CertificateID, r.AppID = &o.CertificateID, &o.AppID
	}
	hashes := make([]string, 0, len(o.Tokens))
	for _, t := range o.Tokens {
		r.Tokens = append(r.Tokens, models.MaskToken(t))
		hashes = append(hashes, models.HashDeviceToken(t))
	}
	r.TokenHashes = strings.Join(hashes, " ")
	r.Request = redact(fmt.Sprintf("%s https://%s%s\n%s\n%s", x.Method, x.Host, r.Path, headerText(x.Header), cut(x.Body)), o.Tokens)
	r.Answer = redact(fmt.Sprintf("HTTP %d\n%s\n%s", x.Status, headerText(x.AnswerHeader), cut(x.Answer)), o.Tokens)
	return r
}

// Verdict sums a reading up: accepted, refused for the credentials,
// refused for a rule (or every token refused), or an outage.
func Verdict(o vendors.Observed) models.SandboxVerdict {
	switch {
	case !o.AuthOK && o.Kind == models.AnswerAuth:
		return models.VerdictRefusedAuth
	case o.Kind == models.AnswerTransient || o.Code == "":
		return models.VerdictError
	case o.Accepted && (len(o.Notifications) > 0 || o.Grant || len(o.Tokens) == 0 || o.Kind == models.AnswerValidated):
		return models.VerdictAccepted
	}
	return models.VerdictRefusedRule
}

// secretHeaders carry credentials: their values never reach the log.
func secretHeaders() []string {
	return []string{"Authorization", "Authtoken", "Cookie", "Proxy-Authorization", "X-Api-Key"}
}

// headerText lists headers in a stable order, credentials redacted.
func headerText(h http.Header) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		v := strings.Join(h[k], ", ")
		if slices.Contains(secretHeaders(), http.CanonicalHeaderKey(k)) {
			v = redactedValue(v)
		}
		b.WriteString(k + ": " + v + "\n")
	}
	return b.String()
}

// redactedValue keeps an auth scheme ("Bearer", "key=") and drops the
// credential.
func redactedValue(v string) string {
	if scheme, _, ok := strings.Cut(v, " "); ok {
		return scheme + " [redacted]"
	}
	if scheme, _, ok := strings.Cut(v, "="); ok {
		return scheme + "=[redacted]"
	}
	return "[redacted]"
}

// cut keeps the first maxBody bytes of a body, on a character boundary.
func cut(b []byte) string {
	if len(b) <= maxBody {
		return string(b)
	}
	return models.TruncateUTF8(string(b), maxBody) + fmt.Sprintf("\n… (%d bytes in all)", len(b))
}

// maskPath masks a token that is part of the path (APNs' /3/device/<token>).
func maskPath(path string, tokens []string) string {
	for _, t := range tokens {
		if len(t) > 12 {
			path = strings.ReplaceAll(path, t, models.MaskToken(t))
		}
	}
	return path
}

// redact takes out of a request or answer the secrets a body may carry
// (form and JSON secrets, signatures, OAuth assertions and access
// tokens) and masks every token.
func redact(s string, tokens []string) string {
	s = maskPath(s, tokens)
	for _, key := range secretFields() {
		s = redactField(s, key)
	}
	return s
}

// secretFields are the body fields that hold a secret in some vendor's
// request or answer.
func secretFields() []string {
	return []string{"client_secret", "assertion", "access_token", "auth_token", "authToken", "sign", "app_secret", "appSecret", "master_secret", "private_key", "id_token"}
}

// redactField replaces the value of key in a form (key=value&) or JSON
// ("key":"value") body.
func redactField(s, key string) string {
	for _, pre := range []string{key + "=", `"` + key + `":"`, `"` + key + `": "`} {
		var out strings.Builder
		rest := s
		for {
			i := strings.Index(rest, pre)
			if i < 0 || (i > 0 && pre[0] != '"' && isFieldChar(rest[i-1])) {
				if i < 0 {
					out.WriteString(rest)
					break
				}
				out.WriteString(rest[:i+len(pre)])
				rest = rest[i+len(pre):]
				continue
			}
			out.WriteString(rest[:i+len(pre)] + "[redacted]")
			rest = rest[i+len(pre):]
			end := strings.IndexAny(rest, endOf(pre))
			if end < 0 {
				end = len(rest)
			}
			rest = rest[end:]
		}
		s = out.String()
	}
	return s
}

// endOf is where a value ends: a form value at & or a line end, a JSON
// string at its quote.
func endOf(pre string) string {
	if strings.HasPrefix(pre, `"`) {
		return `"`
	}
	return "&\n"
}

// isFieldChar reports a character that makes key= part of a longer name
// (so "timestamp=" is not taken for "sign=").
func isFieldChar(c byte) bool {
	return c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
