package site

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// Page is what a payment page loads and submits, read from its HTML.
type Page struct {
	Scripts       []Resource // <script src>
	InlineScripts int
	Styles        []Resource // <link rel=stylesheet href>
	Images        []Resource // <img src>
	Frames        []Resource // <iframe src>
	Forms         []Form
	MetaPolicies  []string // <meta http-equiv=Content-Security-Policy content>
}

// Resource is a subresource a page loads.
type Resource struct {
	URL       *url.URL
	Raw       string
	Integrity string // the integrity attribute, for Subresource Integrity
}

// Form is a form and whether it has fields for card data.
type Form struct {
	Action     *url.URL
	CardFields []string // names of fields that look like card data
}

// ParsePage reads HTML (possibly cut short) with a real HTML tokenizer,
// resolving URLs against base and any <base href>.
func ParsePage(body []byte, base *url.URL) *Page {
	p := &Page{}
	z := html.NewTokenizer(bytes.NewReader(body))
	var form *Form
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if form != nil {
				p.Forms = append(p.Forms, *form)
			}
			return p
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "form" && form != nil {
				p.Forms = append(p.Forms, *form)
				form = nil
			}
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, hasAttr := z.TagName()
		attrs := map[string]string{}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			if _, dup := attrs[string(k)]; !dup {
				attrs[string(k)] = string(v)
			}
		}
		resolve := func(raw string) *url.URL {
			u, err := base.Parse(strings.TrimSpace(raw))
			if err != nil {
				return nil
			}
			return u
		}
		switch string(name) {
		case "base":
			if u := resolve(attrs["href"]); u != nil && attrs["href"] != "" {
				base = u
			}
		case "script":
			if src, ok := attrs["src"]; ok {
				if u := resolve(src); u != nil {
					p.Scripts = append(p.Scripts, Resource{URL: u, Raw: src, Integrity: attrs["integrity"]})
				}
			} else if tt == html.StartTagToken {
				p.InlineScripts++
			}
		case "link":
			if rels := strings.Fields(strings.ToLower(attrs["rel"])); containsWord(rels, "stylesheet") {
				if u := resolve(attrs["href"]); u != nil {
					p.Styles = append(p.Styles, Resource{URL: u, Raw: attrs["href"], Integrity: attrs["integrity"]})
				}
			}
		case "img":
			if src, ok := attrs["src"]; ok {
				if u := resolve(src); u != nil {
					p.Images = append(p.Images, Resource{URL: u, Raw: src})
				}
			}
		case "iframe":
			if src, ok := attrs["src"]; ok {
				if u := resolve(src); u != nil {
					p.Frames = append(p.Frames, Resource{URL: u, Raw: src})
				}
			}
		case "form":
			if form != nil {
				p.Forms = append(p.Forms, *form)
			}
			form = &Form{Action: resolve(attrs["action"])} // an empty action posts to the page itself
		case "input", "select":
			if form != nil && looksLikeCardField(attrs) {
				label := attrs["name"]
				if label == "" {
					label = attrs["id"]
				}
				if label == "" {
					label = attrs["autocomplete"]
				}
				form.CardFields = append(form.CardFields, label)
			}
		case "meta":
			if strings.EqualFold(attrs["http-equiv"], "content-security-policy") {
				p.MetaPolicies = append(p.MetaPolicies, attrs["content"])
			}
		}
	}
}

func containsWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// cardAutocomplete are the autocomplete tokens of card data (HTML spec).
var cardAutocomplete = []string{"cc-number", "cc-csc", "cc-exp", "cc-exp-month", "cc-exp-year"}

// cardNames are words field names and ids use for card data.
var cardNames = []string{"cardnumber", "card-number", "card_number", "ccnumber", "cc-number", "cc_number", "ccnum",
	"pan", "cvc", "cvv", "cvv2", "csc", "cardcvc", "card-cvc", "card_cvc", "securitycode", "security-code", "security_code"}

func looksLikeCardField(attrs map[string]string) bool {
	if t := strings.ToLower(attrs["type"]); t == "hidden" || t == "submit" || t == "button" {
		return false
	}
	for _, tok := range strings.Fields(strings.ToLower(attrs["autocomplete"])) {
		if containsWord(cardAutocomplete, tok) {
			return true
		}
	}
	for _, key := range []string{"name", "id"} {
		v := strings.ToLower(attrs[key])
		// "payment[card_number]" and "card-number" alike: split on what is
		// not a letter or digit and also try the whole.
		if containsWord(cardNames, v) {
			return true
		}
		parts := strings.FieldsFunc(v, func(r rune) bool { return r == '[' || r == ']' || r == '.' })
		for _, part := range parts {
			if containsWord(cardNames, part) {
				return true
			}
		}
	}
	return false
}
