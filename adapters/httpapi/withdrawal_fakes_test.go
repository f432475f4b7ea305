package httpapi_test

import (
	"context"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
)

func (f *fakeCommands) OrderWithdrawal(ctx context.Context, a access.Actor, in command.OrderWithdrawal) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) RecordWithdrawal(ctx context.Context, a access.Actor, in command.RecordWithdrawal) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
func (f *fakeCommands) RecordDisposal(ctx context.Context, a access.Actor, in command.RecordDisposal) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
