package site_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/saq"
	"github.com/saqcheck/saqcheck/internal/site"
)

var now = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

// testCA is a certificate authority made for the test: servers get
// certificates from it, and the checks trust it (as --ca does).
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pool *x509.CertPool
}

func newCA(t *testing.T) *testCA {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "saqcheck test CA"},
		NotBefore: now.Add(-24 * time.Hour), NotAfter: now.Add(10 * 365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &testCA{cert: cert, key: key, pool: pool}
}

// leaf issues a server certificate valid from..until, for names (DNS names
// or IP addresses).
func (ca *testCA) leaf(t *testing.T, from, until time.Time, names ...string) tls.Certificate {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: names[0]},
		NotBefore: from, NotAfter: until, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

type server struct {
	cert       *tls.Certificate
	minV, maxV uint16
	handler    http.HandlerFunc
}

// start runs a TLS server on loopback.
func start(t *testing.T, s server) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(s.handler)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are what the tests provoke
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{*s.cert}, MinVersion: s.minV, MaxVersion: s.maxV}
	if srv.TLS.MinVersion == 0 {
		srv.TLS.MinVersion = tls.VersionTLS12
	}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func page(headers map[string]string, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(body))
	}
}

const goodCSP = "default-src 'self'; script-src 'self' https://js.stripe.com https://checkout.stripe.com; frame-src https://js.stripe.com https://checkout.stripe.com; connect-src 'self' https://api.stripe.com https://checkout.stripe.com; img-src 'self' https://*.stripe.com"

const goodPage = `<!doctype html><html><head>
<script src="https://js.stripe.com/v3/"></script>
<script src="/app.js"></script>
<link rel="stylesheet" href="/style.css">
</head><body><form id="payment-form"><div id="card-element"></div><button>Pay</button></form>
<img src="https://b.stripe.com/logo.png"></body></html>`

var goodHeaders = map[string]string{"Strict-Transport-Security": "max-age=31536000; includeSubDomains", "Content-Security-Policy": goodCSP}

func options(t *testing.T, ca *testCA, channels ...string) site.Options {
	t.Helper()
	tb, err := saq.LoadParsed(data.RulesName, data.Rules, data.RulesNode)
	if err != nil {
		t.Fatal(err)
	}
	return site.Options{Site: tb.Site, Channels: channels, Roots: ca.pool, Timeout: 5 * time.Second,
		HTTPPort: closedPort(t), Now: func() time.Time { return now }, UserAgent: "saqcheck-test"}
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	l.Close()
	return port
}

// statuses maps "check/title" to status, for assertions.
func statuses(res *site.Result) map[string]site.Status {
	out := map[string]site.Status{}
	for _, f := range res.Findings {
		out[f.Title] = f.Status
	}
	return out
}

func find(t *testing.T, res *site.Result, title string) site.Finding {
	t.Helper()
	for _, f := range res.Findings {
		if f.Title == title {
			return f
		}
	}
	t.Fatalf("no %q finding in %+v", title, res.Findings)
	return site.Finding{}
}

func TestAGoodPage(t *testing.T) {
	ca := newCA(t)
	cert := ca.leaf(t, now.Add(-time.Hour), now.Add(90*24*time.Hour), "127.0.0.1")
	srv := start(t, server{cert: &cert, handler: page(goodHeaders, goodPage)})
	res, err := site.CheckPage(context.Background(), srv.URL+"/checkout", options(t, ca, "checkout", "elements"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Status != site.Pass {
			t.Errorf("%s: %s: %s", f.Title, f.Status, f.Detail)
		}
		if f.Requirement == "" || f.Source == "" {
			t.Errorf("%s has no requirement or source", f.Title)
		}
	}
	want := []string{"TLS version", "TLS 1.0 refused", "TLS 1.1 refused", "Certificate", "HTTPS only", "Strict-Transport-Security",
		"Mixed content", "Script inventory", "Subresource Integrity", "Card fields", "CSP for checkout", "CSP for elements", "CSP strength"}
	got := statuses(res)
	for _, w := range want {
		if _, ok := got[w]; !ok {
			t.Errorf("no %q check", w)
		}
	}
	if d := find(t, res, "Script inventory").Detail; d != "1 from Stripe, 1 from this site, 0 inline, 0 third-party" {
		t.Errorf("inventory: %s", d)
	}
	if d := find(t, res, "TLS version").Detail; d != "TLS 1.3 negotiated" {
		t.Errorf("version: %s", d)
	}
	if f := find(t, res, "TLS version"); f.Requirement != "PCI DSS 4.2.1" {
		t.Errorf("TLS supports %q", f.Requirement)
	}
}

func TestTLS10OnlyServer(t *testing.T) {
	ca := newCA(t)
	cert := ca.leaf(t, now.Add(-time.Hour), now.Add(90*24*time.Hour), "127.0.0.1")
	srv := start(t, server{cert: &cert, minV: tls.VersionTLS10, maxV: tls.VersionTLS10, handler: page(goodHeaders, goodPage)})
	res, err := site.CheckPage(context.Background(), srv.URL, options(t, ca))
	if err != nil {
		t.Fatal(err)
	}
	if f := find(t, res, "TLS version"); f.Status != site.Fail || !strings.Contains(f.Detail, "negotiates TLS 1.0") {
		t.Errorf("version: %+v", f)
	}
	if f := find(t, res, "TLS 1.0 refused"); f.Status != site.Fail || f.Detail != "the server accepts TLS 1.0, which is outdated and insecure" {
		t.Errorf("TLS 1.0: %+v", f)
	}
	if f := find(t, res, "TLS 1.1 refused"); f.Status != site.Pass {
		t.Errorf("TLS 1.1: %+v", f)
	}
}

func TestCertificates(t *testing.T) {
	ca := newCA(t)
	other := newCA(t)
	cases := []struct {
		name   string
		cert   tls.Certificate
		status site.Status
		detail string
	}{
		{"expired", ca.leaf(t, now.Add(-400*24*time.Hour), now.Add(-2*24*time.Hour), "127.0.0.1"), site.Fail, "the certificate expired on 2026-12-01"},
		{"not yet valid", ca.leaf(t, now.Add(24*time.Hour), now.Add(400*24*time.Hour), "127.0.0.1"), site.Fail, "the certificate is not valid before 2026-12-04"},
		{"wrong host", ca.leaf(t, now.Add(-time.Hour), now.Add(90*24*time.Hour), "shop.example"), site.Fail, "the certificate is not valid for 127.0.0.1 (it names shop.example)"},
		{"untrusted", other.leaf(t, now.Add(-time.Hour), now.Add(90*24*time.Hour), "127.0.0.1"), site.Fail, `the certificate is not from a trusted CA (issuer "saqcheck test CA"); use --ca FILE to trust an internal CA`},
		{"expiring", ca.leaf(t, now.Add(-300*24*time.Hour), now.Add(20*24*time.Hour), "127.0.0.1"), site.Warn, "valid for 127.0.0.1, but expires on 2026-12-23, in 20 days: renew it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := start(t, server{cert: &c.cert, handler: page(goodHeaders, goodPage)})
			res, err := site.CheckPage(context.Background(), srv.URL, options(t, ca))
			if err != nil {
				t.Fatal(err)
			}
			if f := find(t, res, "Certificate"); f.Status != c.status || f.Detail != c.detail {
				t.Errorf("got %s %q", f.Status, f.Detail)
			}
			// The page is still read and checked.
			find(t, res, "Mixed content")
		})
	}
}

func TestPageFindings(t *testing.T) {
	ca := newCA(t)
	cert := ca.leaf(t, now.Add(-time.Hour), now.Add(90*24*time.Hour), "127.0.0.1")
	cases := []struct {
		name    string
		headers map[string]string
		body    string
		title   string
		status  site.Status
		detail  string
	}{
		{"no HSTS", map[string]string{"Content-Security-Policy": goodCSP}, goodPage, "Strict-Transport-Security", site.Warn,
			"no Strict-Transport-Security header: browsers may still try plain HTTP first"},
		{"short HSTS", map[string]string{"Strict-Transport-Security": "max-age=600"}, goodPage, "Strict-Transport-Security", site.Warn,
			"max-age=600 is less than 15552000 seconds (180 days)"},
		{"mixed content", goodHeaders, `<script src="http://cdn.example/x.js"></script><img src="http://img.example/a.png"><link rel="stylesheet" href="https://ok.example/a.css">`,
			"Mixed content", site.Fail, "2 resources over plain HTTP: http://cdn.example/x.js, http://img.example/a.png"},
		{"third-party scripts without SRI", goodHeaders, `<script src="https://js.stripe.com/v3/"></script><script src="https://cdn.example/a.js" integrity="sha384-abc"></script><script src="https://tags.example/t.js"></script><script>inline()</script>`,
			"Subresource Integrity", site.Warn, "1 third-party scripts without an integrity attribute: https://tags.example/t.js"},
		{"third-party inventory", goodHeaders, `<script src="https://js.stripe.com/v3/"></script><script src="https://cdn.example/a.js" integrity="sha384-abc"></script><script>inline()</script>`,
			"Script inventory", site.Warn, "1 from Stripe, 0 from this site, 1 inline, 1 third-party (https://cdn.example/a.js): every payment-page script must be authorised and inventoried, and third-party JavaScript kept to a minimum"},
		{"third-party scripts with SRI", goodHeaders, `<script src="https://cdn.example/a.js" integrity="sha384-abc"></script>`,
			"Subresource Integrity", site.Pass, "every third-party script carries an integrity hash"},
		{"card fields posted to the merchant", goodHeaders, `<form action="/pay" method="post"><input name="cardnumber" autocomplete="cc-number"><input name="exp"><input name="cvc"><input type="hidden" name="cvv"></form>`,
			"Card fields", site.Fail, "the page has a form of its own for card data (fields cardnumber, cvc posted to https://127.0.0.1"},
		{"CSP blocks Stripe", map[string]string{"Content-Security-Policy": "default-src 'self'; img-src *"}, goodPage, "CSP for checkout", site.Fail,
			"the policy blocks what Stripe needs: connect-src https://checkout.stripe.com; frame-src https://checkout.stripe.com; script-src https://checkout.stripe.com"},
		{"CSP in a meta tag", nil, `<meta http-equiv="Content-Security-Policy" content="script-src 'self'">` + goodPage, "CSP for checkout", site.Fail,
			"the policy blocks what Stripe needs: script-src https://checkout.stripe.com"},
		{"CSP allows Stripe", goodHeaders, goodPage, "CSP for checkout", site.Pass, "the policy allows everything Stripe needs for checkout"},
		{"CSP with unsafe-inline", map[string]string{"Content-Security-Policy": "script-src 'self' 'unsafe-inline' https://checkout.stripe.com"}, goodPage, "CSP strength", site.Warn,
			"script-src allows 'unsafe-inline': any inline script runs, injected ones too"},
		{"no CSP", map[string]string{"Content-Security-Policy-Report-Only": "default-src 'self'"}, goodPage, "Content Security Policy", site.Warn,
			"no Content-Security-Policy: nothing limits which scripts the page runs (a report-only policy reports, but blocks nothing)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := start(t, server{cert: &cert, handler: page(c.headers, c.body)})
			res, err := site.CheckPage(context.Background(), srv.URL+"/pay", options(t, ca, "checkout"))
			if err != nil {
				t.Fatal(err)
			}
			if f := find(t, res, c.title); f.Status != c.status || !strings.HasPrefix(f.Detail, c.detail) {
				t.Errorf("got %s %q", f.Status, f.Detail)
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	ca := newCA(t)
	cert := ca.leaf(t, now.Add(-time.Hour), now.Add(90*24*time.Hour), "127.0.0.1")
	tlsSrv := start(t, server{cert: &cert, handler: page(goodHeaders, goodPage)})
	// Plain HTTP that redirects to the https server.
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, tlsSrv.URL+r.URL.Path, http.StatusMovedPermanently)
	}))
	defer plain.Close()
	_, plainPort, _ := net.SplitHostPort(plain.Listener.Addr().String())
	o := options(t, ca)
	o.HTTPPort = plainPort
	res, err := site.CheckPage(context.Background(), tlsSrv.URL+"/pay", o)
	if err != nil {
		t.Fatal(err)
	}
	if f := find(t, res, "HTTPS only"); f.Status != site.Pass || !strings.Contains(f.Detail, "redirects to https://") {
		t.Errorf("https redirect: %+v", f)
	}
	// Given the http URL, it is checked, then the https page.
	res, err = site.CheckPage(context.Background(), plain.URL+"/pay", options(t, ca))
	if err != nil {
		t.Fatal(err)
	}
	if f := find(t, res, "HTTPS only"); f.Status != site.Pass {
		t.Errorf("http URL: %+v", f)
	}
	find(t, res, "TLS version")
	// Plain HTTP that serves the page instead of redirecting.
	served := httptest.NewServer(page(nil, goodPage))
	defer served.Close()
	_, servedPort, _ := net.SplitHostPort(served.Listener.Addr().String())
	o.HTTPPort = servedPort
	res, _ = site.CheckPage(context.Background(), tlsSrv.URL+"/pay", o)
	if f := find(t, res, "HTTPS only"); f.Status != site.Fail || !strings.Contains(f.Detail, "answers 200 over plain HTTP") {
		t.Errorf("plain page: %+v", f)
	}
	// A redirect loop.
	var loop *httptest.Server
	loop = start(t, server{cert: &cert, handler: func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, loop.URL+"/again", http.StatusFound)
	}})
	res, err = site.CheckPage(context.Background(), loop.URL+"/pay", options(t, ca))
	if err != nil {
		t.Fatal(err)
	}
	if f := find(t, res, "Page"); f.Status != site.Fail || !strings.HasPrefix(f.Detail, "more than 10 redirects (a loop?)") {
		t.Errorf("loop: %+v", f)
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	ca := newCA(t)
	cert := ca.leaf(t, now.Add(-time.Hour), now.Add(90*24*time.Hour), "127.0.0.1")
	release := make(chan struct{})
	srv := start(t, server{cert: &cert, handler: func(w http.ResponseWriter, r *http.Request) { <-release }})
	defer close(release)
	o := options(t, ca)
	o.Timeout = 300 * time.Millisecond
	_, err := site.CheckPage(context.Background(), srv.URL, o)
	var ne *site.NetworkError
	if !errors.As(err, &ne) || ne.Timeout != o.Timeout || !strings.HasSuffix(err.Error(), ": timed out after 300ms (raise --timeout to wait longer)") {
		t.Errorf("got %v", err)
	}
	// Nothing listening: a network error naming the URL.
	_, err = site.CheckPage(context.Background(), "https://127.0.0.1:"+closedPort(t)+"/", options(t, ca))
	if !errors.As(err, &ne) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("got %v", err)
	}
}

func TestOversizedPage(t *testing.T) {
	ca := newCA(t)
	cert := ca.leaf(t, now.Add(-time.Hour), now.Add(90*24*time.Hour), "127.0.0.1")
	big := `<script src="https://tags.example/t.js"></script>` + strings.Repeat("<p>filler</p>", 600000) + `<script src="http://late.example/x.js"></script>`
	srv := start(t, server{cert: &cert, handler: page(goodHeaders, big)})
	res, err := site.CheckPage(context.Background(), srv.URL, options(t, ca))
	if err != nil {
		t.Fatal(err)
	}
	if f := find(t, res, "Page size"); f.Status != site.Warn || f.Detail != "the page is larger than 5 MiB: only its first 5 MiB were read" {
		t.Errorf("size: %+v", f)
	}
	// What came within the limit is checked; what came after is not read.
	if f := find(t, res, "Subresource Integrity"); f.Status != site.Warn {
		t.Errorf("the first script was not seen: %+v", f)
	}
	if f := find(t, res, "Mixed content"); f.Status != site.Pass {
		t.Errorf("read past the limit: %+v", f)
	}
}

func TestWebhooks(t *testing.T) {
	ca := newCA(t)
	cert := ca.leaf(t, now.Add(-time.Hour), now.Add(90*24*time.Hour), "127.0.0.1")
	srv := start(t, server{cert: &cert, handler: func(w http.ResponseWriter, r *http.Request) {}})
	res, err := site.CheckWebhook(context.Background(), srv.URL+"/stripe/webhook", options(t, ca))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Status != site.Pass || f.Check != "webhook_tls" {
			t.Errorf("%+v", f)
		}
	}
	res, _ = site.CheckWebhook(context.Background(), "http://127.0.0.1:9/hook", options(t, ca))
	if len(res.Findings) != 1 || res.Findings[0].Status != site.Fail {
		t.Errorf("plain HTTP webhook: %+v", res.Findings)
	}
}
