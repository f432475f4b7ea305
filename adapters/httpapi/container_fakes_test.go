package httpapi_test

import (
	"context"

	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/access"
)

func (f *fakeCommands) PackContainer(ctx context.Context, a access.Actor, in command.PackContainer) (command.Outcome, error) {
	return f.do(ctx, a, in)
}

func (f *fakeCommands) UnpackContainer(ctx context.Context, a access.Actor, in command.UnpackContainer) (command.Outcome, error) {
	return f.do(ctx, a, in)
}

func (f *fakeCommands) RecordTransformation(ctx context.Context, a access.Actor, in command.RecordTransformation) (command.Outcome, error) {
	return f.do(ctx, a, in)
}
