package wire

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// guard is the server's defence against the browser: a page the developer
// visits must not be able to drive the fake on their loopback.
//
//   - Host: only loopback names and addresses with the listening port (or
//     a name from AllowHosts, on any port) are answered, so that DNS
//     rebinding (evil.example resolving to 127.0.0.1) gets 421.
//   - Origin: a request with a foreign Origin gets 403, unless the origin
//     is in AllowOrigins, which then gets CORS answers.
//   - Content-Type: every POST, PUT, PATCH and DELETE, empty body
//     included, must say application/json, which a browser can only send
//     cross-origin after a preflight that only an allowed origin passes.
type guard struct {
	origins  map[string]bool // normalised, from AllowOrigins
	hosts    map[string]bool // lower-case names, from AllowHosts
	anyHost  bool
	maxAgeS  string
	allowHdr string
}

// corsHeaders a page may send: what the protocol uses.
const corsHeaders = "Content-Type, Authorization, Fakemessenger-World, Last-Event-ID"

func newGuard(cfg Config) (*guard, error) {
	g := &guard{origins: map[string]bool{}, hosts: map[string]bool{}, anyHost: cfg.AllowAnyHost,
		maxAgeS: "600", allowHdr: corsHeaders}
	for _, o := range cfg.AllowOrigins {
		n, err := NormalizeOrigin(o)
		if err != nil {
			return nil, err
		}
		g.origins[n] = true
	}
	for _, h := range cfg.AllowHosts {
		if h == "" || strings.ContainsAny(h, "/ \t@") {
			return nil, fmt.Errorf("wire: allowed host %q: want a host name or address", h)
		}
		g.hosts[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
	return g, nil
}

// NormalizeOrigin checks an origin as --allow-origin takes it
// ("http://localhost:3000") and returns it in the form a browser sends:
// lower-case scheme and host, no default port, no path.
func NormalizeOrigin(o string) (string, error) {
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("wire: allowed origin %q: want scheme://host[:port], e.g. http://localhost:3000", o)
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	return u.Scheme + "://" + host, nil
}

// admit runs the Host and Origin checks and answers a CORS preflight; it
// returns false when it has answered.
func (g *guard) admit(w http.ResponseWriter, r *http.Request) bool {
	if !g.hostOK(r) {
		writeProblem(w, http.StatusMisdirectedRequest, "host-not-allowed",
			fmt.Sprintf("Host %q is not this server's: it answers loopback names and addresses (localhost, 127.0.0.1, [::1]) with its port, and hosts named by --allow-host", r.Host))
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		// Not a browser, or a same-origin GET (browsers omit Origin there).
		return true
	}
	n, err := NormalizeOrigin(origin)
	if err == nil && g.origins[n] {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Expose-Headers", "Location, Allow, WWW-Authenticate")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE")
			h.Set("Access-Control-Allow-Headers", g.allowHdr)
			h.Set("Access-Control-Max-Age", g.maxAgeS)
			w.WriteHeader(http.StatusNoContent)
			return false
		}
		return true
	}
	if err == nil && sameOrigin(n, r) {
		return true
	}
	writeProblem(w, http.StatusForbidden, "origin-not-allowed",
		fmt.Sprintf("Origin %q is not this server's; a web page under test may call it only when named by --allow-origin", origin))
	return false
}

// sameOrigin: the origin names the host the request was sent to.
func sameOrigin(origin string, r *http.Request) bool {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	own, err := NormalizeOrigin(scheme + "://" + r.Host)
	return err == nil && own == origin
}

// hostOK is the DNS-rebinding check. A request that did not come through
// a listener (a handler called in process) has nothing to rebind.
func (g *guard) hostOK(r *http.Request) bool {
	if g.anyHost {
		return true
	}
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return true
	}
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		// No port: the scheme's default, 80.
		host, port = strings.Trim(r.Host, "[]"), "80"
	}
	host = strings.ToLower(host)
	if g.hosts[host] {
		return true
	}
	if tcp, ok := local.(*net.TCPAddr); ok && port != strconv.Itoa(tcp.Port) {
		return false
	}
	return isLoopbackHost(host)
}

// isLoopbackHost: localhost (RFC 6761), 127.0.0.0/8 or ::1. Only the
// canonical spellings are taken: "127.1" or "2130706433" are names.
func isLoopbackHost(h string) bool {
	if h == "localhost" || h == "localhost." {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// contentType requires application/json on every method that may change
// state; it returns false when it has answered 415.
func (g *guard) contentType(w http.ResponseWriter, r *http.Request) bool {
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
	default:
		return true
	}
	if e := checkContentType(r.Header.Get("Content-Type")); e != nil {
		e.detail += " (required on every " + r.Method + ", even with an empty body, so that a web page cannot send it cross-site)"
		writeHTTPError(w, e)
		return false
	}
	return true
}
