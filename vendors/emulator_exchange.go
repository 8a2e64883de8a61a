package vendors

import (
	"bytes"
	"crypto/x509"
	"io"
	"net/http"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// EmulatorExchange is one request an emulator received, from the console or from
// any other client, and the answer it sent: the raw material of the
// sandbox's request log and of its virtual phones.
type EmulatorExchange struct {
	Vendor models.Vendor
	At     time.Time
	// Duration is how long the emulator took to answer.
	Duration time.Duration
	// Remote is the client's address.
	Remote string
	// Host is the hostname the client addressed (the vendor's real one).
	Host   string
	Method string
	// Path includes the query string.
	Path   string
	Header http.Header
	Body   []byte
	// ClientCert is the TLS client certificate the client presented, if any
	// (APNs certificate authentication).
	ClientCert *x509.Certificate
	Status     int
	// AnswerHeader and Answer are what the emulator sent back.
	AnswerHeader http.Header
	Answer       []byte
}

// Observer is told of every exchange, after the answer is sent. It must
// not block: the emulator's next request waits for it.
type Observer func(EmulatorExchange)

// EmulatorReader is a channel that reads its emulator's exchanges: which
// sandbox credentials were used, whether they passed, which rules the
// request broke and what each addressed device would show.
type EmulatorReader interface {
	ReadEmulatorExchange(EmulatorExchange) Observed
}

// Observed is what an exchange means, in the vendor's terms.
type Observed struct {
	// Credential names the credentials the request used, never their
	// secret part ("key ABC123DEFG of team TEAM123456").
	Credential string
	// CertificateID is the sandbox certificate those credentials belong
	// to, and AppID its app; 0 when unknown.
	CertificateID int64
	AppID         int64
	// Grant is a request for an access token (an OAuth or auth call), not
	// a push: Accepted then means the credentials were.
	Grant bool
	// Tokens are the device tokens the request addressed, accepted or not.
	Tokens []string
	// AuthOK is false when the emulator refused the credentials; AuthProblem
	// then says why.
	AuthOK      bool
	AuthProblem string
	// Broken are the rules the request broke, each as the vendor's code and
	// a plain explanation; empty for an accepted request.
	Broken []Finding
	// Notes are things the vendor accepts that deserve a look.
	Notes []Finding
	// Accepted is whether the vendor took the message for delivery (to at
	// least one token).
	Accepted bool
	// Code is the vendor's answer code, as the console shows it; Kind,
	// Explanation and Fix are its entry in the vendor's codes.go table,
	// read as the channel's own client reads the answer.
	Code        string
	Kind        models.AnswerKind
	Explanation string
	Fix         string
	// Notifications are what each token the vendor accepted would receive.
	Notifications []Notification
}

// Finding is one rule or note: a vendor code (or field) and what it means.
type Finding = models.Finding

// Notification is one message as the vendor would hand it to a device,
// in the fields a notification shade shows.
type Notification struct {
	Token string
	// Kind is "alert" (shown), "data" (handed to the app, nothing shown),
	// "call" or "background".
	Kind      string
	Title     string
	Body      string
	Badge     *int
	Sound     string
	Image     string
	ChannelID string
	// Class is the vendor's message class (IM, operation, marketing…) as
	// models.MessageClass reads it; empty when the vendor has none.
	Class models.MessageClass
	// Click is where a tap leads: an intent, URL or page; empty for the
	// app's launch page.
	Click string
	// Ext is the payload the app reads (ext / custom data).
	Ext string
	// DeliveryID is pushcheck's delivery ID when the console sent it.
	DeliveryID string
}

// observe wraps an emulator's handler so that every exchange reaches the
// sandbox's observer, when one is set.
func (s *Sandbox) observe(v models.Vendor, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o := s.observer()
		if o == nil {
			h.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "reading the request: "+err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		h.ServeHTTP(rec, r)
		x := EmulatorExchange{Vendor: v, At: start.UTC(), Duration: time.Since(start), Remote: r.RemoteAddr, Host: requestHostOf(r),
			Method: r.Method, Path: r.URL.RequestURI(), Header: r.Header.Clone(), Body: body,
			Status: rec.status, AnswerHeader: w.Header().Clone(), Answer: rec.body.Bytes()}
		if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
			x.ClientCert = r.TLS.PeerCertificates[0]
		}
		o(x)
	})
}

// recorder keeps a copy of the answer as it is written.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

// Flush lets streaming answers through.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// requestHostOf is the hostname a request addressed, without a port.
func requestHostOf(r *http.Request) string {
	host := r.Host
	for i := len(host) - 1; i >= 0; i-- {
		if host[i] == ':' {
			return host[:i]
		}
		if host[i] == ']' {
			break
		}
	}
	return host
}
