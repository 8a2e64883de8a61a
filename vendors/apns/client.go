package apns

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sideshow/apns2"
	"github.com/sideshow/apns2/token"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Channel is Apple APNs. It keeps one apns2 client (one HTTP/2 connection
// pool, one cached signing token) per certificate, rebuilt when the
// certificate changes.
type Channel struct {
	connector *vendors.Connector
	emulator  *Emulator

	mu      sync.Mutex
	clients map[int64]cachedClient
}

type cachedClient struct {
	version   string
	client    *apns2.Client
	tokenAuth bool
}

// New builds the channel. sandbox may be nil: sandbox certificates then
// fail with an explanation.
func New(clients *vendors.ClientFactory, sandbox *vendors.Sandbox) *Channel {
	em := NewEmulator()
	return &Channel{connector: vendors.NewConnector(models.VendorAPNs, clients, sandbox, em, true, "api.push.apple.com", "api.sandbox.push.apple.com"), emulator: em, clients: map[int64]cachedClient{}}
}

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorAPNs }

// host picks Apple's host by the certificate's environment. Sandbox
// certificates use the production hostname, pinned to the emulator.
func host(c models.Certificate) string {
	if c.Environment == models.CertDevelopment {
		return apns2.HostDevelopment
	}
	return apns2.HostProduction
}

// client returns the certificate's cached client, building it when the
// certificate is new or changed.
func (ch *Channel) client(c models.Certificate, secrets models.CertificateSecrets) (cachedClient, error) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	version := vendors.CertificateKey(c, secrets)
	if cached, ok := ch.clients[c.ID]; ok && cached.version == version {
		return cached, nil
	}
	out, err := ch.connector.For(c)
	if err != nil {
		return cachedClient{}, err
	}
	cached := cachedClient{version: version, tokenAuth: c.Settings.Auth == "token"}
	if cached.tokenAuth {
		key, err := token.AuthKeyFromBytes(secrets.P8)
		if err != nil {
			return cachedClient{}, fmt.Errorf("the stored .p8 key does not load: %w", err)
		}
		cached.client = apns2.NewTokenClient(&token.Token{AuthKey: key, KeyID: c.Settings.KeyID, TeamID: c.Settings.TeamID})
		cached.client.HTTPClient = out.Client(nil)
		if c.Sandboxed() {
			ch.emulator.AcceptKey(c.Settings.TeamID, c.Settings.KeyID, c.Settings.BundleID, &key.PublicKey)
			ch.emulator.book.Remember(c.Settings.TeamID+"/"+c.Settings.KeyID, c)
		}
	} else {
		cert, err := LoadP12(secrets.P12, secrets.P12Password)
		if err != nil {
			return cachedClient{}, fmt.Errorf("the stored .p12 does not load: %w", err)
		}
		tlsConfig := out.TLSConfig()
		tlsConfig.Certificates = []tls.Certificate{cert}
		cached.client = apns2.NewClient(cert)
		cached.client.HTTPClient = out.Client(tlsConfig)
		if c.Sandboxed() {
			ch.emulator.AcceptCertificate(cert.Leaf, c.Topic)
			ch.emulator.book.Remember(certificateKey(cert.Leaf), c)
		}
	}
	cached.client.Host = host(c)
	if old, ok := ch.clients[c.ID]; ok {
		old.client.CloseIdleConnections()
	}
	ch.clients[c.ID] = cached
	return cached, nil
}

// Send pushes one notification and explains APNs' answer.
func (ch *Channel) Send(ctx context.Context, c models.Certificate, secrets models.CertificateSecrets, msg vendors.Message, deviceToken string) vendors.Result {
	cached, err := ch.client(c, secrets)
	if err != nil {
		return vendors.Result{Outcome: vendors.Failed, Kind: models.AnswerAuth, Explanation: "the certificate's credentials could not be used: " + err.Error(),
			Fix: "open the certificate, upload its key or .p12 again, and run Test connection"}
	}
	n := notification(c, msg, deviceToken)
	result := vendors.Result{Request: describeRequest(cached.client.Host, c.Sandboxed(), n, cached.tokenAuth)}
	if msg.DryRun {
		// APNs has no validate-only mode: a dry run stops before the call.
		result = vendors.DryRunNotSent(result, "APNs")
		return result
	}
	ctx, cancel := context.WithTimeout(ctx, ch.connector.CallTimeout())
	defer cancel()
	start := time.Now()
	resp, err := cached.client.PushWithContext(ctx, n)
	result.Latency = time.Since(start)
	if err != nil {
		return networkFailure(result, err, ch.connector.CallTimeout())
	}
	result.HTTPStatus, result.MessageID, result.UniqueID, result.Code = resp.StatusCode, resp.ApnsID, resp.ApnsUniqueID, resp.Reason
	result.Response = describeResponse(resp)
	if resp.StatusCode == http.StatusOK {
		result.Outcome, result.Kind = vendors.Accepted, models.AnswerAccepted
		result.Explanation = "APNs accepted the notification for delivery; it stores one per app while the device is offline"
		return result
	}
	if resp.Reason == "" {
		// An error status without Apple's JSON reason: the status is all
		// APNs said, and it is kept as the code.
		result.Code = fmt.Sprintf("HTTP %d", resp.StatusCode)
		return result.WithCode(explainStatus(resp.StatusCode))
	}
	return result.WithCode(explain(resp.Reason))
}

func networkFailure(r vendors.Result, err error, timeout time.Duration) vendors.Result {
	r.Outcome, r.Kind, r.Code = vendors.Failed, models.AnswerTransient, "network"
	switch {
	case vendors.IsTimeout(err):
		r.Explanation = fmt.Sprintf("APNs did not answer within %s", timeout)
		r.Fix = "check the network path to api.push.apple.com:443 (proxy, firewall, PUSHCHECK_RESOLVE) and send again"
	default:
		r.Explanation = "APNs could not be reached: " + err.Error()
		r.Fix = "check DNS, the proxy (HTTPS_PROXY) and that clients port 443 is open; a certificate error means the TLS roots (SSL_CERT_FILE) do not trust the server"
	}
	return r
}

func describeResponse(resp *apns2.Response) string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d\napns-id: %s\n", resp.StatusCode, resp.ApnsID)
	if resp.ApnsUniqueID != "" {
		fmt.Fprintf(&b, "apns-unique-id: %s\n", resp.ApnsUniqueID)
	}
	if resp.Reason != "" {
		fmt.Fprintf(&b, "\n{\"reason\":%q", resp.Reason)
		if resp.StatusCode == http.StatusGone {
			fmt.Fprintf(&b, ",\"timestamp\":%d", resp.Timestamp.UnixMilli())
		}
		b.WriteString("}")
	}
	return b.String()
}
