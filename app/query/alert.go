package query

import (
	"context"
	"fmt"
	"time"
)

// AlertModel computes alerts as of a time; *alert.Engine implements it.
// It reads the recall lists and the stock, which can fail to read: a
// failure is an error, never a report with the alerts left out.
type AlertModel interface {
	Alerts(ctx context.Context, now time.Time, expiryDays int, names Names) (AlertReport, error)
}

// Alerts answers the alerts as of a time: overseers every alert, an
// enterprise those about itself.
type Alerts struct {
	consistency
	model AlertModel
	names Names
	scope Scoper
}

// NewAlerts reads model, naming enterprises with names, once progress has
// reached the client's position.
func NewAlerts(model AlertModel, names Names, progress Progress) *Alerts {
	return &Alerts{consistency: consistency{progress}, model: model, names: names}
}

// WithScope lets the alerts take the dashboard's filters: scope (the
// dashboards' engine) selects the enterprises they keep.
func (q *Alerts) WithScope(scope Scoper) *Alerts {
	q.scope = scope
	return q
}

// Report is the alerts as of now that rd's actor may see; stock expiring
// within expiryDays days counts as nearing expiry. A scoped filter keeps
// the alerts about an enterprise it keeps (DashboardFilter); an alert
// about no enterprise is then left out. Alerts are as of now: the
// filter's period does not apply.
func (q *Alerts) Report(ctx context.Context, rd Read, now time.Time, expiryDays int, f DashboardFilter) (AlertReport, error) {
	if err := q.await(ctx, rd); err != nil {
		return AlertReport{}, err
	}
	rep, err := q.model.Alerts(ctx, now, expiryDays, q.names)
	if err != nil {
		return AlertReport{}, fmt.Errorf("compute alerts: %w", err)
	}
	if uscc, only := rd.Actor.OwnOnly(); only {
		rep = rep.For(uscc)
	}
	if f = f.Normalized(); f.Scoped() {
		if q.scope == nil {
			return AlertReport{}, fmt.Errorf("alerts filtered by region, category or origin: no dashboard engine to select enterprises")
		}
		set, err := q.scope.Enterprises(ctx, f)
		if err != nil {
			return AlertReport{}, fmt.Errorf("alerts' enterprises: %w", err)
		}
		kept := AlertReport{AsOf: rep.AsOf, Alerts: []Alert{}}
		for _, a := range rep.Alerts {
			if a.USCC != "" && set.Has(a.USCC) {
				kept.Alerts = append(kept.Alerts, a)
			}
		}
		rep = kept
	}
	return rep, nil
}
