package sim

import "github.com/fakemessenger/fakemessenger/model"

// Forgetting a name. Loose contacts (names that are not on the list) come
// and go with every window a test opens and releases; deleting each from
// byName leaves tombstones in Go's map that make every later miss probe
// far (about 1,600 instructions for an insert and a delete on a 10-entry
// map). So a forgotten name's entry is set to nil instead, which every
// reader of byName (single-value index) already treats as absent, and the
// map is rebuilt without the nils once they are over half of it.

// byNameSweepMin is how many nils byName may hold before a sweep: a test
// cycling through a few thousand names never sweeps, and one that uses
// ever new names keeps at most this many (a variable for the tests).
var byNameSweepMin = 1 << 14

// forgetNameLocked drops key's entry if it still maps to ct. byNameNils
// counts forgets since the last count (a re-used name is not subtracted):
// the real number is counted only when it reaches byNameSweepAt, which is
// then set half the map further on, so the counting is O(1) per forget.
func (w *World) forgetNameLocked(ct *contactObj) {
	if w.byName[ct.key] != ct {
		return
	}
	w.byName[ct.key] = nil
	if w.byNameNils++; w.byNameNils < w.byNameSweepAt {
		return
	}
	nils := 0
	for _, v := range w.byName {
		if v == nil {
			nils++
		}
	}
	if nils > byNameSweepMin && nils > len(w.byName)/2 {
		m := make(map[string]*contactObj, len(w.byName)-nils)
		for k, v := range w.byName {
			if v != nil {
				m[k] = v
			}
		}
		w.byName, nils = m, 0
	}
	w.byNameNils = nils
	w.byNameSweepAt = nils + max(1024, len(w.byName)/2)
}

// contactKey is model.NormalizeSigninName for a name that passes
// CheckSigninName's character checks, with the usual name (printable
// ASCII, already lower case, no "sip:") answered in one pass; ok is false
// when the name needs the full checks.
func contactKey(s string) (key string, ok bool) {
	if len(s) == 0 || len(s) > model.MaxSigninNameLen {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7F || c >= 'A' && c <= 'Z' {
			return "", false // space, control, non-ASCII or upper case
		}
	}
	if len(s) >= 4 && (s[0] == 's' && s[1] == 'i' && s[2] == 'p' && s[3] == ':') {
		return "", false
	}
	return s, true
}
