package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/saqcheck/saqcheck/cmd"
	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/iostreams"
)

var update = flag.Bool("update", false, "rewrite the expected outputs in testdata/script from what saqcheck prints")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"saqcheck": func() { os.Exit(cmd.Main(iostreams.System(), os.Args[1:])) },
	})
}

// TestScripts runs the end-to-end tests in testdata/script: each .txtar
// file holds a command line, its inputs, and the exact output and exit code
// expected, and reads as documentation of that behaviour.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *update,
		Setup: func(e *testscript.Env) error {
			// The embedded table, for comparing with rules export, and a copy
			// with one more channel, as a compliance team would edit it.
			links := strings.Replace(string(data.Rules), "  - id: direct_api\n", paymentLinks+"  - id: direct_api\n", 1)
			if err := os.WriteFile(filepath.Join(e.WorkDir, "payment-links.yaml"), []byte(links), 0o644); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(e.WorkDir, "embedded-rules.yaml"), data.Rules, 0o644)
		},
	})
}

const paymentLinks = `  - id: payment_links
    name: Stripe Payment Links
    description: a link to a Stripe-hosted payment page
    ecommerce: true
    rules:
      - id: payment-links-hosted
        saq: A
        reason: Payment Links open a Stripe-hosted page, so card data never touches your site.
        source: "https://docs.stripe.com/payment-links"
`
