package query

import (
	"context"
	"time"
)

// AlertModel computes alerts as of a time; *alert.Engine implements it.
type AlertModel interface {
	Alerts(now time.Time, expiryDays int, names Names) AlertReport
}

// Alerts answers the alerts as of a time: overseers every alert, an
// enterprise those about itself.
type Alerts struct {
	consistency
	model AlertModel
	names Names
	dir   EnterpriseDirectoryModel
}

// NewAlerts reads model, naming enterprises with names, once progress has
// reached the client's position.
func NewAlerts(model AlertModel, names Names, progress Progress) *Alerts {
	return &Alerts{consistency: consistency{progress}, model: model, names: names}
}

// Report is the alerts as of now that rd's actor may see; stock expiring
// within expiryDays days counts as nearing expiry.
func (q *Alerts) Report(ctx context.Context, rd Read, now time.Time, expiryDays int) (AlertReport, error) {
	if err := q.await(ctx, rd); err != nil {
		return AlertReport{}, err
	}
	rep := q.model.Alerts(now, expiryDays, q.names)
	if uscc, only := rd.Actor.OwnOnly(); only {
		rep = rep.For(uscc)
	}
	return rep, nil
}
