package saq

// Date is a calendar date as days since 1970-01-01. Arithmetic on it needs
// no time zone and no allocation, which matters in batch evaluation.
type Date int32

// ParseDate reads a strict YYYY-MM-DD date with a real day of the month, in
// the years 1000 to 9998 (so that a year later still has four digits).
func ParseDate(s []byte) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1000 || y > 9998 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return DateOf(y, m, d), true
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// DateOf returns the Date of a proleptic Gregorian year, month and day
// (Howard Hinnant's days_from_civil).
func DateOf(y, m, d int) Date {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468)
}

// Civil returns the year, month and day of the date.
func (dt Date) Civil() (y, m, d int) {
	z := int(dt) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// AddYear returns the same day a year later; 29 February becomes 1 March.
func (dt Date) AddYear() Date {
	y, m, d := dt.Civil()
	if m == 2 && d == 29 {
		return DateOf(y+1, 3, 1)
	}
	return DateOf(y+1, m, d)
}

// AppendISO appends the date as YYYY-MM-DD.
func (dt Date) AppendISO(dst []byte) []byte {
	y, m, d := dt.Civil()
	return append(dst,
		byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
}

func (dt Date) String() string { return string(dt.AppendISO(nil)) }
