// Package site checks a payment page and webhook endpoints from the
// outside, as evidence for (or against) an SAQ A claim: TLS and its
// certificate, HTTPS redirects and HSTS, mixed content, the inventory of
// scripts and their integrity, forms that take card data, and a Content
// Security Policy that lets Stripe work. Every threshold and requirement it
// reports comes from the rules table's site section.
package site

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/saqcheck/saqcheck/internal/saq"
)

// Status of one check.
type Status string

const (
	Pass Status = "pass"
	Warn Status = "warn"
	Fail Status = "fail"
)

// Finding is the outcome of one check.
type Finding struct {
	Check       string `json:"check"` // the table's id: tls, certificate, ...
	Title       string `json:"title"`
	Status      Status `json:"status"`
	Requirement string `json:"requirement"`
	Detail      string `json:"detail"`
	Source      string `json:"source,omitempty"`
}

// Result is every finding for one URL.
type Result struct {
	URL      string    `json:"url"`
	Kind     string    `json:"kind"` // page or webhook
	Findings []Finding `json:"checks"`
}

// Options configure the checks.
type Options struct {
	Site      *saq.Site
	Channels  []string       // channels whose CSP needs apply
	Roots     *x509.CertPool // trusted CAs (system roots plus --ca)
	Timeout   time.Duration  // per connection and request
	HTTPPort  string         // where plain HTTP is tried; default 80
	Now       func() time.Time
	UserAgent string
}

// NetworkError is a URL that could not be checked at all.
type NetworkError struct {
	URL     string
	Err     error
	Timeout time.Duration // set when the error was a timeout
}

func (e *NetworkError) Error() string {
	if e.Timeout > 0 {
		return fmt.Sprintf("%s: timed out after %s (raise --timeout to wait longer)", e.URL, e.Timeout)
	}
	return fmt.Sprintf("%s: %v", e.URL, e.Err)
}

func (e *NetworkError) Unwrap() error { return e.Err }

type checker struct {
	o   Options
	res *Result
}

func (c *checker) add(check, title string, st Status, format string, args ...any) {
	f := Finding{Check: check, Title: title, Status: st, Detail: fmt.Sprintf(format, args...)}
	if sc, ok := c.o.Site.Checks[check]; ok {
		f.Requirement, f.Source = sc.Requirement, sc.Source.Text
	}
	c.res.Findings = append(c.res.Findings, f)
}

func (o *Options) netErr(u string, err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return &NetworkError{URL: u, Err: err, Timeout: o.Timeout}
	}
	return &NetworkError{URL: u, Err: err}
}

// ParseURL reads a URL to check: http or https, with a host.
func ParseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http or https URL", raw)
	}
	return u, nil
}

// CheckPage checks a payment page.
func CheckPage(ctx context.Context, raw string, o Options) (*Result, error) {
	u, err := ParseURL(raw)
	if err != nil {
		return nil, err
	}
	c := &checker{o: o, res: &Result{URL: raw, Kind: "page"}}
	startedHTTPS := u.Scheme == "https"
	if !startedHTTPS {
		next, err := c.redirect(ctx, u)
		if err != nil {
			return nil, err
		}
		u = next
	}
	secure, err := c.tls(ctx, u, "tls", "certificate")
	if err != nil {
		return nil, err
	}
	if startedHTTPS {
		plain := *u
		plain.Scheme = "http"
		plain.Host = net.JoinHostPort(u.Hostname(), o.httpPort())
		if _, err := c.redirect(ctx, &plain); err != nil {
			var ne *NetworkError
			if errors.As(err, &ne) && ne.Timeout == 0 && isRefused(err) {
				c.add("https_redirect", "HTTPS only", Pass, "plain HTTP is not served at %s", plain.Host)
			} else {
				c.add("https_redirect", "HTTPS only", Warn, "could not check plain HTTP at %s: %v", plain.Host, err)
			}
		}
	}
	if err := c.page(ctx, u, secure); err != nil {
		return nil, err
	}
	return c.res, nil
}

// CheckWebhook checks a webhook endpoint's TLS.
func CheckWebhook(ctx context.Context, raw string, o Options) (*Result, error) {
	u, err := ParseURL(raw)
	if err != nil {
		return nil, err
	}
	c := &checker{o: o, res: &Result{URL: raw, Kind: "webhook"}}
	if u.Scheme == "http" {
		c.add("webhook_tls", "Webhook over TLS", Fail, "the endpoint is plain HTTP: notifications can be read and altered in transit; use https")
		return c.res, nil
	}
	if _, err := c.tls(ctx, u, "webhook_tls", "webhook_tls"); err != nil {
		return nil, err
	}
	return c.res, nil
}

func (o *Options) httpPort() string {
	if o.HTTPPort == "" {
		return "80"
	}
	return o.HTTPPort
}

func isRefused(err error) bool {
	return strings.Contains(err.Error(), "connection refused")
}

// redirect fetches a plain-HTTP URL without following redirects: it must
// send the browser to https.
func (c *checker) redirect(ctx context.Context, u *url.URL) (*url.URL, error) {
	client := c.client(false)
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.get(ctx, client, u)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	loc, _ := resp.Location()
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400 && loc != nil && loc.Scheme == "https":
		c.add("https_redirect", "HTTPS only", Pass, "%s redirects to %s (%d)", u, loc, resp.StatusCode)
		return loc, nil
	case resp.StatusCode >= 300 && resp.StatusCode < 400 && loc != nil:
		c.add("https_redirect", "HTTPS only", Fail, "%s redirects to %s, which is not https", u, loc)
	default:
		c.add("https_redirect", "HTTPS only", Fail, "%s answers %d over plain HTTP instead of redirecting to https", u, resp.StatusCode)
	}
	https := *u
	https.Scheme, https.Host = "https", u.Hostname()
	return &https, nil
}

// tls connects with every version to learn the negotiated one, tries each
// version the server must refuse, and verifies the certificate chain. It
// reports whether the certificate verified.
func (c *checker) tls(ctx context.Context, u *url.URL, versionCheck, certCheck string) (bool, error) {
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "443")
	}
	site := c.o.Site
	state, err := c.handshake(ctx, addr, u.Hostname(), tls.VersionTLS10, tls.VersionTLS13)
	if err != nil {
		return false, c.o.netErr(u.String(), err)
	}
	name := "TLS " + saq.TLSVersionName(state.Version)
	if state.Version < site.MinTLS {
		c.add(versionCheck, "TLS version", Fail, "the server negotiates %s; payment pages need TLS %s or above", name, saq.TLSVersionName(site.MinTLS))
	} else {
		c.add(versionCheck, "TLS version", Pass, "%s negotiated", name)
	}
	for _, v := range site.RefuseTLS {
		old := "TLS " + saq.TLSVersionName(v)
		_, err := c.handshake(ctx, addr, u.Hostname(), v, v)
		var ne net.Error
		switch {
		case err == nil:
			c.add(versionCheck, old+" refused", Fail, "the server accepts %s, which is outdated and insecure", old)
		case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
			c.add(versionCheck, old+" refused", Warn, "no answer to a %s handshake within %s", old, c.o.Timeout)
		default:
			c.add(versionCheck, old+" refused", Pass, "the server refuses %s", old)
		}
	}
	return c.certificate(state, u.Hostname(), certCheck), nil
}

func (c *checker) handshake(ctx context.Context, addr, host string, lo, hi uint16) (*tls.ConnectionState, error) {
	ctx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	d := tls.Dialer{Config: &tls.Config{
		ServerName: host, MinVersion: lo, MaxVersion: hi,
		InsecureSkipVerify: true, // verified below, to say exactly what is wrong
	}}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	st := conn.(*tls.Conn).ConnectionState()
	return &st, nil
}

func (c *checker) certificate(state *tls.ConnectionState, host, check string) bool {
	const title = "Certificate"
	if len(state.PeerCertificates) == 0 {
		c.add(check, title, Fail, "the server sent no certificate")
		return false
	}
	leaf := state.PeerCertificates[0]
	inter := x509.NewCertPool()
	for _, cert := range state.PeerCertificates[1:] {
		inter.AddCert(cert)
	}
	now := c.o.Now()
	_, err := leaf.Verify(x509.VerifyOptions{DNSName: host, Roots: c.o.Roots, Intermediates: inter, CurrentTime: now})
	var invalid x509.CertificateInvalidError
	var hostErr x509.HostnameError
	var unknown x509.UnknownAuthorityError
	switch {
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		if now.After(leaf.NotAfter) {
			c.add(check, title, Fail, "the certificate expired on %s", leaf.NotAfter.UTC().Format("2006-01-02"))
		} else {
			c.add(check, title, Fail, "the certificate is not valid before %s", leaf.NotBefore.UTC().Format("2006-01-02"))
		}
		return false
	case errors.As(err, &hostErr):
		c.add(check, title, Fail, "the certificate is not valid for %s (it names %s)", host, strings.Join(append(slices.Clone(leaf.DNSNames), ipStrings(leaf.IPAddresses)...), ", "))
		return false
	case errors.As(err, &unknown):
		c.add(check, title, Fail, "the certificate is not from a trusted CA (issuer %q); use --ca FILE to trust an internal CA", leaf.Issuer.CommonName)
		return false
	case err != nil:
		c.add(check, title, Fail, "the certificate chain does not verify: %v", err)
		return false
	}
	days := int(leaf.NotAfter.Sub(now).Hours() / 24)
	if days < c.o.Site.CertificateWarnDays {
		c.add(check, title, Warn, "valid for %s, but expires on %s, in %d days: renew it", host, leaf.NotAfter.UTC().Format("2006-01-02"), days)
	} else {
		c.add(check, title, Pass, "valid for %s from a trusted CA, expires on %s (in %d days)", host, leaf.NotAfter.UTC().Format("2006-01-02"), days)
	}
	return true
}

func ipStrings(ips []net.IP) []string {
	var out []string
	for _, ip := range ips {
		out = append(out, ip.String())
	}
	return out
}

// client is an HTTP client that trusts the configured roots; insecure is
// for reading a page whose certificate already failed its check.
func (c *checker) client(insecure bool) *http.Client {
	return &http.Client{
		Timeout: c.o.Timeout,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: c.o.Timeout}).DialContext,
			TLSClientConfig:       &tls.Config{RootCAs: c.o.Roots, MinVersion: tls.VersionTLS10, InsecureSkipVerify: insecure},
			TLSHandshakeTimeout:   c.o.Timeout,
			ResponseHeaderTimeout: c.o.Timeout,
			DisableKeepAlives:     true,
		},
	}
}

func (c *checker) get(ctx context.Context, client *http.Client, u *url.URL) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.o.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	resp, err := client.Do(req)
	if err != nil {
		return nil, c.o.netErr(u.String(), err)
	}
	return resp, nil
}

const maxRedirects = 10

// page fetches the page and checks what it loads and submits.
func (c *checker) page(ctx context.Context, u *url.URL, secure bool) error {
	client := c.client(!secure)
	var hops []string
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("a redirect to %s, which is not http or https", req.URL.Scheme)
		}
		hops = append(hops, req.URL.String())
		if len(via) >= maxRedirects {
			return errTooManyRedirects
		}
		return nil
	}
	resp, err := c.get(ctx, client, u)
	if errors.Is(err, errTooManyRedirects) {
		c.add("https_redirect", "Page", Fail, "more than %d redirects (a loop?): %s", maxRedirects, strings.Join(hops[:min(len(hops), 3)], " → "))
		return nil
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	final := resp.Request.URL
	if final.Scheme != "https" {
		c.add("https_redirect", "HTTPS only", Fail, "the page ends up on plain HTTP: %s", final)
	}
	limit := c.o.Site.PageMaxBytes
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return c.o.netErr(u.String(), err)
	}
	if int64(len(body)) > limit {
		body = body[:limit]
		c.add("scripts", "Page size", Warn, "the page is larger than %s: only its first %s were read", sizeOf(limit), sizeOf(limit))
	}
	c.hsts(resp.Header.Get("Strict-Transport-Security"))
	p := ParsePage(body, final)
	c.mixedContent(p)
	c.scripts(p, final)
	c.cardFields(p)
	c.csp(resp.Header, p, final)
	return nil
}

var errTooManyRedirects = errors.New("too many redirects")

func sizeOf(n int64) string {
	if n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

func (c *checker) hsts(h string) {
	const title = "Strict-Transport-Security"
	if h == "" {
		c.add("hsts", title, Warn, "no Strict-Transport-Security header: browsers may still try plain HTTP first")
		return
	}
	var age int64 = -1
	for _, part := range strings.Split(h, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		if strings.EqualFold(k, "max-age") {
			age, _ = strconv.ParseInt(strings.Trim(v, `"`), 10, 64)
		}
	}
	min := c.o.Site.HSTSMinMaxAge
	switch {
	case age < 0:
		c.add("hsts", title, Warn, "Strict-Transport-Security without a max-age: %q", h)
	case age < min:
		c.add("hsts", title, Warn, "max-age=%d is less than %d seconds (%d days)", age, min, min/86400)
	default:
		c.add("hsts", title, Pass, "max-age=%d (%d days)", age, age/86400)
	}
}

func (c *checker) mixedContent(p *Page) {
	var plain []string
	for _, group := range [][]Resource{p.Scripts, p.Styles, p.Frames, p.Images} {
		for _, r := range group {
			if r.URL.Scheme == "http" {
				plain = append(plain, r.URL.String())
			}
		}
	}
	for _, f := range p.Forms {
		if f.Action != nil && f.Action.Scheme == "http" {
			plain = append(plain, "form action "+f.Action.String())
		}
	}
	if len(plain) > 0 {
		c.add("mixed_content", "Mixed content", Fail, "%d resources over plain HTTP: %s", len(plain), strings.Join(plain, ", "))
		return
	}
	c.add("mixed_content", "Mixed content", Pass, "every script, stylesheet, frame and image is loaded over https")
}

// isStripe reports whether a script's URL is under one of Stripe's origins.
func (c *checker) isStripe(u *url.URL) bool {
	self := &url.URL{Scheme: "https", Host: "invalid.invalid"}
	for _, o := range c.o.Site.StripeScriptOrigins {
		if sourceMatches(o, u, self) {
			return true
		}
	}
	return false
}

func (c *checker) scripts(p *Page, page *url.URL) {
	var stripe, own, third []string
	var noSRI []string
	for _, s := range p.Scripts {
		switch {
		case c.isStripe(s.URL):
			stripe = append(stripe, s.URL.String())
		case sameOrigin(s.URL, page):
			own = append(own, s.URL.String())
		default:
			third = append(third, s.URL.String())
			if strings.TrimSpace(s.Integrity) == "" {
				noSRI = append(noSRI, s.URL.String())
			}
		}
	}
	inventory := fmt.Sprintf("%d from Stripe, %d from this site, %d inline, %d third-party", len(stripe), len(own), p.InlineScripts, len(third))
	if len(third) > 0 {
		c.add("scripts", "Script inventory", Warn, "%s (%s): every payment-page script must be authorised and inventoried, and third-party JavaScript kept to a minimum", inventory, strings.Join(third, ", "))
	} else {
		c.add("scripts", "Script inventory", Pass, "%s", inventory)
	}
	switch {
	case len(noSRI) > 0:
		c.add("integrity", "Subresource Integrity", Warn, "%d third-party scripts without an integrity attribute: %s", len(noSRI), strings.Join(noSRI, ", "))
	case len(third) > 0:
		c.add("integrity", "Subresource Integrity", Pass, "every third-party script carries an integrity hash")
	default:
		c.add("integrity", "Subresource Integrity", Pass, "no third-party scripts (Stripe's own scripts change without notice and are not pinned)")
	}
}

func (c *checker) cardFields(p *Page) {
	var posts []string
	for _, f := range p.Forms {
		if len(f.CardFields) == 0 {
			continue
		}
		target := "this page"
		if f.Action != nil {
			target = f.Action.String()
		}
		posts = append(posts, fmt.Sprintf("fields %s posted to %s", strings.Join(f.CardFields, ", "), target))
	}
	if len(posts) > 0 {
		c.add("card_fields", "Card fields", Fail, "the page has a form of its own for card data (%s): card numbers reach a server other than Stripe's, which SAQ A does not allow", strings.Join(posts, "; "))
		return
	}
	c.add("card_fields", "Card fields", Pass, "no form of the page takes card data itself")
}

func (c *checker) csp(h http.Header, p *Page, page *url.URL) {
	var policies []Policy
	for _, v := range h.Values("Content-Security-Policy") {
		policies = append(policies, ParsePolicies(v)...)
	}
	for _, v := range p.MetaPolicies {
		policies = append(policies, ParsePolicy(v))
	}
	reportOnly := h.Get("Content-Security-Policy-Report-Only") != ""
	if len(policies) == 0 {
		msg := "no Content-Security-Policy: nothing limits which scripts the page runs"
		if reportOnly {
			msg += " (a report-only policy reports, but blocks nothing)"
		}
		c.add("csp", "Content Security Policy", Warn, "%s", msg)
		return
	}
	for _, ch := range c.o.Channels {
		for _, req := range c.o.Site.CSP {
			if req.Channel != ch {
				continue
			}
			var blocked []string
			for _, a := range req.Allow {
				for _, src := range a.Sources {
					target, err := representative(src)
					if err != nil {
						continue
					}
					for _, pol := range policies {
						if !pol.Allows(a.Directive, target, page) {
							blocked = append(blocked, a.Directive+" "+src)
							break
						}
					}
				}
			}
			title := "CSP for " + ch
			if len(blocked) > 0 {
				c.add("csp", title, Fail, "the policy blocks what Stripe needs: %s", strings.Join(blocked, "; "))
			} else {
				c.add("csp", title, Pass, "the policy allows everything Stripe needs for %s", ch)
			}
		}
	}
	var weak []string
	for _, pol := range policies {
		weak = append(weak, pol.Weaknesses()...)
	}
	if len(weak) > 0 {
		c.add("csp", "CSP strength", Warn, "%s", strings.Join(weak, "; "))
	} else {
		c.add("csp", "CSP strength", Pass, "script-src allows neither inline scripts nor any host")
	}
}
