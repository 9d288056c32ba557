package site

import (
	"net/url"
	"strings"
)

// Policy is a parsed Content-Security-Policy (CSP Level 3): directive name
// to its source list. A directive named twice keeps the first, as browsers
// do.
type Policy struct {
	Raw        string
	Directives map[string][]string
	Order      []string
}

// maxPolicy bounds what is parsed of one policy: real ones are a few KiB.
const maxPolicy = 64 << 10

// ParsePolicy parses a serialized policy. It never fails: what a browser
// would ignore, it ignores too.
func ParsePolicy(raw string) Policy {
	if len(raw) > maxPolicy {
		raw = raw[:maxPolicy]
	}
	p := Policy{Raw: raw, Directives: map[string][]string{}}
	for _, part := range strings.Split(raw, ";") {
		fields := strings.Fields(part)
		if len(fields) == 0 {
			continue
		}
		name := strings.ToLower(fields[0])
		if _, dup := p.Directives[name]; dup {
			continue
		}
		p.Directives[name] = fields[1:]
		p.Order = append(p.Order, name)
	}
	return p
}

// ParsePolicies parses a header value that may hold several policies,
// separated by commas; each one must allow a load.
func ParsePolicies(header string) []Policy {
	var out []Policy
	for _, p := range strings.Split(header, ",") {
		if strings.TrimSpace(p) != "" {
			out = append(out, ParsePolicy(p))
		}
	}
	return out
}

// fallbacks is where a fetch directive takes its sources from when the
// policy does not set it (CSP3, "directive fallback list").
var fallbacks = map[string][]string{
	"script-src":      {"script-src", "default-src"},
	"script-src-elem": {"script-src-elem", "script-src", "default-src"},
	"style-src":       {"style-src", "default-src"},
	"img-src":         {"img-src", "default-src"},
	"connect-src":     {"connect-src", "default-src"},
	"frame-src":       {"frame-src", "child-src", "default-src"},
	"child-src":       {"child-src", "default-src"},
	"font-src":        {"font-src", "default-src"},
	"media-src":       {"media-src", "default-src"},
	"worker-src":      {"worker-src", "child-src", "script-src", "default-src"},
}

// Effective returns the source list that governs directive, and the name
// of the directive it came from; ok is false when nothing governs it (all
// loads allowed).
func (p Policy) Effective(directive string) (sources []string, from string, ok bool) {
	chain, known := fallbacks[directive]
	if !known {
		chain = []string{directive, "default-src"}
	}
	for _, d := range chain {
		if s, ok := p.Directives[d]; ok {
			return s, d, true
		}
	}
	return nil, "", false
}

// Allows reports whether the policy lets a page at self load target under
// directive.
func (p Policy) Allows(directive string, target, self *url.URL) bool {
	sources, _, ok := p.Effective(directive)
	if !ok {
		return true
	}
	strict := false
	for _, s := range sources {
		strict = strict || strings.EqualFold(s, "'strict-dynamic'")
	}
	for _, s := range sources {
		if strict && (directive == "script-src" || directive == "script-src-elem") && !isKeyword(s) {
			continue // with 'strict-dynamic', host and scheme sources are ignored
		}
		if sourceMatches(s, target, self) {
			return true
		}
	}
	return false
}

func isKeyword(s string) bool { return strings.HasPrefix(s, "'") }

// sourceMatches implements CSP3's "does url match expression in origin with
// redirect count" for one source expression.
func sourceMatches(expr string, u, self *url.URL) bool {
	e := strings.ToLower(expr)
	scheme := strings.ToLower(u.Scheme)
	switch {
	case e == "*":
		// Network schemes only; not data:, blob: or filesystem:.
		return scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" || scheme == self.Scheme
	case e == "'self'":
		return sameOrigin(u, self) || self.Scheme == "http" && scheme == "https" && u.Hostname() == self.Hostname()
	case isKeyword(e):
		return false // 'none', 'unsafe-inline', nonces, hashes: not URL sources
	case strings.HasSuffix(e, ":") && !strings.Contains(e, "/"):
		s := strings.TrimSuffix(e, ":")
		return s == scheme || s == "http" && scheme == "https" || s == "ws" && scheme == "wss"
	}
	// A host source: [scheme "://"] host [":" port] [path].
	rest := e
	srcScheme := ""
	if i := strings.Index(rest, "://"); i >= 0 {
		srcScheme, rest = rest[:i], rest[i+3:]
	}
	host, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	port := ""
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host, port = host[:i], host[i+1:]
	}
	// Scheme: as written (http also allows https), or the page's.
	want := srcScheme
	if want == "" {
		want = self.Scheme
	}
	if !(scheme == want || want == "http" && scheme == "https" || want == "ws" && scheme == "wss") {
		return false
	}
	h := strings.ToLower(u.Hostname())
	switch {
	case host == "*":
	case strings.HasPrefix(host, "*."):
		if !strings.HasSuffix(h, host[1:]) { // a subdomain, not the domain itself
			return false
		}
	case h != host:
		return false
	}
	up := u.Port()
	if up == "" {
		up = defaultPort(scheme)
	}
	switch {
	case port == "*":
	case port == "":
		if up != defaultPort(scheme) {
			return false
		}
	case up != port:
		return false
	}
	if path != "" && path != "/" {
		if strings.HasSuffix(path, "/") {
			return strings.HasPrefix(u.EscapedPath(), path)
		}
		return u.EscapedPath() == path
	}
	return true
}

func defaultPort(scheme string) string {
	switch scheme {
	case "http", "ws":
		return "80"
	case "https", "wss":
		return "443"
	}
	return ""
}

func sameOrigin(a, b *url.URL) bool {
	pa, pb := a.Port(), b.Port()
	if pa == "" {
		pa = defaultPort(a.Scheme)
	}
	if pb == "" {
		pb = defaultPort(b.Scheme)
	}
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && pa == pb
}

// Weaknesses lists what makes script-src (or what governs it) allow more
// than its host list suggests.
func (p Policy) Weaknesses() []string {
	sources, from, ok := p.Effective("script-src")
	if !ok {
		return []string{"no script-src or default-src: scripts may load from anywhere"}
	}
	var out []string
	hasNonceOrHash := false
	for _, s := range sources {
		l := strings.ToLower(s)
		hasNonceOrHash = hasNonceOrHash || strings.HasPrefix(l, "'nonce-") || strings.HasPrefix(l, "'sha")
	}
	for _, s := range sources {
		switch l := strings.ToLower(s); {
		case l == "'unsafe-inline'" && !hasNonceOrHash:
			out = append(out, from+" allows 'unsafe-inline': any inline script runs, injected ones too")
		case l == "*":
			out = append(out, from+" allows * : scripts from any host")
		case l == "https:" || l == "http:" || l == "data:":
			out = append(out, from+" allows every "+l+" source")
		case l == "'unsafe-eval'":
			out = append(out, from+" allows 'unsafe-eval'")
		}
	}
	return out
}

// representative turns a required source into a URL to test: a wildcard
// host stands for any subdomain.
func representative(source string) (*url.URL, error) {
	return url.Parse(strings.Replace(source, "*.", "b.", 1))
}
