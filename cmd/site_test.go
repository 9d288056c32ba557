package cmd

import (
	"crypto/tls"
	"encoding/pem"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// A loopback TLS server with httptest's own certificate; --ca trusts it.
func tlsServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, string) {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = &tls.Config{MinVersion: tls.VersionTLS12}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused TLS 1.0 handshakes are expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	caFile := write(t, "ca.pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})))
	return srv, caFile
}

func TestSiteCommand(t *testing.T) {
	good := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=31536000")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' https://js.stripe.com; frame-src https://js.stripe.com; connect-src https://api.stripe.com; img-src https://*.stripe.com")
		w.Write([]byte(`<script src="https://js.stripe.com/v3/"></script><form><div id="card-element"></div></form>`))
	}
	srv, ca := tlsServer(t, good)
	closed := "--http-port=1" // nothing listens on port 1: plain HTTP is not served

	code, out, errOut := runWith(t, nil, false, "", "site", "--ca", ca, closed, "--channel", "elements", srv.URL+"/pay")
	if code != 0 || errOut != "" {
		t.Fatalf("good page: exit %d %s\n%s", code, errOut, out)
	}
	for _, want := range []string{srv.URL + "/pay (page)", "  pass  TLS version [PCI DSS 4.2.1]: TLS 1.3 negotiated", "  pass  CSP for elements [PCI DSS 6.4.3 and 11.6.1]: the policy allows everything Stripe needs for elements", "0 failures, 0 warnings, 1 URLs checked"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The channels of an answers file; a webhook; JSON.
	answersFile := write(t, "a.json", `{"channels": ["checkout"], "transactions": {}}`)
	code, out, _ = runWith(t, nil, false, "", "site", "--ca", ca, closed, "--answers", answersFile, "--webhook", srv.URL+"/hook", "-o", "json", srv.URL+"/pay")
	if code != 1 || !strings.Contains(out, `"title":"CSP for checkout","status":"fail"`) || !strings.Contains(out, `"kind":"webhook"`) {
		t.Errorf("checkout answers: exit %d\n%s", code, out)
	}
	// Markdown.
	_, out, _ = runWith(t, nil, false, "", "site", "--ca", ca, closed, "-o", "markdown", srv.URL)
	if !strings.Contains(out, "| pass | TLS version | PCI DSS 4.2.1 | TLS 1.3 negotiated |") {
		t.Errorf("markdown:\n%s", out)
	}
	// Without --ca the test certificate is untrusted: a failure, exit 1.
	code, out, errOut = runWith(t, nil, false, "", "site", closed, srv.URL)
	if code != 1 || !strings.Contains(out, "FAIL  Certificate") || errOut != "saqcheck: 1 checks failed\n" {
		t.Errorf("untrusted: exit %d %q\n%s", code, errOut, out)
	}
	// A slow server: exit 2, the timeout named.
	release := make(chan struct{})
	slow, slowCA := tlsServer(t, func(w http.ResponseWriter, r *http.Request) { <-release })
	defer close(release)
	start := time.Now()
	code, _, errOut = runWith(t, nil, false, "", "site", "--ca", slowCA, closed, "--timeout", "200ms", slow.URL)
	if code != 2 || !strings.HasSuffix(errOut, ": timed out after 200ms (raise --timeout to wait longer)\n") {
		t.Errorf("slow: exit %d %q", code, errOut)
	}
	if time.Since(start) > 30*time.Second {
		t.Errorf("the timeout did not stop the check")
	}
	// Usage errors.
	for _, args := range [][]string{
		{"site", "ftp://x.example/"}, {"site", "shop.example"}, {"site", "--channel", "terminal", srv.URL}, {"site"},
		{"site", "--ca", write(t, "not.pem", "hello"), srv.URL}, {"site", "--timeout", "0s", srv.URL},
	} {
		if code, _, errOut := runWith(t, nil, false, "", args...); code != 2 || !strings.HasPrefix(errOut, "saqcheck: ") {
			t.Errorf("%v: exit %d %q", args, code, errOut)
		}
	}
}
