package cmd

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/site"
)

type siteOptions struct {
	channels []string
	answers  string
	webhooks []string
	ca       []string
	timeout  time.Duration
	httpPort string
}

func newSiteCommand(a *app) *cobra.Command {
	var o siteOptions
	c := &cobra.Command{
		Use:   "site URL...",
		Short: "Check payment pages and webhook endpoints as evidence for the SAQ A claim",
		Long: `Site checks each payment page URL from the outside: TLS 1.2 or above and
refusal of TLS 1.0 and 1.1, the certificate (trusted, for the host, days
to expiry), plain HTTP redirected to https, Strict-Transport-Security,
mixed content, the inventory of scripts (Stripe's, the site's, third-party)
and their Subresource Integrity, forms that take card data themselves, and
a Content Security Policy that allows what Stripe needs for the channel
(--channel, or the channels of an answers file with --answers) without
'unsafe-inline' or * in script-src. --webhook URL checks an endpoint's TLS.

Each check says the requirement it supports (PCI DSS 4.2.1, 6.4.3, 11.6.1).
Exit status: 0 no failures; 1 a check failed; 2 a usage or network error
(a timeout is named).`,
		Example: `  saqcheck site https://shop.example/checkout --channel elements
  saqcheck site https://shop.example/pay --answers compliance/answers.json --webhook https://shop.example/stripe/webhook
  saqcheck site https://staging.internal/pay --ca internal-ca.pem -o markdown`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return a.runSite(&o, args) },
	}
	c.Flags().StringSliceVar(&o.channels, "channel", nil, "the integration whose CSP needs are checked: checkout, elements or connect (repeatable)")
	c.Flags().StringVar(&o.answers, "answers", "", "take the channels from the answers document in `FILE`")
	c.Flags().StringArrayVar(&o.webhooks, "webhook", nil, "also check the TLS of the webhook endpoint at `URL` (repeatable)")
	c.Flags().StringArrayVar(&o.ca, "ca", nil, "trust the CA certificates (PEM) in `FILE` too (repeatable)")
	c.Flags().DurationVar(&o.timeout, "timeout", 10*time.Second, "give up on a connection or request after this `duration`")
	c.Flags().StringVar(&o.httpPort, "http-port", "80", "the `port` where plain HTTP is tried")
	return c
}

func (a *app) runSite(o *siteOptions, urls []string) error {
	t, err := a.table()
	if err != nil {
		return err
	}
	if t.Site == nil {
		return usagef("add a site section (saqcheck rules export shows the default one)", "the rules table %s has no site section", t.Name)
	}
	if o.timeout <= 0 {
		return usagef("", "--timeout: must be above 0, got %s", o.timeout)
	}
	for _, u := range append(append([]string{}, urls...), o.webhooks...) {
		if _, err := site.ParseURL(u); err != nil {
			return usagef("give full URLs, like https://shop.example/checkout", "%v", err)
		}
	}
	channels, err := a.siteChannels(o)
	if err != nil {
		return err
	}
	roots, err := x509.SystemCertPool()
	if err != nil || roots == nil {
		roots = x509.NewCertPool()
	}
	for _, f := range o.ca {
		pem, err := readLimited(f, 1<<20, "CA file")
		if err != nil {
			return err
		}
		if !roots.AppendCertsFromPEM(pem) {
			return &inputError{msg: f + ": no PEM certificate in it"}
		}
	}
	opts := site.Options{
		Site: t.Site, Channels: channels, Roots: roots, Timeout: o.timeout, HTTPPort: o.httpPort,
		Now: a.now, UserAgent: "saqcheck/" + buildVersion().Version + " (PCI DSS payment page check; https://github.com/saqcheck/saqcheck)",
	}
	ctx := context.Background()
	rep := &site.Report{}
	for _, u := range urls {
		res, err := site.CheckPage(ctx, u, opts)
		if err != nil {
			return networkError(err)
		}
		rep.Add(res)
	}
	for _, u := range o.webhooks {
		res, err := site.CheckWebhook(ctx, u, opts)
		if err != nil {
			return networkError(err)
		}
		rep.Add(res)
	}
	switch a.output {
	case outputJSON:
		err = rep.WriteJSON(a.io.Out)
	case outputMarkdown:
		err = rep.WriteMarkdown(a.io.Out)
	default:
		err = rep.WriteText(a.io.Out, a.io.ColorEnabled())
	}
	if err != nil {
		return err
	}
	if rep.Failures > 0 {
		return &silentError{code: exitExpectation, msg: fmt.Sprintf("%d checks failed", rep.Failures)}
	}
	return nil
}

func networkError(err error) error {
	var ne *site.NetworkError
	if errors.As(err, &ne) {
		return &inputError{msg: ne.Error()}
	}
	return err
}

// siteChannels are the channels whose CSP needs apply: --channel, or the
// answers file's channels that the table has CSP needs for.
func (a *app) siteChannels(o *siteOptions) ([]string, error) {
	t, _ := a.table()
	known := map[string]bool{}
	var names []string
	for _, c := range t.Site.CSP {
		known[c.Channel] = true
		names = append(names, c.Channel)
	}
	var out []string
	for _, c := range o.channels {
		if !known[c] {
			return nil, usagef("", "--channel: %q has no CSP needs in the table (expected one of: %s)", c, strings.Join(names, ", "))
		}
		out = append(out, c)
	}
	if o.answers != "" {
		raw, err := readLimited(o.answers, questionnaire.MaxDocumentSize, "answers document")
		if err != nil {
			return nil, err
		}
		ans := t.NewAnswers()
		if err := questionnaire.NewModel(t).NewDecoder().Decode(raw, ans); err != nil {
			return nil, &inputError{msg: o.answers + ": " + err.Error()}
		}
		for _, c := range ans.Channels {
			if id := t.Channels[c].ID; known[id] {
				out = append(out, id)
			}
		}
	}
	return out, nil
}
