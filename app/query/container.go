package query

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// Container is the answer of GET /api/v1/containers/{sscc}: a case or
// pallet, where it is, what is in it (inner containers with their own
// counts) and what happened to it.
type Container struct {
	SSCC       string `json:"sscc"`
	HolderUSCC string `json:"holder_uscc"`
	HolderName string `json:"holder_name"`
	// Parent is the container this one is in.
	Parent string `json:"parent,omitempty"`
	// InTransit: the container travels in ShipmentID to ToUSCC.
	InTransit  bool   `json:"in_transit"`
	ShipmentID string `json:"shipment_id,omitempty"`
	ToUSCC     string `json:"to_uscc,omitempty"`
	// Items are the label codes of the units directly in it.
	Items []string `json:"items"`
	// Containers are the containers directly in it, each with its counts.
	Containers []ContainerCount `json:"containers"`
	// Units counts every unit in it, through the containers inside.
	Units   int64                   `json:"units"`
	History []ContainerHistoryEntry `json:"history"`
	// Holders is everyone who held it or was sent it, for access checks.
	Holders []string `json:"-"`
}

// ContainerCount is an inner container and how many units it holds,
// through the containers inside it.
type ContainerCount struct {
	SSCC  string `json:"sscc"`
	Units int64  `json:"units"`
}

// ContainerHistoryEntry is one event of the container.
type ContainerHistoryEntry struct {
	Type       string    `json:"type"`
	At         time.Time `json:"at"`
	Position   uint64    `json:"position"`
	USCC       string    `json:"uscc"`
	Items      int       `json:"items,omitempty"`
	Containers []string  `json:"containers,omitempty"`
	Parent     string    `json:"parent,omitempty"`
	ShipmentID string    `json:"shipment_id,omitempty"`
	ToUSCC     string    `json:"to_uscc,omitempty"`
}

// ContainerModel answers containers by SSCC; *container.Projection
// implements it.
type ContainerModel interface {
	Container(sscc string) (Container, bool)
}

// TransformationModel answers transformations by id, and whether an
// enterprise recorded one or held its input or output batches;
// *trace.Projection implements it. A failed read is an error, never "not
// involved".
type TransformationModel interface {
	Transformation(id string, names Names) (Transformation, error)
	Involved(ctx context.Context, gtin, lot, uscc string) (bool, error)
}

// Containers answers cases and pallets and transformations.
type Containers struct {
	consistency
	model ContainerModel
	names Names
}

// NewContainers reads model, naming holders with names, once progress has
// reached the client's position.
func NewContainers(model ContainerModel, names Names, progress Progress) *Containers {
	return &Containers{consistency: consistency{progress}, model: model, names: names}
}

// Get is the container sscc, for overseers and the enterprises that held it.
func (q *Containers) Get(ctx context.Context, rd Read, sscc string) (Container, error) {
	if err := q.await(ctx, rd); err != nil {
		return Container{}, err
	}
	missing := domain.NotFound("sscc", "container_not_known", "container %s is not known", sscc)
	c, ok := q.model.Container(sscc)
	if !ok {
		return Container{}, missing
	}
	if err := access.MayReadContainer(rd.Actor, c.Holders); err != nil {
		return Container{}, unseen(err, missing)
	}
	if q.names != nil {
		c.HolderName = q.names.Name(c.HolderUSCC)
	}
	return c, nil
}

// Transformations answers recorded transformations.
type Transformations struct {
	consistency
	model TransformationModel
	names Names
}

// NewTransformations reads model once progress has reached the client's
// position.
func NewTransformations(model TransformationModel, names Names, progress Progress) *Transformations {
	return &Transformations{consistency: consistency{progress}, model: model, names: names}
}

// Get is transformation id, for overseers, the transformer and the
// enterprises that held its inputs or outputs.
func (q *Transformations) Get(ctx context.Context, rd Read, id string) (Transformation, error) {
	if err := q.await(ctx, rd); err != nil {
		return Transformation{}, err
	}
	missing := domain.NotFound("id", "transformation_not_known", "transformation %s is not known", id)
	t, err := q.model.Transformation(id, q.names)
	if errors.Is(err, domain.ErrNotFound) {
		return Transformation{}, missing
	}
	if err != nil {
		return Transformation{}, fmt.Errorf("read transformation: %w", err)
	}
	parties := func(uscc string) (bool, error) {
		if uscc == t.TransformerUSCC {
			return true, nil
		}
		for _, b := range append(inputRefs(t.Inputs), t.Outputs...) {
			if ok, err := q.model.Involved(ctx, b.GTIN, b.Lot, uscc); err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	}
	var held holderRead
	err = access.MayReadTransformation(rd.Actor, held.of(parties))
	if held.err != nil {
		return Transformation{}, fmt.Errorf("read who handled the transformation's batches: %w", held.err)
	}
	if err != nil {
		return Transformation{}, unseen(err, missing)
	}
	return t, nil
}

// inputRefs are the batches of a transformation's inputs.
func inputRefs(ins []TransformationInput) []TraceRef {
	out := make([]TraceRef, len(ins))
	for i, in := range ins {
		out[i] = in.TraceRef
	}
	return out
}
