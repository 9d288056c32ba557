package questionnaire_test

import (
	"strings"
	"testing"

	"github.com/saqcheck/saqcheck/internal/questionnaire"
)

func TestParseVolume(t *testing.T) {
	good := map[string]int64{
		"6000000": 6000000, "6,000,000": 6000000, "6_000_000": 6000000, "6m": 6000000, "6M": 6000000,
		"2.5M": 2500000, "2.5m": 2500000, "40k": 40000, "1.25k": 1250, "0": 0, " 12 ": 12, "1b": 1000000000,
		"999,999": 999999, "1,000": 1000, "6 m": 6000000, "0.000001m": 1, "9007199254740991": questionnaire.MaxCount,
	}
	for in, want := range good {
		got, err := questionnaire.ParseVolume(in)
		if err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	bad := []string{"", "abc", "-5", "1.5", "6,00,000", "6,0000", ",000", "6__000", "6,000_000", "1e6", "2.5", "1.2345678m",
		"6mm", "m", "1.m", "9007199254740992", "99999999999999999999", "10000000b", "0x10", "6 000 000", "+5", "1.5.5m"}
	for _, in := range bad {
		if got, err := questionnaire.ParseVolume(in); err == nil {
			t.Errorf("%q: accepted as %d", in, got)
		}
	}
}

var (
	questionnaireParse = questionnaire.ParseVolume
	maxCount           = int64(questionnaire.MaxCount)
)

// Found by FuzzParseVolume: a long zero fraction once divided by zero.
func TestParseVolumeLongFractions(t *testing.T) {
	cases := map[string]int64{
		"0." + strings.Repeat("0", 64) + "B": 0,
		"1." + strings.Repeat("0", 40) + "m": 1000000,
		"9007199.254740991b":                 9007199254740991,
		"9007199.254740992b":                 -1,
		"1.0000000001b":                      -1,
		"12.50":                              -1,
		"12.0":                               -1,
	}
	for in, want := range cases {
		got, err := questionnaire.ParseVolume(in)
		if want < 0 && err == nil || want >= 0 && (err != nil || got != want) {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
}
