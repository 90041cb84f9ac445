package sim_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/fakemessenger/fakemessenger/sim"
)

// FuzzParseScenario: the scenario loader never panics; what it accepts
// makes a world, and survives a JSON round trip unchanged. Seeds:
// testdata/fuzz/FuzzParseScenario.
func FuzzParseScenario(f *testing.F) {
	def, _ := json.Marshal(sim.DefaultScenario())
	f.Add(def)
	f.Add([]byte(`{"user":{"signinName":"pat@contoso.com","signedIn":false},"contacts":[{"signinName":"lee@contoso.com","status":"MISTATUS_BUSY","groups":["g"]}],"groups":["g"]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"user":{"signinName":"a@b.c"}} {}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := sim.ParseScenario(data)
		if err != nil {
			return
		}
		w, err := sim.New(sim.WithScenario(s))
		if err != nil {
			t.Fatalf("accepted scenario makes no world: %v\n%s", err, data)
		}
		w.Close()
		again, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := sim.ParseScenario(again)
		if err != nil {
			t.Fatalf("re-encoded scenario refused: %v\n%s", err, again)
		}
		// Compared as JSON: an empty list and an absent one are the same
		// scenario.
		third, _ := json.Marshal(s2)
		if !bytes.Equal(again, third) {
			t.Fatalf("round trip changed the scenario:\n%s\n%s", again, third)
		}
	})
}
