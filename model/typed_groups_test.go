package model

import (
	"context"
	"errors"
	"testing"

	"github.com/fakemessenger/fakemessenger/hresult"
)

// fakeEnum is an IEnumVARIANT over n items that counts its Next calls and
// can fail one of them.
type fakeEnum struct {
	DispatchMethods
	n, pos, nexts int
	failAt        int // the Next call (1-based) that fails; 0 never
}

func (e *fakeEnum) ObjectID() string      { return "enum" }
func (e *fakeEnum) InterfaceName() string { return IEnumVARIANT }
func (e *fakeEnum) Next(_ context.Context, celt int32) ([]Variant, error) {
	e.nexts++
	if e.nexts == e.failAt {
		return nil, hresult.New(hresult.E_OUTOFMEMORY, "Next", "test")
	}
	k := min(int(celt), e.n-e.pos)
	out := make([]Variant, k)
	for i := range out {
		out[i] = Dispatched(&fakeEnum{})
	}
	e.pos += k
	if k < int(celt) {
		return out, hresult.New(hresult.S_FALSE, "Next", "end")
	}
	return out, nil
}
func (e *fakeEnum) Skip(context.Context, int32) error   { return nil }
func (e *fakeEnum) Reset(context.Context) error         { e.pos = 0; return nil }
func (e *fakeEnum) Clone(context.Context) (Enum, error) { return nil, errors.New("no") }
func (e *fakeEnum) Release(context.Context) error       { return nil }
func (e *fakeEnum) Invoke(context.Context, string, InvokeKind, ...Variant) (Variant, error) {
	return Variant{}, errors.New("no")
}

func TestEachReadsInBatchesUntilSFalse(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ n, nexts int }{{0, 1}, {1, 1}, {EnumBatch - 1, 1}, {EnumBatch, 2}, {EnumBatch + 1, 2}, {3 * EnumBatch, 4}} {
		e := &fakeEnum{n: c.n}
		got := 0
		for d, err := range Each(ctx, e) {
			if err != nil || d == nil {
				t.Fatalf("n=%d: item %v, %v", c.n, d, err)
			}
			got++
		}
		if got != c.n || e.nexts != c.nexts {
			t.Errorf("n=%d: %d items in %d Next calls, want %d in %d", c.n, got, e.nexts, c.n, c.nexts)
		}
	}
}

func TestEachStopsAtAFailureAndAtBreak(t *testing.T) {
	ctx := context.Background()
	e := &fakeEnum{n: 3 * EnumBatch, failAt: 2}
	got, errs := 0, 0
	for _, err := range Each(ctx, e) {
		if err != nil {
			if hresult.Code(err) != hresult.E_OUTOFMEMORY {
				t.Errorf("err %v", err)
			}
			errs++
			continue
		}
		got++
	}
	if got != EnumBatch || errs != 1 {
		t.Errorf("%d items and %d errors, want %d and 1", got, errs, EnumBatch)
	}
	e = &fakeEnum{n: 3 * EnumBatch}
	for range Each(ctx, e) {
		break
	}
	if e.nexts != 1 {
		t.Errorf("a loop that broke at once made %d Next calls", e.nexts)
	}
}
