package vendors

import (
	"net"
	"slices"
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// SandboxSettings are what another server needs to reach the sandbox:
// the address its emulators listen on and the hostnames they answer for.
type SandboxSettings struct {
	// Address is where clients connect ("127.0.0.1:8443"); empty when the
	// sandbox has no fixed address and has not started.
	Address string
	// Listening is whether the emulators serve now.
	Listening bool
	Hosts     []SandboxHost
}

// SandboxHost is one vendor hostname an emulator answers for.
type SandboxHost struct {
	Vendor models.Vendor `json:"vendor"`
	Host   string        `json:"host"`
}

// Settings describes the sandbox as it runs (or will, at its fixed
// address).
func (s *Sandbox) Settings() SandboxSettings {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := SandboxSettings{Address: s.addr, Listening: s.ln != nil}
	if s.ln != nil {
		out.Address = s.ln.Addr().String()
	}
	out.Address = reachable(out.Address)
	for _, v := range models.AllVendors() {
		for _, e := range s.enrolled {
			if e.vendor != v {
				continue
			}
			for _, h := range e.hosts {
				if !slices.Contains(out.Hosts, SandboxHost{Vendor: v, Host: h}) {
					out.Hosts = append(out.Hosts, SandboxHost{Vendor: v, Host: h})
				}
			}
		}
	}
	return out
}

// reachable turns a listen address on every interface into the loopback
// address a client on the same machine dials.
func reachable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		return net.JoinHostPort("127.0.0.1", port)
	}
	return addr
}

func (s SandboxSettings) split() (ip, port string) {
	ip, port, err := net.SplitHostPort(s.Address)
	if err != nil {
		return "127.0.0.1", "443"
	}
	return ip, port
}

// hostnames are the distinct hostnames (Huawei and HarmonyOS NEXT share
// one); none while the sandbox has no address to pin them to.
func (s SandboxSettings) hostnames() []string {
	if s.Address == "" {
		return nil
	}
	var out []string
	for _, h := range s.Hosts {
		if !slices.Contains(out, h.Host) {
			out = append(out, h.Host)
		}
	}
	return out
}

// Resolve is the map in PUSHCHECK_RESOLVE's format: each vendor
// host:443 pinned to the sandbox.
func (s SandboxSettings) Resolve() string {
	var pairs []string
	for _, h := range s.hostnames() {
		pairs = append(pairs, h+":443="+s.Address)
	}
	return strings.Join(pairs, ",")
}

// CurlFlags pin every hostname for curl: --resolve when the sandbox is on
// port 443, else --connect-to, since --resolve cannot change the port.
func (s SandboxSettings) CurlFlags() []string {
	ip, port := s.split()
	var out []string
	for _, h := range s.hostnames() {
		if port == "443" {
			out = append(out, "--resolve "+h+":443:"+ip)
		} else {
			out = append(out, "--connect-to "+h+":443:"+ip+":"+port)
		}
	}
	return out
}

// EtcHosts are /etc/hosts lines for the hostnames. They suffice alone
// when the sandbox listens on port 443; otherwise clients must also call
// the sandbox's port.
func (s SandboxSettings) EtcHosts() []string {
	ip, _ := s.split()
	var out []string
	for _, h := range s.hostnames() {
		out = append(out, ip+" "+h)
	}
	return out
}

// TrustHint is how one stack trusts the sandbox's CA.
type TrustHint struct {
	// Stack is "java", "go", "node" or "curl".
	Stack   string `json:"stack"`
	Command string `json:"command"`
}

// TrustHints tell common stacks to trust the sandbox's CA, saved as
// caFile. Go's SSL_CERT_FILE replaces the system's roots; Node's
// NODE_EXTRA_CA_CERTS adds to them.
func TrustHints(caFile string) []TrustHint {
	return []TrustHint{
		{"java", "keytool -importcert -noprompt -alias pushcheck-sandbox -file " + caFile + " -keystore sandbox-truststore.p12 -storetype PKCS12 -storepass changeit" +
			" && java -Djavax.net.ssl.trustStore=sandbox-truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit …"},
		{"go", "SSL_CERT_FILE=" + caFile},
		{"node", "NODE_EXTRA_CA_CERTS=" + caFile},
		{"curl", "curl --cacert " + caFile + " …"},
	}
}
