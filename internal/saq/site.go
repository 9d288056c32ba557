package saq

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Site is the table's section for `saqcheck site`: thresholds, Stripe's
// script origins, the requirement each check supports, and what a page's
// Content Security Policy must allow per channel.
type Site struct {
	MinTLS              uint16   // a tls.Version* constant
	RefuseTLS           []uint16 // versions the server must refuse
	CertificateWarnDays int
	HSTSMinMaxAge       int64
	PageMaxBytes        int64
	StripeScriptOrigins []string
	Checks              map[string]SiteCheck
	CSP                 []CSPRequirement
	Line                int
}

// SiteCheck is what one kind of site check supports.
type SiteCheck struct {
	Requirement string
	Source      Cite
}

// CSPRequirement is what a channel needs a page's policy to allow.
type CSPRequirement struct {
	Channel string
	Allow   []CSPAllow // in the table's order
	Source  Cite
	Line    int
}

// CSPAllow is one directive and the sources it must allow.
type CSPAllow struct {
	Directive string
	Sources   []string
}

// siteChecks are the checks `saqcheck site` runs; the table says what each
// supports.
var siteChecks = []string{"tls", "certificate", "https_redirect", "hsts", "mixed_content", "scripts", "integrity", "card_fields", "csp", "webhook_tls"}

var tlsVersions = map[string]uint16{"1.0": 0x0301, "1.1": 0x0302, "1.2": 0x0303, "1.3": 0x0304}

func (l *loader) site(n *yaml.Node) {
	if n == nil {
		return
	}
	m := l.r.readMapping(n, "site", "min_tls", "refuse_tls", "certificate_warn_days", "hsts_min_max_age",
		"page_max_bytes", "stripe_script_origins", "checks", "csp")
	s := &Site{Checks: map[string]SiteCheck{}, Line: m.line()}
	version := func(v *yaml.Node) uint16 {
		str, _ := l.r.scalarString(v, "site: TLS version")
		ver, ok := tlsVersions[str]
		if !ok {
			l.r.errorf(v, "site: TLS version %q (expected 1.0, 1.1, 1.2 or 1.3)", str)
		}
		return ver
	}
	if v, ok := m.get("min_tls"); ok {
		s.MinTLS = version(v)
	} else {
		m.missing("min_tls")
	}
	for _, v := range m.seq("refuse_tls", false) {
		s.RefuseTLS = append(s.RefuseTLS, version(v))
	}
	positive := func(key string) int64 {
		n, ok := m.integer(key, true)
		if ok && n <= 0 {
			l.r.errorf(m.val(key), "site: %s: expected a whole number above 0, got %d", key, n)
		}
		return n
	}
	s.CertificateWarnDays = int(positive("certificate_warn_days"))
	s.HSTSMinMaxAge = positive("hsts_min_max_age")
	s.PageMaxBytes = positive("page_max_bytes")
	for _, v := range m.seq("stripe_script_origins", true) {
		o, _ := l.r.scalarString(v, "site: stripe_script_origins")
		if !strings.HasPrefix(o, "https://") {
			l.r.errorf(v, "site: stripe_script_origins: %q is not an https origin", o)
		}
		s.StripeScriptOrigins = append(s.StripeScriptOrigins, o)
	}
	checks := l.r.readMapping(m.val("checks"), "site: checks", siteChecks...)
	if !m.has("checks") {
		m.missing("checks")
	}
	for _, id := range siteChecks {
		v, ok := checks.get(id)
		if !ok {
			if checks.node != nil {
				checks.missing(id)
			}
			continue
		}
		cm := l.r.readMapping(v, "site check "+id, "requirement", "source")
		s.Checks[id] = SiteCheck{Requirement: cm.str("requirement", true), Source: l.cite(cm, "site check "+id)}
	}
	seen := map[string]int{}
	for _, v := range m.seq("csp", false) {
		cm := l.r.readMapping(v, "site csp", "channel", "allow", "source")
		req := CSPRequirement{Channel: cm.str("channel", true), Line: cm.line(), Source: l.cite(cm, "site csp")}
		if req.Channel != "" && l.t.ChannelIndex(req.Channel) < 0 {
			l.r.errorf(cm.val("channel"), "site csp: undefined channel %q", req.Channel)
		}
		if prev, dup := seen[req.Channel]; dup {
			l.r.errorf(cm.val("channel"), "site csp: channel %q again (first at line %d)", req.Channel, prev)
		}
		seen[req.Channel] = req.Line
		am := l.r.readMapping(cm.val("allow"), "site csp "+req.Channel+": allow")
		if !cm.has("allow") {
			cm.missing("allow")
		}
		for i, k := range am.keys {
			a := CSPAllow{Directive: k.Value}
			if !strings.HasSuffix(a.Directive, "-src") {
				l.r.errorf(k, "site csp %s: %q is not a fetch directive (like script-src)", req.Channel, a.Directive)
			}
			if am.values[i].Kind != yaml.SequenceNode {
				l.r.errorf(am.values[i], "site csp %s: %s: expected a list of sources", req.Channel, a.Directive)
				continue
			}
			for _, sv := range am.values[i].Content {
				src, _ := l.r.scalarString(sv, "site csp")
				if !strings.HasPrefix(src, "https://") {
					l.r.errorf(sv, "site csp %s: %s: %q is not an https source", req.Channel, a.Directive, src)
				}
				a.Sources = append(a.Sources, src)
			}
			req.Allow = append(req.Allow, a)
		}
		s.CSP = append(s.CSP, req)
	}
	l.t.Site = s
}

// TLSVersionName names a TLS version as the table writes it.
func TLSVersionName(v uint16) string {
	for name, n := range tlsVersions {
		if n == v {
			return name
		}
	}
	return "0x" + strconv.FormatUint(uint64(v), 16)
}
