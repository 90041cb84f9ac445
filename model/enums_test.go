package model

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Copied as text from the MISTATUS page of the Communicator 2007 reference
// (https://learn.microsoft.com/en-us/previous-versions/office/developer/communicator-client-2007/bb787207(v=office.12);
// the Windows Messenger page, https://learn.microsoft.com/en-us/previous-versions/windows/desktop/winmessenger/im-mistatus,
// has the older subset), so a typo in enums.go cannot hide behind the same
// typo here.
const mistatusReference = `
| MISTATUS_UNKNOWN | 0x0000 | | MISTATUS_OUT_OF_OFFICE | 0x0062 |
| MISTATUS_OFFLINE | 0x0001 | | MISTATUS_DO_NOT_DISTURB | 0x0072 |
| MISTATUS_ONLINE | 0x0002 | | MISTATUS_IN_A_CONFERENCE | 0x0082 |
| MISTATUS_INVISIBLE | 0x0006 | | MISTATUS_ALLOW_URGENT_INTERRUPTIONS | 0x0092 |
| MISTATUS_BUSY | 0x000A | | MISTATUS_MAY_BE_AVAILABLE | 0x00A2 |
| MISTATUS_BE_RIGHT_BACK | 0x000E | | MISTATUS_CUSTOM | 0x00B2 |
| MISTATUS_IDLE | 0x0012 | | MISTATUS_LOCAL_FINDING_SERVER | 0x0100 |
| MISTATUS_AWAY | 0x0022 | | MISTATUS_LOCAL_CONNECTING_TO_SERVER | 0x0200 |
| MISTATUS_ON_THE_PHONE | 0x0032 | | MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER | 0x0300 |
| MISTATUS_OUT_TO_LUNCH | 0x0042 | | MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER | 0x0400 |
| MISTATUS_IN_A_MEETING | 0x0052 | | | |
`

// The "Others" rows of the same section, verbatim. Parenthesised remarks
// (Windows Messenger additions) are not Communicator values and are skipped.
const otherEnumsReference = `
| MMESSENGERPROPERTY | MMESSENGERPROP_VERSION 0, MMESSENGERPROP_PLCID 1 |
| MCONTACTPROPERTY | MCONTACTPROP_INVALID_PROPERTY -1, MCONTACTPROP_GROUPS_PROPERTY 0, MCONTACTPROP_EMAIL 1 (the Windows Messenger library adds MCONTACTPROP_USERTILE_PATH 2) |
| MWINDOWPROPERTY | MWINDOWPROP_INVALID_PROPERTY -1, MWINDOWPROP_VIEW_SIDEBAR 0, MWINDOWPROP_VIEW_TOOLBAR 1 |
| MPHONE_TYPE | MPHONE_TYPE_ALL -1, MPHONE_TYPE_HOME 0, MPHONE_TYPE_WORK 1, MPHONE_TYPE_MOBILE 2, MPHONE_TYPE_CUSTOM 3 |
| MUAFOLDER | MUAFOLDER_INBOX 0, MUAFOLDER_ALL_OTHER_FOLDERS 1 |
`

type enumRow struct {
	name  string
	value int32
}

func parseMISTATUSReference(t *testing.T) []enumRow {
	t.Helper()
	re := regexp.MustCompile(`(MISTATUS_[A-Z_]+) \| 0x([0-9A-F]{4})`)
	var rows []enumRow
	for _, m := range re.FindAllStringSubmatch(mistatusReference, -1) {
		v, err := strconv.ParseInt(m[2], 16, 32)
		if err != nil {
			t.Fatalf("reference row %q: %v", m[0], err)
		}
		rows = append(rows, enumRow{m[1], int32(v)})
	}
	return rows
}

// parseOtherReference returns enum type name -> its documented members.
func parseOtherReference(t *testing.T) map[string][]enumRow {
	t.Helper()
	remark := regexp.MustCompile(`\([^)]*\)`)
	member := regexp.MustCompile(`([A-Z][A-Z_]+) (-?[0-9]+)`)
	out := map[string][]enumRow{}
	for _, line := range strings.Split(strings.TrimSpace(otherEnumsReference), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 4 {
			t.Fatalf("malformed reference line %q", line)
		}
		typ := strings.TrimSpace(cells[1])
		for _, m := range member.FindAllStringSubmatch(remark.ReplaceAllString(cells[2], ""), -1) {
			v, err := strconv.ParseInt(m[2], 10, 32)
			if err != nil {
				t.Fatalf("reference member %q: %v", m[0], err)
			}
			out[typ] = append(out[typ], enumRow{m[1], int32(v)})
		}
	}
	return out
}

// goMISTATUS lists the Go identifiers, so the test catches a constant whose
// value is wrong even if the name maps were built from the same mistake.
var goMISTATUS = map[string]MISTATUS{
	"MISTATUS_UNKNOWN":                         MISTATUS_UNKNOWN,
	"MISTATUS_OFFLINE":                         MISTATUS_OFFLINE,
	"MISTATUS_ONLINE":                          MISTATUS_ONLINE,
	"MISTATUS_INVISIBLE":                       MISTATUS_INVISIBLE,
	"MISTATUS_BUSY":                            MISTATUS_BUSY,
	"MISTATUS_BE_RIGHT_BACK":                   MISTATUS_BE_RIGHT_BACK,
	"MISTATUS_IDLE":                            MISTATUS_IDLE,
	"MISTATUS_AWAY":                            MISTATUS_AWAY,
	"MISTATUS_ON_THE_PHONE":                    MISTATUS_ON_THE_PHONE,
	"MISTATUS_OUT_TO_LUNCH":                    MISTATUS_OUT_TO_LUNCH,
	"MISTATUS_IN_A_MEETING":                    MISTATUS_IN_A_MEETING,
	"MISTATUS_OUT_OF_OFFICE":                   MISTATUS_OUT_OF_OFFICE,
	"MISTATUS_DO_NOT_DISTURB":                  MISTATUS_DO_NOT_DISTURB,
	"MISTATUS_IN_A_CONFERENCE":                 MISTATUS_IN_A_CONFERENCE,
	"MISTATUS_ALLOW_URGENT_INTERRUPTIONS":      MISTATUS_ALLOW_URGENT_INTERRUPTIONS,
	"MISTATUS_MAY_BE_AVAILABLE":                MISTATUS_MAY_BE_AVAILABLE,
	"MISTATUS_CUSTOM":                          MISTATUS_CUSTOM,
	"MISTATUS_LOCAL_FINDING_SERVER":            MISTATUS_LOCAL_FINDING_SERVER,
	"MISTATUS_LOCAL_CONNECTING_TO_SERVER":      MISTATUS_LOCAL_CONNECTING_TO_SERVER,
	"MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER": MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER,
	"MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER": MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER,
}

func TestMISTATUSReference(t *testing.T) {
	rows := parseMISTATUSReference(t)
	if len(rows) != 21 {
		t.Fatalf("parsed %d MISTATUS rows from the reference, want 21", len(rows))
	}
	if len(goMISTATUS) != len(rows) {
		t.Errorf("enums.go has %d MISTATUS constants, reference %d", len(goMISTATUS), len(rows))
	}
	for _, r := range rows {
		got, ok := goMISTATUS[r.name]
		if !ok {
			t.Errorf("%s: no Go constant", r.name)
			continue
		}
		if int32(got) != r.value {
			t.Errorf("%s = 0x%04X, reference says 0x%04X", r.name, int32(got), r.value)
		}
		s := MISTATUS(r.value)
		if s.String() != r.name {
			t.Errorf("MISTATUS(0x%04X).String() = %q, want %q", r.value, s.String(), r.name)
		}
		if !s.Valid() {
			t.Errorf("%s.Valid() = false", r.name)
		}
		short := strings.TrimPrefix(r.name, "MISTATUS_")
		for _, in := range []string{
			r.name, strings.ToLower(r.name), short, strings.ToLower(short),
			"0x" + strconv.FormatInt(int64(r.value), 16), // lower-case hex
			"0x" + strings.ToUpper(strconv.FormatInt(int64(r.value), 16)),
			strconv.Itoa(int(r.value)),
		} {
			p, ok := ParseMISTATUS(in)
			if !ok || p != s {
				t.Errorf("ParseMISTATUS(%q) = %v, %v; want %s, true", in, p, ok, r.name)
			}
		}
	}
}

func TestParseMISTATUS(t *testing.T) {
	tests := []struct {
		in     string
		want   MISTATUS
		wantOK bool
	}{
		{"MISTATUS_ONLINE", MISTATUS_ONLINE, true},
		{"online", MISTATUS_ONLINE, true},
		{"ONLINE", MISTATUS_ONLINE, true},
		{"0x0002", MISTATUS_ONLINE, true},
		{"2", MISTATUS_ONLINE, true},
		{" Away ", MISTATUS_AWAY, true},
		{"0X00a2", MISTATUS_MAY_BE_AVAILABLE, true},
		{"162", MISTATUS_MAY_BE_AVAILABLE, true},
		{"mistatus_local_finding_server", MISTATUS_LOCAL_FINDING_SERVER, true},
		{"0", MISTATUS_UNKNOWN, true},
		{"", 0, false},
		{"ONLIN", 0, false},
		{"MISTATUS_", 0, false},
		{"MISTATUS_MISTATUS_ONLINE", 0, false},
		{"3", 0, false},      // a number, but not a documented value
		{"0x1234", 0, false}, // likewise
		{"-1", 0, false},
		{"0x", 0, false},
		{"0x100000000", 0, false},
		{"on line", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseMISTATUS(tt.in)
		if ok != tt.wantOK || (ok && got != tt.want) {
			t.Errorf("ParseMISTATUS(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestMISTATUSUnknownValues(t *testing.T) {
	tests := []struct {
		s    MISTATUS
		want string
	}{
		{0x1234, "MISTATUS(0x1234)"},
		{3, "MISTATUS(0x0003)"},
		{0x0500, "MISTATUS(0x0500)"},
		{-1, "MISTATUS(-0x0001)"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
		if tt.s.Valid() {
			t.Errorf("%v.Valid() = true", tt.s)
		}
	}
}

func TestMISTATUSIsOnline(t *testing.T) {
	// Written out, not derived from the bit, so the test does not restate the code.
	online := map[MISTATUS]bool{
		MISTATUS_UNKNOWN:                         false,
		MISTATUS_OFFLINE:                         false,
		MISTATUS_ONLINE:                          true,
		MISTATUS_INVISIBLE:                       true,
		MISTATUS_BUSY:                            true,
		MISTATUS_BE_RIGHT_BACK:                   true,
		MISTATUS_IDLE:                            true,
		MISTATUS_AWAY:                            true,
		MISTATUS_ON_THE_PHONE:                    true,
		MISTATUS_OUT_TO_LUNCH:                    true,
		MISTATUS_IN_A_MEETING:                    true,
		MISTATUS_OUT_OF_OFFICE:                   true,
		MISTATUS_DO_NOT_DISTURB:                  true,
		MISTATUS_IN_A_CONFERENCE:                 true,
		MISTATUS_ALLOW_URGENT_INTERRUPTIONS:      true,
		MISTATUS_MAY_BE_AVAILABLE:                true,
		MISTATUS_CUSTOM:                          true,
		MISTATUS_LOCAL_FINDING_SERVER:            false,
		MISTATUS_LOCAL_CONNECTING_TO_SERVER:      false,
		MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER: false,
		MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER: false,
	}
	if len(online) != 21 {
		t.Fatalf("table has %d entries, want all 21 values", len(online))
	}
	for s, want := range online {
		if got := s.IsOnline(); got != want {
			t.Errorf("%v.IsOnline() = %v, want %v", s, got, want)
		}
	}
}

// enumCase adapts one enum type to a common shape so one test covers all.
type enumCase struct {
	consts map[string]int32 // Go identifier -> value
	str    func(int32) string
	parse  func(string) (int32, bool)
	prefix string
}

func adapt[E ~int32](consts map[string]E, parse func(string) (E, bool), prefix string) enumCase {
	c := enumCase{consts: map[string]int32{}, prefix: prefix}
	for n, v := range consts {
		c.consts[n] = int32(v)
	}
	c.str = func(v int32) string {
		return any(E(v)).(interface{ String() string }).String()
	}
	c.parse = func(s string) (int32, bool) {
		v, ok := parse(s)
		return int32(v), ok
	}
	return c
}

func TestOtherEnumsReference(t *testing.T) {
	cases := map[string]enumCase{
		"MMESSENGERPROPERTY": adapt(map[string]MMESSENGERPROPERTY{
			"MMESSENGERPROP_VERSION": MMESSENGERPROP_VERSION,
			"MMESSENGERPROP_PLCID":   MMESSENGERPROP_PLCID,
		}, ParseMMESSENGERPROPERTY, "MMESSENGERPROP_"),
		"MCONTACTPROPERTY": adapt(map[string]MCONTACTPROPERTY{
			"MCONTACTPROP_INVALID_PROPERTY": MCONTACTPROP_INVALID_PROPERTY,
			"MCONTACTPROP_GROUPS_PROPERTY":  MCONTACTPROP_GROUPS_PROPERTY,
			"MCONTACTPROP_EMAIL":            MCONTACTPROP_EMAIL,
		}, ParseMCONTACTPROPERTY, "MCONTACTPROP_"),
		"MWINDOWPROPERTY": adapt(map[string]MWINDOWPROPERTY{
			"MWINDOWPROP_INVALID_PROPERTY": MWINDOWPROP_INVALID_PROPERTY,
			"MWINDOWPROP_VIEW_SIDEBAR":     MWINDOWPROP_VIEW_SIDEBAR,
			"MWINDOWPROP_VIEW_TOOLBAR":     MWINDOWPROP_VIEW_TOOLBAR,
		}, ParseMWINDOWPROPERTY, "MWINDOWPROP_"),
		"MPHONE_TYPE": adapt(map[string]MPHONE_TYPE{
			"MPHONE_TYPE_ALL":    MPHONE_TYPE_ALL,
			"MPHONE_TYPE_HOME":   MPHONE_TYPE_HOME,
			"MPHONE_TYPE_WORK":   MPHONE_TYPE_WORK,
			"MPHONE_TYPE_MOBILE": MPHONE_TYPE_MOBILE,
			"MPHONE_TYPE_CUSTOM": MPHONE_TYPE_CUSTOM,
		}, ParseMPHONE_TYPE, "MPHONE_TYPE_"),
		"MUAFOLDER": adapt(map[string]MUAFOLDER{
			"MUAFOLDER_INBOX":             MUAFOLDER_INBOX,
			"MUAFOLDER_ALL_OTHER_FOLDERS": MUAFOLDER_ALL_OTHER_FOLDERS,
		}, ParseMUAFOLDER, "MUAFOLDER_"),
	}
	ref := parseOtherReference(t)
	if len(ref) != len(cases) {
		t.Fatalf("reference has %d enums, test covers %d", len(ref), len(cases))
	}
	for typ, rows := range ref {
		t.Run(typ, func(t *testing.T) {
			c, ok := cases[typ]
			if !ok {
				t.Fatalf("no Go type for %s", typ)
			}
			if len(c.consts) != len(rows) {
				t.Errorf("Go has %d constants, reference %d", len(c.consts), len(rows))
			}
			for _, r := range rows {
				got, ok := c.consts[r.name]
				if !ok {
					t.Errorf("%s: no Go constant", r.name)
					continue
				}
				if got != r.value {
					t.Errorf("%s = %d, reference says %d", r.name, got, r.value)
				}
				if s := c.str(r.value); s != r.name {
					t.Errorf("%s(%d).String() = %q, want %q", typ, r.value, s, r.name)
				}
				short := strings.TrimPrefix(r.name, c.prefix)
				for _, in := range []string{r.name, strings.ToLower(r.name), short, strings.ToLower(short), strconv.Itoa(int(r.value))} {
					if v, ok := c.parse(in); !ok || v != r.value {
						t.Errorf("Parse%s(%q) = %d, %v; want %d, true", typ, in, v, ok, r.value)
					}
				}
			}
			// A value outside the table has no name and does not parse.
			if s := c.str(42); s != typ+"(0x002A)" {
				t.Errorf("%s(42).String() = %q, want %q", typ, s, typ+"(0x002A)")
			}
			for _, in := range []string{"42", "", "bogus", c.prefix} {
				if v, ok := c.parse(in); ok {
					t.Errorf("Parse%s(%q) = %d, true; want false", typ, in, v)
				}
			}
		})
	}
}
