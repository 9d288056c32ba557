package site

import (
	"net/url"
	"testing"
)

func TestPolicyAllows(t *testing.T) {
	self, _ := url.Parse("https://shop.example/pay")
	cases := []struct {
		policy, directive, target string
		want                      bool
	}{
		{"script-src https://checkout.stripe.com", "script-src", "https://checkout.stripe.com/v3", true},
		{"script-src https://js.stripe.com", "script-src", "https://checkout.stripe.com/", false},
		{"default-src 'self'", "script-src", "https://checkout.stripe.com/", false},
		{"default-src 'self' https://checkout.stripe.com", "frame-src", "https://checkout.stripe.com/", true},
		{"default-src 'none'; child-src https://checkout.stripe.com", "frame-src", "https://checkout.stripe.com/", true},
		{"img-src https://*.stripe.com", "img-src", "https://b.stripe.com/x.png", true},
		{"img-src https://*.stripe.com", "img-src", "https://stripe.com/x.png", false},
		{"img-src https://q.stripe.com", "img-src", "https://b.stripe.com/x.png", false},
		{"img-src *", "img-src", "https://b.stripe.com/x.png", true},
		{"img-src https:", "img-src", "https://b.stripe.com/x.png", true},
		{"img-src http:", "img-src", "https://b.stripe.com/x.png", true},
		{"img-src data:", "img-src", "https://b.stripe.com/x.png", false},
		{"connect-src checkout.stripe.com", "connect-src", "https://checkout.stripe.com/", true},
		{"connect-src http://checkout.stripe.com", "connect-src", "https://checkout.stripe.com/", true},
		{"connect-src https://checkout.stripe.com:443", "connect-src", "https://checkout.stripe.com/", true},
		{"connect-src https://checkout.stripe.com:8443", "connect-src", "https://checkout.stripe.com/", false},
		{"connect-src https://checkout.stripe.com:*", "connect-src", "https://checkout.stripe.com:9/", true},
		{"script-src https://js.stripe.com/v3/", "script-src", "https://js.stripe.com/v3/x.js", true},
		{"script-src https://js.stripe.com/v3", "script-src", "https://js.stripe.com/v3/x.js", false},
		{"script-src 'nonce-abc' 'strict-dynamic' https://js.stripe.com", "script-src", "https://js.stripe.com/v3", false},
		{"script-src 'self'", "script-src", "https://shop.example/app.js", true},
		{"frame-ancestors 'none'", "script-src", "https://evil.example/x.js", true},
		{"SCRIPT-SRC HTTPS://JS.STRIPE.COM; script-src 'none'", "script-src", "https://js.stripe.com/", true},
		{"", "script-src", "https://evil.example/x.js", true},
	}
	for _, c := range cases {
		u, _ := url.Parse(c.target)
		if got := ParsePolicy(c.policy).Allows(c.directive, u, self); got != c.want {
			t.Errorf("%q %s %s: %v, want %v", c.policy, c.directive, c.target, got, c.want)
		}
	}
}

func TestPolicyWeaknesses(t *testing.T) {
	cases := map[string]int{
		"script-src 'self' https://js.stripe.com":     0,
		"script-src 'self' 'unsafe-inline'":           1,
		"script-src 'unsafe-inline' 'nonce-r4nd0m'":   0,
		"default-src * 'unsafe-inline' 'unsafe-eval'": 3,
		"script-src https:":                           1,
		"img-src https://*.stripe.com":                1,
	}
	for policy, n := range cases {
		if got := ParsePolicy(policy).Weaknesses(); len(got) != n {
			t.Errorf("%q: %v", policy, got)
		}
	}
}
