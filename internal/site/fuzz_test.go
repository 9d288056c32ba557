package site

import (
	"net/url"
	"testing"
)

// FuzzParsePolicy: any header parses, every check on it answers, and the
// answers do not depend on anything but the policy.
func FuzzParsePolicy(f *testing.F) {
	for _, s := range []string{
		"default-src 'self'; script-src 'self' https://js.stripe.com 'nonce-abc' 'strict-dynamic'; img-src https://*.stripe.com data:",
		"script-src * 'unsafe-inline' 'unsafe-eval'; frame-src https://checkout.stripe.com:443/path/",
		"SCRIPT-SRC HTTPS://X.Y:*; ; ;;", "", "default-src 'none'", "img-src http: ws: *.example.com:8080",
	} {
		f.Add(s, "https://b.stripe.com/x")
	}
	self, _ := url.Parse("https://shop.example/pay")
	f.Fuzz(func(t *testing.T, header, target string) {
		u, err := url.Parse(target)
		if err != nil {
			return
		}
		first, again := ParsePolicies(header), ParsePolicies(header)
		for i, p := range first {
			for _, d := range []string{"script-src", "frame-src", "img-src", "connect-src", "style-src"} {
				if p.Allows(d, u, self) != again[i].Allows(d, u, self) {
					t.Fatal("two parses of one policy disagree")
				}
			}
			p.Weaknesses()
		}
	})
}

// FuzzParsePage: any bytes parse as a page (an HTML tokenizer recovers from
// anything), and every resource found has a URL.
func FuzzParsePage(f *testing.F) {
	for _, s := range []string{
		`<base href="https://cdn.example/"><script src="a.js" integrity="sha384-x"></script><script>1</script><link rel="preload stylesheet" href="s.css"><img src=//i.example/p.png><iframe src="https://js.stripe.com/v3/"></iframe>`,
		`<form action="/pay"><input name="payment[card_number]"><select autocomplete="cc-exp-month"></select></form><form><input id=cvc>`,
		`<meta http-equiv="content-security-policy" content="script-src 'self'">`, `<script src="http://[::1">`, "", "<",
	} {
		f.Add([]byte(s))
	}
	base, _ := url.Parse("https://shop.example/checkout")
	f.Fuzz(func(t *testing.T, body []byte) {
		p := ParsePage(body, base)
		for _, group := range [][]Resource{p.Scripts, p.Styles, p.Images, p.Frames} {
			for _, r := range group {
				if r.URL == nil {
					t.Fatal("a resource without a URL")
				}
			}
		}
	})
}
