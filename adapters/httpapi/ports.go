package httpapi

import (
	"context"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
)

// Commands is what the API records with: one method per command, named after
// its input type. *command.Handlers implements it; tests use a fake.
type Commands interface {
	RegisterEnterprise(ctx context.Context, a access.Actor, in command.RegisterEnterprise) (command.Outcome, error)
	RegisterProduct(ctx context.Context, a access.Actor, in command.RegisterProduct) (command.Outcome, error)
	NotifyBarcode(ctx context.Context, a access.Actor, in command.NotifyBarcode) (command.Outcome, error)
	VerifyBarcode(ctx context.Context, a access.Actor, in command.VerifyBarcode) (command.Outcome, error)
	RevokeCertificate(ctx context.Context, a access.Actor, in command.RevokeCertificate) (command.Outcome, error)
	RenewCertificate(ctx context.Context, a access.Actor, in command.RenewCertificate) (command.Outcome, error)
	AmendCertificate(ctx context.Context, a access.Actor, in command.AmendCertificate) (command.Outcome, error)
	AllowRenotification(ctx context.Context, a access.Actor, in command.AllowRenotification) (command.Outcome, error)
	AuthoriseImporter(ctx context.Context, a access.Actor, in command.AuthoriseImporter) (command.Outcome, error)
	DeauthoriseImporter(ctx context.Context, a access.Actor, in command.DeauthoriseImporter) (command.Outcome, error)
	RegisterBatch(ctx context.Context, a access.Actor, in command.RegisterBatch) (command.Outcome, error)
	DeclareCustoms(ctx context.Context, a access.Actor, in command.DeclareCustoms) (command.Outcome, error)
	InspectCustoms(ctx context.Context, a access.Actor, in command.InspectCustoms) (command.Outcome, error)
	DecideRelease(ctx context.Context, a access.Actor, in command.DecideRelease) (command.Outcome, error)
	ApplyLabels(ctx context.Context, a access.Actor, in command.ApplyLabels) (command.Outcome, error)
	Ship(ctx context.Context, a access.Actor, in command.Ship) (command.Outcome, error)
	ConfirmReceipt(ctx context.Context, a access.Actor, in command.ConfirmReceipt) (command.Outcome, error)
	Sell(ctx context.Context, a access.Actor, in command.Sell) (command.Outcome, error)
	InspectMarket(ctx context.Context, a access.Actor, in command.InspectMarket) (command.Outcome, error)
	FileComplaint(ctx context.Context, a access.Actor, in command.FileComplaint) (command.Outcome, error)
	ResolveComplaint(ctx context.Context, a access.Actor, in command.ResolveComplaint) (command.Outcome, error)
	StartRecall(ctx context.Context, a access.Actor, in command.StartRecall) (command.Outcome, error)
	RecordRecallReturn(ctx context.Context, a access.Actor, in command.RecordRecallReturn) (command.Outcome, error)
	CloseRecall(ctx context.Context, a access.Actor, in command.CloseRecall) (command.Outcome, error)
	AcceptPublicNotice(ctx context.Context, a access.Actor, in command.AcceptPublicNotice) (command.Outcome, error)
	AcknowledgeRecallNotice(ctx context.Context, a access.Actor, in command.AcknowledgeRecallNotice) (command.Outcome, error)
	RemindRecallHolders(ctx context.Context, a access.Actor, in command.RemindRecallHolders) (command.Outcome, error)
	ImposePenalty(ctx context.Context, a access.Actor, in command.ImposePenalty) (command.Outcome, error)

	OrderWithdrawal(ctx context.Context, a access.Actor, in command.OrderWithdrawal) (command.Outcome, error)
	RecordWithdrawal(ctx context.Context, a access.Actor, in command.RecordWithdrawal) (command.Outcome, error)
	RecordDisposal(ctx context.Context, a access.Actor, in command.RecordDisposal) (command.Outcome, error)
	PackContainer(ctx context.Context, a access.Actor, in command.PackContainer) (command.Outcome, error)
	UnpackContainer(ctx context.Context, a access.Actor, in command.UnpackContainer) (command.Outcome, error)
	RecordTransformation(ctx context.Context, a access.Actor, in command.RecordTransformation) (command.Outcome, error)
}

// Tokens turns a bearer token into the actor it was issued to. An unknown or
// revoked token is an error wrapping domain.ErrNotFound (answered 401); any
// other error is a failure of the token store (answered 500, logged).
type Tokens interface {
	Authenticate(ctx context.Context, token string) (access.Actor, error)
}

// Log is the part of the event store the API reads: the global log for
// regulators and its head for /healthz. event.Store implements it.
type Log interface {
	ReadAll(ctx context.Context, after uint64, limit int) ([]event.Record, error)
	Head(ctx context.Context) (uint64, error)
}

// SavedResponse is a command's answer: a status, a JSON body and the
// position header. A retry under an Idempotency-Key gets the same one again,
// rebuilt from the recorded key and records.
type SavedResponse struct {
	Status int
	Body   []byte
	// Position is the X-Traceledger-Position header of the answer.
	Position uint64
}

// Idempotency finds the idempotency keys commands recorded with their
// events, by (scope, key); the scope (a digest of the bearer token) isolates
// one token's keys from every other's. The event store implements it
// (event.KeyedStore), so every replica on one store shares the keys; the
// commands record them (command.WithIdempotencyKey).
type Idempotency interface {
	LookupKey(ctx context.Context, scope, key string) (k event.Keyed, found bool, err error)
}

// TokenInfo describes an issued token without its secret: its label,
// when it was created, revoked and last used.
type TokenInfo = query.TokenRow

// TokenAdmin manages bearer tokens for the admin routes. Create validates the
// role and USCC (a *domain.FieldError when wrong) and returns the secret,
// which is shown once and never stored; Revoke of an unknown id wraps
// domain.ErrNotFound.
type TokenAdmin interface {
	Create(ctx context.Context, role access.Role, uscc, label string) (token string, err error)
	List(ctx context.Context) ([]TokenInfo, error)
	Revoke(ctx context.Context, id string) error
}
