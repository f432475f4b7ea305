package query

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// movingModels are read models whose position a test moves.
type movingModels struct{ pos atomic.Uint64 }

func (m *movingModels) WaitFor(context.Context, uint64) error { return nil }
func (m *movingModels) Position() uint64                      { return m.pos.Load() }

// countingEngine answers each grade question with the number of
// enterprises it holds in grade 1 and counts how often it was asked.
type countingEngine struct {
	Analytics
	enterprises atomic.Int64
	asked       atomic.Int64
}

func (e *countingEngine) Grades(_ context.Context, asOf time.Time, f DashboardFilter) (GradeDistribution, error) {
	e.asked.Add(1)
	return GradeDistribution{Source: SourceEmbedded, AsOf: asOf,
		Grades: []GradeCount{{Grade: 1, Enterprises: int(e.enterprises.Load())}}}, nil
}

func (e *countingEngine) TopRisks(_ context.Context, asOf time.Time, limit int, _ DashboardFilter) (TopRisks, error) {
	e.asked.Add(1)
	return TopRisks{Source: SourceEmbedded, AsOf: asOf, Enterprises: make([]TopRisk, min(limit, int(e.enterprises.Load())))}, nil
}

// TestADashboardAnswerIsReusedOnlyAtItsPosition: a repeated question at
// the same position is not asked of the engine again; once the models
// move, a question that names no floor is asked anew and sees the new
// state.
func TestADashboardAnswerIsReusedOnlyAtItsPosition(t *testing.T) {
	ctx := t.Context()
	models := &movingModels{}
	models.pos.Store(5)
	engine := &countingEngine{}
	engine.enterprises.Store(3)
	c := NewCachedAnalytics(engine, models, 8)
	asOf := time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)
	for range 3 {
		g, err := c.Grades(ctx, asOf, DashboardFilter{})
		if err != nil || g.Grades[0].Enterprises != 3 || !g.AsOf.Equal(asOf) {
			t.Fatalf("grades %+v, %v", g, err)
		}
	}
	if n := engine.asked.Load(); n != 1 {
		t.Fatalf("engine asked %d times at one position, want 1", n)
	}
	// Another as_of, filter or panel is another question.
	_, _ = c.Grades(ctx, asOf.Add(time.Second), DashboardFilter{})
	_, _ = c.Grades(ctx, asOf, DashboardFilter{Region: "440100"})
	_, _ = c.TopRisks(ctx, asOf, 2, DashboardFilter{})
	if n := engine.asked.Load(); n != 4 {
		t.Fatalf("engine asked %d times for four questions, want 4", n)
	}
	// An event moves the models: the answer is the engine's new one.
	engine.enterprises.Store(4)
	models.pos.Store(6)
	g, _ := c.Grades(ctx, asOf, DashboardFilter{})
	if g.Grades[0].Enterprises != 4 {
		t.Fatalf("at the new position grades %+v, want 4 enterprises", g)
	}
}

// TestWhileTheLogMovesADashboardIsComputedAtMostOncePerRefresh: a client
// that asked for no position is answered from an answer younger than
// DashboardRefresh even though the models moved; once it is older, or
// when a client asks for a position past it, the engine is asked again.
func TestWhileTheLogMovesADashboardIsComputedAtMostOncePerRefresh(t *testing.T) {
	models := &movingModels{}
	models.pos.Store(10)
	engine := &countingEngine{}
	engine.enterprises.Store(1)
	c := NewCachedAnalytics(engine, models, 8)
	clock := time.Date(2026, 3, 7, 8, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return clock }
	asOf := clock.Truncate(time.Second)
	ask := func(floor uint64) int {
		t.Helper()
		g, err := c.Grades(withFloor(t.Context(), floor), asOf, DashboardFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return g.Grades[0].Enterprises
	}
	ask(0)
	for i := range 50 {
		// A writer moves the log between every two reads.
		engine.enterprises.Store(int64(i + 2))
		models.pos.Add(1)
		clock = clock.Add(10 * time.Millisecond)
		if got := ask(0); got != 1 {
			t.Fatalf("read %d answered %d enterprises, want the first answer", i, got)
		}
	}
	if n := engine.asked.Load(); n != 1 {
		t.Fatalf("engine asked %d times within one refresh, want 1", n)
	}
	// A client that waited for a position past the answer gets a new one.
	if got := ask(models.pos.Load()); got != 51 {
		t.Fatalf("a client past the kept answer got %d enterprises, want 51", got)
	}
	// Once the answer is older than the refresh, it is computed again.
	engine.enterprises.Store(99)
	models.pos.Add(1)
	clock = clock.Add(DashboardRefresh)
	if got := ask(0); got != 99 {
		t.Fatalf("after the refresh grades answered %d, want 99", got)
	}
	if n := engine.asked.Load(); n != 3 {
		t.Fatalf("engine asked %d times, want 3", n)
	}
}

// TestAnAnswerFromBeforeTheModelsMovedIsNotKept: an answer the engine gave
// at an older position than the one kept for the same question does not
// replace it, and an answer below the position a client asked for is
// never served.
func TestAnAnswerFromBeforeTheModelsMovedIsNotKept(t *testing.T) {
	models := &movingModels{}
	models.pos.Store(7)
	c := NewCachedAnalytics(&countingEngine{}, models, 8)
	k := keyOf("grades", time.Time{}, DashboardFilter{})
	c.put(7, k, GradeDistribution{Source: "newer"})
	c.put(6, k, GradeDistribution{Source: "older"})
	v, ok := c.get(7, 7, k)
	if !ok || v.(GradeDistribution).Source != "newer" {
		t.Fatalf("kept %v, %v; want the newer position's answer", v, ok)
	}
	if _, ok := c.get(9, 8, k); ok {
		t.Fatal("an answer below the position asked for was served")
	}
}

// TestTheDashboardCacheIsBounded: however many questions, at most the
// capacity's answers are kept, the least recently asked dropped first.
func TestTheDashboardCacheIsBounded(t *testing.T) {
	ctx := t.Context()
	engine := &countingEngine{}
	c := NewCachedAnalytics(engine, &movingModels{}, 4)
	asOf := time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)
	for i := range 100 {
		_, _ = c.Grades(ctx, asOf, DashboardFilter{Region: fmt.Sprint(i)})
		_, _ = c.Grades(ctx, asOf, DashboardFilter{Region: "0"}) // kept: asked each time
	}
	if c.Len() != 4 {
		t.Fatalf("%d answers kept, want the capacity 4", c.Len())
	}
	before := engine.asked.Load()
	_, _ = c.Grades(ctx, asOf, DashboardFilter{Region: "0"})
	_, _ = c.Grades(ctx, asOf, DashboardFilter{Region: "99"})
	if engine.asked.Load() != before {
		t.Error("the most recently asked answers were dropped")
	}
	_, _ = c.Grades(ctx, asOf, DashboardFilter{Region: "1"})
	if engine.asked.Load() != before+1 {
		t.Error("an answer dropped long ago was served")
	}
}

// TestTheDashboardCacheIsSafeForConcurrentQuestions: questions from many
// goroutines while the models move always see at least the position's
// state (run with -race).
func TestTheDashboardCacheIsSafeForConcurrentQuestions(t *testing.T) {
	ctx := t.Context()
	models := &movingModels{}
	engine := &countingEngine{}
	c := NewCachedAnalytics(engine, models, 16)
	asOf := time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 200 {
			// The engine's state first, then the position, as the runner does.
			engine.enterprises.Store(int64(i + 1))
			models.pos.Store(uint64(i + 1))
		}
		close(stop)
	}()
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				pos := models.Position()
				g, err := c.Grades(ctx, asOf, DashboardFilter{Region: fmt.Sprint(w % 3)})
				if err != nil || uint64(g.Grades[0].Enterprises) < pos {
					t.Errorf("at position %d grades %+v (%v): older than the position", pos, g, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if c.Len() > 16 {
		t.Errorf("%d answers kept, capacity 16", c.Len())
	}
}
