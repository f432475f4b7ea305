package benchmark

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Figure is one measured value beside the baseline it is compared with,
// measured in the same run; `traceledger bench --json` prints one a line.
type Figure struct {
	Name          string  `json:"name"`
	Value         float64 `json:"value"`
	Unit          string  `json:"unit"`
	Baseline      string  `json:"baseline"`
	BaselineValue float64 `json:"baseline_value"`
	Ratio         float64 `json:"ratio"`
}

func newFigure(name string, value float64, unit, baseline string, baseValue float64) Figure {
	f := Figure{Name: name, Value: value, Unit: unit, Baseline: baseline, BaselineValue: baseValue}
	if baseValue != 0 {
		f.Ratio = value / baseValue
	}
	return f
}

// Print writes f as one JSON object a line, or as an aligned text line.
func (f Figure) Print(w io.Writer, asJSON bool) {
	if asJSON {
		b, _ := json.Marshal(f)
		fmt.Fprintln(w, string(b))
		return
	}
	fmt.Fprintf(w, "%-28s %12.4g %-9s  %s %.4g  ratio %.2f\n", f.Name, f.Value, f.Unit, f.Baseline, f.BaselineValue, f.Ratio)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
