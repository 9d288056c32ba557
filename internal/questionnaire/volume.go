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
	// value = (digits.frac) × mult, exactly.
	var n int64
	for _, c := range digits + frac {
		if n > MaxCount {
			break
		}
		n = n*10 + int64(c-'0')
	}
	div := int64(1)
	for range len(frac) {
		div *= 10
	}
	if n > MaxCount || mult > 1 && n > MaxCount/mult {
		return 0, errors.New("too large")
	}
	n *= mult
	if n%div != 0 {
		return 0, errors.New("not a whole number of transactions")
	}
	if n/div > MaxCount {
		return 0, errors.New("too large")
	}
	return n / div, nil
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
