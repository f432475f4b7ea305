package calendar

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Year is one year's arrangement: the days off that would be working days
// and the weekends worked instead, each with its holiday's name.
type Year struct {
	Year int
	Off  map[Day]string
	Work map[Day]string
}

// ParseYear reads a year's file: comment lines start with #, every other
// line is "off FROM[..TO] NAME" or "work DAY NAME", every day in year.
func ParseYear(year int, r io.Reader) (Year, error) {
	y := Year{Year: year, Off: map[Day]string{}, Work: map[Day]string{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			return y, fmt.Errorf("line %d: want \"off|work DAY[..DAY] NAME\", got %q", n, line)
		}
		from, to, err := parseRange(f[1])
		if err != nil {
			return y, fmt.Errorf("line %d: %w", n, err)
		}
		if from.Year != year || to.Year != year {
			return y, fmt.Errorf("line %d: %s is not in %d", n, f[1], year)
		}
		name := strings.Join(f[2:], " ")
		switch f[0] {
		case "off":
			for d := from; ; d = d.next() {
				y.Off[d] = name
				if d == to {
					break
				}
			}
		case "work":
			if from != to {
				return y, fmt.Errorf("line %d: a working day is one day, not %s", n, f[1])
			}
			y.Work[from] = name
		default:
			return y, fmt.Errorf("line %d: %q is neither off nor work", n, f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return y, err
	}
	for d := range y.Work {
		if _, both := y.Off[d]; both {
			return y, fmt.Errorf("%s is both a day off and a working day", d)
		}
	}
	return y, nil
}

func parseRange(s string) (from, to Day, err error) {
	a, b, isRange := strings.Cut(s, "..")
	if from, err = parseDay(a); err != nil {
		return from, to, err
	}
	if !isRange {
		return from, from, nil
	}
	if to, err = parseDay(b); err != nil {
		return from, to, err
	}
	if to.time().Before(from.time()) {
		return from, to, fmt.Errorf("%s ends before it starts", s)
	}
	return from, to, nil
}

func parseDay(s string) (Day, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, China)
	if err != nil {
		return Day{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return DayOf(t), nil
}

// LoadDir reads every YYYY.txt file of dir (other files are ignored).
func LoadDir(dir fs.FS) ([]Year, error) {
	entries, err := fs.ReadDir(dir, ".")
	if err != nil {
		return nil, err
	}
	var ys []Year
	for _, e := range entries {
		stem, ok := strings.CutSuffix(e.Name(), ".txt")
		year, err := strconv.Atoi(stem)
		if !ok || err != nil || e.IsDir() {
			continue
		}
		f, err := dir.Open(e.Name())
		if err != nil {
			return nil, err
		}
		y, err := ParseYear(year, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path.Join(".", e.Name()), err)
		}
		ys = append(ys, y)
	}
	return ys, nil
}

//go:embed holidays/*.txt
var shipped embed.FS

// Shipped is the arrangements this build ships (2025 and 2026).
func Shipped() []Year {
	sub, _ := fs.Sub(shipped, "holidays")
	ys, err := LoadDir(sub)
	if err != nil {
		panic("calendar: a shipped holiday file is malformed: " + err.Error())
	}
	return ys
}

// Working is the calendar of the arrangements this build ships, built once:
// the one every deadline of the ledger counts in.
var Working = sync.OnceValue(func() *Calendar { return New(Shipped()...) })
