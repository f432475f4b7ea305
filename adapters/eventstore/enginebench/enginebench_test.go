package enginebench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/traceledger/traceledger/domain/event"
)

// replayAll reads the whole log of eng.
func replayAll(t *testing.T, eng engine) []event.Record {
	t.Helper()
	var out []event.Record
	if err := eng.replay(t.Context(), func(recs []event.Record) error {
		out = append(out, recs...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkChain fails unless recs are positions 1..n with a valid hash chain.
func checkChain(t *testing.T, recs []event.Record) {
	t.Helper()
	var prev [32]byte
	for i, r := range recs {
		if r.Position != uint64(i+1) {
			t.Fatalf("record %d has position %d", i, r.Position)
		}
		if got := event.Chain(prev, r); got != r.Hash {
			t.Fatalf("position %d: stored hash does not chain: read back %+v", r.Position, r)
		}
		prev = r.Hash
	}
}

func TestRunMeasuresEveryCandidateOnATinyLedger(t *testing.T) {
	var got []string
	err := Run(t.Context(), Config{Dir: t.TempDir(), Events: 256, Writers: 8, Templates: SampleTemplates(16)}, func(r Result) {
		if r.Append.Events != 256 || r.Append.PerSec <= 0 || r.ReplayPerSec <= 0 || r.BytesPerEvent <= 0 {
			t.Errorf("%s: figures missing: %+v", r.Engine, r)
		}
		got = append(got, r.Engine)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(Names()) {
		t.Fatalf("measured %v, want %v", got, Names())
	}
}

func TestEveryCandidateReadsBackTheChainItWasGiven(t *testing.T) {
	for _, c := range candidates() {
		t.Run(c.name, func(t *testing.T) {
			eng, err := c.open(t.Context(), t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer eng.close()
			if _, err := measureAppend(t.Context(), eng, SampleTemplates(50), 8, 300); err != nil {
				t.Fatal(err)
			}
			recs := replayAll(t, eng)
			if len(recs) != 2400 {
				t.Fatalf("read %d records, want 2400", len(recs))
			}
			checkChain(t, recs)
		})
	}
}

func TestEveryCandidateRefusesAGroupWithAStoredID(t *testing.T) {
	for _, c := range candidates() {
		t.Run(c.name, func(t *testing.T) {
			eng, err := c.open(t.Context(), t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer eng.close()
			first := testGroup(1, SampleTemplates(3))
			if err := eng.commit(t.Context(), first); err != nil {
				t.Fatal(err)
			}
			again := testGroup(4, SampleTemplates(2))
			again.recs[1].ID, again.texts[1].id = first.recs[0].ID, first.texts[0].id
			if err := eng.commit(t.Context(), again); err == nil {
				t.Fatal("a group with a stored id was committed")
			}
			if recs := replayAll(t, eng); len(recs) != 3 {
				t.Fatalf("after the refused group the log has %d records, want 3", len(recs))
			}
		})
	}
}

// testGroup numbers ps from position from on one stream, unchained.
func testGroup(from uint64, ps []event.Pending) *group {
	g := &group{heads: map[string]streamHead{}, recorded: event.FormatTime(event.NormalizeTime(ps[0].Metadata.OccurredAt))}
	for i, p := range ps {
		pos := from + uint64(i)
		p.Metadata.RecordedAt, _ = event.ParseTime(g.recorded)
		g.recs = append(g.recs, event.Record{ID: p.ID, Stream: "s", Version: pos, Position: pos, Type: p.Type, Data: p.Data, Metadata: p.Metadata})
		g.texts = append(g.texts, rowText{id: p.ID.String(), occurred: event.FormatTime(p.Metadata.OccurredAt)})
		g.prev = append(g.prev, pos-1)
		g.heads["s"] = streamHead{version: pos, last: pos}
	}
	return g
}

func TestSegmentLogCutsATornLastLineOnOpenAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	log, err := openSegmentLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := measureAppend(t.Context(), log, SampleTemplates(10), 4, 50); err != nil {
		t.Fatal(err)
	}
	log.close()
	seg := filepath.Join(dir, "seg-00000000000000000001.jsonl")
	f, err := os.OpenFile(seg, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// A crash in the middle of a group's write: half a line.
	if _, err := f.WriteString(`{"crc":"00000000","position":201,"id":"01`); err != nil {
		t.Fatal(err)
	}
	f.Close()

	log, err = openSegmentLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer log.close()
	recs := replayAll(t, log)
	if len(recs) != 200 {
		t.Fatalf("after the crash the log has %d records, want the 200 committed", len(recs))
	}
	checkChain(t, recs)
	if err := log.commit(t.Context(), testGroup(201, SampleTemplates(1))); err != nil {
		t.Fatal(err)
	}
	if recs := replayAll(t, log); len(recs) != 201 || recs[200].Position != 201 {
		t.Fatalf("the next group did not follow the cut: %d records", len(recs))
	}
}

func TestSegmentLogIsJSONLinesAToolCanRead(t *testing.T) {
	dir := t.TempDir()
	log, err := openSegmentLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer log.close()
	tpl := SampleTemplates(3)
	tpl[1].Metadata.CausationID = "a \"quoted\"\tcause, 中文"
	if err := log.commit(t.Context(), testGroup(1, tpl)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "seg-00000000000000000001.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		var line struct {
			Position    uint64          `json:"position"`
			CausationID string          `json:"causation_id"`
			Data        json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %d is not JSON: %v", n+1, err)
		}
		if line.Position != uint64(n+1) || !bytes.Equal(line.Data, tpl[n].Data) || line.CausationID != tpl[n].Metadata.CausationID {
			t.Fatalf("line %d reads %+v", n+1, line)
		}
		n++
	}
	if n != 3 {
		t.Fatalf("%d lines, want 3", n)
	}
	recs := replayAll(t, log)
	if recs[1].Metadata.CausationID != tpl[1].Metadata.CausationID {
		t.Fatalf("escaped text read back as %q", recs[1].Metadata.CausationID)
	}
}

func TestSegmentLineWithAChangedByteFailsItsCRC(t *testing.T) {
	g := testGroup(1, SampleTemplates(1))
	line := appendLine(nil, &g.recs[0], g.texts[0], g.recorded)
	line = bytes.TrimSuffix(line, []byte("\n"))
	if _, err := parseLine(line); err != nil {
		t.Fatal(err)
	}
	line[len(line)-5] ^= 1
	if _, err := parseLine(line); !errors.Is(err, errBadLine) {
		t.Fatalf("a changed line parsed: %v", err)
	}
}

func TestSegmentLogReadsFromAPositionThroughTheIndex(t *testing.T) {
	log, err := openSegmentLog(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer log.close()
	if _, err := measureAppend(t.Context(), log, SampleTemplates(10), 4, 1000); err != nil {
		t.Fatal(err)
	}
	if len(log.index) != 4 {
		t.Fatalf("index has %d entries for 4000 records, want 4", len(log.index))
	}
	var got []event.Record
	if err := log.readFrom(t.Context(), 2500, func(recs []event.Record) error {
		got = append(got, recs...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1500 || got[0].Position != 2501 {
		t.Fatalf("read %d records from %d, want 1500 from 2501", len(got), got[0].Position)
	}
}
