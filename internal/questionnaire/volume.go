package questionnaire

import (
	"errors"
	"strings"
)

// ParseVolume reads a count as people type it: 6000000, 6,000,000,
// 6_000_000, 6m, 2.5M, 40k. Separators must group digits by three; a
// suffix (k thousand, m million, b billion) may follow a decimal; the result
// must be a whole number from 0 to MaxCount.
func ParseVolume(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("enter a number, like 6000000, 6,000,000 or 6m")
	}
	mult := int64(1)
	switch s[len(s)-1] {
	case 'k', 'K':
		mult = 1_000
	case 'm', 'M':
		mult = 1_000_000
	case 'b', 'B':
		mult = 1_000_000_000
	}
	num := s
	if mult > 1 {
		num = strings.TrimSpace(s[:len(s)-1])
	}
	intPart, frac, hasFrac := strings.Cut(num, ".")
	digits, ok := ungroup(intPart)
	if !ok || hasFrac && (mult == 1 || frac == "" || strings.Trim(frac, "0123456789") != "") {
		return 0, errors.New("not a number: use digits, optionally grouped as 6,000,000 or 6_000_000, or a suffix as in 6m or 2.5M")
	}
	// value = digits.frac × mult, exactly: with the fraction's trailing
	// zeros dropped, it is whole only if the fraction has no more digits
	// than the suffix has zeros, and then it is (digits frac) × the rest of
	// the suffix. (The fuzzer found "0.000…0B" overflowing a divisor here.)
	frac = strings.TrimRight(frac, "0")
	scale := mult
	for range len(frac) {
		if scale == 1 {
			return 0, errors.New("not a whole number of transactions")
		}
		scale /= 10
	}
	var n int64
	for _, c := range digits + frac {
		if n > MaxCount/10 {
			return 0, errors.New("too large")
		}
		n = n*10 + int64(c-'0')
	}
	if n > MaxCount/scale {
		return 0, errors.New("too large")
	}
	return n * scale, nil
}

// ungroup checks the digits of a number and removes its separators: either
// none, or one kind (',' or '_') grouping by three.
func ungroup(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	sep := ""
	switch {
	case strings.Contains(s, ","):
		sep = ","
	case strings.Contains(s, "_"):
		sep = "_"
	}
	groups := []string{s}
	if sep != "" {
		groups = strings.Split(s, sep)
	}
	for i, g := range groups {
		if g == "" || strings.Trim(g, "0123456789") != "" {
			return "", false
		}
		if sep != "" && (i > 0 && len(g) != 3 || i == 0 && len(g) > 3) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}
