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
// move, the next question is asked anew and sees the new state.
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
	if c.Len() != 1 {
		t.Errorf("%d answers kept after the models moved, want only the new position's", c.Len())
	}
}

// TestAnAnswerFromBeforeTheModelsMovedIsNotKept: an answer the engine gave
// while the models moved past the position it was asked at is not kept
// under the newer position.
func TestAnAnswerFromBeforeTheModelsMovedIsNotKept(t *testing.T) {
	models := &movingModels{}
	models.pos.Store(7)
	c := NewCachedAnalytics(&countingEngine{}, models, 8)
	c.put(7, keyOf("grades", time.Time{}, DashboardFilter{Region: "a"}), GradeDistribution{})
	c.put(6, keyOf("grades", time.Time{}, DashboardFilter{}), GradeDistribution{})
	if c.Len() != 1 {
		t.Fatalf("%d answers kept, want the older position's dropped", c.Len())
	}
	if _, ok := c.get(6, keyOf("grades", time.Time{}, DashboardFilter{})); ok {
		t.Fatal("an answer at an older position was served")
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
