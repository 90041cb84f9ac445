//go:build race

package inspector_test

// raceEnabled: timings under the race detector are not the figures.
const raceEnabled = true
