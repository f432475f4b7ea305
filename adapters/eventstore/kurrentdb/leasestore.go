package kurrentdb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
)

// leaseType is the event type of lease records.
const leaseType = "traceledger.lease.v1"

// Leases returns the LeaseStore on this store's KurrentDB: lease streams
// beside the log, written with expected revisions.
func (s *Store) Leases() LeaseStore { return leaseStore{s.client} }

type leaseStore struct{ client *esdb.Client }

func (l leaseStore) Last(ctx context.Context, stream string) (Lease, uint64, bool, error) {
	rs, err := l.client.ReadStream(ctx, stream, esdb.ReadStreamOptions{Direction: esdb.Backwards, From: esdb.End{}}, 1)
	if err != nil {
		if notFound(err) {
			return Lease{}, 0, false, nil
		}
		return Lease{}, 0, false, fmt.Errorf("read %s: %w", stream, err)
	}
	defer rs.Close()
	e, err := rs.Recv()
	switch {
	case errors.Is(err, io.EOF) || notFound(err):
		return Lease{}, 0, false, nil
	case err != nil:
		return Lease{}, 0, false, fmt.Errorf("read %s: %w", stream, err)
	}
	var lease Lease
	if err := json.Unmarshal(e.Event.Data, &lease); err != nil {
		return Lease{}, 0, false, fmt.Errorf("read %s: %w", stream, err)
	}
	return lease, e.Event.EventNumber, true, nil
}

func (l leaseStore) Put(ctx context.Context, stream string, lease Lease, rev uint64, exists bool) error {
	data, err := json.Marshal(lease)
	if err != nil {
		return err
	}
	var exp esdb.ExpectedRevision = esdb.NoStream{}
	if exists {
		exp = esdb.Revision(rev)
	}
	_, err = l.client.AppendToStream(ctx, stream, esdb.AppendToStreamOptions{ExpectedRevision: exp},
		esdb.EventData{EventID: uuid.New(), EventType: leaseType, ContentType: esdb.ContentTypeJson, Data: data})
	if wrongExpected(err) {
		return ErrLeaseTaken
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", stream, err)
	}
	return nil
}
